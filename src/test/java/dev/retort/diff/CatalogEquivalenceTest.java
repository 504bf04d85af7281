package dev.retort.diff;

import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import dev.retort.testing.MariaDbServer;
import dev.retort.testing.PostgresServer;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static dev.retort.model.DatabaseKind.MARIADB;
import static dev.retort.model.DatabaseKind.POSTGRESQL;
import static dev.retort.model.DatabaseKind.SQLITE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * "Right after an upgrade, check finds nothing": each database is given column types, defaults and checks
 * exactly as Hibernate's dialect writes them, and what its catalog then reports must compare equal to them;
 * a changed enum must not. Nothing here is copied by hand from a database: it is read back live.
 */
class CatalogEquivalenceTest {

    @TempDir
    Path dir;

    private static ColumnType code(int code) {
        return ColumnType.of(code);
    }

    private static ColumnType sized(int code, Long length, Integer precision, Integer scale) {
        return ColumnType.of(code, length, precision, scale);
    }

    private static final List<ColumnType> COMMON = List.of(
            code(SqlTypes.BOOLEAN), code(SqlTypes.TINYINT), code(SqlTypes.SMALLINT), code(SqlTypes.INTEGER),
            code(SqlTypes.BIGINT), code(SqlTypes.REAL), code(SqlTypes.FLOAT), sized(SqlTypes.FLOAT, null, 53, null),
            code(SqlTypes.DOUBLE), code(SqlTypes.NUMERIC), ColumnType.numeric(10, 2), ColumnType.decimal(10, 2),
            ColumnType.numeric(21, 0), ColumnType.character(1), ColumnType.varchar(255), ColumnType.varchar(50),
            ColumnType.nvarchar(100), code(SqlTypes.LONGVARCHAR), code(SqlTypes.LONG32VARCHAR), code(SqlTypes.CLOB),
            code(SqlTypes.BLOB), code(SqlTypes.VARBINARY), code(SqlTypes.LONG32VARBINARY), code(SqlTypes.DATE),
            code(SqlTypes.TIMESTAMP), ColumnType.timestamp(3));

    @Test
    void postgresqlReportsWhatHibernateWritesAsTheSameType() throws SQLException {
        List<ColumnType> types = new ArrayList<>(COMMON);
        types.addAll(List.of(code(SqlTypes.NCHAR), code(SqlTypes.NCLOB), code(SqlTypes.BINARY), code(SqlTypes.TIME),
                sized(SqlTypes.TIME, null, 0, null), code(SqlTypes.TIME_WITH_TIMEZONE), ColumnType.timestampTz(6),
                code(SqlTypes.TIMESTAMP_UTC), code(SqlTypes.UUID), code(SqlTypes.JSON), code(SqlTypes.SQLXML),
                code(SqlTypes.INET), sized(SqlTypes.INTERVAL_SECOND, null, null, 6),
                // what Column.getSqlType gives for mappings without a portable code of their own
                ColumnType.sql("integer array"), ColumnType.sql("varchar(255) array"), ColumnType.sql("float(53)"),
                ColumnType.sql("float4"), ColumnType.sql("jsonb"), ColumnType.sql("text"), ColumnType.sql("timestamptz"),
                ColumnType.sql("serial")));
        try (Connection c = DriverManager.getConnection(PostgresServer.get().createDatabase())) {
            createColumns(c, types, POSTGRESQL, "");
            List<String> reported = strings(c, "select format_type(a.atttypid, a.atttypmod) from pg_attribute a"
                    + " where a.attrelid = 't'::regclass and a.attnum > 0 order by a.attnum");
            assertSameTypes(types, reported, POSTGRESQL);
        }
    }

    @Test
    void mariaDbReportsWhatHibernateWritesAsTheSameType() throws SQLException {
        List<ColumnType> types = new ArrayList<>(COMMON);
        types.addAll(List.of(sized(SqlTypes.CLOB, 50L, null, null), code(SqlTypes.NCLOB), sized(SqlTypes.BINARY, 16L, null, null),
                sized(SqlTypes.TIME, null, 0, null), code(SqlTypes.TIME), code(SqlTypes.TIMESTAMP_WITH_TIMEZONE),
                code(SqlTypes.TIMESTAMP_UTC), code(SqlTypes.JSON),
                ColumnType.sql("enum ('ARCHIVED','DRAFT','PUBLISHED')"), ColumnType.sql("mediumtext"),
                ColumnType.sql("mediumblob"), ColumnType.sql("bigint unsigned"), ColumnType.sql("float(23)")));
        try (Connection c = DriverManager.getConnection(MariaDbServer.get().createDatabase())) {
            createColumns(c, types, MARIADB, " null");
            List<String> reported = strings(c, "select column_type from information_schema.columns"
                    + " where table_schema = database() and table_name = 't' order by ordinal_position");
            assertSameTypes(types, reported, MARIADB);
        }
    }

