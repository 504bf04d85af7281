package dev.retort.revision;

import dev.retort.model.DatabaseKind;
import dev.retort.ops.Migration;
import dev.retort.ops.Op;
import dev.retort.ops.OpSink;
import dev.retort.ops.Operations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.retort.revision.Histories.PACKAGE;
import static dev.retort.revision.Histories.write;
import static dev.retort.revision.Histories.writeMigration;
import static dev.retort.revision.MigrationScannerTest.A;
import static dev.retort.revision.MigrationScannerTest.B;
import static dev.retort.revision.MigrationScannerTest.C;
import static dev.retort.revision.RevisionGraphTest.fails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class MigrationCompilerTest {

    @TempDir
    Path dir;

    Path migrations() {
        return dir.resolve("migrations");
    }

    Path cache() {
        return dir.resolve("cache");
    }

    /** What a migration's upgrade issues: the SQL of its execute calls. */
    static List<String> upgradeSql(Migration migration) throws Exception {
        List<String> sql = new ArrayList<>();
        migration.upgrade(new Operations(new OpSink() {
            @Override
            public void accept(Op op) {
                sql.add(((Op.Execute) op).sql());
            }

            @Override
            public DatabaseKind database() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Connection connection() {
                throw new UnsupportedOperationException();
            }
        }));
        return sql;
    }

    static long cacheEntries(Path cache) throws IOException {
        if (!Files.exists(cache)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(f -> f.toString().endsWith(".bin")).count();
        }
    }

    @Test
    void compilesInMemoryAndRuns() throws Exception {
        writeMigration(migrations(), A, List.of(), "first", "create table a");
        writeMigration(migrations(), B, List.of(A), "second", "create table b");
        List<RevisionInfo> revisions = MigrationScanner.scan(migrations(), PACKAGE);

        MigrationCompiler compiler = new MigrationCompiler(cache());
        MigrationClasses classes = compiler.compile(revisions);

        assertEquals(1, compiler.javacRuns());
        assertEquals(List.of("create table a"), upgradeSql(classes.instantiate(A)));
        assertEquals(List.of("create table b"), upgradeSql(classes.instantiate(B)));
        assertEquals(PACKAGE + ".R" + B + "_migration", classes.get(B).getName());
        assertEquals(List.of(A, B), List.copyOf(classes.all().keySet()));
        try (Stream<Path> files = Files.list(migrations())) {
            assertEquals(2, files.count(), "no class files next to the sources");
        }
    }

    @Test
    void warmCacheDoesNotRunJavacAndAChangedSourceIsRecompiledAlone() throws Exception {
        writeMigration(migrations(), A, List.of(), "first", "create table a");
        writeMigration(migrations(), B, List.of(A), "second", "create table b");
        new MigrationCompiler(cache()).compile(MigrationScanner.scan(migrations(), PACKAGE));
        assertEquals(2, cacheEntries(cache()));

        MigrationCompiler warm = new MigrationCompiler(cache());
        MigrationClasses classes = warm.compile(MigrationScanner.scan(migrations(), PACKAGE));
        assertEquals(0, warm.javacRuns());
        assertEquals(List.of("create table b"), upgradeSql(classes.instantiate(B)));

        writeMigration(migrations(), B, List.of(A), "second", "create table b2");
        MigrationCompiler changed = new MigrationCompiler(cache());
        MigrationClasses recompiled = changed.compile(MigrationScanner.scan(migrations(), PACKAGE));
        assertEquals(1, changed.javacRuns());
        assertEquals(3, cacheEntries(cache()));
        assertEquals(List.of("create table b2"), upgradeSql(recompiled.instantiate(B)));
        assertEquals(List.of("create table a"), upgradeSql(recompiled.instantiate(A)));
    }

    @Test
    void manySourcesCompileInOneJavacRun() throws Exception {
        List<String> ids = Histories.linearIds(25);
        for (int i = 0; i < ids.size(); i++) {
            writeMigration(migrations(), ids.get(i), i == 0 ? List.of() : List.of(ids.get(i - 1)), "m" + i, "sql " + i);
        }
        MigrationCompiler compiler = new MigrationCompiler(null);
        MigrationClasses classes = compiler.compile(MigrationScanner.scan(migrations(), PACKAGE));
        assertEquals(1, compiler.javacRuns());
        assertEquals(List.of("sql 24"), upgradeSql(classes.instantiate(ids.get(24))));
        // without a cache folder nothing is kept: the next run compiles again
        compiler.compile(MigrationScanner.scan(migrations(), PACKAGE));
        assertEquals(2, compiler.javacRuns());
    }

    @Test
    void compileErrorIsOneLineWithFileAndLine() {
        writeMigration(migrations(), A, List.of(), "fine", "x");
        Path broken = write(migrations().resolve("R" + B + "_broken.java"), """
                package db.migrations;

                import dev.retort.ops.*;

                @Revision(id = "%s", parents = "%s", message = "broken", created = "c")
                public class R%s_broken extends Migration {
                    public void upgrade(Operations op) {
                        op.createTabel("x");
                    }
                    public void downgrade(Operations op) {
                        undefinedCall();
                    }
                }
                """.formatted(B, A, B));
        List<RevisionInfo> revisions = MigrationScanner.scan(migrations(), PACKAGE);
        MigrationCompiler compiler = new MigrationCompiler(cache());
        fails(() -> compiler.compile(revisions), broken + ":8: cannot find symbol", "createTabel", "(and 1 more error)");
        // nothing of a failed compile is cached
        fails(() -> compiler.compile(revisions), broken + ":8:");
        assertEquals(2, compiler.javacRuns());
    }

    @Test
    void compiledClassesWinOverStaleCopiesOnTheClasspath() throws Exception {
        // the application's build may have compiled an older version of the migration into its classes
        Path stale = dir.resolve("stale-src");
        writeMigration(stale, C, List.of(), "m", "old sql");
        Path staleClasses = dir.resolve("stale-classes");
        MigrationScannerTest.javac(stale, staleClasses);

        writeMigration(migrations(), C, List.of(), "m", "new sql");
        try (URLClassLoader app = new URLClassLoader(new URL[]{staleClasses.toUri().toURL()}, getClass().getClassLoader())) {
            MigrationCompiler compiler = new MigrationCompiler(cache(), app, List.of());
            MigrationClasses classes = compiler.compile(MigrationScanner.scan(migrations(), PACKAGE));
            assertEquals(List.of("new sql"), upgradeSql(classes.instantiate(C)));
            assertSame(Migration.class, classes.get(C).getSuperclass(), "Retort's API comes from the parent");
            assertNotSame(app, classes.classLoader());
        }
    }

    @Test
    void unknownRevisionAndAMigrationThatCannotBeConstructed() {
        write(migrations().resolve("R" + A + "_odd.java"), """
                package db.migrations;
                @dev.retort.ops.Revision(id = "%s", message = "m", created = "c")
                public class R%s_odd extends dev.retort.ops.Migration {
                    public R%s_odd(String needsAnArgument) {}
                    public void upgrade(dev.retort.ops.Operations op) {}
                    public void downgrade(dev.retort.ops.Operations op) {}
                }
                """.formatted(A, A, A));
        MigrationClasses classes = new MigrationCompiler(cache()).compile(MigrationScanner.scan(migrations(), PACKAGE));
        fails(() -> classes.instantiate(A), "R" + A + "_odd.java", "needs a no-argument constructor");
        fails(() -> classes.get(B), "no migration class is loaded for revision " + B);
    }

    @Test
    void defaultCacheFolder() {
        Path folder = MigrationCompiler.defaultCacheDir();
        String explicit = System.getenv("RETORT_CACHE_DIR");
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (explicit != null && !explicit.isBlank()) {
            assertEquals(Path.of(explicit), folder);
        } else if (xdg != null && !xdg.isBlank()) {
            assertEquals(Path.of(xdg, "retort"), folder);
        } else {
            assertEquals(Path.of(System.getProperty("user.home"), ".cache", "retort"), folder);
        }
    }
}
