package dev.retort.runtime;

import dev.retort.model.DatabaseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Eight separate processes run {@code upgrade head} on one database at once: they serialise on the migration
 * lock, every migration runs exactly once (the history says so, and the data migration's rows are not doubled),
 * and the processes that waited find nothing left to do.
 */
class ConcurrentUpgradeTest {

    static final int PROCESSES = 8;
    static final String A = "1111aaaaaaaa";
    static final String B = "2222bbbbbbbb";
    static final String C = "3333cccccccc";
    static final String D = "4444dddddddd";

    @TempDir
    Path tmp;

    @Test
    void eightProcessesOnOneSqliteFile() throws Exception {
        race(Workspace.sqlite(tmp.resolve("proj")));
    }

    @Test
    void eightProcessesOnOnePostgresDatabase() throws Exception {
        race(Workspace.postgres(tmp.resolve("proj")));
    }

    @Test
    void eightProcessesOnOneMariaDbDatabase() throws Exception {
        race(Workspace.of(DatabaseKind.MARIADB, tmp.resolve("proj")));
    }

    private void race(Workspace w) throws Exception {
        w.migration(A, List.of(), "items",
                "op.createTable(Table.builder(\"item\").column(Column.of(\"id\", bigint()).notNull())"
                        + ".column(Column.of(\"label\", varchar(40))).primaryKey(\"id\").build());",
                "op.dropTable(\"item\");");
        // a data migration that would fail (duplicate keys) or double the rows if it ran twice, and is slow
        // enough that the processes really overlap
        w.migration(B, List.of(A), "seed items",
                "op.execute(\"insert into item (id, label) values (1, 'one'), (2, 'two')\"); Thread.sleep(400);",
                "op.execute(\"delete from item\");");
        w.migration(C, List.of(B), "quantity",
                "op.addColumn(\"item\", Column.of(\"qty\", integer())); op.execute(\"update item set qty = id * 10\");",
                "op.dropColumn(\"item\", Column.of(\"qty\", integer()));");
        w.migration(D, List.of(C), "counter",
                "op.createTable(Table.builder(\"counter\").column(Column.of(\"n\", bigint()).notNull()).build());"
                        + " op.execute(\"insert into counter (n) values (1)\"); op.execute(\"update counter set n = n + 1\");",
                "op.dropTable(\"counter\");");
        w.writeConfig("lock-timeout=120\n");
        Path logs = tmp.resolve("logs");
        Path cache = tmp.resolve("cache");
        // compile once, so that the race is about the database, not about eight javac runs on two cores
        Process warm = w.start(logs, "warm", cache, List.of(), "upgrade", "head", "--sql");
        assertTrue(warm.waitFor(3, TimeUnit.MINUTES));
        assertEquals(0, warm.exitValue(), () -> Workspace.finishedQuietly(warm, logs, "warm"));

        long start = System.nanoTime();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            processes.add(w.start(logs, "p" + i, cache, List.of(), "upgrade", "head"));
        }
        int running = 0;
        int waited = 0;
        for (int i = 0; i < PROCESSES; i++) {
            Process p = processes.get(i);
            String name = "p" + i;
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), name + " hangs");
            Workspace.Result r = Workspace.finished(p, logs, name);
            assertEquals(0, r.code(), () -> name + ": " + r);
            assertEquals("", r.err(), r::toString);
            long steps = r.out().lines().filter(l -> l.startsWith("Running upgrade")).count();
            assertTrue(steps == 0 || steps == 4, "a process runs the whole plan or nothing: " + r);
            running += steps == 4 ? 1 : 0;
            waited += r.out().contains("waiting up to 120 s") ? 1 : 0;
        }
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(1, running, "exactly one process migrated");
        assertEquals(Set.of(D), w.versions());
        assertEquals(List.of(A + " upgrade", B + " upgrade", C + " upgrade", D + " upgrade"),
                w.history().stream().map(h -> h.substring(0, h.lastIndexOf(' '))).toList(), "each migration ran once");
        assertEquals(List.of("1|one|10", "2|two|20"), w.query("select id, label, qty from item order by id"));
        assertEquals(List.of("2"), w.query("select n from counter"));
        System.out.println(w.kind + ": " + PROCESSES + " processes, wall time " + millis + " ms, " + waited
                + " reported waiting for the lock");
    }
}
