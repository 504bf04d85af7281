package dev.retort.ddl;

import dev.retort.inspect.SchemaInspector;
import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.ops.Op;
import dev.retort.testing.MariaDbServer;
import dev.retort.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static dev.retort.ddl.Sql.execute;
import static dev.retort.ddl.Sql.migrate;
import static dev.retort.ddl.Sql.strings;
import static dev.retort.model.ColumnType.bigint;
import static dev.retort.model.ColumnType.varchar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A migration written on MariaDB declares an {@code @Enumerated(STRING)} column as MariaDB's own
 * {@code enum ('A','B')}; on SQLite and PostgreSQL it runs as what Hibernate creates there: {@code varchar(255)}
 * and a check limiting the column to the labels, named as the comparator names that check.
 */
class NativeEnumDdlTest {

    private static final TableName TICKET = TableName.of("Ticket");
    private static final ColumnType OPEN_CLOSED = ColumnType.sql("enum ('CLOSED','OPEN')");
    // as MariaDB's catalog reports it: no space, and another order
    private static final ColumnType THREE = ColumnType.sql("enum('OPEN','IN_PROGRESS','CLOSED')");

    @TempDir
    Path dir;

    /** The databases without an enum type. */
    enum Elsewhere { SQLITE, POSTGRESQL }

