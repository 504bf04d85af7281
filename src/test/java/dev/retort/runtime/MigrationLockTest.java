package dev.retort.runtime;

import dev.retort.model.DatabaseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The migration lock's bounded wait: a clear error after lock-timeout, or the run once the holder lets go. */
class MigrationLockTest {

    static final String A = "1111aaaaaaaa";

    @TempDir
    Path tmp;

    @Test
    void sqliteGivesUpAfterTheLockTimeoutAndChangesNothing() throws Exception {
        givesUp(Workspace.sqlite(tmp.resolve("proj")));
    }

    @Test
    void postgresGivesUpAfterTheLockTimeoutAndChangesNothing() throws Exception {
        givesUp(Workspace.postgres(tmp.resolve("proj")));
    }

    @Test
    void sqliteWaitsForTheHolderThenRuns() throws Exception {
        waitsThenRuns(Workspace.sqlite(tmp.resolve("proj")));
    }

    @Test
    void postgresWaitsForTheHolderThenRuns() throws Exception {
        waitsThenRuns(Workspace.postgres(tmp.resolve("proj")));
    }

    @Test
    void lockKeysDependOnTheVersionTableOnly() {
        assertEquals(MigrationLock.key("retort_version"), MigrationLock.key("RETORT_VERSION"));
        assertNotEquals(MigrationLock.key("retort_version"), MigrationLock.key("other_version"));
    }

    /** Holds the lock the way another retort would: SQLite's write lock, or the advisory lock on the same key. */
    private static Connection holdLock(Workspace w) throws Exception {
        Connection c = w.connect();
        try (Statement s = c.createStatement()) {
            if (w.kind == DatabaseKind.SQLITE) {
                s.execute("begin immediate");
            } else {
                try (PreparedStatement ps = c.prepareStatement("select pg_advisory_lock(?)")) {
                    ps.setLong(1, MigrationLock.key("retort_version"));
                    ps.executeQuery().close();
                }
            }
        }
        return c;
    }

    private void givesUp(Workspace w) throws Exception {
        w.tableMigration(A, List.of(), "alpha");
        w.writeConfig("lock-timeout=1\n");
        String before = w.snapshot();
        try (Connection holder = holdLock(w)) {
            long start = System.nanoTime();
            Workspace.Result r = w.run("upgrade", "head");
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(1, r.code(), r::toString);
            List<String> err = r.err().lines().toList();
            assertEquals(1, err.size(), r::toString);
            assertTrue(err.get(0).startsWith("retort: error: another retort is migrating this database; waited 1 s"), r::toString);
            assertTrue(r.out().contains("waiting up to 1 s"), r::toString);
            assertTrue(waited >= 900, "it did wait: " + waited + " ms");
        }
        assertEquals(before, w.snapshot());
        assertEquals(Set.of(), w.versions());
        ok(w.run("upgrade", "head"));
        assertEquals(Set.of(A), w.versions());
    }

    private void waitsThenRuns(Workspace w) throws Exception {
        w.tableMigration(A, List.of(), "alpha");
        w.writeConfig("lock-timeout=60\n");
        ok(w.run("upgrade", "head", "--sql")); // compile outside the race
        Connection holder = holdLock(w);
        CompletableFuture<Workspace.Result> upgrade = CompletableFuture.supplyAsync(() -> w.run("upgrade", "head"));
        Thread.sleep(1500);
        assertFalse(upgrade.isDone(), "waits while the lock is held");
        holder.close(); // ends the transaction or the session, and with it the lock
        Workspace.Result r = upgrade.get(2, TimeUnit.MINUTES);
        ok(r);
        assertTrue(r.out().contains("Another retort is migrating this database; waiting up to 60 s"), r::toString);
        assertEquals(Set.of(A), w.versions());
    }

    static void ok(Workspace.Result r) {
        assertEquals(0, r.code(), r::toString);
    }
}
