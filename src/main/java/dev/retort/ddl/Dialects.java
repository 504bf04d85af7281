package dev.retort.ddl;

import dev.retort.model.DatabaseKind;
import org.hibernate.boot.registry.classloading.internal.ClassLoaderServiceImpl;
import org.hibernate.boot.registry.classloading.spi.ClassLoaderService;
import org.hibernate.dialect.Dialect;
import org.hibernate.service.Service;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.descriptor.sql.spi.DdlTypeRegistry;
import org.hibernate.type.spi.TypeConfiguration;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Hibernate {@link Dialect} and its DDL type registry per database kind, built lazily and once per JVM.
 *
 * <p>The dialect is built with its no-argument constructor, as Hibernate itself does when it boots with an
 * explicit dialect and without JDBC metadata access: type names then match {@code Column.getSqlType(metadata)}
 * of such a boot. In a fresh JVM the dialect costs ~0.1–0.2 s and the type registry as much again (a
 * {@link TypeConfiguration} primes all basic types; then {@code contributeTypes} registers the DDL types),
 * nearly all of it class loading; a full Hibernate boot would cost ~2.5 s. Warm, a render takes ~0.1 ms.
 */
final class Dialects {

    // separate maps: building a type registry (slow) must not hold up a caller that only needs the dialect
    private static final Map<DatabaseKind, Dialect> DIALECTS = new ConcurrentHashMap<>();
    private static final Map<DatabaseKind, DdlTypeRegistry> TYPES = new ConcurrentHashMap<>();
    private static final Set<DatabaseKind> PREPARING = ConcurrentHashMap.newKeySet();

    private Dialects() {
    }

    static Dialect dialect(DatabaseKind kind) {
        return DIALECTS.computeIfAbsent(kind, Dialects::newDialect);
    }

    static DdlTypeRegistry ddlTypes(DatabaseKind kind) {
        return TYPES.computeIfAbsent(kind, k -> {
            TypeConfiguration types = new TypeConfiguration();
            // contributeTypes is the public way in; PostgreSQL's asks the registry for a class loader only.
            dialect(k).contributeTypes(() -> types, new ClassLoaderOnlyRegistry());
            return types.getDdlTypeRegistry();
        });
    }

    /**
     * Builds the dialect and type registry of {@code kind} on a daemon thread, once per JVM, so that the cost (a
     * few hundred ms of class loading in a fresh JVM) overlaps with what the caller does meanwhile. A caller
     * that needs them earlier waits for the same build, never a second one.
     */
    static void prepareInBackground(DatabaseKind kind) {
        if (TYPES.containsKey(kind) || !PREPARING.add(kind)) return;
        Thread thread = new Thread(() -> {
            try {
                ddlTypes(kind);
            } catch (RuntimeException e) {
                // the caller's own use reports it
            }
        }, "retort-dialect-" + kind.name().toLowerCase(java.util.Locale.ROOT));
        thread.setDaemon(true);
        thread.start();
    }

    private static Dialect newDialect(DatabaseKind kind) {
        try {
            return (Dialect) Class.forName(kind.hibernateDialect()).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create Hibernate dialect " + kind.hibernateDialect(), e);
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
