package dev.retort.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;

import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import dev.retort.model.FkAction;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.Schema;
import dev.retort.model.Sequence;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;
import dev.retort.testing.MariaDbServer;

class MariaDbInspectorTest {

    Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection(MariaDbServer.get().createDatabase());
    }

    @AfterEach
    void close() throws SQLException {
        if (c != null) c.close();
    }

    private void exec(String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) s.execute(sql);
        }
    }

    /** Mostly what Hibernate's MariaDBDialect writes, plus hand-written foreign keys and quoted names. */
    private void createLibrary() throws SQLException {
        exec("create sequence author_seq start with 1 increment by 50",
                """
                create table author (
                  id bigint not null auto_increment,
                  name varchar(255) not null comment 'Full name, as printed',
                  email varchar(255),
                  status enum ('ACTIVE','RETIRED'),
                  rating decimal(10,2) default 0,
                  created datetime(6) default current_timestamp(6),
                  stamped timestamp(6) null,
                  flag bit,
                  score float(53),
                  ratio float(24),
                  bio longtext,
                  photo longblob,
                  code uuid,
                  data json,
                  small tinyint check (small between 0 and 3),
                  n int unsigned,
                  primary key (id)) comment 'People who write' engine=InnoDB""",
                "alter table author add constraint UK_author_email unique (email)",
                """
                create table `Book Detail` (
                  id bigint not null,
                  `Author Id` bigint,
                  `select` varchar(20) not null,
                  `back``tick` integer,
                  price decimal(38,2),
                  constraint ck_price check (price > 0 and `select` <> 'a, (b'),
                  primary key (id)) engine=InnoDB""",
                "alter table `Book Detail` add constraint fk_book_author foreign key (`Author Id`) references author (id) on delete cascade",
                "create index ix_book on `Book Detail` (`select` desc, id)",
                "create unique index ux_book_tick on `Book Detail` (`back``tick`)",
                """
                create table child (
                  id bigint not null primary key,
                  a_id bigint,
                  b_id bigint,
                  c_id bigint,
                  foreign key (a_id) references author (id) on update set null,
                  constraint fk_child_b foreign key (b_id) references author (id) on delete no action,
                  foreign key (c_id) references author (id),
                  key ix_child_c (c_id)) engine=InnoDB""",
                "create table retort_version (version_num varchar(32) not null primary key)");
    }

    @Test
    void readsTheCurrentDatabase() throws SQLException {
        createLibrary();
        Schema schema = SchemaInspector.inspect(c, DatabaseKind.MARIADB, t -> !t.name().equals("retort_version"));

        assertEquals(List.of(TableName.of("author"), TableName.of("Book Detail"), TableName.of("child")),
                schema.tables().stream().map(Table::name).toList());
        assertEquals(List.of(Sequence.of("author_seq", 1, 50)), schema.sequences());

        assertEquals(Table.builder("author")
                .column(Column.of("id", ColumnType.bigint()).asIdentity())
                .column(Column.of("name", ColumnType.varchar(255)).notNull().withComment("Full name, as printed"))
                .column(Column.of("email", ColumnType.varchar(255)))
                .column(Column.of("status", ColumnType.sql("enum('ACTIVE','RETIRED')")))
                .column(Column.of("rating", ColumnType.numeric(10, 2)).withDefault("0.00"))
                .column(Column.of("created", ColumnType.timestamp(6)).withDefault("current_timestamp(6)"))
                .column(Column.of("stamped", ColumnType.timestampTz(6)))
                .column(Column.of("flag", ColumnType.bool()))
                .column(Column.of("score", ColumnType.doublePrecision()))
                .column(Column.of("ratio", ColumnType.floatType()))
                .column(Column.of("bio", ColumnType.clob()))
                .column(Column.of("photo", ColumnType.blob()))
                .column(Column.of("code", ColumnType.of(SqlTypes.UUID)))
                .column(Column.of("data", ColumnType.of(SqlTypes.JSON)))
                .column(Column.of("small", ColumnType.tinyint()))
                .column(Column.of("n", ColumnType.sql("int(10) unsigned")))
                .primaryKey("id")
                .unique(UniqueKey.of("UK_author_email", "email"))
                .check(Check.of("small", "small between 0 and 3"))
                .comment("People who write")
                .build(), schema.table("author").orElseThrow());

        assertEquals(Table.builder("Book Detail")
                .column(Column.of("id", ColumnType.bigint()).notNull())
                .column(Column.of("Author Id", ColumnType.bigint()))
                .column(Column.of("select", ColumnType.varchar(20)).notNull())
                .column(Column.of("back`tick", ColumnType.integer()))
                .column(Column.of("price", ColumnType.numeric(38, 2)))
                .primaryKey("id")
                .foreignKey(ForeignKey.of("fk_book_author", List.of("Author Id"), TableName.of("author"), List.of("id"))
                        .onDelete(FkAction.CASCADE))
                .index(Index.of("ix_book", "select desc", "id"))
                .unique(UniqueKey.of("ux_book_tick", "back`tick"))
                .check(Check.of("ck_price", "price > 0 and `select` <> 'a, (b'"))
                .build(), schema.table("Book Detail").orElseThrow(), "the foreign key's own index is not reported");

        assertEquals(Table.builder("child")
                .column(Column.of("id", ColumnType.bigint()).notNull())
                .column(Column.of("a_id", ColumnType.bigint()))
                .column(Column.of("b_id", ColumnType.bigint()))
                .column(Column.of("c_id", ColumnType.bigint()))
                .primaryKey("id")
                .foreignKey(ForeignKey.of("child_ibfk_1", List.of("a_id"), TableName.of("author"), List.of("id"))
                        .onUpdate(FkAction.SET_NULL))
                .foreignKey(ForeignKey.of("child_ibfk_2", List.of("c_id"), TableName.of("author"), List.of("id")))
                .foreignKey(ForeignKey.of("fk_child_b", List.of("b_id"), TableName.of("author"), List.of("id")))
                .index(Index.of("ix_child_c", "c_id"))
                .build(), schema.table("child").orElseThrow(),
                "implicit indexes of unnamed keys are not reported, an explicit one is; RESTRICT is NO ACTION");
    }

    @Test
    void inspectsOneTable() throws SQLException {
        createLibrary();
        Schema schema = SchemaInspector.inspect(c, DatabaseKind.MARIADB, t -> true);
        assertEquals(schema.table("Book Detail"),
                SchemaInspector.inspectTable(c, DatabaseKind.MARIADB, TableName.of("Book Detail")));
        assertEquals(schema.table("child"), SchemaInspector.inspectTable(c, DatabaseKind.MARIADB, TableName.of("child")));
        assertTrue(SchemaInspector.inspectTable(c, DatabaseKind.MARIADB, TableName.of("author_seq")).isEmpty(),
                "a sequence is not a table");
    }

    @Test
    void emptyDatabaseIsEmptySchema() throws SQLException {
        assertEquals(Schema.EMPTY, SchemaInspector.inspect(c, DatabaseKind.MARIADB, t -> true));
    }

    @Test
    void typesWithoutFractionalDigitsHaveZero() throws SQLException {
        exec("create table t (a datetime, b time, c timestamp null)");
        assertEquals(List.of(ColumnType.timestamp(0), ColumnType.of(Types.TIME, null, 0, null), ColumnType.timestampTz(0)),
                SchemaInspector.inspectTable(c, DatabaseKind.MARIADB, TableName.of("t")).orElseThrow()
                        .columns().stream().map(Column::type).toList());
    }

    @Test
    void checksComeBackInATextTheOtherDatabasesAccept() throws Exception {
        exec("create table note (id int not null primary key, title varchar(20), `order` int, `two words` int,"
                + " constraint ck_note check (title <> 'it\\'s' and `order` >= 0 and `two words` < 9 and title <> 'a`b'))");
        String text = SchemaInspector.inspect(c, DatabaseKind.MARIADB, t -> true).table("note").orElseThrow().checks().get(0).expression();
        assertEquals("title <> 'it''s' and `order` >= 0 and `two words` < 9 and title <> 'a`b'", text,
                "plain names bare, names that need quoting keep them, literals untouched but for the standard '' escape");
        exec("alter table note add constraint ck_again check (" + text + ")"); // MariaDB takes it back
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement s = sqlite.createStatement()) {
            String forSqlite = text.replace('`', '"');
            s.execute("create table note (id int, title varchar(20), \"order\" int, \"two words\" int, check (" + forSqlite + "))");
            s.execute("insert into note values (1, 'fine', 1, 1)");
        }
    }
}
