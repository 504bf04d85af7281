package dev.retort.revision;

import dev.retort.ops.Migration;
import dev.retort.ops.Revision;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The migration classes of some revisions, loaded on demand from one class loader: the one that holds
 * freshly compiled sources ({@link MigrationCompiler}), or an application's own for precompiled
 * migrations ({@link #of}). Classes are loaded only when asked for, so a plan of three steps loads three.
 */
public final class MigrationClasses {

    private final ClassLoader loader;
    private final Map<String, RevisionInfo> revisions;
    private final Map<String, Class<? extends Migration>> loaded = new ConcurrentHashMap<>();

    MigrationClasses(ClassLoader loader, Collection<RevisionInfo> revisions) {
        this.loader = loader;
        Map<String, RevisionInfo> byId = new LinkedHashMap<>();
        for (RevisionInfo revision : revisions) {
            byId.put(revision.id(), revision);
        }
        this.revisions = Collections.unmodifiableMap(byId);
    }

    /** Precompiled migrations: {@code revisions}' classes are loaded by name from {@code loader}. */
    public static MigrationClasses of(ClassLoader loader, Collection<RevisionInfo> revisions) {
        return new MigrationClasses(loader, revisions);
    }

    public ClassLoader classLoader() {
        return loader;
    }

    /** The revision ids this holds classes for. */
    public Set<String> ids() {
        return revisions.keySet();
    }

    /** The migration class of revision {@code id}, checked to extend Migration and carry the same id. */
    public Class<? extends Migration> get(String id) {
        return loaded.computeIfAbsent(id, this::load);
    }

    /** A new instance of the migration class of revision {@code id}. */
    public Migration instantiate(String id) {
        Class<? extends Migration> type = get(id);
        RevisionInfo revision = revisions.get(id);
        try {
            Constructor<? extends Migration> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new RevisionException(revision.origin() + ": " + type.getName() + " needs a no-argument constructor");
        } catch (InvocationTargetException e) {
            throw new RevisionException(revision.origin() + ": constructing " + type.getName() + " failed: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new RevisionException(revision.origin() + ": cannot instantiate " + type.getName() + ": " + e, e);
        }
    }

    /** Every class, loading them all, by revision id. */
    public Map<String, Class<? extends Migration>> all() {
        Map<String, Class<? extends Migration>> all = new LinkedHashMap<>();
        for (String id : revisions.keySet()) {
            all.put(id, get(id));
        }
        return Collections.unmodifiableMap(all);
    }

    private Class<? extends Migration> load(String id) {
        RevisionInfo revision = revisions.get(id);
        if (revision == null) {
            throw new RevisionException("no migration class is loaded for revision " + id);
        }
        Class<?> type;
        try {
            type = Class.forName(revision.className(), false, loader);
        } catch (ClassNotFoundException e) {
            throw new RevisionException(revision.origin() + ": class " + revision.className() + " not found");
        } catch (LinkageError e) {
            throw new RevisionException(revision.origin() + ": cannot load " + revision.className() + ": " + e, e);
        }
        if (!Migration.class.isAssignableFrom(type)) {
            throw new RevisionException(revision.origin() + ": " + type.getName() + " does not extend "
                    + Migration.class.getName());
        }
        Revision annotation = type.getAnnotation(Revision.class);
        if (annotation == null || !annotation.id().equals(id)) {
            throw new RevisionException(revision.origin() + ": class " + type.getName() + " is not annotated "
                    + "@Revision(id = \"" + id + "\")" + (annotation == null ? "" : " but id = \"" + annotation.id() + "\""));
        }
        return type.asSubclass(Migration.class);
    }
}
