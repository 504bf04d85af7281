package dev.retort.runtime;

import dev.retort.api.Config;
import dev.retort.api.Retort;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The version history: what ran, when, for how long, with which checksum; edited applied migrations refused; repair. */
class ChecksumTest {

    static final String A = "1111aaaaaaaa";
    static final String B = "2222bbbbbbbb";
    static final String C = "3333cccccccc";

    @TempDir
    Path tmp;
    Workspace w;
    Path fileA;
    Path fileB;

    @BeforeEach
    void setUp() throws Exception {
        w = Workspace.sqlite(tmp.resolve("proj"));
        fileA = w.tableMigration(A, List.of(), "alpha");
        fileB = w.tableMigration(B, List.of(A), "beta");
    }

    static String checksumOf(Path file) throws Exception {
        return Checksum.ofSource(Files.readAllBytes(file));
    }

    @Test
    void historyRecordsEachAppliedMigrationWithChecksumTimeAndDuration() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        ok(w.run("upgrade", "head"));
        assertEquals(List.of(A + " upgrade " + checksumOf(fileA), B + " upgrade " + checksumOf(fileB)), w.history());
        for (String row : w.query("select applied_at, duration_ms from retort_version_history")) {
            String[] parts = row.split("\\|");
            assertTrue(Instant.parse(parts[0]).isAfter(before), row);
            assertTrue(Long.parseLong(parts[1]) >= 0, row);
        }
        ok(w.run("downgrade", "-1"));
        assertEquals(B + " downgrade " + checksumOf(fileB), w.history().get(2));
        assertEquals(Set.of(A), w.versions());
    }

    @Test
    void editedAppliedMigrationIsRefusedUntilRepaired() throws Exception {
        ok(w.run("upgrade", "head"));
        Path fileC = w.tableMigration(C, List.of(B), "gamma");
        String original = Files.readString(fileA);
        Files.writeString(fileA, original.replace("op.createTable(", "op.createTable( // edited after it ran\n"));

        Workspace.Result refused = w.run("upgrade", "head");
        failsWithOneLine(refused, "applied migration " + A);
        assertTrue(refused.err().contains(fileA.toString()), refused::toString);
        assertTrue(refused.err().contains("retort repair"), refused::toString);
        assertEquals(Set.of(B), w.versions(), "nothing ran");
        assertFalse(w.tables().contains("gamma"));

        Workspace.Result history = w.run("history", "-i");
        ok(history);
        assertEquals(List.of(
                B + " -> " + C + " (head) (pending), create gamma",
                A + " -> " + B + " (current) (applied), create beta",
                "<base> -> " + A + " (applied) (changed), create alpha"), history.out().lines().toList());
        Workspace.Result current = w.run("-v", "current");
        ok(current);
        assertTrue(current.out().contains("Rev: " + B + " (current) (applied)"), current::toString);
        assertTrue(current.out().contains("Pending: 1 (" + C + ")"), current::toString);
        Workspace.Result changed = w.run("-v", "history", "-i", "-r", A + ":" + A);
        assertTrue(changed.out().contains("Checksum: CHANGED since it was applied"), changed::toString);

        Workspace.Result repair = w.run("repair");
        ok(repair);
        assertTrue(repair.out().startsWith("Accepted " + A + " (" + fileA + "): was src:"), repair::toString);
        assertEquals(A + " repair " + checksumOf(fileA), w.history().get(2));
        ok(w.run("upgrade", "head"));
        assertEquals(Set.of(C), w.versions());
        assertEquals(C + " upgrade " + checksumOf(fileC), w.history().get(3));
        assertEquals("Nothing to repair: every applied migration is as it was applied.", w.run("repair").out().strip());

        // a downgrade is not refused (it is how a change gets re-run), and an edit of a reverted migration is no change
        Files.writeString(fileC, Files.readString(fileC) + "\n// edited\n");
        ok(w.run("downgrade", B));
        Files.writeString(fileC, Files.readString(fileC) + "// edited again\n");
        ok(w.run("upgrade", "head"));
        assertEquals(C + " upgrade " + checksumOf(fileC), w.history().get(w.history().size() - 1));
    }

    @Test
    void lineEndingsAreNotChanges() throws Exception {
        ok(w.run("upgrade", A));
        String text = Files.readString(fileA);
        Files.write(fileA, text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)); // a Windows checkout
        ok(w.run("upgrade", "head"));
        assertEquals(Set.of(B), w.versions());
        assertEquals(checksumOf(fileA), Checksum.ofSource(text.getBytes(StandardCharsets.UTF_8)));
        assertEquals(checksumOf(fileA), Checksum.ofSource(text.replace("\n", "\r").getBytes(StandardCharsets.UTF_8)));
        assertEquals(checksumOf(fileA), Checksum.ofSource(("\uFEFF" + text).getBytes(StandardCharsets.UTF_8)));
        assertFalse(checksumOf(fileA).equals(Checksum.ofSource((text + " ").getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void databaseMigratedBeforeTheHistoryExistedIsAcceptedAndRecorded() throws Exception {
        ok(w.run("upgrade", A));
        w.execute("drop table retort_version_history");
        Path fileC = w.tableMigration(C, List.of(B), "gamma");
        Workspace.Result up = w.run("upgrade", "head");
        ok(up);
        assertTrue(up.out().contains("Recorded the checksums of 1 applied revision that had none on record"), up::toString);
        assertEquals(List.of(A + " record " + checksumOf(fileA), B + " upgrade " + checksumOf(fileB), C + " upgrade " + checksumOf(fileC)),
                w.history());
    }

    @Test
    void stampRecordsWhatItMarksAppliedAndUnapplied() throws Exception {
        ok(w.run("stamp", "head"));
        assertEquals(List.of(A + " stamp " + checksumOf(fileA), B + " stamp " + checksumOf(fileB)), w.history());
        ok(w.run("stamp", A));
        assertEquals(B + " unstamp null", w.history().get(2));
        Files.writeString(fileA, Files.readString(fileA) + "// edited\n");
        failsWithOneLine(w.run("upgrade", "head"), "applied migration " + A);
        ok(w.run("stamp", "base"));
        assertEquals(A + " unstamp null", w.history().get(3));
        ok(w.run("upgrade", "head"), "no longer applied, so no longer checked");
    }

    @Test
    void sqlScriptsWriteTheHistoryToo() throws Exception {
        Workspace.Result sql = w.run("upgrade", "head", "--sql");
        ok(sql);
        String script = sql.out();
        assertTrue(script.contains("create table if not exists \"retort_version_history\""), script);
        assertTrue(script.contains("'" + A + "', 'upgrade', '" + checksumOf(fileA) + "'"), script);
        // and the script really runs on the database it was written for
        try (var c = w.connect(); var s = c.createStatement()) {
            for (String statement : script.split(";\n")) {
                String st = statement.lines().filter(l -> !l.startsWith("--")).reduce("", (x, y) -> x + "\n" + y).strip();
                if (!st.isEmpty()) {
                    s.execute(st);
                }
            }
        }
        assertEquals(Set.of(B), w.versions());
        assertEquals(List.of(A + " upgrade " + checksumOf(fileA), B + " upgrade " + checksumOf(fileB)), w.history());
        ok(w.run("upgrade", "head"), "a database migrated by script is checked like any other");
    }

    @Test
    void precompiledMigrationsAreCheckedByTheirClassBytes() throws Exception {
        Path classes = tmp.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "-proc:none", fileA.toString(), fileB.toString()));
        assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)));
        Config config = Config.load(w.config, Config.Overrides.NONE);
        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, getClass().getClassLoader())) {
            // upgraded from the sources first, then the application runs its precompiled classes: a checksum of
            // another kind cannot be compared, so it is recorded, not refused
            ok(w.run("upgrade", A));
            List<String> lines = new ArrayList<>();
            Retort app = Retort.fromClasspath(config, loader);
            app.upgrade("head", lines::add, s -> { });
            assertEquals(Set.of(B), w.versions());
            List<String> history = w.history();
            assertEquals(A + " upgrade " + checksumOf(fileA), history.get(0));
            assertTrue(history.get(1).startsWith(A + " record class:"), history::toString);
            assertTrue(history.get(2).startsWith(B + " upgrade class:"), history::toString);
            String classChecksum = history.get(2).substring(history.get(2).lastIndexOf(' ') + 1);
            assertEquals(classChecksum, Checksum.of(app.graph().get(B), loader));
            assertNotNull(Retort.fromClasspath(config, loader).upgrade("head", s -> { }, s -> { }));
        }
    }

    static void ok(Workspace.Result r) {
        assertEquals(0, r.code(), r::toString);
    }

    static void ok(Workspace.Result r, String why) {
        assertEquals(0, r.code(), () -> why + "\n" + r);
    }

    static void failsWithOneLine(Workspace.Result r, String expected) {
        assertEquals(1, r.code(), r::toString);
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), () -> "one line on stderr expected\n" + r);
        assertTrue(lines.get(0).startsWith("retort: error: "), r::toString);
        assertTrue(lines.get(0).contains(expected), () -> "expected '" + expected + "' in\n" + r);
    }
}
