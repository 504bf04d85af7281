package dev.retort.ddl;

import dev.retort.model.DatabaseKind;
import dev.retort.ops.Operations;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Plain JDBC for the tests: run statements, read rows as comparable values, run a migration as the runtime does. */
final class Sql {

    private Sql() {
    }

    static void execute(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /** Rows as lists of values; BLOBs become hex strings so that rows compare with equals. */
    static List<List<Object>> rows(Connection c, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    row.add(v instanceof byte[] b ? "x'" + HexFormat.of().formatHex(b) + "'" : v);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static List<String> strings(Connection c, String sql) throws SQLException {
        return rows(c, sql).stream().map(r -> r.get(0) == null ? null : r.get(0).toString()).toList();
    }

    static Object scalar(Connection c, String sql) throws SQLException {
        List<List<Object>> rows = rows(c, sql);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    static long count(Connection c, String sql) throws SQLException {
        return ((Number) scalar(c, sql)).longValue();
    }

    interface Body {
        void run(Operations ops) throws Exception;
    }

    /** Runs {@code body} as the runtime runs a migration: hooks, one transaction, rollback on failure. */
    static void migrate(Connection c, DatabaseKind kind, List<String> log, Body body) throws Exception {
        DdlExecutor.beforeMigration(c, kind);
        c.setAutoCommit(false);
        try {
            DdlExecutor executor = new DdlExecutor(c, kind, log::add);
            body.run(new Operations(executor));
            executor.flush();
            DdlExecutor.afterMigration(c, kind);
            c.commit();
        } catch (Exception | Error e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
            DdlExecutor.restoreAfterMigration(c, kind);
        }
    }

    static long countMatching(List<String> log, String prefix) {
        return log.stream().filter(s -> s.toLowerCase().startsWith(prefix)).count();
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] bytes(int seed, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) (seed * 31 + i * 7);
        Arrays.fill(b, 0, Math.min(2, length), (byte) 0); // leading zero bytes: not a C string
        return b;
    }
}
