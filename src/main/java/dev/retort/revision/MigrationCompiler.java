package dev.retort.revision;

import dev.retort.ops.Migration;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compiles migration sources in memory with the JDK's compiler (nothing is written to the user's tree)
 * and keeps the bytecode in a cache folder, keyed by the source text, the Retort build and the Java
 * version, so that a warm run loads classes without starting javac. Sources missing from the cache are
 * compiled together in one javac run.
 *
 * <p>The cache is not invalidated by changes to application classes a migration uses; a migration that
 * inlines an application constant keeps the old value until its own source changes.
 */
public final class MigrationCompiler {

    private static final int CACHE_FORMAT = 0x52544331; // "RTC1"

    private final Path cacheDir;
    private final ClassLoader parent;
    private final List<Path> classpath;
    private final AtomicInteger javacRuns = new AtomicInteger();
    private String toolchain;

    /** A compiler caching in {@code cacheDir} (null: no cache), for the running application's classpath. */
    public MigrationCompiler(Path cacheDir) {
        this(cacheDir, defaultParent(), List.of());
    }

    /**
     * A compiler caching in {@code cacheDir} (null: no cache) whose classes see {@code parent}, compiling
     * against the running classpath, Retort's own jar, the {@code file:} URLs of {@code parent} and
     * {@code extraClasspath} (for hosts such as build plugins whose class loaders are not the JVM's).
     */
    public MigrationCompiler(Path cacheDir, ClassLoader parent, List<Path> extraClasspath) {
        this.cacheDir = cacheDir;
        this.parent = parent;
        this.classpath = classpath(parent, extraClasspath);
    }

    /**
     * Where compiled migrations are cached by default: {@code $RETORT_CACHE_DIR}, else
     * {@code $XDG_CACHE_HOME/retort}, else {@code %LOCALAPPDATA%\retort} on Windows, else
     * {@code ~/.cache/retort}.
     */
    public static Path defaultCacheDir() {
        String explicit = System.getenv("RETORT_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "retort");
        }
        String localAppData = System.getenv("LOCALAPPDATA");
        if (localAppData != null && !localAppData.isBlank()
                && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return Path.of(localAppData, "retort");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "retort");
    }

    /** How many times this compiler has run javac. */
    public int javacRuns() {
        return javacRuns.get();
    }

    /**
     * The classes of {@code revisions}, compiled from their sources (or taken from the cache). Revisions
     * without a source are loaded from the parent class loader.
     */
    public MigrationClasses compile(Collection<RevisionInfo> revisions) {
        Map<String, byte[]> classes = new HashMap<>();
        List<Unit> missing = new ArrayList<>();
        MessageDigest digest = sha256();
        for (RevisionInfo revision : revisions) {
            if (revision.source() == null) {
                continue;
            }
            byte[] source;
            try {
                source = revision.sourceBytes();
            } catch (IOException e) {
                throw new RevisionException(revision.source() + ": cannot read: " + e, e);
            }
            String key = cacheKey(digest, revision, source);
            Map<String, byte[]> cached = readCache(key);
            if (cached != null) {
                classes.putAll(cached);
            } else {
                missing.add(new Unit(revision, source, key));
            }
        }
        if (!missing.isEmpty()) {
            Map<Unit, Map<String, byte[]>> compiled = javac(missing);
            for (Map.Entry<Unit, Map<String, byte[]>> entry : compiled.entrySet()) {
                classes.putAll(entry.getValue());
                writeCache(entry.getKey().key, entry.getValue());
            }
        }
        return new MigrationClasses(new CompiledClassLoader(classes, parent), revisions);
    }

    private record Unit(RevisionInfo revision, byte[] source, String key) {
    }

    // ---------------------------------------------------------------- javac

