package dev.retort.metamodel;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.Set;

/**
 * Loads the classes compiled in memory first (they are newer than any stale copy elsewhere), then the
 * class folders and jars, and leaves everything else - JPA, Hibernate - to the parent, so the
 * annotations the entities carry are the very classes Hibernate looks for.
 *
 * <p>Two shortcuts keep a model of a thousand entities from paying for class lookups per entity. The mapped
 * classes of the folders and jars come with the bytes {@link EntityLoader} has already read, and are defined from
 * them (after the parent, as a {@link URLClassLoader} would) instead of being read again. And an entity package
 * without a {@code package-info} gets an empty one: Hibernate looks for package-level annotations of every entity,
 * once per kind of annotation, and each miss is a failed lookup through every class loader it knows, which cost
 * about a tenth of autogenerate's time at 1,000 entities.
 */
final class EntityClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String PACKAGE_INFO = ".package-info";

    private final Map<String, byte[]> compiled;
    private final Map<String, byte[]> classRootBytes;
    private final Set<String> entityPackages;

    /**
     * @param compiled       classes compiled from sources, defined here before anything else is asked
     * @param classRootBytes classes of the folders and jars in {@code urls}, already read, defined after the parent
     * @param entityPackages the packages of the mapped classes, which get an empty {@code package-info} if they lack one
     */
    EntityClassLoader(URL[] urls, Map<String, byte[]> compiled, Map<String, byte[]> classRootBytes,
                      Set<String> entityPackages, ClassLoader parent) {
        super("retort-entities", urls, parent);
        this.compiled = Map.copyOf(compiled);
        this.classRootBytes = Map.copyOf(classRootBytes);
        this.entityPackages = Set.copyOf(entityPackages);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        byte[] bytes = compiled.get(name);
        if (bytes == null) {
            try {
                return super.loadClass(name, resolve);
            } catch (ClassNotFoundException e) {
                bytes = classRootBytes.get(name);
                if (bytes == null && isMissingPackageInfo(name)) {
                    bytes = emptyPackageInfo(name);
                }
                if (bytes == null) {
                    throw e;
                }
            }
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

    /** URLClassLoader's own lookup, except for the classes whose bytes are at hand. */
    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (classRootBytes.containsKey(name)) {
            throw new ClassNotFoundException(name); // loadClass defines it
        }
        return super.findClass(name);
    }

    private boolean isMissingPackageInfo(String name) {
        return name.endsWith(PACKAGE_INFO)
                && entityPackages.contains(name.substring(0, name.length() - PACKAGE_INFO.length()));
    }

    /** What javac writes for a {@code package-info.java} without annotations: a synthetic, empty interface. */
    static byte[] emptyPackageInfo(String name) {
        byte[] internal = name.replace('.', '/').getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] object = "java/lang/Object".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);          // minor version
            out.writeShort(52);         // major version: Java 8
            out.writeShort(5);          // constant pool: 4 entries
            out.writeByte(1);           // #1 Utf8 this class
            out.writeShort(internal.length);
            out.write(internal);
            out.writeByte(7);           // #2 Class #1
            out.writeShort(1);
            out.writeByte(1);           // #3 Utf8 java/lang/Object
            out.writeShort(object.length);
            out.write(object);
            out.writeByte(7);           // #4 Class #3
            out.writeShort(3);
            out.writeShort(0x1600);     // ACC_INTERFACE | ACC_ABSTRACT | ACC_SYNTHETIC
            out.writeShort(2);          // this class
            out.writeShort(4);          // super class
            out.writeShort(0);          // interfaces
            out.writeShort(0);          // fields
            out.writeShort(0);          // methods
            out.writeShort(0);          // attributes
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
