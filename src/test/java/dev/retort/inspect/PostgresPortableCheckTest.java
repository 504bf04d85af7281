package dev.retort.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.model.Check;
import dev.retort.model.DatabaseKind;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.testing.PostgresServer;

/**
 * Checks written in several styles, read back from PostgreSQL: the inspector reports them in a form SQLite parses,
 * and that form means to PostgreSQL exactly what the original did (PostgreSQL stores the parsed condition, so
 * adding the portable text to a twin table must print back the same definition).
 */
class PostgresPortableCheckTest {

    private static final String COLUMNS = """
            id bigint primary key, status varchar(20), kind text, title varchar(100), priority integer,
            effort integer, price numeric(12,2), amount double precision, ch char(1), d date, ts timestamp(6),
            name varchar(50), code varchar(10), flag boolean, big bigint, a integer, b integer, r real""";

    /** The check as written, and as the inspector should report it. */
    private static final Map<String, String[]> CHECKS = new LinkedHashMap<>();

    static {
        CHECKS.put("c01", new String[] {"status in ('OPEN','CLOSED')", "status IN ('OPEN', 'CLOSED')"});
        CHECKS.put("c02", new String[] {"kind not in ('x', 'y')", "kind NOT IN ('x', 'y')"});
        CHECKS.put("c03", new String[] {"title <> ''", "title <> ''"});
        CHECKS.put("c04", new String[] {"priority between 1 and 5", "priority >= 1 AND priority <= 5"});
        CHECKS.put("c05", new String[] {"effort>=0", "effort >= 0"});
        CHECKS.put("c06", new String[] {"price > 0 and price < 1000.50", "price > 0 AND price < 1000.50"});
        CHECKS.put("c07", new String[] {"amount >= 0", "amount >= 0"});
        CHECKS.put("c08", new String[] {"ch in ('A','B')", "ch IN ('A', 'B')"});
        CHECKS.put("c09", new String[] {"d > '2020-01-01'", "d > '2020-01-01'"});
        CHECKS.put("c10", new String[] {"ts >= '2020-01-01 00:00:00'", "ts >= '2020-01-01 00:00:00'"});
        CHECKS.put("c11", new String[] {"length(name) > 2 and lower(name) <> 'admin'",
                "length(name) > 2 AND lower(name) <> 'admin'"});
        CHECKS.put("c12", new String[] {"code like 'A%'", "code LIKE 'A%'"});
        CHECKS.put("c13", new String[] {"flag or not flag", "flag OR NOT flag"});
        CHECKS.put("c14", new String[] {"big <> -1 and big > -100", "big <> -1 AND big > -100"});
        CHECKS.put("c15", new String[] {"a + b * 2 > 0 or a is null", "a + b * 2 > 0 OR a IS NULL"});
        CHECKS.put("c16", new String[] {"status = 'OPEN' or title is not null", "status = 'OPEN' OR title IS NOT NULL"});
        CHECKS.put("c17", new String[] {"name || code <> 'x'", "name || code <> 'x'"});
        CHECKS.put("c18", new String[] {"not (a = 1)", "NOT (a = 1)"});
        CHECKS.put("c19", new String[] {"a in (1, 2, 3)", "a IN (1, 2, 3)"});
        CHECKS.put("c20", new String[] {"a - (-b) > 0", "a - (-b) > 0"});
        CHECKS.put("c21", new String[] {"title = 'it''s (a, b)'", "title = 'it''s (a, b)'"});
        CHECKS.put("c22", new String[] {"kind in ('z')", "kind = 'z'"});
        CHECKS.put("c23", new String[] {"(a > 0) = (b > 0)", "(a > 0) = (b > 0)"});
        CHECKS.put("c24", new String[] {"d < current_date", "d < CURRENT_DATE"});
        CHECKS.put("c25", new String[] {"upper(kind) = 'Z' or kind is null", "upper(kind) = 'Z' OR kind IS NULL"});
        CHECKS.put("c26", new String[] {"r >= 0 and r > 0.5", "r >= 0 AND r > 0.5"});
        CHECKS.put("c27", new String[] {"amount > -1.5", "amount > -1.5"});
        CHECKS.put("c28", new String[] {"a between -5 and 5", "a >= -5 AND a <= 5"});
        CHECKS.put("c29", new String[] {"title not in ('a''b', 'c,d', 'e)')", "title NOT IN ('a''b', 'c,d', 'e)')"});
    }