    private Map<Unit, Map<String, byte[]>> javac(List<Unit> units) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new RevisionException("no Java compiler available: Retort compiles migrations with javac, so it "
                    + "must run on a JDK (not a JRE) - or ship the migrations precompiled");
        }
        javacRuns.incrementAndGet();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<JavaFileObject, Unit> sources = new IdentityHashMap<>();
        Map<String, Unit> byClassName = new HashMap<>();
        for (Unit unit : units) {
            sources.put(new SourceFile(unit), unit);
            byClassName.put(unit.revision.className(), unit);
        }
        Map<Unit, Map<String, byte[]>> output = new LinkedHashMap<>();
        for (Unit unit : units) {
            output.put(unit, new LinkedHashMap<>());
        }
        try (StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            standard.setLocationFromPaths(StandardLocation.CLASS_PATH, classpath);
            ForwardingJavaFileManager<StandardJavaFileManager> memory = new ForwardingJavaFileManager<>(standard) {
                @Override
                public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                           FileObject sibling) {
                    Unit unit = sources.get(sibling);
                    if (unit == null) {
                        int nested = className.indexOf('$');
                        unit = byClassName.get(nested < 0 ? className : className.substring(0, nested));
                    }
                    if (unit == null) {
                        throw new IllegalStateException("javac wrote " + className + " for no known source");
                    }
                    return new ClassFile(className, output.get(unit));
                }
            };
            List<String> options = List.of("-proc:none", "-g", "-encoding", "UTF-8", "-Xlint:none", "-nowarn",
                    "-implicit:none");
            StringWriter noise = new StringWriter();
            boolean ok = compiler.getTask(noise, memory, diagnostics, options, null, sources.keySet()).call();
            if (!ok) {
                throw compileError(diagnostics.getDiagnostics(), sources, noise.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output;
    }

    private static RevisionException compileError(List<Diagnostic<? extends JavaFileObject>> diagnostics,
                                                  Map<JavaFileObject, Unit> sources, String noise) {
        List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
        if (errors.isEmpty()) {
            return new RevisionException("compiling migrations failed: " + noise.strip().replace('\n', ' '));
        }
        Diagnostic<? extends JavaFileObject> first = errors.get(0);
        Unit unit = first.getSource() == null ? null : sources.get(first.getSource());
        String where = unit != null ? unit.revision.source().toString()
                : first.getSource() != null ? first.getSource().getName() : "javac";
        String message = String.join("; ", first.getMessage(Locale.ROOT).lines().map(String::strip)
                .filter(line -> !line.isEmpty()).toList());
        String more = errors.size() == 1 ? "" : " (and " + (errors.size() - 1) + " more error"
                + (errors.size() == 2 ? "" : "s") + ")";
        return new RevisionException(where + (first.getLineNumber() > 0 ? ":" + first.getLineNumber() : "") + ": "
                + message + more);
    }

    /** A source held in memory (the bytes that were hashed), named by its real path for diagnostics. */
    private static final class SourceFile extends SimpleJavaFileObject {
        private final Unit unit;

        SourceFile(Unit unit) {
            super(unit.revision.source().toUri(), Kind.SOURCE);
            this.unit = unit;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) throws CharacterCodingException {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(ignoreEncodingErrors ? CodingErrorAction.REPLACE : CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(unit.source));
        }

        @Override
        public String getName() {
            return unit.revision.source().toString();
        }
    }

    private static final class ClassFile extends SimpleJavaFileObject {
        private final String className;
        private final Map<String, byte[]> sink;

        ClassFile(String className, Map<String, byte[]> sink) {
            super(java.net.URI.create("memory:///" + className.replace('.', '/') + ".class"), Kind.CLASS);
            this.className = className;
            this.sink = sink;
        }

        @Override
        public OutputStream openOutputStream() {
            return new ByteArrayOutputStream() {
                @Override
                public void close() {
                    sink.put(className, toByteArray());
                }
            };
        }
    }

    /** Child-first for the compiled classes, so stale copies of migrations on the classpath are not used. */
    private static final class CompiledClassLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        CompiledClassLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super("retort-migrations", parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!classes.containsKey(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> type = findLoadedClass(name);
                if (type == null) {
                    byte[] bytes = classes.get(name);
                    type = defineClass(name, bytes, 0, bytes.length);
                }
                if (resolve) {
                    resolveClass(type);
                }
                return type;
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            throw new ClassNotFoundException(name);
        }
    }

    // ---------------------------------------------------------------- cache

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code digest} is reused across sources (digest() resets it): looking one up costs more than hashing. */
    private String cacheKey(MessageDigest digest, RevisionInfo revision, byte[] source) {
        digest.update(toolchain().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(revision.className().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(source);
        return HexFormat.of().formatHex(digest.digest());
    }

    private Path cacheFile(String key) {
        return cacheDir.resolve("classes").resolve(key.substring(0, 2)).resolve(key + ".bin");
    }

    /** The cached classes of a source, or null when absent or unreadable (then it is simply compiled again). */
    private Map<String, byte[]> readCache(String key) {
        if (cacheDir == null) {
            return null;
        }
        Path file = cacheFile(key);
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != CACHE_FORMAT) {
                return null;
            }
            int count = in.readInt();
            Map<String, byte[]> classes = new HashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                classes.put(name, bytes);
            }
            return classes;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Best effort: a cache that cannot be written only costs a compile next time. */
    private void writeCache(String key, Map<String, byte[]> classes) {
        if (cacheDir == null) {
            return;
        }
        Path file = cacheFile(key);
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), key, ".tmp");
            try {
                try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(
                        Files.newOutputStream(temp)))) {
                    out.writeInt(CACHE_FORMAT);
                    out.writeInt(classes.size());
                    for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
                        out.writeUTF(entry.getKey());
                        out.writeInt(entry.getValue().length);
                        out.write(entry.getValue());
                    }
                }
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | RuntimeException ignored) {
            // no cache this time
        }
    }

    /**
     * What compiled bytecode depends on besides the source: Retort's API (its version and the identity of
     * the jar or class folder it comes from) and the Java version that compiled it.
     */
    private String toolchain() {
        if (toolchain == null) {
            StringBuilder id = new StringBuilder("retort ")
                    .append(Migration.class.getPackage().getImplementationVersion())
                    .append("|java ").append(Runtime.version())
                    .append(' ').append(System.getProperty("java.vm.vendor"));
            Path home = codeSource(Migration.class);
            if (home != null) {
                id.append('|').append(home.toAbsolutePath());
                try {
                    if (Files.isRegularFile(home)) {
                        id.append('|').append(Files.size(home)).append('|').append(Files.getLastModifiedTime(home).toMillis());
                    } else if (Files.isDirectory(home)) {
                        // a development build: the API classes themselves change
                        for (String api : List.of("dev/retort/ops", "dev/retort/model")) {
                            Path dir = home.resolve(api);
                            if (Files.isDirectory(dir)) {
                                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.class")) {
                                    for (Path file : files) {
                                        id.append('|').append(file.getFileName()).append('@')
                                                .append(Files.getLastModifiedTime(file).toMillis());
                                    }
                                }
                            }
                        }
                    }
                } catch (IOException e) {
                    id.append("|unreadable");
                }
            }
            toolchain = id.toString();
        }
        return toolchain;
    }

    // ---------------------------------------------------------------- classpath

    private static ClassLoader defaultParent() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            try {
                if (Class.forName(Migration.class.getName(), false, context) == Migration.class) {
                    return context;
                }
            } catch (ClassNotFoundException | LinkageError ignored) {
                // the context loader does not see Retort: use Retort's own
            }
        }
        return Migration.class.getClassLoader();
    }

    private static List<Path> classpath(ClassLoader parent, List<Path> extra) {
        Set<Path> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry));
            }
        }
        Path retort = codeSource(Migration.class);
        if (retort != null) {
            entries.add(retort);
        }
        for (ClassLoader loader = parent; loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if (url.getProtocol().equals("file")) {
                        try {
                            entries.add(Path.of(url.toURI()));
                        } catch (URISyntaxException | IllegalArgumentException ignored) {
                            // not a plain file: javac could not read it anyway
                        }
                    }
                }
            }
        }
        entries.addAll(extra);
        entries.removeIf(path -> !Files.exists(path));
        return List.copyOf(entries);
    }

    private static Path codeSource(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null || !source.getLocation().getProtocol().equals("file")) {
                return null;
            }
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