    private Connection open(Elsewhere where) throws SQLException {
        return switch (where) {
            case SQLITE -> DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("enum.db"));
            case POSTGRESQL -> DriverManager.getConnection(PostgresServer.get().createDatabase());
        };
    }

    private static DatabaseKind kind(Elsewhere where) {
        return DatabaseKind.valueOf(where.name());
    }

    private static Table ticket(ColumnType statusType) {
        return Table.builder(TICKET).column(Column.of("id", bigint()).notNull())
                .column(Column.of("status", statusType)).primaryKey("id").build();
    }

    private static Table inspect(Connection c, DatabaseKind kind) throws SQLException {
        return SchemaInspector.inspectTable(c, kind, TICKET).orElseThrow();
    }

    private static boolean accepts(Connection c, String status) {
        try {
            execute(c, "insert into Ticket (id, status) values ((select coalesce(max(id), 0) + 1 from Ticket), "
                    + "'" + status.replace("'", "''") + "')");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @ParameterizedTest
    @EnumSource(Elsewhere.class)
    void createTableGivesTheVarcharAndTheCheckHibernateWould(Elsewhere where) throws Exception {
        DatabaseKind kind = kind(where);
        try (Connection c = open(where)) {
            List<String> log = new ArrayList<>();
            migrate(c, kind, log, ops -> ops.createTable(ticket(OPEN_CLOSED)));
            Table live = inspect(c, kind);
            Column status = live.column("status").orElseThrow();
            assertTrue(Sql.strings(c, where == Elsewhere.SQLITE ? "select type from pragma_table_info('Ticket') where name = 'status'"
                    : "select format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'ticket'::regclass and attname = 'status'")
                    .get(0).matches("(?i)(varchar|character varying)\\(255\\)"), status.toString());
            assertEquals(1, live.checks().size(), live.checks().toString());
            assertEquals(new NativeEnum(List.of("CLOSED", "OPEN"), null).checkName(TICKET, "status"), live.checks().get(0).name());
            assertTrue(accepts(c, "OPEN"));
            assertTrue(accepts(c, "CLOSED"));
            assertFalse(accepts(c, "open"));
            assertFalse(accepts(c, "IN_PROGRESS"));
        }
    }

    @ParameterizedTest
    @EnumSource(Elsewhere.class)
    void labelsAreDataQuotesAndBackslashesIncluded(Elsewhere where) throws Exception {
        DatabaseKind kind = kind(where);
        // MariaDB doubles quotes and escapes backslashes in an enum's labels
        ColumnType odd = ColumnType.sql("enum('it''s','a\\\\b','x\"y')");
        try (Connection c = open(where)) {
            migrate(c, kind, new ArrayList<>(), ops -> ops.createTable(ticket(odd)));
            assertTrue(accepts(c, "it's"));
            assertTrue(accepts(c, "a\\b"));
            assertTrue(accepts(c, "x\"y"));
            assertFalse(accepts(c, "a\\\\b"));
            assertFalse(accepts(c, "its"));
        }
    }

    @ParameterizedTest
    @EnumSource(Elsewhere.class)
    void anEnumGainingALabelSwapsTheCheckBothWays(Elsewhere where) throws Exception {
        DatabaseKind kind = kind(where);
        try (Connection c = open(where)) {
            migrate(c, kind, new ArrayList<>(), ops -> ops.createTable(ticket(OPEN_CLOSED)));
            assertTrue(accepts(c, "OPEN"));
            Op.AlterColumn upgrade = new Op.AlterColumn(TICKET, Column.of("status", OPEN_CLOSED), Column.of("status", THREE));
            migrate(c, kind, new ArrayList<>(), ops -> ops.alterColumn("Ticket", upgrade.from(), upgrade.to()));
            Table live = inspect(c, kind);
            assertEquals(List.of(new NativeEnum(List.of("OPEN", "IN_PROGRESS", "CLOSED"), null).checkName(TICKET, "status")),
                    live.checks().stream().map(Check::name).toList());
            assertTrue(accepts(c, "IN_PROGRESS"));
            assertFalse(accepts(c, "DONE"));
            assertEquals(List.of("OPEN", "IN_PROGRESS"), strings(c, "select status from Ticket order by id"));

            // the downgrade cannot go back while a row holds the new label; without it, it can
            assertThrows(RuntimeException.class, () -> migrate(c, kind, new ArrayList<>(),
                    ops -> ops.alterColumn("Ticket", upgrade.to(), upgrade.from())));
            execute(c, "delete from Ticket where status = 'IN_PROGRESS'");
            migrate(c, kind, new ArrayList<>(), ops -> ops.alterColumn("Ticket", upgrade.to(), upgrade.from()));
            assertEquals(1, inspect(c, kind).checks().size());
            assertFalse(accepts(c, "IN_PROGRESS"));
            assertTrue(accepts(c, "CLOSED"));
        }
    }

    @ParameterizedTest
    @EnumSource(Elsewhere.class)
    void aColumnBecomesAnEnumAndAPlainVarcharAgain(Elsewhere where) throws Exception {
        DatabaseKind kind = kind(where);
        try (Connection c = open(where)) {
            migrate(c, kind, new ArrayList<>(), ops -> ops.createTable(ticket(varchar(20))));
            assertTrue(accepts(c, "OPEN"));
            migrate(c, kind, new ArrayList<>(), ops -> ops.alterColumn("Ticket", Column.of("status", varchar(20)), Column.of("status", OPEN_CLOSED)));
            assertEquals(1, inspect(c, kind).checks().size());
            assertFalse(accepts(c, "DONE"));
            migrate(c, kind, new ArrayList<>(), ops -> ops.alterColumn("Ticket", Column.of("status", OPEN_CLOSED), Column.of("status", varchar(20))));
            assertEquals(List.of(), inspect(c, kind).checks());
            assertTrue(accepts(c, "DONE"));
        }
    }

    @ParameterizedTest
    @EnumSource(Elsewhere.class)
    void anAddedEnumColumnBringsItsCheckAndFillsExistingRows(Elsewhere where) throws Exception {
        DatabaseKind kind = kind(where);
        try (Connection c = open(where)) {
            Table plain = Table.builder(TICKET).column(Column.of("id", bigint()).notNull()).primaryKey("id").build();
            migrate(c, kind, new ArrayList<>(), ops -> ops.createTable(plain));
            execute(c, "insert into Ticket (id) values (1)");
            List<String> log = new ArrayList<>();
            // as the comparator adds a NOT NULL column: with a placeholder default, removed right after
            Column filled = Column.of("status", OPEN_CLOSED).notNull().withDefault("'CLOSED'");
            migrate(c, kind, log, ops -> {
                ops.addColumn("Ticket", filled);
                ops.alterColumn("Ticket", filled, filled.withDefault(null));
            });
            assertEquals(List.of("CLOSED"), strings(c, "select status from Ticket"));
            assertEquals(1, inspect(c, kind).checks().size());
            assertFalse(accepts(c, "DONE"));
            assertTrue(accepts(c, "OPEN"));
            // a nullable one goes in place on SQLite too: its check is a column constraint
            List<String> inPlace = new ArrayList<>();
            migrate(c, kind, inPlace, ops -> ops.addColumn("Ticket", Column.of("other", OPEN_CLOSED)));
            assertEquals(1, inPlace.size(), inPlace.toString());
            assertEquals(2, inspect(c, kind).checks().size());
            migrate(c, kind, new ArrayList<>(), ops -> ops.dropColumn("Ticket", Column.of("other", OPEN_CLOSED)));
            assertEquals(1, inspect(c, kind).checks().size());
        }
    }

    @Test
    void onSqliteTheRebuildFindsTheOldChecksByWhatTheyAllowWhateverTheirNames() throws Exception {
        try (Connection c = open(Elsewhere.SQLITE)) {
            // as Hibernate creates it, or a hand-written migration: the check in the enum's order, under another name
            Table hibernates = ticket(varchar(255)).toBuilder().check(Check.of("ck_mine", "\"status\" IN ( 'OPEN', 'CLOSED' )")).build();
            migrate(c, DatabaseKind.SQLITE, new ArrayList<>(), ops -> ops.createTable(hibernates));
            migrate(c, DatabaseKind.SQLITE, new ArrayList<>(), ops -> ops.alterColumn("Ticket", Column.of("status", OPEN_CLOSED), Column.of("status", THREE)));
            assertEquals(List.of(new NativeEnum(List.of("OPEN", "IN_PROGRESS", "CLOSED"), null).checkName(TICKET, "status")),
                    inspect(c, DatabaseKind.SQLITE).checks().stream().map(Check::name).toList());
            assertTrue(accepts(c, "IN_PROGRESS"));
            // a check on the column that is not the enum's is no stand-in for it
            Table other = ticket(varchar(255)).toBuilder().name(TableName.of("Other")).check(Check.of("ck_other", "status <> 'X'")).build();
            migrate(c, DatabaseKind.SQLITE, new ArrayList<>(), ops -> ops.createTable(other));
            assertThrows(DdlException.class, () -> migrate(c, DatabaseKind.SQLITE, new ArrayList<>(),
                    ops -> ops.alterColumn("Other", Column.of("status", OPEN_CLOSED), Column.of("status", THREE))));
        }
    }

    @Test
    void aLengthTheEnumTypeCarriesIsTheVarcharsLength() {
        ColumnType sized = new ColumnType(java.sql.Types.OTHER, 20L, null, null, "enum ('CLOSED','OPEN')");
        for (DatabaseKind kind : List.of(DatabaseKind.SQLITE, DatabaseKind.POSTGRESQL)) {
            String sql = new DdlGenerator(kind).statements(new Op.CreateTable(ticket(sized))).get(0);
            assertTrue(sql.contains("status varchar(20)"), sql);
        }
        assertTrue(new DdlGenerator(DatabaseKind.MARIADB).statements(new Op.CreateTable(ticket(sized))).get(0)
                .contains("status enum ('CLOSED','OPEN')"));
    }

    @Test
    void mariaDbKeepsItsOwnEnumType() throws Exception {
        try (Connection c = DriverManager.getConnection(MariaDbServer.get().createDatabase())) {
            List<String> log = new ArrayList<>();
            migrate(c, DatabaseKind.MARIADB, log, ops -> ops.createTable(ticket(OPEN_CLOSED)));
            assertEquals(List.of("enum('CLOSED','OPEN')"), strings(c, "select column_type from information_schema.columns"
                    + " where table_schema = database() and table_name = 'Ticket' and column_name = 'status'"));
            assertEquals(List.of(), inspect(c, DatabaseKind.MARIADB).checks());
        }
    }

    @Test
    void onlyAListOfStringLiteralsIsAnEnum() {
        assertEquals(List.of("A", "B"), NativeEnum.of(ColumnType.sql(" ENUM ( 'A' , 'B' ) ")).orElseThrow().labels());
        assertEquals(List.of("it's", "a\\b"), NativeEnum.of(ColumnType.sql("enum('it''s','a\\\\b')")).orElseThrow().labels());
        for (String other : List.of("enum()", "enum('A',)", "enum('A') not null", "set('A','B')", "varchar(10)", "enum(A,B)", "enum('A")) {
            assertTrue(NativeEnum.of(ColumnType.sql(other)).isEmpty(), other);
        }
        assertTrue(NativeEnum.of(varchar(10)).isEmpty());
    }
}
