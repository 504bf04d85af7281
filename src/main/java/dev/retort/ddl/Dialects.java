package dev.retort.ddl;

import dev.retort.model.DatabaseKind;
import org.hibernate.boot.registry.classloading.internal.ClassLoaderServiceImpl;
import org.hibernate.boot.registry.classloading.spi.ClassLoaderService;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.dialect.Dialect;
import org.hibernate.service.Service;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.descriptor.sql.spi.DdlTypeRegistry;
import org.hibernate.type.spi.TypeConfiguration;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Hibernate {@link Dialect} and its DDL type registry per database kind and server version, built lazily and
 * kept while that version is the one in use for the kind.
 *
 * <p>Without a server version the dialect is built with its no-argument constructor, as Hibernate itself does when
 * it boots with an explicit dialect and without JDBC metadata access: type names then match
 * {@code Column.getSqlType(metadata)} of such a boot. With one, it is built for that version, as Hibernate builds it
 * when connected (MariaDB 10.7+ then has {@code uuid}). In a fresh JVM the dialect costs ~0.1–0.2 s and the type
 * registry as much again (a {@link TypeConfiguration} primes all basic types; then {@code contributeTypes} registers
 * the DDL types), nearly all of it class loading; a full Hibernate boot would cost ~2.5 s. Warm, a render takes
 * ~0.1 ms.
 */
final class Dialects {

    /** What a dialect is built for; {@code version} null: Hibernate's minimum version of the dialect. */
    private record Target(DatabaseKind kind, ServerVersion version) {
    }

    /** The server version in use per kind; absent: none known. */
    private static final Map<DatabaseKind, ServerVersion> VERSIONS = new ConcurrentHashMap<>();
    // separate maps: building a type registry (slow) must not hold up a caller that only needs the dialect
    private static final Map<Target, Dialect> DIALECTS = new ConcurrentHashMap<>();
    private static final Map<Target, DdlTypeRegistry> TYPES = new ConcurrentHashMap<>();
    private static final Set<Target> PREPARING = ConcurrentHashMap.newKeySet();

    private Dialects() {
    }

    /**
     * Makes {@code version} the one used for {@code kind} from now on (null: none), dropping what was built for
     * another version of the kind. Ignored for kinds whose dialect Retort boots without the version
     * ({@link ServerVersion#appliesTo}).
     */
    static synchronized void useServerVersion(DatabaseKind kind, ServerVersion version) {
        if (!ServerVersion.appliesTo(kind)) {
            return;
        }
        ServerVersion before = version == null ? VERSIONS.remove(kind) : VERSIONS.put(kind, version);
        if (!Objects.equals(before, version)) {
            // caches are keyed by version, so a caller that read the old version still gets a matching pair
            DIALECTS.keySet().removeIf(t -> t.kind() == kind && !Objects.equals(t.version(), version));
            TYPES.keySet().removeIf(t -> t.kind() == kind && !Objects.equals(t.version(), version));
            PREPARING.removeIf(t -> t.kind() == kind && !Objects.equals(t.version(), version));
        }
    }

    /** The server version in use for {@code kind}, or null. */
    static ServerVersion serverVersion(DatabaseKind kind) {
        return VERSIONS.get(kind);
    }

    static Dialect dialect(DatabaseKind kind) {
        return dialect(current(kind));
    }

    static DdlTypeRegistry ddlTypes(DatabaseKind kind) {
        return ddlTypes(current(kind));
    }

    /**
     * The dialect and its type registry for the version in use, read once: a version change in between cannot
     * pair the dialect of one version with the types of another.
     */
    record DialectTypes(Dialect dialect, DdlTypeRegistry types) {
    }

    static DialectTypes dialectAndTypes(DatabaseKind kind) {
        Target target = current(kind);
        return new DialectTypes(dialect(target), ddlTypes(target));
    }

    /**
     * Builds the dialect and type registry of {@code kind} (for the version in use) on a daemon thread, once, so
     * that the cost (a few hundred ms of class loading in a fresh JVM) overlaps with what the caller does
     * meanwhile. A caller that needs them earlier waits for the same build, never a second one.
     */
    static void prepareInBackground(DatabaseKind kind) {
        Target target = current(kind);
        if (TYPES.containsKey(target) || !PREPARING.add(target)) return;
        Thread thread = new Thread(() -> {
            try {
                ddlTypes(target);
            } catch (RuntimeException e) {
                // the caller's own use reports it
            }
        }, "retort-dialect-" + kind.name().toLowerCase(Locale.ROOT));
        thread.setDaemon(true);
        thread.start();
    }

    private static Target current(DatabaseKind kind) {
        return new Target(kind, VERSIONS.get(kind));
    }

    private static Dialect dialect(Target target) {
        return DIALECTS.computeIfAbsent(target, Dialects::newDialect);
    }

    private static DdlTypeRegistry ddlTypes(Target target) {
        return TYPES.computeIfAbsent(target, t -> {
            TypeConfiguration types = new TypeConfiguration();
            // contributeTypes is the public way in; PostgreSQL's asks the registry for a class loader only.
            dialect(t).contributeTypes(() -> types, new ClassLoaderOnlyRegistry());
            return types.getDdlTypeRegistry();
        });
    }

    private static Dialect newDialect(Target target) {
        String name = target.kind().hibernateDialect();
        try {
            Class<?> dialect = Class.forName(name);
            if (target.version() == null) {
                return (Dialect) dialect.getConstructor().newInstance();
            }
            return (Dialect) dialect.getConstructor(DatabaseVersion.class).newInstance(target.version().toHibernate());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create Hibernate dialect " + name
                    + (target.version() == null ? "" : " for version " + target.version()), e);
        }
    }

    /** The smallest service registry a dialect's type contribution needs. */
    private static final class ClassLoaderOnlyRegistry implements ServiceRegistry {
        private final ClassLoaderService classLoaders = new ClassLoaderServiceImpl(Dialects.class.getClassLoader());

        @Override
        public ServiceRegistry getParentServiceRegistry() {
            return null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R extends Service> R getService(Class<R> role) {
            return role == ClassLoaderService.class ? (R) classLoaders : null;
        }

        @Override
        public void close() {
            classLoaders.stop();
        }
    }
}
