package dev.retort.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import dev.retort.model.FkAction;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.PrimaryKey;
import dev.retort.model.Schema;
import dev.retort.model.Sequence;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;

class SqliteInspectorTest {

    @TempDir
    Path dir;
    Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("test.db"));
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private void exec(String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) s.execute(sql);
        }
    }

    /** Tables as Hibernate's SQLiteDialect writes them, plus what people write by hand. */
    private void createLibrary() throws SQLException {
        exec("""
                create table author (
                  id integer,
                  name varchar(255) not null,
                  email varchar(255) unique,
                  status varchar(255) check (status in ('ACTIVE','RETIRED')),
                  rating numeric(10,2) default 0,
                  created timestamp default CURRENT_TIMESTAMP,
                  primary key (id))""",
                """
                create table "Book Detail" (
                  id bigint not null,
                  "Author Id" integer, -- a comment, with a comma (and a paren
                  "select" varchar(20) not null,
                  "quo""te" float,
                  note clob,
                  price double precision,
                  cover blob,
                  published date,
                  constraint ck_price check (price > 0 and note <> 'a, (b'),
                  check ("select" <> ')' /* ), */),
                  constraint uk_book_title unique ("select", "quo""te"),
                  unique (note),
                  constraint fk_book_author foreign key ("Author Id") references author (id) on delete cascade,
                  primary key (id))""",
                "create index ix_book_published on \"Book Detail\" (published desc, id)",
                "create unique index ux_book_price on \"Book Detail\" (price)",
                "create index ix_author_lower_name on author (lower(name), email desc)",
                "create table book_seq (next_val bigint)",
                "insert into book_seq values (1)",
                "create table child (id bigint not null primary key, parent_id bigint references AUTHOR on update set null)",
                "create table pair (a integer not null, b integer not null, constraint pk_pair primary key (a, b)) without rowid",
                "create table lonely (id integer not null primary key, x text) without rowid",
                "create table retort_version (version_num varchar(32) not null)",
                "create table auto (id integer primary key autoincrement, v varchar(10) default 'it''s')",
                "insert into auto (v) values ('x')",
                "create virtual table docs using fts5(body)");
    }

    @Test
    void readsTablesAsDeclared() throws SQLException {
        createLibrary();
        Schema schema = SchemaInspector.inspect(c, DatabaseKind.SQLITE, t -> !t.name().equals("retort_version"));

        assertEquals(List.of("author", "auto", "Book Detail", "child", "lonely", "pair"),
                schema.tables().stream().map(t -> t.name().name()).toList(),
                "sorted, without the version table, sqlite_sequence, nor the virtual table and its shadow tables");
        assertEquals(List.of(Sequence.of("book_seq", 1, 50)), schema.sequences(),
                "the one-row table Hibernate (and Retort) write for a sequence on SQLite is that sequence");

        assertEquals(Table.builder("author")
                .column(Column.of("id", ColumnType.integer()).asIdentity())
                .column(Column.of("name", ColumnType.varchar(255)).notNull())
                .column(Column.of("email", ColumnType.varchar(255)))
                .column(Column.of("status", ColumnType.varchar(255)))
                .column(Column.of("rating", ColumnType.numeric(10, 2)).withDefault("0"))
                .column(Column.of("created", ColumnType.of(java.sql.Types.TIMESTAMP)).withDefault("CURRENT_TIMESTAMP"))
                .primaryKey("id")
                .unique(UniqueKey.of(null, "email"))
                .check(Check.of(null, "status in ('ACTIVE','RETIRED')"))
                .index(Index.of("ix_author_lower_name", "lower(name)", "email desc"))
                .build(), schema.table("author").orElseThrow());

        assertEquals(Table.builder("Book Detail")
                .column(Column.of("id", ColumnType.bigint()).notNull())
                .column(Column.of("Author Id", ColumnType.integer()))
                .column(Column.of("select", ColumnType.varchar(20)).notNull())
                .column(Column.of("quo\"te", ColumnType.floatType()))
                .column(Column.of("note", ColumnType.clob()))
                .column(Column.of("price", ColumnType.doublePrecision()))
                .column(Column.of("cover", ColumnType.blob()))
                .column(Column.of("published", ColumnType.date()))
                .primaryKey("id")
                .foreignKey(ForeignKey.of("fk_book_author", List.of("Author Id"), TableName.of("author"), List.of("id"))
                        .onDelete(FkAction.CASCADE))
                .index(Index.of("ix_book_published", "published desc", "id"))
                .index(Index.unique("ux_book_price", "price"))
                .unique(UniqueKey.of("uk_book_title", "select", "quo\"te"))
                .unique(UniqueKey.of(null, "note"))
                .check(Check.of("ck_price", "price > 0 and note <> 'a, (b'"))
                .check(Check.of(null, "\"select\" <> ')' /* ), */"))
                .build(), schema.table("book detail").orElseThrow());

        assertEquals(Table.builder("child")
                .column(Column.of("id", ColumnType.bigint()).notNull())
                .column(Column.of("parent_id", ColumnType.bigint()))
                .primaryKey("id")
                .foreignKey(ForeignKey.of(null, List.of("parent_id"), TableName.of("author"), List.of("id"))
                        .onUpdate(FkAction.SET_NULL))
                .build(), schema.table("child").orElseThrow(), "the implicit target column is the parent's key");

        assertEquals(new PrimaryKey("pk_pair", List.of("a", "b")), schema.table("pair").orElseThrow().primaryKey());
        assertTrue(schema.table("pair").orElseThrow().columns().stream().noneMatch(Column::identity));
        assertEquals(Column.of("id", ColumnType.integer()).notNull(), schema.table("lonely").orElseThrow().columns().get(0),
                "no rowid, no identity");
        // SQLite reports its own type names (integer, text, blob, real) in upper case, others as declared
        assertEquals(Column.of("x", ColumnType.sql("TEXT")), schema.table("lonely").orElseThrow().columns().get(1));
        assertEquals(List.of(Column.of("id", ColumnType.integer()).asIdentity(),
                        Column.of("v", ColumnType.varchar(10)).withDefault("'it''s'")),
                schema.table("auto").orElseThrow().columns());
        assertEquals(List.of(Column.of("next_val", ColumnType.bigint())),
                SchemaInspector.inspectTable(c, DatabaseKind.SQLITE, TableName.of("book_seq")).orElseThrow().columns(),
                "as a table, for a rebuild, it is the table it is");
    }

    @Test
    void onlyAKeylessOneColumnNextValTableStandsForASequence() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create table counter (next_val bigint primary key)");
            s.execute("create table ticket (next_val bigint, label text)");
            s.execute("create table order_seq (next_val bigint)");
            s.execute("insert into order_seq values (151)");
        }
        Schema schema = SchemaInspector.inspect(c, DatabaseKind.SQLITE, t -> true);
        assertEquals(List.of("counter", "ticket"), schema.tables().stream().map(t -> t.name().name()).toList());
        assertEquals(List.of(Sequence.of("order_seq", 151, 50)), schema.sequences(), "its next value is where it starts again");
    }

    @Test
    void inspectsOneTableByAnySpelling() throws SQLException {
        createLibrary();
        Table whole = SchemaInspector.inspect(c, DatabaseKind.SQLITE, t -> true).table("Book Detail").orElseThrow();
        assertEquals(whole, SchemaInspector.inspectTable(c, DatabaseKind.SQLITE, TableName.of("BOOK DETAIL")).orElseThrow());
        Table child = SchemaInspector.inspectTable(c, DatabaseKind.SQLITE, TableName.of("child")).orElseThrow();
        assertEquals(TableName.of("author"), child.foreignKeys().get(0).referencedTable(), "stored spelling of the target");
        assertEquals(List.of("id"), child.foreignKeys().get(0).referencedColumns());
        assertTrue(SchemaInspector.inspectTable(c, DatabaseKind.SQLITE, TableName.of("missing")).isEmpty());
        assertTrue(SchemaInspector.inspectTable(c, DatabaseKind.SQLITE, TableName.of("sqlite_sequence")).isEmpty());
    }

    @Test
    void sameDatabaseSameModel() throws SQLException {
        createLibrary();
        assertEquals(SchemaInspector.inspect(c, DatabaseKind.SQLITE, t -> true),
                SchemaInspector.inspect(c, DatabaseKind.SQLITE, t -> true));
    }

    @Test
    void emptyDatabaseIsEmptySchema() throws SQLException {
        assertEquals(Schema.EMPTY, SchemaInspector.inspect(c, DatabaseKind.SQLITE, t -> true));
    }

    @Test
    void readsPastTheFiveHundredColumnLimitOfTheDriver() throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("create table t0000 (id bigint not null, primary key (id))");
            for (int i = 1; i < 1000; i++) {
                String t = String.format("t%04d", i);
                s.execute("create table " + t + " (id bigint not null, name varchar(100) not null, amount numeric(12,2), "
                        + "created timestamp, parent_id bigint, primary key (id), "
                        + "foreign key (parent_id) references " + String.format("t%04d", i - 1) + " (id), "
                        + "check (amount >= 0))");
                s.execute("create index ix_" + t + " on " + t + " (name, created desc)");
            }
        }
        c.commit();
        Schema schema = SchemaInspector.inspect(c, DatabaseKind.SQLITE, t -> true);
        assertEquals(1000, schema.tables().size());
        assertEquals(1 + 999 * 5, schema.tables().stream().mapToInt(t -> t.columns().size()).sum());
        assertEquals(Table.builder("t0500")
                .column(Column.of("id", ColumnType.bigint()).notNull())
                .column(Column.of("name", ColumnType.varchar(100)).notNull())
                .column(Column.of("amount", ColumnType.numeric(12, 2)))
                .column(Column.of("created", ColumnType.of(java.sql.Types.TIMESTAMP)))
                .column(Column.of("parent_id", ColumnType.bigint()))
                .primaryKey("id")
                .foreignKey(ForeignKey.of(null, List.of("parent_id"), TableName.of("t0499"), List.of("id")))
                .index(Index.of("ix_t0500", "name", "created desc"))
                .check(Check.of(null, "amount >= 0"))
                .build(), schema.table("t0500").orElseThrow());
    }
}
