package dev.retort.bench;

import dev.retort.ddl.DdlExecutor;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import dev.retort.model.TableName;
import dev.retort.ops.Op;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Times Retort's SQLite rebuild of a 1,000,000-row table (a column made NOT NULL and back) against the bare SQL
 * floor written by hand ({@code create; insert into ... select ...; drop; alter ... rename}) in the same process,
 * on the same connection and settings, alternating the two. Prints medians, spreads and the ratio.
 *
 * <pre>java -cp ... dev.retort.bench.BatchRebuildBenchmark [rows] [runs] [journal_mode] [cache_size]</pre>
 */
public final class BatchRebuildBenchmark {

    private static final String COLUMNS = "id integer, name varchar(100), price numeric(10,2), data blob,"
            + " created timestamp, qty integer%s, note varchar(255), primary key (id)";

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String journal = args.length > 2 ? args[2] : "DELETE";
        String cache = args.length > 3 ? args[3] : "-2000";
        Path dir = Files.createTempDirectory("retort-bench-");
        Path file = dir.resolve("bench.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            execute(c, "PRAGMA journal_mode = " + journal, "PRAGMA cache_size = " + cache);
            fill(c, rows);
            System.out.printf("%,d rows, %,d bytes, journal_mode=%s, cache_size=%s, SQLite %s%n", rows, Files.size(file),
                    journal, cache, query(c, "select sqlite_version()"));

            // warm-up: one of each (class loading, Hibernate dialect, page cache)
            retort(c, true);
            retort(c, false);
            floor(c, true);
            floor(c, false);

            // alternate who goes first; both directions of the change are measured
            List<Time> ours = new ArrayList<>();
            List<Time> bare = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                boolean notNull = run % 2 == 0;
                for (boolean direction : new boolean[] {notNull, !notNull}) {
                    if (run % 2 == 0) {
                        ours.add(retort(c, direction));
                        bare.add(floor(c, direction));
                    } else {
                        bare.add(floor(c, direction));
                        ours.add(retort(c, direction));
                    }
                }
            }
            if (!query(c, "select count(*) from Item").equals(Integer.toString(rows))) {
                throw new IllegalStateException("rows lost");
            }
            report("wall", ours.stream().map(Time::wall).toList(), bare.stream().map(Time::wall).toList());
            report("cpu ", ours.stream().map(Time::cpu).toList(), bare.stream().map(Time::cpu).toList());
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir.resolve("bench.db-journal"));
            Files.deleteIfExists(dir.resolve("bench.db-wal"));
            Files.deleteIfExists(dir.resolve("bench.db-shm"));
            Files.deleteIfExists(dir);
        }
    }

    /** One migration as the runtime runs it: hooks, transaction, one op, flush, foreign key check, commit. */
    private static Time retort(Connection c, boolean notNull) throws SQLException {
        Column nullable = Column.of("qty", ColumnType.integer());
        Column from = notNull ? nullable : nullable.notNull();
        Column to = notNull ? nullable.notNull() : nullable;
        Time start = Time.now();
        DdlExecutor.beforeMigration(c, DatabaseKind.SQLITE);
        c.setAutoCommit(false);
        try {
            DdlExecutor executor = new DdlExecutor(c, DatabaseKind.SQLITE, sql -> { });
            executor.accept(new Op.AlterColumn(TableName.of("Item"), from, to));
            executor.flush();
            DdlExecutor.afterMigration(c, DatabaseKind.SQLITE);
            c.commit();
        } finally {
            c.setAutoCommit(true);
            DdlExecutor.restoreAfterMigration(c, DatabaseKind.SQLITE);
        }
        return Time.now().minus(start);
    }

    /** The same change by hand: the four statements and nothing else, in one transaction. */
    private static Time floor(Connection c, boolean notNull) throws SQLException {
        Time start = Time.now();
        c.setAutoCommit(false);
        try {
            execute(c, "create table Item_new (" + COLUMNS.formatted(notNull ? " not null" : "") + ")",
                    "insert into Item_new select * from Item",
                    "drop table Item",
                    "alter table Item_new rename to Item");
            c.commit();
        } finally {
            c.setAutoCommit(true);
        }
        return Time.now().minus(start);
    }

    /**
     * Wall-clock and CPU time of this thread, in ms. SQLite runs in the calling thread, so CPU time shows the work
     * done even when other processes on a busy machine make wall-clock times jump.
     */
    private record Time(long wall, long cpu) {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        static Time now() {
            return new Time(System.nanoTime(), THREADS.getCurrentThreadCpuTime());
        }

        Time minus(Time start) {
            return new Time((wall - start.wall) / 1_000_000, (cpu - start.cpu) / 1_000_000);
        }
    }

    private static void fill(Connection c, int rows) throws SQLException {
        execute(c, "create table Item (" + COLUMNS.formatted("") + ")");
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("insert into Item values (?, ?, ?, ?, ?, ?, ?)")) {
            byte[] blob = new byte[24];
            for (int i = 1; i <= rows; i++) {
                ps.setInt(1, i);
                ps.setString(2, "item number " + i);
                ps.setDouble(3, i * 0.25);
                blob[i % blob.length] = (byte) i;
                ps.setBytes(4, blob);
                ps.setString(5, "2024-05-" + (10 + i % 20) + " 12:34:56");
                ps.setInt(6, i % 1000);
                ps.setString(7, i % 3 == 0 ? null : "note " + i);
                ps.addBatch();
                if (i % 10_000 == 0) ps.executeBatch();
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    private static void report(String what, List<Long> ours, List<Long> bare) {
        List<Double> pairs = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) pairs.add((double) ours.get(i) / Math.max(1, bare.get(i)));
        System.out.printf("%s retort rebuild: median %,6d ms (min %,6d, max %,6d, n=%d)%n", what, median(ours), Collections.min(ours), Collections.max(ours), ours.size());
        System.out.printf("%s bare SQL floor: median %,6d ms (min %,6d, max %,6d, n=%d)%n", what, median(bare), Collections.min(bare), Collections.max(bare), bare.size());
        System.out.printf("%s ratio of medians %.3f, of minimums %.3f, median of paired ratios %.3f%n", what,
                (double) median(ours) / median(bare), (double) Collections.min(ours) / Collections.min(bare),
                pairs.stream().sorted().toList().get(pairs.size() / 2));
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void execute(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : statements) st.execute(s);
        }
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
