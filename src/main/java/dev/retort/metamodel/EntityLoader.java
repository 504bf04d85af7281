package dev.retort.metamodel;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the mapped classes ({@code @Entity}, {@code @Embeddable}, {@code @MappedSuperclass},
 * {@code @Converter}, and annotated {@code package-info}) in the configured entity locations: folders of
 * {@code .java} sources (compiled in memory), folders of compiled classes, and jars, in any mix.
 */
public final class EntityLoader {

    private static final Set<String> MAPPED = Set.of(
            "Ljakarta/persistence/Entity;",
            "Ljakarta/persistence/Embeddable;",
            "Ljakarta/persistence/MappedSuperclass;",
            "Ljakarta/persistence/Converter;");
    private static final String LEGACY_ENTITY = "Ljavax/persistence/Entity;";
    private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private EntityLoader() {
    }

    /** All mapped classes in {@code locations}. */
    public static EntityClasses load(List<Path> locations) {
        return load(locations, List.of());
    }

    /**
     * The mapped classes in {@code locations}; when {@code packages} is not empty, only those in one of
     * these packages or their subpackages.
     *
     * @throws EntityLoadException when a location is missing, a source does not compile, or a class
     *                             cannot be loaded; the message is one line naming the file
     */
    public static EntityClasses load(List<Path> locations, List<String> packages) {
        return load(locations, packages, null);
    }

    /**
     * As {@link #load(List, List)}, keeping the classes compiled from sources in {@code compileCache} (a
     * folder outside the project, such as {@code ~/.cache/retort/entities}; null for none), so that the
     * next run over the same sources skips the compiler.
     */
    public static EntityClasses load(List<Path> locations, List<String> packages, Path compileCache) {
        List<Path> sources = new ArrayList<>();
        List<Path> sourceRoots = new ArrayList<>();
        List<Path> classRoots = new ArrayList<>();
        List<Found> found = new ArrayList<>();
        for (Path location : locations) {
            scanLocation(location, sources, sourceRoots, classRoots, found);
        }
        Map<String, byte[]> compiled = Map.of();
        List<Path> selected = selectSources(sources, packages);
        if (!selected.isEmpty()) {
            var job = new SourceCompiler.Job(selected, sourceRoots, compileClassPath(classRoots));
            compiled = compileCache == null ? SourceCompiler.compile(job) : new CompiledClassCache(compileCache).compile(job);
            for (Map.Entry<String, byte[]> e : compiled.entrySet()) {
                found.add(new Found(header(e.getValue(), e.getKey()), null, e.getKey() + " (compiled from sources)", null));
            }
        }

        TreeMap<String, Found> mapped = new TreeMap<>();
        for (Found f : found) {
            String name = f.header().className();
            if (!inPackages(name, packages)) {
                continue;
            }
            if (f.header().hasAnnotation(LEGACY_ENTITY)) {
                throw new EntityLoadException(f.origin() + " is annotated javax.persistence.Entity; Hibernate 7 reads only "
                        + "jakarta.persistence annotations (replace the javax.persistence imports)");
            }
            if (isMapped(f.header())) {
                mapped.putIfAbsent(name, f);
            }
        }

        // The mapped classes of folders and jars are defined from the bytes just read rather than read again through
        // the class path (see EntityClassLoader)
        Map<String, byte[]> classRootBytes = new HashMap<>();
        Set<String> entityPackages = new HashSet<>();
        for (Found f : mapped.values()) {
            String name = f.header().className();
            if (f.bytes() != null && name.equals(f.expectedName()) && !compiled.containsKey(name)) {
                classRootBytes.put(name, f.bytes());
            }
            int dot = name.lastIndexOf('.');
            entityPackages.add(dot < 0 ? "" : name.substring(0, dot));
        }
        EntityClassLoader loader = new EntityClassLoader(urls(classRoots), compiled, classRootBytes, entityPackages,
                EntityLoader.class.getClassLoader());
        List<Class<?>> classes = new ArrayList<>(mapped.size());
        try {
            for (Found f : mapped.values()) {
                if (f.expectedName() != null && !f.expectedName().equals(f.header().className())) {
                    throw new EntityLoadException(f.origin() + " holds class " + f.header().className()
                            + "; a class folder in 'entities' must be the root of its package tree (like target/classes)");
                }
                classes.add(loadClass(f, loader));
            }
        } catch (RuntimeException e) {
            closeQuietly(loader, e);
            throw e;
        }
        return new EntityClasses(loader, classes);
    }

    /** A class file and where it came from. {@code expectedName} is the name its path implies, if any. */
    private record Found(ClassFileHeader header, String expectedName, String origin, byte[] bytes) {
    }