    /** Not portable: reported as PostgreSQL prints them (what can go safely, such as a literal's cast, goes). */
    private static final Map<String, String[]> VERBATIM = Map.of(
            "v1", new String[] {"case when a > 0 then b > 0 else true end",
                    "CASE\n    WHEN (a > 0) THEN (b > 0)\n    ELSE true\nEND"},
            "v2", new String[] {"kind ilike 'a%'", "kind ~~* 'a%'"},
            "v3", new String[] {"code::integer > 0", "code::integer > 0"});

    @TempDir
    Path dir;

    Connection pg;

    @BeforeEach
    void open() throws SQLException {
        pg = DriverManager.getConnection(PostgresServer.get().createDatabase());
    }

    @AfterEach
    void close() throws SQLException {
        if (pg != null) pg.close();
    }

    @Test
    void checksComeBackInAPortableFormThatMeansTheSame() throws SQLException {
        StringBuilder ddl = new StringBuilder("create table t (" + COLUMNS);
        CHECKS.forEach((name, check) -> ddl.append(", constraint ").append(name).append(" check (").append(check[0]).append(')'));
        VERBATIM.forEach((name, check) -> ddl.append(", constraint ").append(name).append(" check (").append(check[0]).append(')'));
        execute(pg, ddl + ")");

        Table t = SchemaInspector.inspectTable(pg, DatabaseKind.POSTGRESQL, TableName.of("t")).orElseThrow();
        Map<String, String> reported = new TreeMap<>();
        for (Check c : t.checks()) reported.put(c.name(), c.expression());
        Map<String, String> expected = new TreeMap<>();
        CHECKS.forEach((name, check) -> expected.put(name, check[1]));
        VERBATIM.forEach((name, check) -> expected.put(name, check[1]));
        assertEquals(expected, reported);

        // PostgreSQL parses the portable text into the very condition it stored for the original
        execute(pg, "create table twin (" + COLUMNS + ")");
        for (String name : CHECKS.keySet()) {
            execute(pg, "alter table twin add constraint " + name + " check (" + reported.get(name) + ")");
        }
        assertEquals(definitions("t", CHECKS.keySet().stream().toList()), definitions("twin", CHECKS.keySet().stream().toList()));
    }

    @Test
    void sqliteAcceptsAndEnforcesThePortableForm() throws SQLException {
        StringBuilder ddl = new StringBuilder("create table t (" + COLUMNS);
        CHECKS.forEach((name, check) -> ddl.append(", constraint ").append(name).append(" check (").append(check[0]).append(')'));
        execute(pg, ddl + ")");
        Table t = SchemaInspector.inspect(pg, DatabaseKind.POSTGRESQL, n -> true).table("t").orElseThrow();

        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("portable.db"))) {
            StringBuilder copy = new StringBuilder("create table t (" + COLUMNS);
            for (Check c : t.checks()) {
                copy.append(",\n constraint ").append(c.name()).append(" check (").append(c.expression()).append(')');
            }
            execute(sqlite, copy + ")");
            // a row every check accepts, then rows that each break one of them
            String row = "insert into t (id, status, kind, title, priority, effort, price, amount, ch, d, name, code, flag,"
                    + " big, a, b, r) values (%d, %s, 'z', 'it''s (a, b)', 3, 0, 12.5, 1.5, 'A', '2021-06-01', 'alice', %s,"
                    + " true, %s, %s, 3, 1)";
            for (Connection c : List.of(pg, sqlite)) {
                execute(c, String.format(row, 1, "'OPEN'", "'A1'", "5", "2"));
                String on = c == pg ? " on PostgreSQL" : " on SQLite";
                assertThrows(SQLException.class, () -> execute(c, String.format(row, 2, "'BAD'", "'A1'", "5", "2")), "c01" + on);
                assertThrows(SQLException.class, () -> execute(c, String.format(row, 3, "'OPEN'", "'B1'", "5", "2")), "c12" + on);
                assertThrows(SQLException.class, () -> execute(c, String.format(row, 4, "'OPEN'", "'A1'", "-1", "2")), "c14" + on);
                assertThrows(SQLException.class, () -> execute(c, String.format(row, 5, "'OPEN'", "'A1'", "5", "1")), "c18" + on);
            }
        }
    }

    private Map<String, String> definitions(String table, List<String> names) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Statement s = pg.createStatement(); ResultSet rs = s.executeQuery(
                "select conname, pg_get_constraintdef(oid) from pg_constraint where conrelid = '" + table + "'::regclass"
                        + " and contype = 'c'")) {
            while (rs.next()) {
                if (names.contains(rs.getString(1))) out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