    @Test
    void sqliteReportsWhatHibernateWritesAsTheSameType() throws SQLException {
        List<ColumnType> types = new ArrayList<>(COMMON);
        types.removeIf(t -> t.code() == SqlTypes.VARBINARY || t.code() == SqlTypes.LONG32VARBINARY); // both "blob"
        types.addAll(List.of(code(SqlTypes.NCHAR), code(SqlTypes.NCLOB), code(SqlTypes.TIME),
                ColumnType.sql("time(0)"), ColumnType.sql("numeric(38,0)")));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("types.db"))) {
            createColumns(c, types, SQLITE, "");
            List<String> reported = strings(c, "select type from pragma_table_info('t') order by cid");
            assertSameTypes(types, reported, SQLITE);
        }
    }

    private static void createColumns(Connection c, List<ColumnType> types, DatabaseKind kind, String suffix) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            columns.add("c" + i + " " + TypeEquivalence.render(types.get(i), kind) + suffix);
        }
        try (Statement s = c.createStatement()) {
            s.execute("create table t (" + String.join(", ", columns) + ")");
        }
    }

    private static void assertSameTypes(List<ColumnType> types, List<String> reported, DatabaseKind kind) {
        assertEquals(types.size(), reported.size());
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            String written = TypeEquivalence.render(types.get(i), kind);
            if (!TypeEquivalence.same(types.get(i), ColumnType.sql(reported.get(i)), kind, false)) {
                mismatches.add(written + " reported as " + reported.get(i));
            }
            // and a different type must not pass for it
            ColumnType other = types.get(i).code() == SqlTypes.BIGINT ? ColumnType.varchar(10) : ColumnType.bigint();
            if (TypeEquivalence.same(other, ColumnType.sql(reported.get(i)), kind, false) && !isBigint(reported.get(i), kind)) {
                mismatches.add(TypeEquivalence.render(other, kind) + " taken for " + reported.get(i));
            }
        }
        assertEquals(List.of(), mismatches);
    }

    private static boolean isBigint(String reported, DatabaseKind kind) {
        return TypeEquivalence.normalise(reported, kind).startsWith("bigint");
    }

    // ------------------------------------------------------------------ defaults

    private record Default(String type, String expression) {
    }

    @Test
    void postgresqlReportsWhatHibernateWritesAsTheSameDefault() throws SQLException {
        List<Default> defaults = List.of(new Default("varchar(255)", "'draft'"), new Default("integer", "0"),
                new Default("integer", "-1"), new Default("numeric(38,2)", "1.5"), new Default("numeric(38,2)", "-0.25"),
                new Default("boolean", "true"), new Default("boolean", "false"), new Default("timestamp(6)", "current_timestamp"),
                new Default("timestamp(6) with time zone", "now()"), new Default("date", "'2020-01-02'"),
                new Default("date", "current_date"), new Default("varchar(255)", "'it''s'"), new Default("jsonb", "'{}'"),
                new Default("uuid", "gen_random_uuid()"), new Default("integer", "(1 + 2)"), new Default("bigint", "'7'"));
        try (Connection c = DriverManager.getConnection(PostgresServer.get().createDatabase())) {
            createDefaults(c, defaults, "");
            List<String> reported = strings(c, "select pg_get_expr(d.adbin, d.adrelid) from pg_attribute a"
                    + " left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum"
                    + " where a.attrelid = 't'::regclass and a.attnum > 0 order by a.attnum");
            assertSameDefaults(defaults, reported, POSTGRESQL);
        }
    }

    @Test
    void mariaDbReportsWhatHibernateWritesAsTheSameDefault() throws SQLException {
        List<Default> defaults = List.of(new Default("varchar(255)", "'draft'"), new Default("integer", "0"),
                new Default("integer", "-1"), new Default("decimal(38,2)", "1.5"), new Default("bit", "true"),
                new Default("bit", "false"), new Default("datetime(6)", "current_timestamp"),
                new Default("date", "'2020-01-02'"), new Default("varchar(255)", "'it''s'"), new Default("bigint", "'7'"),
                new Default("varchar(255)", "null"));
        try (Connection c = DriverManager.getConnection(MariaDbServer.get().createDatabase())) {
            createDefaults(c, defaults, " null");
            List<String> reported = strings(c, "select column_default from information_schema.columns"
                    + " where table_schema = database() and table_name = 't' order by ordinal_position");
            assertSameDefaults(defaults, reported, MARIADB);
        }
    }

    @Test
    void sqliteReportsWhatHibernateWritesAsTheSameDefault() throws SQLException {
        List<Default> defaults = List.of(new Default("varchar(255)", "'draft'"), new Default("integer", "0"),
                new Default("integer", "-1"), new Default("numeric(38,2)", "1.5"), new Default("boolean", "true"),
                new Default("boolean", "false"), new Default("timestamp", "current_timestamp"),
                new Default("date", "'2020-01-02'"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("defaults.db"))) {
            createDefaults(c, defaults, "");
            List<String> reported = strings(c, "select dflt_value from pragma_table_info('t') order by cid");
            assertSameDefaults(defaults, reported, SQLITE);
        }
    }

    private static void createDefaults(Connection c, List<Default> defaults, String suffix) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < defaults.size(); i++) {
            columns.add("c" + i + " " + defaults.get(i).type() + " default " + defaults.get(i).expression() + suffix);
        }
        try (Statement s = c.createStatement()) {
            s.execute("create table t (" + String.join(", ", columns) + ")");
        }
    }

    private static void assertSameDefaults(List<Default> defaults, List<String> reported, DatabaseKind kind) {
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < defaults.size(); i++) {
            String written = defaults.get(i).expression();
            if (!DefaultEquivalence.same(written, reported.get(i), kind)) {
                mismatches.add(written + " reported as " + reported.get(i));
            }
            if (DefaultEquivalence.same("'something else'", reported.get(i), kind)) {
                mismatches.add("'something else' taken for " + reported.get(i));
            }
        }
        assertEquals(List.of(), mismatches);
    }

    // ------------------------------------------------------------------ checks

    private static final List<String> CHECK_COLUMNS = List.of("st varchar(20)", "one varchar(20)", "ord smallint",
            "active smallint", "DTYPE varchar(31)", "name varchar(50)", "price numeric(10,2)");

    private static final List<String> CHECKS = List.of("st in ('DRAFT','PUBLISHED','ARCHIVED')", "one in ('ONLY')",
            "ord between 0 and 2", "active in (0,1)", "DTYPE<>'Sub' or (name is not null)", "price>=0",
            "length(name) > 2", "st not in ('A','B')", "(st is null) or (ord >= 1 and price < 100.50)");

    @Test
    void postgresqlReportsWhatHibernateWritesAsTheSameCheck() throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresServer.get().createDatabase())) {
            createChecks(c);
            assertSameChecks(checks(c, "select pg_get_constraintdef(oid) from pg_constraint where conname = ?"), POSTGRESQL);
        }
    }

    @Test
    void mariaDbReportsWhatHibernateWritesAsTheSameCheck() throws SQLException {
        try (Connection c = DriverManager.getConnection(MariaDbServer.get().createDatabase())) {
            createChecks(c);
            assertSameChecks(checks(c, "select check_clause from information_schema.check_constraints"
                    + " where constraint_schema = database() and constraint_name = ?"), MARIADB);
        }
    }

    private static void createChecks(Connection c) throws SQLException {
        List<String> parts = new ArrayList<>(CHECK_COLUMNS);
        for (int i = 0; i < CHECKS.size(); i++) parts.add("constraint ck" + i + " check (" + CHECKS.get(i) + ")");
        try (Statement s = c.createStatement()) {
            s.execute("create table t (" + String.join(", ", parts) + ")");
        }
    }

    private static List<String> checks(Connection c, String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(query)) {
            for (int i = 0; i < CHECKS.size(); i++) {
                ps.setString(1, "ck" + i);
                try (ResultSet r = ps.executeQuery()) {
                    out.add(r.next() ? r.getString(1) : null);
                }
            }
        }
        return out;
    }

    private static void assertSameChecks(List<String> reported, DatabaseKind kind) {
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < CHECKS.size(); i++) {
            if (!CheckEquivalence.same(CHECKS.get(i), reported.get(i), kind)) {
                mismatches.add(CHECKS.get(i) + " reported as " + reported.get(i) + " -> " + CheckEquivalence.normalise(reported.get(i), kind));
            }
        }
        // the enum gained a constant: that is a change
        String gained = "st in ('DRAFT','PUBLISHED','ARCHIVED','DELETED')";
        if (CheckEquivalence.same(gained, reported.get(0), kind)) mismatches.add(gained + " taken for " + reported.get(0));
        assertEquals(List.of(), mismatches);
    }

    private static List<String> strings(Connection c, String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            while (r.next()) out.add(r.getString(1));
        }
        return out;
    }
}
