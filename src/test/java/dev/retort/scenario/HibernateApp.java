package dev.retort.scenario;

import dev.retort.metamodel.EntityClasses;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Version;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.MappingSettings;
import org.hibernate.cfg.SchemaToolingSettings;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The entities booted the way an application boots them: a real Hibernate {@link SessionFactory} on a
 * database. Used as the oracle (Hibernate's own {@code create-only} schema) and as the proof that the schema
 * Retort built works for the application (every entity persisted and read back).
 */
final class HibernateApp {

    private HibernateApp() {
    }

    /** Lets Hibernate create its own schema for the entities in the (empty) database at {@code url}. */
    static void createSchema(EntityClasses entities, Target target, String url) {
        try (SessionFactory ignored = boot(entities, target, url, "create-only")) {
            // building the factory ran the schema creation
        }
    }

    /**
     * Persists one instance of every concrete entity, filled with sample values, each in its own transaction,
     * and reads it back in a fresh session; returns what went wrong, one line per entity (empty when all went
     * well). An entity whose required reference could not be stored is reported, not tried.
     */
    static List<String> persistSamples(EntityClasses entities, Target target, String url) {
        List<String> failures = new ArrayList<>();
        try (SessionFactory sf = boot(entities, target, url, "none")) {
            Map<Class<?>, Object> stored = new LinkedHashMap<>();
            List<Class<?>> pending = new ArrayList<>(entities.classes().stream()
                    .filter(c -> c.isAnnotationPresent(jakarta.persistence.Entity.class))
                    .filter(c -> !Modifier.isAbstract(c.getModifiers())).toList());
            // entities whose required references are stored go first; the rest wait for a later pass
            while (!pending.isEmpty()) {
                Class<?> next = pending.stream().filter(c -> requiredTargets(c).stream()
                        .allMatch(t -> stored.keySet().stream().anyMatch(t::isAssignableFrom))).findFirst().orElse(null);
                if (next == null) {
                    pending.forEach(c -> failures.add(c.getSimpleName() + ": not tried, a required reference is missing"));
                    break;
                }
                pending.remove(next);
                Object entity = sample(next, stored);
                try {
                    sf.inTransaction(s -> s.persist(entity));
                    Object id = sf.getPersistenceUnitUtil().getIdentifier(entity);
                    if (sf.fromSession(s -> s.find(next, id)) == null) {
                        failures.add(next.getSimpleName() + ": stored but not found again by id " + id);
                    } else {
                        stored.put(next, entity);
                    }
                } catch (RuntimeException e) {
                    failures.add(next.getSimpleName() + ": " + rootCause(e));
                }
            }
        }
        return failures;
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage().lines().findFirst().orElse("");
    }

    private static SessionFactory boot(EntityClasses entities, Target target, String url, String action) {
        var bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(entities.classLoader()).build();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap)
                .applySetting(JdbcSettings.DIALECT, target.kind.hibernateDialect())
                .applySetting(JdbcSettings.JAKARTA_JDBC_URL, url)
                .applySetting(SchemaToolingSettings.HBM2DDL_AUTO, action)
                // on SQLite Hibernate's script has statements SQLite rejects (comment on ...): skip them there
                .applySetting(SchemaToolingSettings.HBM2DDL_HALT_ON_ERROR, target != Target.SQLITE)
                // the models name columns "user" and "select": without quoting, Hibernate's own DDL and SQL fail
                .applySetting(MappingSettings.KEYWORD_AUTO_QUOTING_ENABLED, true)
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entities.classes().forEach(sources::addAnnotatedClass);
            return sources.buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    private static List<Class<?>> requiredTargets(Class<?> type) {
        List<Class<?>> targets = new ArrayList<>();
        for (Field f : fields(type)) {
            ManyToOne many = f.getAnnotation(ManyToOne.class);
            OneToOne one = f.getAnnotation(OneToOne.class);
            if ((many != null && !many.optional()) || (one != null && one.mappedBy().isEmpty() && !one.optional())) {
                targets.add(f.getType());
            }
        }
        return targets;
    }

    private static Object sample(Class<?> type, Map<Class<?>, Object> stored) {
        Object instance = instantiate(type);
        boolean derivedId = fields(type).stream().anyMatch(f -> f.isAnnotationPresent(MapsId.class));
        for (Field f : fields(type)) {
            if (skipped(f) || (derivedId && f.isAnnotationPresent(Id.class))) {
                continue;
            }
            Object value;
            if (f.isAnnotationPresent(ManyToOne.class) || f.isAnnotationPresent(OneToOne.class)) {
                value = stored.entrySet().stream().filter(e -> f.getType().isAssignableFrom(e.getKey()))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
            } else if (f.isAnnotationPresent(ElementCollection.class)) {
                value = elementCollection(f);
            } else {
                value = value(f.getType(), f);
            }
            set(f, instance, value);
        }
        return instance;
    }

    private static boolean skipped(Field f) {
        if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) return true;
        if (f.isAnnotationPresent(Version.class) || f.isAnnotationPresent(GeneratedValue.class)) return true;
        if (f.isAnnotationPresent(OneToMany.class) || f.isAnnotationPresent(ManyToMany.class)) return true;
        OneToOne one = f.getAnnotation(OneToOne.class);
        return one != null && !one.mappedBy().isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Object elementCollection(Field f) {
        Class<?> element = (Class<?>) ((ParameterizedType) f.getGenericType()).getActualTypeArguments()[0];
        Collection<Object> values = f.getType().isAssignableFrom(ArrayList.class) ? new ArrayList<>() : new HashSet<>();
        values.add(value(element, null));
        return values;
    }

    /** A value of {@code type} that fits every column of the models (lengths, checks such as positive > 0). */
    private static Object value(Class<?> type, Field field) {
        if (type == String.class) {
            String text = field == null ? "tag" : field.getName();
            Column column = field == null ? null : field.getAnnotation(Column.class);
            int max = column == null || field.isAnnotationPresent(Lob.class) ? 255 : column.length();
            return text.substring(0, Math.min(text.length(), max));
        }
        if (type == char.class || type == Character.class) return 'c';
        if (type == boolean.class || type == Boolean.class) return true;
        if (type == byte.class || type == Byte.class) return (byte) 1;
        if (type == short.class || type == Short.class) return (short) 2;
        if (type == int.class || type == Integer.class) return 3;
        if (type == long.class || type == Long.class) return 4L;
        if (type == float.class || type == Float.class) return 1.5f;
        if (type == double.class || type == Double.class) return 2.5;
        if (type == BigDecimal.class) return new BigDecimal("1.25");
        if (type == BigInteger.class) return BigInteger.TEN;
        if (type == LocalDate.class) return LocalDate.of(2024, 2, 29);
        if (type == LocalTime.class) return LocalTime.of(10, 11, 12);
        if (type == LocalDateTime.class) return LocalDateTime.of(2024, 2, 29, 10, 11, 12);
        if (type == Instant.class) return Instant.parse("2024-02-29T10:11:12Z");
        if (type == OffsetDateTime.class) return OffsetDateTime.of(2024, 2, 29, 10, 11, 12, 0, ZoneOffset.ofHours(2));
        if (type == ZonedDateTime.class) return ZonedDateTime.of(2024, 2, 29, 10, 11, 12, 0, ZoneOffset.UTC);
        if (type == OffsetTime.class) return OffsetTime.of(10, 11, 12, 0, ZoneOffset.UTC);
        if (type == Duration.class) return Duration.ofSeconds(90);
        if (type == UUID.class) return UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        if (type == byte[].class) return new byte[]{1, 2, 3};
        if (type == java.util.Date.class) return new java.util.Date(1_700_000_000_000L);
        if (type == Year.class) return Year.of(2024);
        if (type.isEnum()) return type.getEnumConstants()[0];
        if (type.isAnnotationPresent(Embeddable.class)) return sample(type, Map.of());
        if (field != null && (field.isAnnotationPresent(Id.class) || field.isAnnotationPresent(EmbeddedId.class))) {
            throw new IllegalStateException("no sample value for the id " + field);
        }
        return null;
    }

    private static List<Field> fields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            fields.addAll(List.of(c.getDeclaredFields()));
        }
        return fields;
    }

    private static Object instantiate(Class<?> type) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + type, e);
        }
    }

    private static void set(Field f, Object instance, Object value) {
        if (value == null) {
            return;
        }
        try {
            f.setAccessible(true);
            f.set(instance, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
