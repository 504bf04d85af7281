package dev.retort.runtime;

import dev.retort.model.DatabaseKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broken input of every kind — configs, migration sources, revision graphs, targets, databases that cannot be
 * reached, read or written — through the real CLI. Each case must end with exit 1, exactly one stderr line
 * {@code retort: error: ...} naming the problem, no stack trace, and nothing changed: the project's files
 * byte for byte, and the database's schema, rows, version table and history.
 */
class BadInputTest {

    static final String A = "1111aaaaaaaa";
    static final String B = "2222bbbbbbbb";
    static final String C = "3333cccccccc";

    @TempDir
    static Path tmp;
    static Path template;
    static int count;
    static int usageCount;

    /** A project at revision A with rows in its table, and B pending. */
    @BeforeAll
    static void template() throws Exception {
        template = tmp.resolve("template");
        Workspace w = Workspace.sqlite(template);
        w.migration(A, List.of(), "create alpha",
                "op.createTable(Table.builder(\"alpha\").column(Column.of(\"id\", bigint()).notNull())"
                        + ".column(Column.of(\"note\", varchar(20))).primaryKey(\"id\").build());",
                "op.dropTable(\"alpha\");");
        w.tableMigration(B, List.of(A), "beta");
        ok(w.run("upgrade", A));
        w.execute("insert into alpha (id, note) values (1, 'one'), (2, null)");
        ok(w.run("upgrade", "head", "--sql")); // compiles B once, so that cases time their own work only
    }

    @AfterAll
    static void report() {
        System.out.println("bad-input cases: " + count + " (exit 1, one error line, nothing changed); usage errors: " + usageCount);
    }

    @FunctionalInterface
    interface Setup {
        /** Breaks the copy of the project; returns what to undo after the run (or null). */
        AutoCloseable apply(Workspace w) throws Exception;
    }

    record Case(String name, Setup setup, String expected, String... args) {
    }

    static Setup config(String properties) {
        return w -> {
            Files.writeString(w.config, properties, StandardCharsets.UTF_8);
            return null;
        };
    }

    static Setup configPlus(String extra) {
        return w -> {
            w.writeConfig(extra);
            return null;
        };
    }

    /** Replaces pending revision B by one with these bodies. */
    static Setup brokenB(String upgrade) {
        return w -> {
            Files.delete(w.migrations.resolve(Workspace.className(B, "create beta") + ".java"));
            w.migration(B, List.of(A), "broken beta", upgrade, "");
            return null;
        };
    }

    /** Adds a source file with this text. */
    static Setup source(String fileName, String text) {
        return w -> {
            Files.writeString(w.migrations.resolve(fileName), text, StandardCharsets.UTF_8);
            return null;
        };
    }

    static Setup sql(String... statements) {
        return w -> {
            w.execute(statements);
            return null;
        };
    }

    static String javaSource(String className, String annotation, String extendsClause, String body) {
        return """
                package migrations;

                import dev.retort.ops.*;

                %s
                public final class %s %s {
                    %s
                }
                """.formatted(annotation, className, extendsClause, body);
    }

    static final String BODY = "@Override public void upgrade(Operations op) { } @Override public void downgrade(Operations op) { }";

