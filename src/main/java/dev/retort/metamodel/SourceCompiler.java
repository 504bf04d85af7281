package dev.retort.metamodel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles entity sources in memory: class files never land in the user's tree, and the result is
 * always in step with the sources, without a build.
 */
final class SourceCompiler {

    private SourceCompiler() {
    }

    /**
     * What javac reads: the sources to compile, the folders it may take further sources from when those
     * refer to them, and the class path.
     */
    record Job(List<Path> sources, List<Path> sourcePath, List<Path> classPath) {
        Job {
            sources = List.copyOf(sources);
            sourcePath = List.copyOf(sourcePath);
            classPath = List.copyOf(classPath);
        }
    }

    /** Compiles the job's sources; returns the class files by binary class name. */
    static Map<String, byte[]> compile(Job job) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new EntityLoadException("Compiling entity sources needs a JDK, but Retort runs on a JRE ("
                    + System.getProperty("java.home") + "); run it with a JDK or point 'entities' at compiled classes");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
             JavaFileManager inMemory = new InMemoryOutput(standard, classes)) {
            List<String> options = List.of(
                    "-proc:none", // an annotation processor on the class path (a JPA metamodel generator) would write files
                    "-g", "-nowarn", "-Xlint:none", "-encoding", "UTF-8",
                    "-classpath", pathOf(job.classPath()),
                    "-sourcepath", pathOf(job.sourcePath()));
            Iterable<? extends JavaFileObject> units = standard.getJavaFileObjectsFromPaths(job.sources());
            boolean ok = javac.getTask(null, inMemory, diagnostics, options, null, units).call();
            if (!ok) {
                throw new EntityLoadException(describe(diagnostics.getDiagnostics()));
            }
        } catch (IOException e) {
            throw new EntityLoadException("Cannot compile entity sources: " + e.getMessage(), e);
        }
        return classes;
    }

    private static String pathOf(List<Path> entries) {
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** One line: the first error as {@code file:line: message}, and how many more there are. */
    private static String describe(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        List<Diagnostic<? extends JavaFileObject>> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(d);
            }
        }
        if (errors.isEmpty()) {
            return "Cannot compile entity sources";
        }
        Diagnostic<? extends JavaFileObject> first = errors.get(0);
        String where = first.getSource() == null ? "" : first.getSource().getName()
                + (first.getLineNumber() > 0 ? ":" + first.getLineNumber() : "") + ": ";
        String message = first.getMessage(Locale.ROOT).lines().map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.joining(", "));
        String more = errors.size() == 1 ? "" : " (and " + (errors.size() - 1) + " more error" + (errors.size() == 2 ? ")" : "s)");
        return "Cannot compile entity sources: " + where + message + more;
    }

    /** Catches every class file javac writes. */
    private static final class InMemoryOutput extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, byte[]> classes;

        InMemoryOutput(StandardJavaFileManager standard, Map<String, byte[]> classes) {
            super(standard);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.put(className, toByteArray());
                        }
                    };
                }
            };
        }
    }
}
