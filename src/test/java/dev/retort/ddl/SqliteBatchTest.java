package dev.retort.ddl;

import dev.retort.inspect.SchemaInspector;
import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static dev.retort.ddl.Sql.count;
import static dev.retort.ddl.Sql.countMatching;
import static dev.retort.ddl.Sql.execute;
import static dev.retort.ddl.Sql.migrate;
import static dev.retort.ddl.Sql.rows;
import static dev.retort.ddl.Sql.scalar;
import static dev.retort.ddl.Sql.strings;
import static dev.retort.model.ColumnType.varchar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SQLite batch mode on real data: thousands of rows of every type, foreign keys to and from the rebuilt table,
 * unique and plain indexes, a trigger and a view, failures half way.
 */
class SqliteBatchTest {

    private static final DatabaseKind SQLITE = DatabaseKind.SQLITE;
    private static final int BOOKS = 5000;
    private static final String BOOK_ROWS = "select id, title, price, typeof(price), cover, body, published, rating, isbn,"
            + " author_id, code, created, weight, initial, pages, level, ratio, typeof(ratio), uid from Book order by id";

    @TempDir
    Path dir;
    Connection c;
    final List<String> log = new ArrayList<>();

    @BeforeEach
    void createLibrary() throws SQLException {
        c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("library.db"));
        execute(c,
                "create table Author (id integer primary key, name varchar(100) not null)",
                "create table Book (id integer, title varchar(255), price numeric(10,2), cover blob, body clob, published date,"
                        + " rating double precision, isbn varchar(20), author_id bigint, flag boolean, code varchar(10),"
                        + " created timestamp, weight real, initial char(1), pages smallint, level tinyint, ratio float,"
                        + " uid varchar(36), primary key (id), constraint UK_Book_isbn unique (isbn),"
                        + " constraint FK_Book_author foreign key (author_id) references Author (id),"
                        + " constraint CK_Book_price check (price >= 0))",
                "CREATE INDEX IX_Book_title on Book (title)",
                "CREATE UNIQUE INDEX UX_Book_author_title on Book (author_id, title desc)",
                "create table Review (id integer primary key, book_id integer, stars integer,"
                        + " constraint FK_Review_book foreign key (book_id) references Book (id) on delete cascade)",
                "create table Audit (id integer primary key, book_id integer, what varchar(20))",
                "create trigger Book_title_changed after update of title on Book"
                        + " begin insert into Audit (book_id, what) values (new.id, 'title'); end",
                "create view BookTitles as select id, title from Book where title is not null",
                "create trigger Review_added after insert on Review begin update Book set code = 'reviewed' where id = new.book_id; end");
        c.setAutoCommit(false);
        try (PreparedStatement author = c.prepareStatement("insert into Author values (?, ?)");
             PreparedStatement book = c.prepareStatement("insert into Book values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement review = c.prepareStatement("insert into Review (book_id, stars) values (?, ?)")) {
            for (int a = 1; a <= 100; a++) {
                author.setInt(1, a);
                author.setString(2, "author " + a);
                author.addBatch();
            }
            author.executeBatch();
            String large = "x".repeat(200_000) + "\u00e9\u4e2d";
            for (int i = 0; i < BOOKS; i++) {
                book.setInt(1, 7 + 3 * i); // ids with gaps: an INTEGER PRIMARY KEY keeps them
                book.setString(2, i % 10 == 0 ? null : "title " + i);
                if (i % 7 == 0) book.setNull(3, Types.NUMERIC); else book.setBigDecimal(3, BigDecimal.valueOf(i * 125L, 2));
                if (i % 5 == 0) book.setNull(4, Types.BLOB); else book.setBytes(4, Sql.bytes(i, 16 + i % 200));
                book.setString(5, i % 1000 == 1 ? large : "body " + i);
                book.setString(6, "2024-01-" + (10 + i % 20));
                book.setDouble(7, i / 3.0);
                book.setString(8, i % 11 == 0 ? null : "isbn-" + i);
                book.setInt(9, 1 + i % 100);
                book.setBoolean(10, i % 2 == 0);
                book.setString(11, i % 3 == 0 ? Integer.toString(i) : i % 3 == 1 ? "c" + i : null);
                book.setTimestamp(12, java.sql.Timestamp.valueOf("2024-02-03 04:05:06." + (100 + i % 900)));
                book.setFloat(13, i * 0.5f);
                book.setString(14, String.valueOf((char) ('A' + i % 26)));
                book.setShort(15, (short) (i % 3000));
                book.setByte(16, (byte) (i % 100));
                book.setDouble(17, i % 13 == 0 ? Double.NaN : 1.0 / (i + 1));
                book.setString(18, new java.util.UUID(i, i * 7L).toString());
                book.addBatch();
            }
            book.executeBatch();
            for (int j = 0; j < 3000; j++) {
                review.setInt(1, 7 + 3 * (j % BOOKS));
                review.setInt(2, j % 5);
                review.addBatch();
            }
            review.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    @Test
    void severalChangesToOneTableCostOneRebuildAndKeepEverything() throws Exception {
        List<List<Object>> before = rows(c, BOOK_ROWS);
        List<List<Object>> viewsAndTriggers = rows(c, "select type, name, sql from sqlite_master where type in ('view', 'trigger') order by name");
        TableName book = TableName.of("Book");

        migrate(c, SQLITE, log, ops -> {
            ops.alterColumn("Book", Column.of("price", ColumnType.numeric(10, 2)), Column.of("price", ColumnType.numeric(12, 2)).withDefault("0"));
            ops.addColumn("Book", Column.of("stock", ColumnType.integer()).notNull().withDefault("0"));
            ops.alterColumn("Book", Column.of("isbn", varchar(20)), Column.of("isbn", varchar(40)));
            ops.createIndex("Book", "IX_Book_published", "published");
            ops.dropColumn("Book", Column.of("flag", ColumnType.bool()));
        });

        assertEquals(1, countMatching(log, "create table"), () -> String.join("\n", log));
        assertEquals(before, rows(c, BOOK_ROWS), "every row and value of surviving columns");
        assertEquals(BOOKS, count(c, "select count(*) from Book where stock = 0"));
        assertEquals(viewsAndTriggers, rows(c, "select type, name, sql from sqlite_master where type in ('view', 'trigger') order by name"));
        assertEquals(0, count(c, "select count(*) from sqlite_master where name like '_retort_new_%'"));

        Table table = SchemaInspector.inspectTable(c, SQLITE, book).orElseThrow();
        assertEquals(List.of("id", "title", "price", "cover", "body", "published", "rating", "isbn", "author_id", "code", "created",
                        "weight", "initial", "pages", "level", "ratio", "uid", "stock"),
                table.columns().stream().map(Column::name).toList());
        assertEquals("numeric(12,2)", scalar(c, "select type from pragma_table_info('Book') where name = 'price'"));
        assertEquals("varchar(40)", scalar(c, "select type from pragma_table_info('Book') where name = 'isbn'"));
        assertEquals("0", scalar(c, "select dflt_value from pragma_table_info('Book') where name = 'price'"));
        assertEquals("double precision", scalar(c, "select type from pragma_table_info('Book') where name = 'rating'"), "untouched type as declared");
        assertEquals(List.of(Index.of("IX_Book_published", "published"), Index.of("IX_Book_title", "title"),
                Index.unique("UX_Book_author_title", "author_id", "title desc")), table.indexes());
        assertEquals(List.of(UniqueKey.of("UK_Book_isbn", "isbn")), table.uniqueKeys());
        assertEquals(List.of(ForeignKey.of("FK_Book_author", List.of("author_id"), TableName.of("Author"), List.of("id"))), table.foreignKeys());
        assertEquals(List.of(Check.of("CK_Book_price", "price >= 0")), table.checks());
        assertTrue(table.column("id").orElseThrow().identity(), "id is still the rowid");

        // the foreign key from Review still points at Book, and cascades into it
        assertEquals(List.of("Book"), strings(c, "select \"table\" from pragma_foreign_key_list('Review')"));
        assertEquals(0, count(c, "select count(*) from pragma_foreign_key_check"));
        execute(c, "PRAGMA foreign_keys = ON", "delete from Book where id = 7");
        assertEquals(0, count(c, "select count(*) from Review where book_id = 7"));
        // the trigger fires, the view reads the new table, the unique index holds
        execute(c, "update Book set title = 'renamed' where id = 10");
        assertEquals(1, count(c, "select count(*) from Audit where book_id = 10"));
        assertEquals(BOOKS - BOOKS / 10, count(c, "select count(*) from BookTitles"), "id 7 had no title");
        assertThrows(SQLException.class, () -> execute(c, "insert into Book (id, isbn) values (1, 'isbn-1')"));
    }

    @Test
    void printsTheWholeRebuildScriptFromAScratchDatabase() throws Exception {
        // the runtime's --sql mode: an empty scratch database at the same schema plans the same statements
        List<String> script = new ArrayList<>();
        try (Connection scratch = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            for (String sql : strings(c, "select sql from sqlite_master where sql is not null order by rowid")) {
                execute(scratch, sql);
            }
            DdlExecutor.beforeMigration(scratch, SQLITE);
            DdlExecutor executor = new DdlExecutor(scratch, SQLITE, script::add);
            executor.accept(new dev.retort.ops.Op.AlterColumn(TableName.of("Book"), Column.of("title", varchar(255)),
                    Column.of("title", varchar(300))));
            executor.flush();
            DdlExecutor.restoreAfterMigration(scratch, SQLITE);
        }
        migrate(c, SQLITE, log, ops -> ops.alterColumn("Book", Column.of("title", varchar(255)), Column.of("title", varchar(300))));

        assertEquals(log, script);
        assertEquals(List.of(
                "create table _retort_new_Book (id integer, title varchar(300), price numeric(10,2), cover BLOB, body clob,"
                        + " published date, rating double precision, isbn varchar(20), author_id bigint, flag boolean,"
                        + " code varchar(10), created timestamp, weight REAL, initial char(1), pages smallint, level tinyint,"
                        + " ratio float, uid varchar(36), primary key (id), constraint UK_Book_isbn unique (isbn),"
                        + " constraint FK_Book_author foreign key (author_id) references Author (id),"
                        + " constraint CK_Book_price check (price >= 0))",
                "insert into _retort_new_Book select * from Book",
                "drop view BookTitles",
                "drop trigger Book_title_changed",
                "drop trigger Review_added",
                "drop table Book",
                "alter table _retort_new_Book rename to Book",
                "CREATE INDEX IX_Book_title on Book (title)",
                "CREATE UNIQUE INDEX UX_Book_author_title on Book (author_id, title desc)",
                "CREATE VIEW BookTitles as select id, title from Book where title is not null",
                "CREATE TRIGGER Book_title_changed after update of title on Book"
                        + " begin insert into Audit (book_id, what) values (new.id, 'title'); end",
                "CREATE TRIGGER Review_added after insert on Review begin update Book set code = 'reviewed' where id = new.book_id; end"),
                script);
    }

    @Test
    void notNullOnColumnWithNullsFailsNamingTableColumnAndCountAndChangesNothing() throws Exception {
        String ddl = (String) scalar(c, "select sql from sqlite_master where name = 'Book'");
        List<List<Object>> before = rows(c, BOOK_ROWS);

        DdlException e = assertThrows(DdlException.class, () -> migrate(c, SQLITE, log, ops ->
                ops.alterColumn("Book", Column.of("title", varchar(255)), Column.of("title", varchar(255)).notNull())));

        assertEquals("cannot make Book.title NOT NULL: " + BOOKS / 10 + " rows have NULL", e.getMessage());
        assertEquals(0, count(c, "select count(*) from sqlite_master where name like '_retort_new_%'"));
        assertEquals(ddl, scalar(c, "select sql from sqlite_master where name = 'Book'"));
        assertEquals(before, rows(c, BOOK_ROWS));
    }

    @Test
    void addingNotNullColumnWithoutDefaultToFilledTableFails() {
        DdlException e = assertThrows(DdlException.class, () -> migrate(c, SQLITE, log, ops ->
                ops.addColumn("Book", Column.of("edition", ColumnType.integer()).notNull())));
        assertEquals("cannot add Book.edition NOT NULL without a default: " + BOOKS + " rows would have NULL", e.getMessage());
    }

    @Test
    void notNullColumnAddedWithATemporaryDefaultKeepsItsValueInExistingRows() throws Exception {
        // the comparator's pair: add with a placeholder default, then drop the default; both join one rebuild
        Column sku = Column.of("sku", varchar(20)).notNull();
        Column stock = Column.of("stock", ColumnType.integer()).notNull();
        Column active = Column.of("active", ColumnType.of(Types.BOOLEAN)).notNull();
        migrate(c, SQLITE, log, ops -> {
            ops.addColumn("Book", sku.withDefault("''"));
            ops.alterColumn("Book", sku.withDefault("''"), sku);
            ops.addColumn("Book", stock.withDefault("0"));
            ops.alterColumn("Book", stock.withDefault("0"), stock);
            ops.addColumn("Book", active.withDefault("false"));
            ops.alterColumn("Book", active.withDefault("false"), active);
        });

        assertEquals(BOOKS, count(c, "select count(*) from Book where sku = '' and stock = 0 and active = 0"));
        assertEquals(List.of(List.of("sku", 1), List.of("stock", 1), List.of("active", 1)),
                rows(c, "select name, \"notnull\" from pragma_table_info('Book') where name in ('sku', 'stock', 'active')"
                        + " and dflt_value is null order by cid"));
        assertThrows(SQLException.class, () -> execute(c, "insert into Book (id, sku, stock) values (1, 'x', 1)"));
    }

    @Test
    void notNullWhereNoRowIsNullSucceeds() throws Exception {
        migrate(c, SQLITE, log, ops -> ops.alterColumn("Book", Column.of("body", ColumnType.clob()), Column.of("body", ColumnType.clob()).notNull()));
        assertEquals(1, count(c, "select \"notnull\" from pragma_table_info('Book') where name = 'body'"));
        assertEquals(BOOKS, count(c, "select count(*) from Book"));
    }

    @Test
    void failureAfterTheCopyLeavesOriginalTableAndRowsIntact() throws Exception {
        List<List<Object>> before = rows(c, BOOK_ROWS);
        List<String> schema = strings(c, "select sql from sqlite_master order by name");
        List<String> seen = new ArrayList<>();

        // the statement consumer runs after each statement: throwing there stops the rebuild half way
        for (String failAt : List.of("insert into", "drop table", "alter table _retort_new_", "CREATE UNIQUE INDEX")) {
            seen.clear();
            RuntimeException injected = new RuntimeException("injected at " + failAt);
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> migrate(c, SQLITE, seen, ops -> {
                DdlExecutor executor = new DdlExecutor(ops.connection(), SQLITE, sql -> {
                    seen.add(sql);
                    if (sql.startsWith(failAt)) throw injected;
                });
                executor.accept(new dev.retort.ops.Op.AlterColumn(TableName.of("Book"), Column.of("code", varchar(10)),
                        Column.of("code", ColumnType.integer())));
                executor.flush();
            }));
            assertEquals(injected, thrown);
            assertTrue(seen.stream().anyMatch(s -> s.startsWith(failAt)), failAt);
            assertEquals(schema, strings(c, "select sql from sqlite_master order by name"), failAt);
            assertEquals(before, rows(c, BOOK_ROWS), failAt);
        }
    }

    @Test
    void constraintViolatedByDataFailsAndLeavesTableIntact() throws Exception {
        List<List<Object>> before = rows(c, BOOK_ROWS);
        DdlException e = assertThrows(DdlException.class, () -> migrate(c, SQLITE, log, ops ->
                ops.addUnique("Book", UniqueKey.of("UK_Book_author", "author_id"))));
        assertTrue(e.getMessage().contains("UNIQUE constraint failed"), e.getMessage());
        assertEquals(before, rows(c, BOOK_ROWS));
        assertEquals(0, count(c, "select count(*) from sqlite_master where name like '_retort_new_%'"));
    }

    @Test
    void foreignKeyViolationsAreReportedBeforeCommit() throws Exception {
        execute(c, "insert into Audit (book_id, what) values (999999, 'orphan')");
        DdlException e = assertThrows(DdlException.class, () -> migrate(c, SQLITE, log, ops ->
                ops.addForeignKey("Audit", ForeignKey.of("FK_Audit_book", List.of("book_id"), TableName.of("Book"), List.of("id")))));
        assertTrue(e.getMessage().startsWith("foreign key check failed: 1 row references a missing row (Audit row"), e.getMessage());
        assertEquals(List.of(), rows(c, "select * from pragma_foreign_key_list('Audit')"), "rolled back");
    }

    @Test
    void typeChangeConvertsValuesAsTheTargetAffinityDoes() throws Exception {
        // what an INTEGER column makes of the same values
        execute(c, "create table Affinity (code integer)", "insert into Affinity select code from Book order by id");
        List<List<Object>> expected = rows(c, "select code, typeof(code) from Affinity order by rowid");

        migrate(c, SQLITE, log, ops -> ops.alterColumn("Book", Column.of("code", varchar(10)), Column.of("code", ColumnType.integer())));

        assertEquals(expected, rows(c, "select code, typeof(code) from Book order by id"));
        assertEquals(List.of("integer", "null", "text"), strings(c, "select distinct typeof(code) from Book order by 1"));
    }

    @Test
    void implicitRowidsAreKept() throws Exception {
        execute(c, "create table Note (text varchar(20))");
        for (int i = 0; i < 50; i++) execute(c, "insert into Note values ('note " + i + "')");
        execute(c, "delete from Note where rowid % 3 = 0");
        List<List<Object>> before = rows(c, "select rowid, text from Note order by rowid");

        migrate(c, SQLITE, log, ops -> ops.alterColumn("Note", Column.of("text", varchar(20)), Column.of("text", varchar(20)).notNull()));

        assertEquals(before, rows(c, "select rowid, text from Note order by rowid"));
    }

    @Test
    void whatSqliteCanDoInPlaceStaysInPlace() throws Exception {
        migrate(c, SQLITE, log, ops -> {
            ops.addColumn("Book", Column.of("subtitle", varchar(100)));
            ops.addColumn("Book", Column.of("copies", ColumnType.integer()).notNull().withDefault("1"));
            ops.renameColumn("Book", "subtitle", "tagline");
            ops.dropColumn("Book", Column.of("rating", ColumnType.doublePrecision()));
            ops.createIndex("Book", "IX_Book_code", "code");
            ops.dropIndex("Book", Index.of("IX_Book_code", "code"));
            ops.renameTable("Audit", "AuditLog");
        });
        assertEquals(List.of(
                "alter table Book add column subtitle varchar(100)",
                "alter table Book add column copies integer default 1 not null",
                "alter table Book rename column subtitle to tagline",
                "alter table Book drop column rating",
                "create index IX_Book_code on Book (code)",
                "drop index IX_Book_code",
                "alter table Audit rename to AuditLog"), log);
    }

    @Test
    void droppingAnIndexedColumnRebuildsAndDropsItsIndexes() throws Exception {
        migrate(c, SQLITE, log, ops -> ops.dropColumn("Book", Column.of("title", varchar(255))));
        assertEquals(1, countMatching(log, "create table"));
        Table book = SchemaInspector.inspectTable(c, SQLITE, TableName.of("Book")).orElseThrow();
        assertTrue(book.column("title").isEmpty());
        assertEquals(List.of(), book.indexes());
        assertEquals(BOOKS, count(c, "select count(*) from Book"));
    }

    @Test
    void opsOnAnotherTableOrDataAccessRunThePendingRebuildFirst() throws Exception {
        migrate(c, SQLITE, log, ops -> {
            ops.alterColumn("Book", Column.of("code", varchar(10)), Column.of("code", varchar(12)));
            ops.alterColumn("Review", Column.of("stars", ColumnType.integer()), Column.of("stars", ColumnType.integer()).notNull());
            ops.alterColumn("Book", Column.of("code", varchar(12)), Column.of("code", varchar(14)));
            // a data migration sees the changes made so far
            assertEquals("varchar(14)", scalar(ops.connection(), "select type from pragma_table_info('Book') where name = 'code'"));
            ops.execute("update Book set code = 'x' where code is null");
        });
        assertEquals(List.of("create table _retort_new_Book", "create table _retort_new_Review", "create table _retort_new_Book"),
                log.stream().filter(s -> s.startsWith("create table")).map(s -> s.substring(0, s.indexOf(" (")).trim()).toList());
        assertEquals(0, count(c, "select count(*) from Book where code is null"));
    }

    @Test
    void renamedColumnIsRenamedInIndexesTriggersAndViews() throws Exception {
        migrate(c, SQLITE, log, ops -> ops.alterColumn("Book", Column.of("title", varchar(255)), Column.of("heading", varchar(300))));
        assertEquals(1, countMatching(log, "create table"));
        Table book = SchemaInspector.inspectTable(c, SQLITE, TableName.of("Book")).orElseThrow();
        assertEquals(List.of(Index.of("IX_Book_title", "heading"), Index.unique("UX_Book_author_title", "author_id", "heading desc")),
                book.indexes());
        assertEquals(BOOKS - BOOKS / 10, count(c, "select count(*) from BookTitles"));
        execute(c, "update Book set heading = 'new' where id = 10");
        assertEquals(1, count(c, "select count(*) from Audit"));
    }

    @Test
    void expressionPartialAndCollatedIndexesComeBackAsWritten() throws Exception {
        execute(c, "create index IX_Book_lower_title on Book (lower(title)) where price > 10",
                "create index IX_Book_isbn_nocase on Book (isbn collate nocase desc)");
        List<String> indexes = strings(c, "select sql from sqlite_master where type = 'index' and sql is not null order by name");

        migrate(c, SQLITE, log, ops -> ops.alterColumn("Book", Column.of("code", varchar(10)), Column.of("code", varchar(20))));

        assertEquals(1, countMatching(log, "create table"));
        assertEquals(indexes, strings(c, "select sql from sqlite_master where type = 'index' and sql is not null order by name"));
    }

    @Test
    void namesThatNeedQuotingAreQuotedThroughout() throws Exception {
        execute(c, "create table \"select\" (\"from\" integer primary key, \"we\"\"ird col\" varchar(10), \"group\" varchar(5))",
                "create index \"ix of select\" on \"select\" (\"we\"\"ird col\")",
                "create view \"picks\" as select \"from\", \"we\"\"ird col\" from \"select\"",
                "insert into \"select\" values (1, 'a''b', 'x'), (2, null, 'y')");
        List<List<Object>> before = rows(c, "select * from \"select\" order by 1");

        migrate(c, SQLITE, log, ops -> {
            ops.alterColumn("select", Column.of("group", varchar(5)), Column.of("group", varchar(9)).notNull());
            ops.renameColumn("select", "we\"ird col", "odd \"name\"");
        });

        assertEquals(1, countMatching(log, "create table"), () -> String.join("\n", log));
        assertTrue(log.get(0).startsWith("create table _retort_new_select (\"from\" integer, \"odd \"\"name\"\"\" varchar(10),"), log.get(0));
        assertEquals(before, rows(c, "select * from \"select\" order by 1"));
        assertEquals(List.of("odd \"name\""), strings(c, "select name from pragma_index_info('ix of select')"));
        assertEquals(2, count(c, "select count(*) from picks"));
    }

    @Test
    void sequencesBecomeHibernatesOneRowTableOnSqlite() throws Exception {
        migrate(c, SQLITE, log, ops -> ops.createSequence(dev.retort.model.Sequence.of("Book_SEQ", 7, 50)));
        assertEquals(List.of("7"), strings(c, "select next_val from Book_SEQ"));
        migrate(c, SQLITE, log, ops -> ops.dropSequence(dev.retort.model.Sequence.of("Book_SEQ", 7, 50)));
        assertEquals(0, count(c, "select count(*) from sqlite_master where name = 'Book_SEQ'"));
    }

    @Test
    void offlineWithoutConnectionPrintsNativeOpsButCannotPlanARebuild() {
        List<String> printed = new ArrayList<>();
        DdlExecutor executor = new DdlExecutor(null, SQLITE, printed::add);
        executor.accept(new dev.retort.ops.Op.AddColumn(TableName.of("Book"), Column.of("x", ColumnType.integer())));
        assertEquals(List.of("alter table Book add column x integer"), printed);
        executor.accept(new dev.retort.ops.Op.AddCheck(TableName.of("Book"), Check.of(null, "x > 0")));
        IllegalStateException e = assertThrows(IllegalStateException.class, executor::flush);
        assertTrue(e.getMessage().contains("scratch database"), e.getMessage());
        assertThrows(IllegalStateException.class, executor::connection);
    }

    @Test
    void rebuildOutsideATransactionBringsItsOwnAndRestoresForeignKeys() throws Exception {
        execute(c, "PRAGMA foreign_keys = ON");
        List<List<Object>> reviews = rows(c, "select * from Review order by id");
        DdlExecutor executor = new DdlExecutor(c, SQLITE, log::add);
        executor.accept(new dev.retort.ops.Op.AlterColumn(TableName.of("Book"), Column.of("code", varchar(10)), Column.of("code", varchar(11))));
        executor.flush();
        assertEquals(1, count(c, "PRAGMA foreign_keys"));
        assertEquals(reviews, rows(c, "select * from Review order by id"), "dropping the old Book cascaded nothing");
        assertTrue(c.getAutoCommit());
    }

    @Test
    void foreignKeysOnInsideTheTransactionIsRefusedBeforeAnythingChanges() throws Exception {
        execute(c, "PRAGMA foreign_keys = ON");
        c.setAutoCommit(false);
        DdlExecutor executor = new DdlExecutor(c, SQLITE, log::add);
        executor.accept(new dev.retort.ops.Op.AlterColumn(TableName.of("Book"), Column.of("code", varchar(10)), Column.of("code", varchar(11))));
        DdlException e = assertThrows(DdlException.class, executor::flush);
        assertTrue(e.getMessage().contains("beforeMigration"), e.getMessage());
        c.rollback();
        c.setAutoCommit(true);
        assertEquals(List.of(), log);
        assertFalse(strings(c, "select type from pragma_table_info('Book')").contains("varchar(11)"));
    }
}