    static List<Case> cases() {
        String bFile = Workspace.className(B, "create beta") + ".java";
        List<Case> cases = new ArrayList<>();
        // --- configuration
        cases.add(new Case("config file missing", w -> {
            Files.delete(w.config);
            return null;
        }, "config file not found", "current"));
        cases.add(new Case("config file is a folder", w -> {
            Files.delete(w.config);
            Files.createDirectory(w.config);
            return null;
        }, "config file not found", "current"));
        cases.add(new Case("unknown key", configPlus("urll=jdbc:sqlite:x.db\n"), "unknown key 'urll'", "upgrade", "head"));
        cases.add(new Case("url not JDBC", config("url=sqlite:app.sqlite\n"), "JDBC URL", "upgrade", "head"));
        cases.add(new Case("unsupported database", config("url=jdbc:oracle:thin:@localhost:1521:x\n"), "unsupported database URL", "upgrade", "head"));
        cases.add(new Case("no url", config("url=\nmigrations=migrations\n"), "no database configured", "upgrade", "head"));
        cases.add(new Case("unsupported dialect", configPlus("dialect=oracle\n"), "dialect 'oracle' is not supported", "upgrade", "head"));
        cases.add(new Case("version-table with SQL in it", configPlus("version-table=retort_version\"; drop table alpha; --\n"),
                "must be a plain SQL name", "upgrade", "head"));
        cases.add(new Case("version-table with a space", configPlus("version-table=retort version\n"), "must be a plain SQL name", "current"));
        cases.add(new Case("migrations-package not a package", configPlus("migrations-package=1bad\n"), "not a Java package name", "upgrade", "head"));
        cases.add(new Case("lock-timeout not a number", configPlus("lock-timeout=soon\n"), "lock-timeout 'soon'", "upgrade", "head"));
        cases.add(new Case("server-version not a version", configPlus("server-version=latest\n"), "server-version 'latest'", "upgrade", "head"));
        cases.add(new Case("lock-timeout negative", configPlus("lock-timeout=-1\n"), "lock-timeout '-1'", "upgrade", "head"));
        cases.add(new Case("malformed escape in config", configPlus("user=\\uZZZZ\n"), "cannot read config file", "upgrade", "head"));
        cases.add(new Case("config is binary garbage", w -> {
            byte[] garbage = new byte[512];
            new Random(42).nextBytes(garbage);
            Files.write(w.config, garbage);
            return null;
        }, "cannot read config file", "upgrade", "head"));
        cases.add(new Case("migrations folder missing", configPlus("migrations=no-such-folder\n"), "no-such-folder (that folder does not exist)", "upgrade", "head"));
        cases.add(new Case("migrations folder is a file", configPlus("migrations=retort.properties\n"), "retort.properties is not a folder", "upgrade", "head"));
        // --- migration sources
        cases.add(new Case("syntax error", brokenB("op.createTable(;"), Workspace.className(B, "broken beta") + ".java:", "upgrade", "head"));
        cases.add(new Case("unknown symbol", brokenB("op.frobnicate(\"alpha\");"), Workspace.className(B, "broken beta") + ".java:", "upgrade", "head"));
        cases.add(new Case("no @Revision annotation", source("R3333cccccccc_x.java", javaSource("R3333cccccccc_x", "", "extends Migration", BODY)),
                "no @Revision annotation", "upgrade", "head"));
        cases.add(new Case("malformed revision id", source("R3333cccccccc_x.java", javaSource("R3333cccccccc_x",
                "@Revision(id = \"XYZ\", parents = {\"" + B + "\"}, message = \"x\", created = \"2026-01-01T00:00:00Z\")", "extends Migration", BODY)),
                "XYZ", "upgrade", "head"));
        cases.add(new Case("file name and id disagree", source("R3333cccccccc_x.java", javaSource("R3333cccccccc_x",
                "@Revision(id = \"4444dddddddd\", parents = {\"" + B + "\"}, message = \"x\", created = \"2026-01-01T00:00:00Z\")", "extends Migration", BODY)),
                "4444dddddddd", "upgrade", "head"));
        cases.add(new Case("class name differs from the file", source("R3333cccccccc_x.java", javaSource("R3333cccccccc_y",
                "@Revision(id = \"" + C + "\", parents = {\"" + B + "\"}, message = \"x\", created = \"2026-01-01T00:00:00Z\")", "extends Migration", BODY)),
                "R3333cccccccc_x.java", "upgrade", "head"));
        cases.add(new Case("class is not a Migration", source("R3333cccccccc_x.java", javaSource("R3333cccccccc_x",
                "@Revision(id = \"" + C + "\", parents = {\"" + B + "\"}, message = \"x\", created = \"2026-01-01T00:00:00Z\")", "", "")),
                "R3333cccccccc_x", "upgrade", "head"));
        cases.add(new Case("wrong package", source("R3333cccccccc_x.java", javaSource("R3333cccccccc_x",
                "@Revision(id = \"" + C + "\", parents = {\"" + B + "\"}, message = \"x\", created = \"2026-01-01T00:00:00Z\")", "extends Migration", BODY)
                .replace("package migrations;", "package elsewhere;")), "declares package 'elsewhere'", "upgrade", "head"));
        cases.add(new Case("empty source file", source("R3333cccccccc_x.java", ""), "R3333cccccccc_x.java", "upgrade", "head"));
        cases.add(new Case("binary garbage source", w -> {
            byte[] garbage = new byte[2048];
            new Random(7).nextBytes(garbage);
            Files.write(w.migrations.resolve("R3333cccccccc_x.java"), garbage);
            return null;
        }, "R3333cccccccc_x.java", "upgrade", "head"));
        cases.add(new Case("duplicate revision id", w -> {
            w.tableMigration(B, List.of(A), "beta twin");
            return null;
        }, B, "upgrade", "head"));
        cases.add(new Case("missing parent", w -> {
            w.tableMigration(C, List.of("999999999999"), "gamma");
            return null;
        }, "999999999999", "upgrade", "head"));
        cases.add(new Case("cycle", w -> {
            Files.delete(w.migrations.resolve(bFile));
            w.tableMigration(B, List.of(C), "beta");
            w.tableMigration(C, List.of(B), "gamma");
            return null;
        }, "cycle", "upgrade", "head"));
        cases.add(new Case("revision is its own parent", w -> {
            w.tableMigration(C, List.of(C), "gamma");
            return null;
        }, C, "upgrade", "head"));
        cases.add(new Case("several heads, upgrade head", w -> {
            w.tableMigration(C, List.of(A), "gamma");
            return null;
        }, "multiple heads", "upgrade", "head"));
        cases.add(new Case("migration throws", brokenB("throw new IllegalStateException(\"boom in beta\");"), "boom in beta", "upgrade", "head"));
        cases.add(new Case("migration SQL fails after DDL", brokenB(
                "op.createTable(Table.builder(\"beta\").column(Column.of(\"id\", bigint()).notNull()).build());"
                        + " op.addColumn(\"alpha\", Column.of(\"extra\", varchar(5)));"
                        + " op.execute(\"insert into no_such_table values (1)\");"), "no_such_table", "upgrade", "head"));
        cases.add(new Case("migration creates an existing table", brokenB(
                "op.createTable(Table.builder(\"alpha\").column(Column.of(\"id\", bigint()).notNull()).build());"), "alpha", "upgrade", "head"));
        cases.add(new Case("NOT NULL on a column holding NULLs", brokenB(
                "op.alterColumn(\"alpha\", Column.of(\"note\", varchar(20)), Column.of(\"note\", varchar(20)).notNull());"), "note", "upgrade", "head"));
        cases.add(new Case("data violates a new unique key", brokenB(
                "op.execute(\"update alpha set note = 'same'\"); op.addUnique(\"alpha\", dev.retort.model.UniqueKey.of(\"uq_note\", \"note\"));"),
                "UNIQUE", "upgrade", "head"));
        cases.add(new Case("migration constructor throws", w -> {
            Files.delete(w.migrations.resolve(bFile));
            String cls = Workspace.className(B, "broken beta");
            Files.writeString(w.migrations.resolve(cls + ".java"), javaSource(cls,
                    "@Revision(id = \"" + B + "\", parents = {\"" + A + "\"}, message = \"broken beta\", created = \"2026-01-01T00:00:00Z\")",
                    "extends Migration", "public " + cls + "() { throw new IllegalStateException(\"ctor fails\"); } " + BODY));
            return null;
        }, "ctor fails", "upgrade", "head"));
        cases.add(new Case("applied migration edited", w -> {
            Path a = w.migrations.resolve(Workspace.className(A, "create alpha") + ".java");
            Files.writeString(a, Files.readString(a) + "// edited after it was applied\n");
            return null;
        }, "applied migration " + A + " (", "upgrade", "head"));
        cases.add(new Case("downgrade that throws", w -> {
            Path a = w.migrations.resolve(Workspace.className(A, "create alpha") + ".java");
            Files.writeString(a, Files.readString(a).replace("op.dropTable(\"alpha\");",
                    "op.dropTable(\"alpha\"); throw new IrreversibleOperationException(\"alpha keeps customer data\");"));
            return null;
        }, "alpha keeps customer data", "downgrade", "base"));
        // --- targets
        cases.add(new Case("unknown target", w -> null, "ffff", "upgrade", "ffff"));
        cases.add(new Case("ambiguous prefix", w -> {
            w.tableMigration("2222bbbbbbb0", List.of(B), "gamma");
            return null;
        }, "2222bbbbbbb0", "upgrade", "2222"));
        cases.add(new Case("relative target past head", w -> null, "+5", "upgrade", "+5"));
        cases.add(new Case("relative target past base", w -> null, "-5", "downgrade", "-5"));
        cases.add(new Case("downgrade to a pending revision", w -> null, B, "downgrade", B));
        cases.add(new Case("upgrade to an applied revision below current", w -> {
            w.execute("update retort_version set version_num = '" + B + "'", "create table beta (id bigint not null primary key)");
            return null;
        }, A, "upgrade", A));
        cases.add(new Case("target is punctuation", w -> null, "must be <revision>@<target>", "upgrade", "@@!"));
        cases.add(new Case("downgrade --sql without a range", w -> null, "needs a range", "downgrade", "base", "--sql"));
        cases.add(new Case("stamp unknown revision", w -> null, "abcdef", "stamp", "abcdef"));
        cases.add(new Case("show unknown revision", w -> null, "ffff00000000", "show", "ffff00000000"));
        cases.add(new Case("database at a revision not in the folder", sql("update retort_version set version_num = 'deadbeef0000'"),
                "deadbeef0000", "upgrade", "head"));
        cases.add(new Case("version table holds a revision and its ancestor", sql("insert into retort_version values ('" + B + "')",
                "update retort_version set version_num = '" + A + "' where version_num <> '" + B + "'"), A, "upgrade", "head"));
        cases.add(new Case("merge of a single head", w -> null, "at least two", "merge", "-m", "join", "heads"));
        cases.add(new Case("revision id malformed", w -> null, "12 lowercase hex", "revision", "-m", "x", "--rev-id", "XYZ"));
        cases.add(new Case("revision id taken", w -> null, "already exists", "revision", "-m", "x", "--rev-id", A));
        cases.add(new Case("init over a project", w -> null, "already exists", "init", "{dir}"));
        // --- databases
        cases.add(new Case("PostgreSQL unreachable", configPlus("url=jdbc:postgresql://127.0.0.1:1/app\n"), "cannot connect", "upgrade", "head"));
        cases.add(new Case("unknown host", configPlus("url=jdbc:postgresql://no-such-host.invalid/app\n"), "unknown host no-such-host.invalid", "upgrade", "head"));
        cases.add(new Case("MariaDB unreachable", configPlus("url=jdbc:mariadb://127.0.0.1:1/app\n"), "cannot connect", "upgrade", "head"));
        cases.add(new Case("database file is not a database", w -> {
            byte[] garbage = new byte[4096];
            new Random(3).nextBytes(garbage);
            Files.write(w.database(), garbage);
            return null;
        }, "cannot connect", "upgrade", "head"));
        cases.add(new Case("database path is a folder", configPlus("url=jdbc:sqlite:migrations\n"), "cannot connect", "upgrade", "head"));
        cases.add(new Case("history table of another shape", sql("drop table retort_version_history",
                "create table retort_version_history (x integer)"), "version history", "upgrade", "head"));
        cases.add(new Case("read-only database file", w -> immutable(w.database()), "readonly", "upgrade", "head"));
        cases.add(new Case("read-only database folder", w -> {
            Path folder = Files.createDirectory(w.dir.resolve("db"));
            Files.move(w.database(), folder.resolve("app.sqlite"));
            w.writeConfig("url=jdbc:sqlite:db/app.sqlite\n");
            return immutable(folder);
        }, "is its folder writable?", "upgrade", "head"));
        cases.add(new Case("disk full", w -> {
            long pages = Long.parseLong(w.query("pragma page_count").get(0));
            w.writeConfig("url=jdbc:sqlite:app.sqlite?max_page_count=" + pages + "\n");
            return null;
        }, "full", "upgrade", "head"));
        cases.add(new Case("lock held by another process", w -> {
            w.writeConfig("lock-timeout=1\n");
            Connection holder = w.connect();
            holder.createStatement().execute("begin immediate");
            return holder;
        }, "another retort is migrating this database; waited 1 s", "upgrade", "head"));
        return cases;
    }

