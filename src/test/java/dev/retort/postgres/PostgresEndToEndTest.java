package dev.retort.postgres;

import dev.retort.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PostgreSQL through the CLI, from JPA entities to a migrated database and back: tables in a schema of their own
 * ({@code @Table(schema = "sales")}, created when missing), a sequence with allocationSize 50, identity columns,
 * table and column comments, check constraints, and text, varchar, timestamp with time zone, uuid, bytea and
 * numeric columns whose declared types and values survive the round trip. A failing migration leaves nothing.
 */
class PostgresEndToEndTest {

    static final String ORDER_V1 = """
            package shop;

            import jakarta.persistence.*;
            import org.hibernate.annotations.Comment;
            import org.hibernate.annotations.JdbcTypeCode;
            import org.hibernate.type.SqlTypes;
            import java.math.BigDecimal;
            import java.time.OffsetDateTime;
            import java.util.UUID;

            @Entity
            @Table(name = "customer_order", schema = "sales",
                    check = @CheckConstraint(name = "order_total_not_negative", constraint = "total >= 0"))
            @Comment("orders placed in the shop")
            public class CustomerOrder {
                @Id
                @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "order_seq")
                @SequenceGenerator(name = "order_seq", sequenceName = "order_seq", schema = "sales", allocationSize = 50)
                Long id;

                @Column(nullable = false, length = 80)
                @Comment("who ordered")
                String customer;

                @JdbcTypeCode(SqlTypes.LONG32VARCHAR)
                String note;

                @Column(precision = 12, scale = 2, nullable = false)
                BigDecimal total;

                @Column(nullable = false)
                OffsetDateTime placedAt;

                UUID token;

                byte[] receipt;
            }
            """;

    /** V1 plus a wider, re-commented customer column, an enum column (with its check) and an index. */
    static final String ORDER_V2 = ORDER_V1
            .replace("@Column(nullable = false, length = 80)\n    @Comment(\"who ordered\")",
                    "@Column(nullable = false, length = 120)\n    @Comment(\"the customer's name\")")
            .replace("    byte[] receipt;\n", """
                        byte[] receipt;

                        @Enumerated(EnumType.STRING)
                        @Column(length = 16)
                        Status status;

                        public enum Status { OPEN, PAID, SHIPPED }
                    """)
            .replace("@Table(name = \"customer_order\", schema = \"sales\",",
                    "@Table(name = \"customer_order\", schema = \"sales\", indexes = @Index(name = \"ix_order_placed\", columnList = \"placedAt\"),");

    static final String LINE_ITEM = """
            package shop;

            import jakarta.persistence.*;

            @Entity
            @Table(name = "line_item", schema = "sales")
            public class LineItem {
                @Id
                @GeneratedValue(strategy = GenerationType.IDENTITY)
                Long id;

                @ManyToOne(optional = false)
                @JoinColumn(name = "order_id")
                CustomerOrder order;

                @ManyToOne
                @JoinColumn(name = "product_id")
                Product product;

                @Column(nullable = false, check = @CheckConstraint(name = "line_item_quantity_positive", constraint = "quantity > 0"))
                int quantity;
            }
            """;

    static final String PRODUCT = """
            package shop;

            import jakarta.persistence.*;

            @Entity
            public class Product {
                @Id
                @GeneratedValue(strategy = GenerationType.IDENTITY)
                Long id;

                @Column(nullable = false, unique = true, length = 40)
                String sku;
            }
            """;

    static final String CHECK_VIOLATION = "23514";

    @TempDir
    Path tmp;

    private ShopProject shop() throws Exception {
        ShopProject p = new ShopProject(tmp.resolve("shop"), PostgresServer.get().createDatabase());
        p.entity("CustomerOrder", ORDER_V1);
        p.entity("LineItem", LINE_ITEM);
        p.entity("Product", PRODUCT);
        return p;
    }

