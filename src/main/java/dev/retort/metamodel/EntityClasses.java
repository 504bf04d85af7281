package dev.retort.metamodel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The mapped classes found in the configured entity locations, sorted by name, and the class loader
 * they were loaded with. Close it to release the jars it holds open.
 */
public record EntityClasses(ClassLoader classLoader, List<Class<?>> classes) implements AutoCloseable {

    public EntityClasses {
        classes = List.copyOf(classes);
    }

    @Override
    public void close() {
        if (classLoader instanceof EntityClassLoader own) {
            try {
                own.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
