package dev.retort.runtime;

import dev.retort.model.DatabaseKind;
import dev.retort.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a migrating process at every statement boundary of a multi-statement migration: the real CLI runs in
 * a child JVM that pauses after its N-th statement ({@link StatementPause}), the test kills it with SIGKILL, then
 * the database must be exactly at the old revision (schema, rows, version table, history) — or, killed after the
 * commit, exactly at the new one — and a normal upgrade must then go through, not blocked by the dead process.
 * On SQLite the statements run one at a time inside the step's savepoint, so every boundary but the commit is inside
 * the transaction. On PostgreSQL a step's statements and its COMMIT go to the server as one batch and are reported
 * once it returns, so every boundary is after the commit: the client has no point inside the transaction to die at
 * (dying while the batch is sent or run is the server's atomicity, which this test cannot time).
 */
class CrashConsistencyTest {

    static final String A = "1111aaaaaaaa";
    static final String B = "2222bbbbbbbb";

    @TempDir
    Path tmp;

    @Test
    void sqliteKilledAtEveryStatementBoundary() throws Exception {
        Workspace w = Workspace.sqlite(tmp.resolve("proj"));
        prepare(w);
        Path template = tmp.resolve("at-a.sqlite");
        Files.copy(w.database(), template);
        crashEverywhere(w, true, () -> {
            Files.deleteIfExists(w.database().resolveSibling("app.sqlite-journal"));
            Files.copy(template, w.database(), StandardCopyOption.REPLACE_EXISTING);
            return w;
        });
    }

    @Test
    void postgresKilledAtEveryStatementBoundary() throws Exception {
        Workspace w = Workspace.postgres(tmp.resolve("proj"));
        prepare(w);
        String template = w.url.substring(w.url.lastIndexOf('/') + 1, w.url.indexOf('?'));
        int[] copies = {0};
        crashEverywhere(w, false, () -> {
            String name = template + "_crash_" + ++copies[0];
            try (Connection c = DriverManager.getConnection(PostgresServer.get().jdbcUrl("postgres")); Statement s = c.createStatement()) {
                s.execute("create database " + name + " template " + template);
            }
            return Workspace.on(w.dir, DatabaseKind.POSTGRESQL, PostgresServer.get().jdbcUrl(name));
        });
    }

    /** Revision A with rows in its tables; revision B pending: many statements of DDL and data. */
    private static void prepare(Workspace w) throws Exception {
        w.migration(A, List.of(), "accounts",
                "op.createTable(Table.builder(\"account\").column(Column.of(\"id\", bigint()).notNull())"
                        + ".column(Column.of(\"name\", varchar(50)).notNull()).column(Column.of(\"balance\", integer())).primaryKey(\"id\").build());"
                        + " op.createTable(Table.builder(\"audit\").column(Column.of(\"id\", bigint()).notNull())"
                        + ".column(Column.of(\"note\", varchar(100))).primaryKey(\"id\").build());",
                "op.dropTable(\"audit\"); op.dropTable(\"account\");");
        w.migration(B, List.of(A), "ledger and email",
                String.join("\n        ", List.of(
                        "op.execute(\"insert into audit (id, note) values (100, 'b started')\");",
                        "op.addColumn(\"account\", Column.of(\"email\", varchar(100)));",
                        "op.execute(\"update account set email = name || '@example.com'\");",
                        "op.createTable(Table.builder(\"ledger\").column(Column.of(\"id\", bigint()).notNull())"
                                + ".column(Column.of(\"account_id\", bigint()).notNull()).column(Column.of(\"amount\", integer())).primaryKey(\"id\").build());",
                        "op.execute(\"insert into ledger (id, account_id, amount) select id, id, balance from account\");",
                        "op.alterColumn(\"account\", Column.of(\"email\", varchar(100)), Column.of(\"email\", varchar(100)).notNull());",
                        "op.createIndex(\"ledger\", \"ix_ledger_account\", \"account_id\");",
                        "op.dropColumn(\"account\", Column.of(\"balance\", integer()));",
                        "op.execute(\"delete from audit where id = 1\");")),
                "op.addColumn(\"account\", Column.of(\"balance\", integer())); op.dropTable(\"ledger\");"
                        + " op.dropColumn(\"account\", Column.of(\"email\", varchar(100)));"
                        + " op.execute(\"delete from audit where id = 100\");");
        ok(w.run("upgrade", A));
        w.execute("insert into account (id, name, balance) values (1, 'ann', 10), (2, 'bob', 20), (3, 'cy', null)",
                "insert into audit (id, note) values (1, 'created'), (2, 'checked')");
    }

    @FunctionalInterface
    interface Reset {
        Workspace get() throws Exception;
    }

    /** {@code statementByStatement}: the statements run (and are reported) one at a time before the commit. */
    private void crashEverywhere(Workspace template, boolean statementByStatement, Reset reset) throws Exception {
        String before = template.snapshot();
        Workspace reference = reset.get();
        ok(reference.run("upgrade", "head"));
        String after = reference.snapshot();
        assertFalse(before.equals(after));

        Path logs = tmp.resolve("logs");
        Path cache = tmp.resolve("cache");
        List<String> boundaries = new ArrayList<>();
        int killedBefore = 0;
        int killedAfter = 0;
        for (int n = 1; ; n++) {
            Workspace w = reset.get();
            assertEquals(before, w.snapshot(), "reset");
            Path pauseFile = logs.resolve("paused-" + n);
            Process p = w.start(logs, "crash-" + n, cache,
                    List.of("-D" + StatementPause.AFTER + "=" + n, "-D" + StatementPause.FILE + "=" + pauseFile), "upgrade", "head");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (!Files.exists(pauseFile) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (!Files.exists(pauseFile)) {
                assertTrue(p.waitFor(1, TimeUnit.MINUTES), "the child neither paused nor ended");
                Workspace.Result done = Workspace.finished(p, logs, "crash-" + n);
                assertEquals(0, done.code(), done::toString);
                assertEquals(after, w.snapshot(), "a run that was not killed ends at the new revision");
                break;
            }
            String statement = Files.readString(pauseFile).lines().skip(1).findFirst().orElse("?");
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(1, TimeUnit.MINUTES));
            assertEquals(137, p.exitValue(), "killed by SIGKILL");
            boundaries.add(statement);

            String state = w.snapshot();
            if (statement.equals("COMMIT") || !statementByStatement) {
                assertEquals(after, state, "killed after the commit: the database is at the new revision");
                killedAfter++;
            } else {
                assertEquals(before, state, "killed after statement " + n + " (" + statement
                        + "): the database must be exactly at the old revision");
                killedBefore++;
            }
            // the dead process's lock and half-done transaction are gone: a normal run completes
            Workspace.Result recovery = w.run("upgrade", "head");
            ok(recovery);
            assertEquals(after, w.snapshot(), "after recovering from the kill at statement " + n);
        }
        System.out.println(template.kind + ": killed at " + boundaries.size() + " boundaries (" + killedBefore
                + " before the commit, " + killedAfter + " after):\n  " + String.join("\n  ", boundaries));
        assertTrue(boundaries.size() >= 13, "the migration has at least 12 statements and a commit: " + boundaries);
        if (statementByStatement) {
            assertEquals(1, killedAfter, "one commit");
        } else {
            assertEquals(0, killedBefore, "nothing is reported before the batch with the commit returned");
            assertEquals("COMMIT", boundaries.get(boundaries.size() - 1), "the commit is the batch's last statement");
        }
    }

    private static void ok(Workspace.Result r) {
        assertEquals(0, r.code(), r::toString);
    }
}