    @Test
    void schemaSequencesIdentityCommentsChecksAndTypesFromEntitiesToDatabaseAndBack() throws Exception {
        ShopProject p = shop();
        ShopProject.Result created = p.ok("autogenerate", "-m", "create shop");
        for (String detected : List.of("Detected added sequence 'sales.order_seq'", "Detected added table 'sales.customer_order'",
                "Detected added table 'sales.line_item'", "Detected added table 'Product'")) {
            assertTrue(created.out().contains(detected), created::toString);
        }
        ShopProject.Result up = p.ok("upgrade", "head");
        assertTrue(up.out().startsWith("Context: PostgreSQL, transactional DDL"), up::toString);
        assertInSync(p);

        // what the database made of it
        assertEquals(List.of(
                        "customer|character varying|80|null|null|NO",
                        "id|bigint|null|64|0|NO",
                        "note|text|null|null|null|YES",
                        "placedat|timestamp with time zone|null|null|null|NO",
                        "receipt|bytea|null|null|null|YES",
                        "token|uuid|null|null|null|YES",
                        "total|numeric|null|12|2|NO"),
                p.query("select column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable"
                        + " from information_schema.columns where table_schema = 'sales' and table_name = 'customer_order' order by 1"));
        assertEquals("6", p.scalar("select datetime_precision from information_schema.columns where table_schema = 'sales'"
                + " and table_name = 'customer_order' and column_name = 'placedat'"));
        assertEquals(List.of("public|product|YES", "sales|line_item|YES"), p.query("select table_schema, table_name, is_identity"
                + " from information_schema.columns where column_name = 'id' and is_identity = 'YES' order by 1"));
        assertEquals("1|50", p.scalar("select start_value, increment_by from pg_sequences where schemaname = 'sales' and sequencename = 'order_seq'"));
        assertEquals("orders placed in the shop|who ordered", p.scalar("select obj_description('sales.customer_order'::regclass, 'pg_class'),"
                + " col_description('sales.customer_order'::regclass, (select attnum from pg_attribute"
                + " where attrelid = 'sales.customer_order'::regclass and attname = 'customer'))"));

        // values go in and come back as they were
        OffsetDateTime placed = OffsetDateTime.parse("2026-11-25T10:15:30.123456+02:00");
        UUID token = UUID.fromString("6f1c1b0e-3a51-4f4e-9d1e-2c9b7a0f5e11");
        byte[] receipt = {0, 1, 2, (byte) 0xff, (byte) 0x80};
        String note = "Grüße, 注文 — ".repeat(800);
        try (Connection c = p.connect()) {
            long first = nextOrderId(c);
            assertEquals(first + 50, nextOrderId(c), "allocationSize 50: Hibernate hands out the ids in between");
            try (PreparedStatement ps = c.prepareStatement("insert into sales.customer_order (id, customer, note, total, placedAt, token, receipt)"
                    + " values (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, first);
                ps.setString(2, "x".repeat(80));
                ps.setString(3, note);
                ps.setBigDecimal(4, new BigDecimal("1234567890.12"));
                ps.setObject(5, placed);
                ps.setObject(6, token);
                ps.setBytes(7, receipt);
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select customer, note, total, placedAt, token, receipt from sales.customer_order")) {
                assertTrue(rs.next());
                assertEquals("x".repeat(80), rs.getString(1));
                assertEquals(note, rs.getString(2));
                assertEquals(new BigDecimal("1234567890.12"), rs.getBigDecimal(3));
                assertEquals(placed.toInstant(), rs.getObject(4, OffsetDateTime.class).toInstant());
                assertEquals(token, rs.getObject(5, UUID.class));
                assertArrayEquals(receipt, rs.getBytes(6));
            }
            assertEquals(CHECK_VIOLATION, sqlState(c, "update sales.customer_order set total = -1"));
            assertEquals("22001", sqlState(c, "update sales.customer_order set customer = repeat('y', 81)"), "varchar(80) is enforced");
            try (Statement s = c.createStatement()) {
                s.executeUpdate("insert into product (sku) values ('SKU-1')");
                s.executeUpdate("insert into sales.line_item (order_id, product_id, quantity) values (" + first + ", 1, 2)");
            }
            assertEquals(CHECK_VIOLATION, sqlState(c, "insert into sales.line_item (order_id, quantity) values (" + first + ", 0)"));
            assertEquals("23503", sqlState(c, "insert into sales.line_item (order_id, quantity) values (" + (first + 1) + ", 1)"),
                    "the foreign key into the sales schema holds");
        }

        // the entities change: the next migration alters the schema-qualified table in place, rows kept
        p.entity("CustomerOrder", ORDER_V2);
        ShopProject.Result changed = p.ok("autogenerate", "-m", "order status");
        assertTrue(changed.out().contains("Detected added column 'sales.customer_order.status'"), changed::toString);
        p.ok("upgrade", "head");
        assertInSync(p);
        assertEquals("the customer's name|120", p.scalar("select col_description('sales.customer_order'::regclass, (select attnum"
                + " from pg_attribute where attrelid = 'sales.customer_order'::regclass and attname = 'customer')), character_maximum_length"
                + " from information_schema.columns where table_schema = 'sales' and table_name = 'customer_order' and column_name = 'customer'"));
        assertEquals(note, p.scalar("select note from sales.customer_order"));
        try (Connection c = p.connect()) {
            assertEquals(CHECK_VIOLATION, sqlState(c, "update sales.customer_order set status = 'LOST'"));
        }

        // all the way down, and up again into the schema that is still there
        p.ok("downgrade", "base");
        assertEquals(List.of(), p.query("select table_schema || '.' || table_name from information_schema.tables"
                + " where table_schema not in ('pg_catalog', 'information_schema') and table_name not like 'retort%'"));
        assertEquals(List.of(), p.query("select sequencename from pg_sequences"));
        assertEquals("sales", p.scalar("select nspname from pg_namespace where nspname = 'sales'"), "a schema is never dropped");
        p.ok("upgrade", "head");
        assertInSync(p);
    }

    @Test
    void aFailingMigrationLeavesNothingBehind() throws Exception {
        ShopProject p = shop();
        String head = p.ok("autogenerate", "-m", "create shop").generated();
        p.ok("upgrade", "head");
        try (Connection c = p.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into sales.customer_order (id, customer, total, placedAt) values (1, 'ann', 500, now())");
        }
        // a new schema, a table in it, a sequence, a column, rows and a comment; then a check the rows violate
        p.migration("3333cccccccc", head, "archive orders", String.join("\n        ", List.of(
                        "op.createTable(Table.builder(TableName.of(\"archive\", \"old_order\")).column(Column.of(\"id\", bigint()).notNull())"
                                + ".column(Column.of(\"total\", numeric(12, 2))).primaryKey(\"id\").comment(\"archived\").build());",
                        "op.createSequence(new Sequence(TableName.of(\"archive\", \"old_order_seq\"), 1, 50));",
                        "op.addColumn(TableName.of(\"sales\", \"customer_order\"), Column.of(\"archived\", bool()).withDefault(\"false\").notNull());",
                        "op.execute(\"insert into archive.old_order (id, total) select id, total from sales.customer_order\");",
                        "op.execute(\"update sales.customer_order set archived = true\");",
                        "op.addCheck(TableName.of(\"sales\", \"customer_order\"), Check.of(\"order_total_small\", \"total < 100\"));")),
                "op.dropTable(Table.builder(TableName.of(\"archive\", \"old_order\")).build());");
        List<String> before = p.snapshot();
        List<String> rowsBefore = p.query("select * from sales.customer_order");

        ShopProject.Result failed = p.run("upgrade", "head");
        assertEquals(1, failed.code(), failed::toString);
        assertTrue(failed.err().contains("upgrade 3333cccccccc (archive orders) failed: alter table sales.customer_order add constraint order_total_small"),
                failed::toString);
        assertTrue(failed.err().contains("(nothing of it was applied; the database is where it was)"), failed::toString);
        assertEquals(before, p.snapshot());
        assertEquals(rowsBefore, p.query("select * from sales.customer_order"));
        assertFalse(before.stream().anyMatch(l -> l.contains("archive")), before::toString);
    }

    private static void assertInSync(ShopProject p) {
        for (String[] args : List.of(new String[]{"check"}, new String[]{"check", "--against-db"})) {
            ShopProject.Result r = p.run(args);
            assertEquals(0, r.code(), () -> String.join(" ", Arrays.asList(args)) + ": " + r);
            assertEquals("No new upgrade operations detected.", r.out().strip(), r::toString);
        }
    }

    private static long nextOrderId(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select nextval('sales.order_seq')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The SQLSTATE of the error {@code sql} fails with. */
    private static String sqlState(Connection c, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }, sql);
        return e.getSQLState();
    }
}