    private static void scanLocation(Path location, List<Path> sources, List<Path> sourceRoots, List<Path> classRoots,
                                     List<Found> found) {
        if (!Files.exists(location)) {
            throw new EntityLoadException("Entity location does not exist: " + location);
        }
        String fileName = location.getFileName() == null ? "" : location.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (Files.isDirectory(location)) {
                scanFolder(location, sources, sourceRoots, classRoots, found);
            } else if (fileName.endsWith(".jar") || fileName.endsWith(".zip")) {
                classRoots.add(location);
                scanJar(location, found);
            } else if (fileName.endsWith(".java")) {
                sources.add(location);
            } else {
                throw new EntityLoadException("Entity location is neither a folder, a jar nor a .java file: " + location);
            }
        } catch (IOException e) {
            throw new EntityLoadException("Cannot read entity location " + location + ": " + e.getMessage(), e);
        }
    }

    private static void scanFolder(Path folder, List<Path> sources, List<Path> sourceRoots, List<Path> classRoots,
                                   List<Found> found) throws IOException {
        List<Path> classFiles = new ArrayList<>();
        int sourcesBefore = sources.size();
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile).forEach(p -> {
                String name = p.getFileName().toString();
                if (name.endsWith(".java")) {
                    sources.add(p);
                } else if (name.endsWith(".class") && !name.equals("module-info.class")) {
                    classFiles.add(p);
                }
            });
        }
        if (sources.size() > sourcesBefore) {
            sourceRoots.add(folder);
        }
        if (classFiles.isEmpty()) {
            return;
        }
        classRoots.add(folder);
        for (Path file : classFiles) {
            String relative = folder.relativize(file).toString().replace(File.separatorChar, '/');
            byte[] bytes = Files.readAllBytes(file);
            found.add(new Found(header(bytes, file.toString()), binaryName(relative), file.toString(), bytes));
        }
    }

    private static void scanJar(Path jar, List<Found> found) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : (Iterable<JarEntry>) file.stream()::iterator) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.endsWith(".class") || name.startsWith("META-INF/")
                        || name.endsWith("module-info.class")) {
                    continue;
                }
                try (InputStream in = file.getInputStream(entry)) {
                    String origin = jar + "!/" + name;
                    byte[] bytes = in.readAllBytes();
                    found.add(new Found(header(bytes, origin), binaryName(name), origin, bytes));
                }
            }
        }
    }

    private static ClassFileHeader header(byte[] bytes, String origin) {
        try {
            return ClassFileHeader.read(bytes);
        } catch (IOException | RuntimeException e) {
            throw new EntityLoadException("Cannot read class file " + origin + ": " + e.getMessage(), e);
        }
    }

    private static String binaryName(String relativePath) {
        return relativePath.substring(0, relativePath.length() - ".class".length()).replace('/', '.');
    }

    private static boolean isMapped(ClassFileHeader header) {
        if (header.className().endsWith(".package-info")) {
            // package-level generators, converters and type registrations
            return header.annotationDescriptors().stream()
                    .anyMatch(d -> d.startsWith("Ljakarta/persistence/") || d.startsWith("Lorg/hibernate/annotations/"));
        }
        return header.annotationDescriptors().stream().anyMatch(MAPPED::contains);
    }

    /**
     * The sources to compile: all of them, or with packages given, those declaring one of the packages.
     * The others stay on javac's source path, compiled only if a selected source needs them, so that
     * pointing 'entities' at a whole source tree does not compile controllers against a missing web stack.
     */
    private static List<Path> selectSources(List<Path> sources, List<String> packages) {
        List<Path> selected = new ArrayList<>();
        for (Path source : sources) {
            if (packages == null || packages.isEmpty() || inPackage(declaredPackage(source), packages)) {
                selected.add(source);
            }
        }
        selected.sort(Comparator.naturalOrder());
        return selected;
    }

    private static String declaredPackage(Path source) {
        String text;
        try {
            text = new String(Files.readAllBytes(source), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EntityLoadException("Cannot read entity source " + source + ": " + e.getMessage(), e);
        }
        Matcher m = PACKAGE.matcher(COMMENT.matcher(text).replaceAll(" "));
        return m.find() ? m.group(1) : "";
    }

    private static boolean inPackages(String className, List<String> packages) {
        if (packages == null || packages.isEmpty()) {
            return true;
        }
        int dot = className.lastIndexOf('.');
        return inPackage(dot < 0 ? "" : className.substring(0, dot), packages);
    }

    private static boolean inPackage(String pkg, List<String> packages) {
        for (String p : packages) {
            String wanted = p.strip();
            if (pkg.equals(wanted) || pkg.startsWith(wanted + ".")) {
                return true;
            }
        }
        return false;
    }

    private static Class<?> loadClass(Found f, ClassLoader loader) {
        String name = f.header().className();
        try {
            return Class.forName(name, false, loader);
        } catch (NoClassDefFoundError e) {
            throw new EntityLoadException("Cannot load entity class " + name + ": it needs "
                    + String.valueOf(e.getMessage()).replace('/', '.')
                    + ", which is not on the class path; add the jar or folder that holds it to 'entities'", e);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new EntityLoadException("Cannot load entity class " + name + " from " + f.origin() + ": " + e, e);
        }
    }

    /**
     * The class path javac compiles entity sources against: the running JVM's, the jars that hold the JPA
     * and Hibernate annotations (the JVM class path does not name them when Retort runs inside a build
     * tool), and the class folders and jars among the entity locations.
     */
    private static List<Path> compileClassPath(List<Path> classRoots) {
        Set<Path> path = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                path.add(Path.of(entry));
            }
        }
        for (Class<?> anchor : List.of(jakarta.persistence.Entity.class, org.hibernate.annotations.OnDelete.class)) {
            CodeSource source = anchor.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                try {
                    path.add(Path.of(source.getLocation().toURI()));
                } catch (Exception ignored) {
                    // a code source that is not a file (a custom class loader) cannot go on javac's path
                }
            }
        }
        path.addAll(classRoots);
        return List.copyOf(path);
    }

    private static URL[] urls(List<Path> classRoots) {
        URL[] urls = new URL[classRoots.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = classRoots.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new EntityLoadException("Bad entity location " + classRoots.get(i) + ": " + e.getMessage(), e);
            }
        }
        return urls;
    }

    private static void closeQuietly(EntityClassLoader loader, Exception cause) {
        try {
            loader.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
