package dev.retort.revision;

import dev.retort.ops.Migration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static dev.retort.revision.Histories.PACKAGE;
import static dev.retort.revision.Histories.write;
import static dev.retort.revision.Histories.writeMigration;
import static dev.retort.revision.RevisionGraphTest.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MigrationScannerTest {

    static final String A = "49367a22b507";
    static final String B = "b3259a323bf6";
    static final String C = "0c1d2e3f4a5b";

    @TempDir
    Path dir;

    private RevisionInfo scanOne(String fileName, String source) {
        write(dir.resolve(fileName), source);
        List<RevisionInfo> found = MigrationScanner.scan(dir, PACKAGE);
        assertEquals(1, found.size());
        return found.get(0);
    }

    @Test
    void plainGeneratedMigration() {
        Path file = writeMigration(dir, A, List.of(B), "Add description", "x");
        RevisionInfo info = MigrationScanner.scan(dir, PACKAGE).get(0);
        assertEquals(new RevisionInfo(A, List.of(B), "Add description", "2026-03-01T10:00:00Z", file,
                PACKAGE + ".R" + A + "_migration"), info);
    }

    @Test
    void weirdFormattingCommentsAndAnyOrder() {
        RevisionInfo info = scanOne("R" + A + "_weird.java", """
                // header comment with @Revision(id = "ffffffffffff") in it
                /* block @Revision */ package /* x */ db . migrations ;

                import dev.retort.ops.*;

                @SuppressWarnings({"unused", "rawtypes"})
                @ dev.retort.ops.Revision
                (
                    message = "Say \\"hi\\" \\\\ to caf\u00e9 \\u00e9t\\u00E9 \\t tab" , // trailing comment
                    created
                      = "2026-" + "01-02T03:04:05Z",
                    parents = { "%s" , /* second */ "%s", },
                    id = /* the id */ "%s"
                )
                public class R%s_weird extends Migration {
                    String s = "@Revision(id = \\"aaaaaaaaaaaa\\")";
                    public void upgrade(Operations op) {}
                    public void downgrade(Operations op) {}
                }
                """.formatted(B, C, A, A));
        assertEquals(A, info.id());
        assertEquals(List.of(B, C), info.parents());
        assertEquals("Say \"hi\" \\ to café été \t tab", info.message());
        assertEquals("2026-01-02T03:04:05Z", info.created());
        assertEquals(PACKAGE + ".R" + A + "_weird", info.className());
    }

    @Test
    void singleParentWithoutBracesAndNoParents() {
        RevisionInfo single = scanOne("R" + A + "_x.java", """
                package db.migrations;
                @Revision(id="%s",parents="%s",message="m",created="c") public class R%s_x extends Migration {}
                """.formatted(A, B, A));
        assertEquals(List.of(B), single.parents());
        RevisionInfo none = scanOne("R" + A + "_x.java", """
                package db.migrations;
                @Revision(message = "m", created = "c", id = "%s") public class R%s_x extends Migration {}
                """.formatted(A, A));
        assertEquals(List.of(), none.parents());
        RevisionInfo empty = scanOne("R" + A + "_x.java", """
                package db.migrations;
                @Revision(message = "m", parents = {}, created = "c", id = "%s") public class R%s_x extends Migration {}
                """.formatted(A, A));
        assertEquals(List.of(), empty.parents());
    }

    @Test
    void textBlockUnicodeAndUnicodeEscapesInMessages() {
        RevisionInfo info = scanOne("R" + A + ".java", """
                package db.migrations;
                @Revision(id = "%s", created = "c", message = \"""
                        Ünïcødé ✓ 数据库
                          indented \\\""" quote\\
                         joined
                        \""")
                class R%s extends Migration {}
                """.formatted(A, A));
        assertEquals("Ünïcødé ✓ 数据库\n  indented \"\"\" quote joined\n", info.message());
        // a unicode escape may even spell the quotes of the literal
        RevisionInfo escaped = scanOne("R" + A + ".java", """
                package db.migrations;
                @Revision(id = \\u0022%s", created = "c", message = "\\\\u0041 is not an escape")
                class R%s extends Migration {}
                """.formatted(A, A));
        assertEquals(A, escaped.id());
        assertEquals("\\u0041 is not an escape", escaped.message());
    }

    @Test
    void filesAreReadInNameOrderSkippingPackageInfo() {
        writeMigration(dir, B, List.of(A), "second", "x");
        writeMigration(dir, A, List.of(), "first", "x");
        write(dir.resolve("package-info.java"), "package db.migrations;\n");
        write(dir.resolve("notes.txt"), "not java");
        assertEquals(List.of(A, B), MigrationScanner.scan(dir, PACKAGE).stream().map(RevisionInfo::id).toList());
    }

    @Test
    void manyFilesAreReadInOrderAndTheFirstBrokenOneIsReported() {
        List<String> ids = new ArrayList<>(new java.util.TreeSet<>(Histories.linearIds(300)));
        for (String id : ids) {
            writeMigration(dir, id, List.of(), "m", "x");
        }
        assertEquals(ids, MigrationScanner.scan(dir, PACKAGE).stream().map(RevisionInfo::id).toList());
        write(dir.resolve("R" + ids.get(250) + "_migration.java"), "package db.migrations; class Broken {}");
        write(dir.resolve("R" + ids.get(100) + "_migration.java"), "package db.migrations; class Broken {}");
        fails(() -> MigrationScanner.scan(dir, PACKAGE), "R" + ids.get(100) + "_migration.java: no @Revision annotation");
    }

    @Test
    void missingFolder() {
        fails(() -> MigrationScanner.scan(dir.resolve("nope"), PACKAGE), "migrations folder", "does not exist");
    }

    @Test
    void errorsNameTheFileAndLine() {
        String file = "R" + A + "_x.java";
        expectError(file, "public class R" + A + "_x extends Migration {}", file, "no @Revision annotation");
        expectError(file, "@Revision(id = \"" + A + "\", message = \"m\", created = \"c\")\n"
                + "@Revision(id = \"" + A + "\", message = \"m\", created = \"c\") class X {}",
                file + ":3: duplicate @Revision annotation (the first is on line 2)");
        expectError(file, "@Revision(id = \"ABC\", message = \"m\", created = \"c\") class X {}",
                file + ":2: invalid revision id 'ABC'");
        expectError(file, "@Revision(id = \"" + B + "\", message = \"m\", created = \"c\") class X {}",
                file + ": file name does not match its @Revision id '" + B + "' (expected R" + B + "_<slug>.java)");
        expectError(file, "@Revision(id = \"" + A + "\", parents = {\"x\"}, message = \"m\", created = \"c\") class X {}",
                "invalid parent revision id 'x'");
        expectError(file, "@Revision(id = \"" + A + "\", parents = {\"" + B + "\", \"" + B
                + "\"}, message = \"m\", created = \"c\") class X {}", "parent " + B + " is listed twice");
        expectError(file, "@Revision(id = \"" + A + "\", parents = \"" + A + "\", message = \"m\", created = \"c\") class X {}",
                "names itself as its parent");
        expectError(file, "@Revision(id = Ids.A, message = \"m\", created = \"c\") class X {}",
                file + ":2: @Revision(id = ...) must be a string literal, found 'Ids'");
        expectError(file, "@Revision(id = \"" + A + "\", message = \"m\", created = \"c\", author = \"me\") class X {}",
                "@Revision has no element 'author'");
        expectError(file, "@Revision(id = \"" + A + "\",\n created = \"c\") class X {}",
                file + ":2: @Revision is missing its 'message' element");
        expectError(file, "@Revision(id = \"" + A + "\", message = \"m\", created = {\"c\"}) class X {}",
                "'created' must be a single string");
        expectError(file, "@Revision(id = \"" + A + "\", message = \"m\n\", created = \"c\") class X {}",
                file + ":2: unterminated string literal");
        expectError(file, "@Revision(id = \"" + A + "\", message = \"\\q\", created = \"c\") class X {}",
                "invalid escape");
        expectError(file, "@Revision class X {}", "@Revision needs its elements");
        write(dir.resolve(file), "package other.pkg;\n@Revision(id = \"" + A + "\", message = \"m\", created = \"c\") class X {}");
        fails(() -> MigrationScanner.scan(dir, PACKAGE), "declares package 'other.pkg' but the migrations package is 'db.migrations'");
        assertEquals("other.pkg.R" + A + "_x", MigrationScanner.scan(dir, null).get(0).className());
    }

    private void expectError(String file, String body, String... fragments) {
        write(dir.resolve(file), "package db.migrations;\n" + body + "\n");
        fails(() -> MigrationScanner.scan(dir, PACKAGE), fragments);
    }

    @Test
    void duplicateIdsAcrossFilesAreCaughtByTheGraph() {
        write(dir.resolve("R" + A + "_one.java"), "package db.migrations;\n@Revision(id = \"" + A
                + "\", message = \"m\", created = \"c\") class R" + A + "_one {}");
        write(dir.resolve("R" + A + "_two.java"), "package db.migrations;\n@Revision(id = \"" + A
                + "\", message = \"m\", created = \"c\") class R" + A + "_two {}");
        fails(() -> RevisionGraph.of(MigrationScanner.scan(dir, PACKAGE)), "duplicate revision id " + A,
                "R" + A + "_one.java", "R" + A + "_two.java");
    }

    @Test
    void precompiledClassesFromAFolderAndAJar() throws Exception {
        Path sources = dir.resolve("src");
        writeMigration(sources, A, List.of(), "first", "x");
        writeMigration(sources, B, List.of(A), "second", "y");
        write(sources.resolve("Support.java"), "package db.migrations;\npublic abstract class Support extends "
                + "dev.retort.ops.Migration { static class Nested {} }\n");
        Path classes = dir.resolve("classes");
        javac(sources, classes);

        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, getClass().getClassLoader())) {
            List<Class<? extends Migration>> found = MigrationScanner.findClasses(loader, PACKAGE);
            List<RevisionInfo> infos = MigrationScanner.fromClasses(found);
            assertEquals(List.of(A, B), infos.stream().map(RevisionInfo::id).toList());
            assertEquals(List.of(A), infos.get(1).parents());
            assertNull(infos.get(0).source());
            MigrationClasses migrations = MigrationClasses.of(loader, infos);
            assertEquals(found.get(1), migrations.get(B));
            assertEquals(found.get(0), migrations.instantiate(A).getClass());
        }

        Path jarWithDirs = dir.resolve("with-dirs.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jarWithDirs))) {
            out.putNextEntry(new JarEntry("db/"));
            out.putNextEntry(new JarEntry("db/migrations/"));
            try (Stream<Path> files = Files.list(classes.resolve("db/migrations"))) {
                for (Path file : files.toList()) {
                    out.putNextEntry(new JarEntry("db/migrations/" + file.getFileName()));
                    out.write(Files.readAllBytes(file));
                    out.closeEntry();
                }
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jarWithDirs.toUri().toURL()}, getClass().getClassLoader())) {
            List<RevisionInfo> infos = MigrationScanner.fromClasses(MigrationScanner.findClasses(loader, PACKAGE));
            assertEquals(List.of(A, B), infos.stream().map(RevisionInfo::id).toList());
        }
    }

    @Test
    void classWithoutAnnotation() {
        fails(() -> MigrationScanner.fromClasses(List.of(Unannotated.class)), "Unannotated: no @Revision annotation");
    }

    static class Unannotated extends Migration {
        @Override
        public void upgrade(dev.retort.ops.Operations op) {
        }

        @Override
        public void downgrade(dev.retort.ops.Operations op) {
        }
    }

    static void javac(Path sources, Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path")));
        try (Stream<Path> files = Files.list(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        int status = compiler.run(null, OutputStream.nullOutputStream(), System.err, args.toArray(String[]::new));
        assertEquals(0, status, "javac");
    }
}
