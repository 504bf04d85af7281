package dev.retort.ddl;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import dev.retort.model.FkAction;
import dev.retort.model.ForeignKey;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.testing.PostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.retort.ddl.Sql.count;
import static dev.retort.ddl.Sql.execute;
import static dev.retort.ddl.Sql.migrate;
import static dev.retort.ddl.Sql.rows;
import static dev.retort.ddl.Sql.scalar;
import static dev.retort.model.ColumnType.bigint;
import static dev.retort.model.ColumnType.varchar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PostgreSQL does everything natively; the catalog, read with plain queries, shows it. */
class PostgresDdlTest {

    private static final DatabaseKind PG = DatabaseKind.POSTGRESQL;

    Connection c;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        c = DriverManager.getConnection(PostgresServer.get().createDatabase());
        Table author = Table.builder("Author").column(Column.of("id", bigint()).asIdentity())
                .column(Column.of("name", varchar(100)).notNull()).primaryKey("id").build();
        Table order = Table.builder("Order").column(Column.of("id", bigint()).asIdentity())
                .column(Column.of("user", varchar(40)).withComment("who's ordering"))
                .column(Column.of("code", varchar(10)).withDefault("'0'"))
                .column(Column.of("author_id", bigint())).primaryKey("id")
                .foreignKey(ForeignKey.of("FK_Order_author", List.of("author_id"), TableName.of("Author"), List.of("id")).onDelete(FkAction.SET_NULL))
                .check(Check.of("CK_Order_code", "code <> ''")).comment("orders, a reserved word").build();
        migrate(c, PG, log, ops -> {
            ops.createTable(author);
            ops.createTable(order);
        });
        execute(c, "insert into Author (name) values ('a')",
                "insert into \"Order\" (\"user\", code, author_id) values ('ann', '42', 1), ('bob', null, 1), ('cy', '7', null)");
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void createTableWritesIdentityCommentsForeignKeysAndChecks() throws SQLException {
        assertEquals("YES", scalar(c, "select is_identity from information_schema.columns where table_name = 'Order' and column_name = 'id'"));
        assertEquals("who's ordering", scalar(c, "select col_description('\"Order\"'::regclass, 2)"));
        assertEquals("orders, a reserved word", scalar(c, "select obj_description('\"Order\"'::regclass, 'pg_class')"));
        assertEquals("SET NULL", scalar(c, "select delete_rule from information_schema.referential_constraints where constraint_name = 'fk_order_author'"));
        assertEquals("CHECK (((code)::text <> ''::text))", scalar(c, "select pg_get_constraintdef(oid) from pg_constraint where conname = 'ck_order_code'"));
    }

    @Test
    void typeChangeConvertsValuesAndKeepsTheDefault() throws Exception {
        migrate(c, PG, log, ops -> ops.alterColumn("Order", Column.of("code", varchar(10)).withDefault("'0'"),
                Column.of("code", ColumnType.integer()).withDefault("0")));
        assertEquals("integer", scalar(c, "select data_type from information_schema.columns where table_name = 'Order' and column_name = 'code'"));
        assertEquals("0", scalar(c, "select column_default from information_schema.columns where table_name = 'Order' and column_name = 'code'"));
        assertEquals(List.of(Arrays.asList("ann", 42), Arrays.asList("bob", null), Arrays.asList("cy", 7)),
                rows(c, "select \"user\", code from \"Order\" order by id"));
        assertTrue(log.stream().anyMatch(s -> s.endsWith("using code::integer")), () -> String.join("\n", log));
    }

    @Test
    void notNullOverNullRowsFailsAndRollsBack() throws Exception {
        DdlException e = assertThrows(DdlException.class, () -> migrate(c, PG, log, ops -> {
            ops.addColumn("Order", Column.of("note", varchar(20)));
            ops.alterColumn("Order", Column.of("code", varchar(10)).withDefault("'0'"), Column.of("code", varchar(10)).withDefault("'0'").notNull());
        }));
        assertTrue(e.getMessage().contains("set not null") && e.getMessage().contains("null values"), e.getMessage());
        assertEquals(0, count(c, "select count(*) from information_schema.columns where table_name = 'Order' and column_name = 'note'"),
                "the column added before the failure is gone with the transaction");
    }

    @Test
    void renamesAndCommentsChangeInPlace() throws Exception {
        migrate(c, PG, log, ops -> {
            ops.renameColumn("Order", "user", "customer");
            ops.alterColumn("Order", Column.of("customer", varchar(40)).withComment("who's ordering"), Column.of("customer", varchar(40)));
            ops.renameTable("Order", "Purchase");
            ops.setTableComment("Purchase", "orders, a reserved word", null);
        });
        assertEquals(null, scalar(c, "select col_description('purchase'::regclass, 2)"));
        assertEquals(null, scalar(c, "select obj_description('purchase'::regclass, 'pg_class')"));
        assertEquals(3, count(c, "select count(customer) from purchase"));
    }
}
