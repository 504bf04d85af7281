package dev.retort.metamodel;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;

/**
 * Loads the classes compiled in memory first (they are newer than any stale copy elsewhere), then the
 * class folders and jars, and leaves everything else - JPA, Hibernate - to the parent, so the
 * annotations the entities carry are the very classes Hibernate looks for.
 */
final class EntityClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> compiled;

    EntityClassLoader(URL[] urls, Map<String, byte[]> compiled, ClassLoader parent) {
        super("retort-entities", urls, parent);
        this.compiled = Map.copyOf(compiled);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        byte[] bytes = compiled.get(name);
        if (bytes == null) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }
}
