package dev.retort.diff;

import dev.retort.ddl.DdlExecutor;
import dev.retort.ddl.DdlGenerator;
import dev.retort.inspect.SchemaInspector;
import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import dev.retort.model.Schema;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.ops.Op;
import dev.retort.testing.MariaDbServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static dev.retort.model.ColumnType.bigint;
import static dev.retort.model.ColumnType.varchar;
import static dev.retort.model.DatabaseKind.MARIADB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On MariaDB, Hibernate maps a string enum to {@code enum('A','B')}; a migration written on SQLite or PostgreSQL
 * creates {@code varchar} plus {@code check (col in ('A','B'))} instead. Read back from a live MariaDB, that pair
 * is the model's enum column; a pair that allows other values is not, and the ops that make it so run there.
 */
class EnumStandInsTest {

    private static final TableName TICKET = TableName.of("Ticket");
    private static final ColumnType OPEN_CLOSED = ColumnType.sql("enum ('CLOSED','OPEN')");
    private static final ColumnType THREE = ColumnType.sql("enum ('CLOSED','IN_PROGRESS','OPEN')");

    private static Table model(ColumnType status, Check... checks) {
        Table.Builder b = Table.builder(TICKET).column(Column.of("id", bigint()).notNull())
                .column(Column.of("status", status).notNull()).primaryKey("id");
        for (Check check : checks) b.check(check);
        return b.build();
    }

    /** The table as a migration written on SQLite or PostgreSQL creates it (checks named as the comparator does). */
    private static Table checkedVarchar(ColumnType varchar, String... checks) {
        Table.Builder b = Table.builder(TICKET).column(Column.of("id", bigint()).notNull())
                .column(Column.of("status", varchar).notNull()).primaryKey("id");
        for (String check : checks) b.check(ConstraintNames.named(Check.of(null, check), TICKET));
        return b.build();
    }

    private static Schema schema(Table table) {
        return new Schema(List.of(table), List.of());
    }

    private static Schema live(Connection c) throws SQLException {
        return SchemaInspector.inspect(c, MARIADB, name -> name.matches(TICKET));
    }

    private static void run(Connection c, List<Op> ops) {
        DdlExecutor executor = new DdlExecutor(c, MARIADB, sql -> { });
        ops.forEach(executor::accept);
    }

    private static Connection createdAs(Table table) throws SQLException {
        Connection c = DriverManager.getConnection(MariaDbServer.get().createDatabase());
        run(c, List.of(new Op.CreateTable(table)));
        return c;
    }