    /** chattr +i: unlike chmod, root (as in CI) cannot write through it either. */
    static AutoCloseable immutable(Path path) throws Exception {
        Process p = new ProcessBuilder("chattr", "+i", path.toString()).redirectErrorStream(true).start();
        boolean done = p.waitFor(30, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Assumptions.assumeTrue(done && p.exitValue() == 0, "cannot make files immutable here (chattr +i: " + out.strip() + ")");
        return () -> new ProcessBuilder("chattr", "-i", path.toString()).start().waitFor(30, TimeUnit.SECONDS);
    }

    @TestFactory
    Stream<DynamicTest> eachBadInputFailsCleanlyAndChangesNothing() {
        List<Case> cases = cases();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Workspace w = copyOfTemplate(c.name());
            AutoCloseable undo = c.setup().apply(w);
            try {
                String files = fileTree(w.dir);
                String database = databases(w.dir);
                Workspace.Result r = w.run(Stream.of(c.args()).map(a -> a.replace("{dir}", w.dir.toString())).toArray(String[]::new));
                assertEquals(1, r.code(), r::toString);
                List<String> err = r.err().lines().toList();
                assertEquals(1, err.size(), () -> "exactly one line on stderr\n" + r);
                assertTrue(err.get(0).startsWith("retort: error: "), r::toString);
                assertTrue(err.get(0).contains(c.expected()), () -> "expected '" + c.expected() + "' in\n" + r);
                assertFalse(r.err().contains("\tat ") || r.out().contains("\tat ") || r.err().contains("Caused by"), r::toString);
                if (undo != null) {
                    undo.close();
                    undo = null;
                }
                assertEquals(files, fileTree(w.dir), "the project's files are unchanged");
                assertEquals(database, databases(w.dir), "the database is unchanged");
                count++;
                System.out.println(c.name() + ": " + err.get(0).replace(tmp.toString(), "<tmp>"));
            } finally {
                if (undo != null) {
                    undo.close();
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> usageErrorsExitTwoAndChangeNothing() {
        List<List<String>> cases = List.of(List.of("upgrade", "--frobnicate"), List.of("downgrade"), List.of("frobnicate"),
                List.of("revision"), List.of("history", "-r"), List.of("stamp"), List.of("merge", "-m", "x"));
        return cases.stream().map(args -> DynamicTest.dynamicTest(String.join(" ", args), () -> {
            Workspace w = copyOfTemplate("usage " + String.join(" ", args));
            String files = fileTree(w.dir);
            String database = databases(w.dir);
            Workspace.Result r = w.run(args.toArray(String[]::new));
            assertEquals(2, r.code(), r::toString);
            assertTrue(r.err().startsWith("retort: usage error: "), r::toString);
            assertEquals(files, fileTree(w.dir));
            assertEquals(database, databases(w.dir));
            usageCount++;
        }));
    }

    private static Workspace copyOfTemplate(String name) throws IOException {
        Path dir = tmp.resolve("case-" + name.replaceAll("[^A-Za-z0-9]+", "-"));
        try (Stream<Path> files = Files.walk(template)) {
            for (Path source : files.toList()) {
                Path target = dir.resolve(template.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return Workspace.on(dir, DatabaseKind.SQLITE, "jdbc:sqlite:" + dir.resolve("app.sqlite"));
    }

    /** Every file and folder under {@code dir} with a hash of its bytes. */
    static String fileTree(Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted().toList()) {
                String rel = dir.relativize(p).toString();
                if (Files.isDirectory(p)) {
                    out.add(rel + "/");
                } else {
                    out.add(rel + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                }
            }
        }
        return String.join("\n", out);
    }

    /**
     * The snapshot of every SQLite file in the project, read through read-only connections (opening a missing
     * file must not create it), or a note that it cannot be read (the cases that break the file itself).
     */
    static String databases(Path dir) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".sqlite") && Files.isRegularFile(f)).sorted().toList()) {
                Properties readOnly = new Properties();
                readOnly.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + p, readOnly)) {
                    out.add(p + ":\n" + Workspace.snapshot(c, DatabaseKind.SQLITE));
                } catch (SQLException e) {
                    out.add(p + ": unreadable (" + e.getErrorCode() + ")");
                }
            }
        }
        return String.join("\n", out);
    }

    static void ok(Workspace.Result r) {
        assertEquals(0, r.code(), r::toString);
    }
}
