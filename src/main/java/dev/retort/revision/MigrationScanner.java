package dev.retort.revision;

import dev.retort.ops.Migration;
import dev.retort.ops.Revision;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Finds the revisions of a project: from the migration sources in a folder (by reading their
 * {@code @Revision} annotation as text, without compiling), or from precompiled migration classes.
 */
public final class MigrationScanner {

    private MigrationScanner() {
    }

    /**
     * The revisions defined by the {@code .java} files directly in {@code dir}, in file-name order. Every
     * such file must be a migration {@code R<id>_<slug>.java} of package {@code packageName} (or of any
     * package when {@code packageName} is null).
     */
    public static List<RevisionInfo> scan(Path dir, String packageName) {
        List<String> names = new ArrayList<>();
        for (String name : list(dir)) {
            if (name.endsWith(".java") && !name.equals("package-info.java") && !name.equals("module-info.java")) {
                names.add(name);
            }
        }
        names.sort(null);
        List<Path> files = new ArrayList<>(names.size());
        for (String name : names) {
            files.add(dir.resolve(name));
        }
        return readAll(files, packageName);
    }

    /**
     * Reads the files on several threads when there are many: on a cold JVM the reading runs mostly
     * interpreted, and spreading it over the cores is what keeps a thousand revisions fast. The error
     * reported is that of the first failing file in name order, as a sequential read would report.
     */
    private static List<RevisionInfo> readAll(List<Path> files, String packageName) {
        int threads = Math.min(Math.min(Runtime.getRuntime().availableProcessors(), 8), files.size() / 128);
        Reader reader = new Reader(files, packageName);
        if (threads <= 1) {
            reader.run();
        } else {
            Thread[] workers = new Thread[threads - 1];
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Thread(reader, "retort-scan-" + i);
                workers[i].setDaemon(true);
                workers[i].start();
            }
            reader.run();
            boolean interrupted = false;
            for (Thread worker : workers) {
                while (true) {
                    try {
                        worker.join();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        for (RuntimeException error : reader.errors) {
            if (error != null) {
                throw error;
            }
        }
        return List.of(reader.revisions);
    }

    /** Takes batches of files until none are left; shared by the threads of one scan. */
    private static final class Reader implements Runnable {
        private static final int BATCH = 32;
        private final List<Path> files;
        private final String packageName;
        private final RevisionInfo[] revisions;
        private final RuntimeException[] errors;
        private final AtomicInteger next = new AtomicInteger();

        Reader(List<Path> files, String packageName) {
            this.files = files;
            this.packageName = packageName;
            this.revisions = new RevisionInfo[files.size()];
            this.errors = new RuntimeException[files.size()];
        }

        @Override
        public void run() {
            int from;
            while ((from = next.getAndAdd(BATCH)) < files.size()) {
                int to = Math.min(from + BATCH, files.size());
                for (int i = from; i < to; i++) {
                    try {
                        revisions[i] = read(files.get(i), packageName);
                    } catch (RuntimeException e) {
                        errors[i] = e;
                    }
                }
            }
        }
    }

    /** The revision defined by one migration source file. */
    public static RevisionInfo read(Path file, String packageName) {
        return parse(file, readBytes(file), packageName);
    }

    // java.io where it can: on a cold JVM it costs half of what the NIO equivalents do
    private static String[] list(Path dir) {
        if (dir.getFileSystem() == FileSystems.getDefault()) {
            String[] names = dir.toFile().list();
            if (names == null) {
                throw new RevisionException(Files.exists(dir) ? "cannot list migrations folder " + dir
                        : "migrations folder " + dir + " does not exist");
            }
            return names;
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path file : stream) {
                names.add(file.getFileName().toString());
            }
        } catch (NoSuchFileException e) {
            throw new RevisionException("migrations folder " + dir + " does not exist");
        } catch (IOException e) {
            throw new RevisionException("cannot list migrations folder " + dir + ": " + e, e);
        }
        return names.toArray(new String[0]);
    }

    private static byte[] readBytes(Path file) {
        try {
            if (file.getFileSystem() == FileSystems.getDefault()) {
                try (FileInputStream in = new FileInputStream(file.toFile())) {
                    return in.readAllBytes();
                }
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RevisionException(file + ": cannot read: " + e, e);
        }
    }

    static RevisionInfo parse(Path file, byte[] source, String packageName) {
        String label = file.toString();
        RevisionAnnotationReader.Header header = RevisionAnnotationReader.read(label, source);
        RevisionAnnotationReader.Annotation revision = header.revision();
        if (revision == null) {
            throw new RevisionException(label + ": no @Revision annotation (every .java file in the migrations "
                    + "folder must be a migration class annotated with @dev.retort.ops.Revision)");
        }
        checkIds(label, revision.line(), revision.id(), revision.parents());
        String stem = file.getFileName().toString();
        stem = stem.substring(0, stem.length() - ".java".length());
        if (!namesRevision(stem, revision.id())) {
            throw new RevisionException(label + ": file name does not match its @Revision id '" + revision.id()
                    + "' (expected R" + revision.id() + "_<slug>.java)");
        }
        if (packageName != null && !packageName.equals(header.packageName())) {
            throw new RevisionException(label + ": declares package '" + header.packageName()
                    + "' but the migrations package is '" + packageName + "'");
        }
        String className = header.packageName().isEmpty() ? stem : qualified(header.packageName(), stem);
        return new RevisionInfo(revision.id(), revision.parents(), revision.message(), revision.created(), file,
                className, new SourceText(source));
    }

    /** {@code R<id>} or {@code R<id>_<slug>}. */
    private static boolean namesRevision(String stem, String id) {
        return stem.length() > id.length() && stem.charAt(0) == 'R' && stem.startsWith(id, 1)
                && (stem.length() == id.length() + 1 || stem.charAt(id.length() + 1) == '_');
    }

    // no string concatenation on the path every file takes: its first use is costly on a cold JVM
    private static String qualified(String packageName, String simpleName) {
        return new StringBuilder(packageName.length() + 1 + simpleName.length())
                .append(packageName).append('.').append(simpleName).toString();
    }

    /** The revisions of precompiled migration classes, as declared by their {@code @Revision}. */
    public static List<RevisionInfo> fromClasses(Collection<Class<? extends Migration>> classes) {
        List<RevisionInfo> revisions = new ArrayList<>(classes.size());
        for (Class<? extends Migration> type : classes) {
            Revision revision = type.getAnnotation(Revision.class);
            if (revision == null) {
                throw new RevisionException(type.getName() + ": no @Revision annotation");
            }
            List<String> parents = Arrays.asList(revision.parents());
            checkIds(type.getName(), 0, revision.id(), parents);
            revisions.add(new RevisionInfo(revision.id(), parents, revision.message(), revision.created(), null,
                    type.getName()));
        }
        return revisions;
    }

    /**
     * The precompiled migration classes of package {@code packageName} visible to {@code loader}, for
     * applications that ship their migrations compiled. Nested classes and abstract bases are skipped; a
     * concrete {@link Migration} without {@code @Revision} is an error.
     */
    public static List<Class<? extends Migration>> findClasses(ClassLoader loader, String packageName) {
        String path = packageName.replace('.', '/');
        Set<String> names = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(path);
            while (roots.hasMoreElements()) {
                listClasses(roots.nextElement(), path, names);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list package " + packageName, e);
        }
        List<Class<? extends Migration>> classes = new ArrayList<>();
        for (String simpleName : names) {
            String className = packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new RevisionException(className + ": cannot load: " + e, e);
            }
            if (!Migration.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            if (!type.isAnnotationPresent(Revision.class)) {
                throw new RevisionException(className + ": a Migration without @Revision annotation");
            }
            classes.add(type.asSubclass(Migration.class));
        }
        return classes;
    }

    private static void listClasses(URL root, String path, Set<String> names) throws IOException {
        if (root.getProtocol().equals("file")) {
            Path dir;
            try {
                dir = Path.of(root.toURI());
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.class")) {
                for (Path file : stream) {
                    addTopLevel(file.getFileName().toString(), names);
                }
            }
            return;
        }
        URLConnection connection = root.openConnection();
        if (connection instanceof JarURLConnection jar) {
            jar.setUseCaches(false);
            try (JarFile file = jar.getJarFile()) {
                String prefix = path.isEmpty() ? "" : path + "/";
                Set<String> seen = new HashSet<>();
                for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                    String entry = entries.nextElement().getName();
                    if (entry.startsWith(prefix) && entry.indexOf('/', prefix.length()) < 0 && seen.add(entry)) {
                        addTopLevel(entry.substring(prefix.length()), names);
                    }
                }
            }
        }
    }

    private static void addTopLevel(String fileName, Set<String> names) {
        if (fileName.endsWith(".class") && fileName.indexOf('$') < 0 && !fileName.equals("package-info.class")
                && !fileName.equals("module-info.class")) {
            names.add(fileName.substring(0, fileName.length() - ".class".length()));
        }
    }

    /** {@code line} is 0 when there is none (a class). */
    private static void checkIds(String origin, int line, String id, List<String> parents) {
        if (!RevisionId.isValid(id)) {
            throw idError(origin, line, "invalid revision id '" + id + "' (expected 12 lowercase hex digits)");
        }
        for (int i = 0; i < parents.size(); i++) {
            String parent = parents.get(i);
            if (!RevisionId.isValid(parent)) {
                throw idError(origin, line, "invalid parent revision id '" + parent + "' (expected 12 lowercase hex digits)");
            }
            if (parent.equals(id)) {
                throw idError(origin, line, "revision " + id + " names itself as its parent");
            }
            if (parents.subList(0, i).contains(parent)) {
                throw idError(origin, line, "parent " + parent + " is listed twice");
            }
        }
    }

    private static RevisionException idError(String origin, int line, String message) {
        return new RevisionException(origin + (line > 0 ? ":" + line : "") + ": " + message);
    }
}