    private static void insert(Connection c, int id, String status) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("insert into Ticket (id, status) values (" + id + ", '" + status + "')");
        }
    }

    @Test
    void aVarcharCheckedToTheEnumsLabelsIsTheEnumColumn() throws SQLException {
        // Hibernate's check lists the labels in the enum's order, MariaDB's enum type in its own
        try (Connection c = createdAs(checkedVarchar(varchar(20), "status in ('OPEN','CLOSED')"))) {
            assertEquals(List.of(), SchemaComparator.compare(schema(model(OPEN_CLOSED)), live(c), MARIADB));
            // in any spelling the parser understands, and in a text column too
            assertEquals(List.of(), SchemaComparator.compare(schema(model(OPEN_CLOSED)),
                    schema(checkedVarchar(ColumnType.sql("text"), "(`status` IN ('CLOSED', 'OPEN'))")), MARIADB));
        }
    }

    @Test
    void otherLabelsAreATypeChangeAndARemovedCheckWhoseOpsRunOnMariaDb() throws SQLException {
        try (Connection c = createdAs(checkedVarchar(varchar(20), "status in ('OPEN','CLOSED')"))) {
            insert(c, 1, "OPEN");
            Schema before = live(c);
            List<Op> ops = SchemaComparator.compare(schema(model(THREE)), before, MARIADB);
            List<String> lines = SchemaComparator.describe(ops);
            assertEquals(2, ops.size(), lines.toString());
            assertTrue(ops.get(0) instanceof Op.DropCheck && ops.get(1) instanceof Op.AlterColumn, lines.toString());
            assertTrue(lines.get(1).contains("type change from varchar(20) to enum ('CLOSED','IN_PROGRESS','OPEN')"), lines.toString());

            run(c, ops);
            insert(c, 2, "IN_PROGRESS");
            assertThrows(SQLException.class, () -> insert(c, 3, "DONE"));
            assertEquals(List.of(), SchemaComparator.compare(schema(model(THREE)), live(c), MARIADB));

            try (Statement st = c.createStatement()) {
                st.execute("delete from Ticket where id = 2");
            }
            run(c, SchemaReplay.reversed(ops));
            assertEquals(List.of(), SchemaComparator.compare(before, live(c), MARIADB));
            assertEquals(List.of(), SchemaComparator.compare(schema(model(OPEN_CLOSED)), live(c), MARIADB));
        }
    }

    @Test
    void aCheckThatIsNotTheEnumsStaysADifference() {
        List<String> cases = new ArrayList<>();
        // another condition, a condition on more than the column, a subset, a superset, other case
        for (String check : List.of("status <> ''", "status in ('OPEN','CLOSED') or id < 0", "status in ('OPEN')",
                "status in ('OPEN','CLOSED','DONE')", "status in ('open','closed')", "status not in ('OPEN','CLOSED')",
                "id in ('OPEN','CLOSED')")) {
            List<String> lines = SchemaComparator.describe(SchemaComparator.compare(schema(model(OPEN_CLOSED)),
                    schema(checkedVarchar(varchar(20), check)), MARIADB));
            if (lines.size() != 2 || !lines.stream().anyMatch(l -> l.contains("type change"))
                    || !lines.stream().anyMatch(l -> l.contains("removed check"))) {
                cases.add(check + " -> " + lines);
            }
        }
        assertEquals(List.of(), cases);
    }

    @Test
    void aColumnTooShortForALabelOrNotTextIsNoEnum() {
        for (ColumnType type : List.of(varchar(5), ColumnType.integer(), ColumnType.sql("blob"))) {
            List<String> lines = SchemaComparator.describe(SchemaComparator.compare(schema(model(OPEN_CLOSED)),
                    schema(checkedVarchar(type, "status in ('OPEN','CLOSED')")), MARIADB));
            assertEquals(2, lines.size(), type + ": " + lines);
        }
    }

    @Test
    void aCheckTheModelDeclaresItselfIsTheModelsNotTheEnums() {
        Table target = model(OPEN_CLOSED, Check.of("ck_status", "status in ('OPEN','CLOSED')"));
        List<String> lines = SchemaComparator.describe(SchemaComparator.compare(schema(target),
                schema(checkedVarchar(varchar(20), "status in ('OPEN','CLOSED')")), MARIADB));
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("type change"), lines.toString());
    }

    @Test
    void onlyMariaDbHasTheEnumType() {
        for (DatabaseKind kind : List.of(DatabaseKind.SQLITE, DatabaseKind.POSTGRESQL)) {
            List<String> lines = SchemaComparator.describe(SchemaComparator.compare(schema(model(OPEN_CLOSED)),
                    schema(checkedVarchar(varchar(255), "status in ('OPEN','CLOSED')")), kind));
            assertEquals(2, lines.size(), kind + ": " + lines);
        }
    }

    @Test
    void theReverseOfAnEnumChangeKeepsTheVarcharLengthTheModelsEnumCarries() {
        ColumnType sized = new ColumnType(Types.OTHER, 20L, null, null, "enum ('CLOSED','IN_PROGRESS','OPEN')");
        // MariaDB cannot show that length: it is no difference
        assertEquals(List.of(), SchemaComparator.compare(schema(model(sized)),
                schema(model(ColumnType.sql("enum('CLOSED','IN_PROGRESS','OPEN')"))), MARIADB));
        List<Op> ops = SchemaComparator.compare(schema(model(sized)), schema(model(ColumnType.sql("enum('CLOSED','OPEN')"))), MARIADB);
        Op.AlterColumn alter = (Op.AlterColumn) ops.get(0);
        assertEquals(new ColumnType(Types.OTHER, 20L, null, null, "enum('CLOSED','OPEN')"), alter.from().type());
        // nor is a plain enum given one
        ops = SchemaComparator.compare(schema(model(THREE)), schema(model(ColumnType.sql("enum('CLOSED','OPEN')"))), MARIADB);
        assertEquals(ColumnType.sql("enum('CLOSED','OPEN')"), ((Op.AlterColumn) ops.get(0)).from().type());
    }

    @Test
    void theDdlNamesAnEnumsCheckAsTheComparatorNamesHibernatesCheckElsewhere() {
        DdlGenerator ddl = new DdlGenerator(DatabaseKind.POSTGRESQL);
        String[][] cases = {
                {"enum ('CLOSED','OPEN')", "status", "status in ('OPEN','CLOSED')"},
                {"enum('ONLY')", "status", "status in ('ONLY')"},
                {"enum ('B','a','C')", "Order", "\"Order\" in ('a','B','C')"},
                {"enum('it''s','x')", "status", "status in ('x','it''s')"},
        };
        for (String[] c : cases) {
            String expected = ConstraintNames.named(Check.of(null, c[2]), TICKET).name();
            Table table = Table.builder(TICKET).column(Column.of(c[1], ColumnType.sql(c[0]))).build();
            String sql = ddl.statements(new Op.CreateTable(table)).get(0);
            assertTrue(sql.contains("constraint " + expected + " check ("), c[0] + ": " + sql + " lacks " + expected);
        }
    }
}
