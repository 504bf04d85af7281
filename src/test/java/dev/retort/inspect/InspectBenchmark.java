package dev.retort.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.model.DatabaseKind;
import dev.retort.testing.MariaDbServer;
import dev.retort.testing.PostgresServer;

/**
 * How long {@link SchemaInspector#inspect} takes on large schemas, next to the cheapest complete catalog read
 * (the bare bulk queries, rows read and thrown away). Prints numbers, asserts only the results. On a shared
 * machine the minimum is the number to trust; medians move with the load.
 * Run with {@code -Dtest=InspectBenchmark -Dretort.bench=true}; output lands in the surefire report.
 */
@EnabledIfSystemProperty(named = "retort.bench", matches = "true")
class InspectBenchmark {

    private static final int RUNS = 30;

    @TempDir
    Path dir;

    @Test
    void sqliteThousandTables() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bench.db"))) {
            createTables(c, 1000, "");
            String raw1 = "select m.name, c.* from sqlite_master m join pragma_table_info(m.name) c where m.type = 'table'";
            String raw2 = "select m.name, il.*, x.* from sqlite_master m join pragma_index_list(m.name) il "
                    + "join pragma_index_xinfo(il.name) x where m.type = 'table'";
            String raw3 = "select m.name, f.* from sqlite_master m join pragma_foreign_key_list(m.name) f where m.type = 'table'";
            report("SQLite, 1000 tables", c, DatabaseKind.SQLITE, 1000, raw1, raw2, raw3);
            long t0 = System.nanoTime();
            DatabaseMetaData md = c.getMetaData();
            int columns = 0;
            for (int i = 0; i < 1000; i++) {
                try (ResultSet rs = md.getColumns(null, null, String.format("t%04d", i), "%")) {
                    while (rs.next()) columns++;
                }
            }
            System.out.printf("  per-table DatabaseMetaData.getColumns only: %d ms (%d columns)%n",
                    (System.nanoTime() - t0) / 1_000_000, columns);
        }
    }

    @Test
    void postgresFiveHundredTables() throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresServer.get().createDatabase())) {
            createTables(c, 500, "");
            String raw1 = """
                    select n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                           pg_get_expr(d.adbin, d.adrelid), a.attidentity
                    from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                    left join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
                    where c.relkind = 'r' and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'""";
            String raw2 = """
                    select k.conrelid, k.conname, k.contype, k.conkey, k.confrelid, k.confkey, k.confdeltype, k.confupdtype,
                           case when k.contype = 'c' then pg_get_constraintdef(k.oid) end
                    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'""";
            String raw3 = """
                    select i.indrelid, ic.relname, i.indisunique, i.indkey, i.indoption
                    from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_namespace n on n.oid = ic.relnamespace
                    where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'""";
            report("PostgreSQL, 500 tables", c, DatabaseKind.POSTGRESQL, 500, raw1, raw2, raw3);
        }
    }

    @Test
    void mariadbFiveHundredTables() throws SQLException {
        try (Connection c = DriverManager.getConnection(MariaDbServer.get().createDatabase())) {
            createTables(c, 500, " engine=InnoDB");
            String raw1 = "select * from information_schema.COLUMNS where TABLE_SCHEMA = database()";
            String raw2 = "select * from information_schema.STATISTICS where TABLE_SCHEMA = database()";
            String raw3 = "select * from information_schema.KEY_COLUMN_USAGE where TABLE_SCHEMA = database()";
            report("MariaDB, 500 tables", c, DatabaseKind.MARIADB, 500, raw1, raw2, raw3);
        }
    }

    private static void createTables(Connection c, int count, String options) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("create table t0000 (id bigint not null, primary key (id))" + options);
            for (int i = 1; i < count; i++) {
                String t = String.format("t%04d", i);
                s.execute("create table " + t + " (id bigint not null, name varchar(100) not null, amount numeric(12,2), "
                        + "created timestamp null, parent_id bigint, primary key (id), "
                        + "constraint fk_" + t + " foreign key (parent_id) references " + String.format("t%04d", i - 1) + " (id), "
                        + "check (amount >= 0))" + options);
                s.execute("create index ix_" + t + " on " + t + " (name, created desc)");
            }
        }
        c.commit();
        c.setAutoCommit(true);
    }

    private static void report(String what, Connection c, DatabaseKind kind, int tables, String... rawQueries)
            throws SQLException {
        long cold = time(() -> assertEquals(tables, SchemaInspector.inspect(c, kind, t -> true).tables().size()));
        long[] inspect = new long[RUNS];
        long[] raw = new long[RUNS];
        for (int r = 0; r < RUNS; r++) {
            inspect[r] = time(() -> SchemaInspector.inspect(c, kind, t -> true));
            raw[r] = time(() -> {
                for (String q : rawQueries) readAll(c, q);
            });
        }
        System.out.printf("%s: inspect first %d ms, warm median %d ms (min %d); bare catalog queries warm median %d ms (min %d)%n",
                what, cold / 1_000_000, median(inspect) / 1_000_000, min(inspect) / 1_000_000,
                median(raw) / 1_000_000, min(raw) / 1_000_000);
    }

    private static void readAll(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= n; i++) rs.getObject(i);
            }
        }
    }

    interface Work {
        void run() throws SQLException;
    }

    private static long time(Work work) throws SQLException {
        long t0 = System.nanoTime();
        work.run();
        return System.nanoTime() - t0;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElse(0);
    }

}
