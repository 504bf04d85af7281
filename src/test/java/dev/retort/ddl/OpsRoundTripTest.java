package dev.retort.ddl;

import dev.retort.inspect.SchemaInspector;
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
import dev.retort.ops.Op;
import dev.retort.testing.MariaDbServer;
import dev.retort.testing.PostgresServer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static dev.retort.ddl.Sql.execute;
import static dev.retort.ddl.Sql.migrate;
import static dev.retort.ddl.Sql.rows;
import static dev.retort.model.ColumnType.bigint;
import static dev.retort.model.ColumnType.integer;
import static dev.retort.model.ColumnType.varchar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every op on a real database: it has the effect it describes, keeps the rows, and its reverse brings the
 * schema back exactly as the inspector reads it. The same cases run on SQLite (where half of them rebuild the
 * table), PostgreSQL and MariaDB.
 */
class OpsRoundTripTest {

    private static final TableName BOOK = TableName.of("Book");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> sqlite() {
        return cases(DatabaseKind.SQLITE);
    }

    @TestFactory
    Stream<DynamicTest> postgresql() {
        return cases(DatabaseKind.POSTGRESQL);
    }

    @TestFactory
    Stream<DynamicTest> mariadb() {
        return cases(DatabaseKind.MARIADB);
    }

    /** An op, what must hold after it, and whether the kind supports it. */
    private record Case(String name, Op op, Predicate<Schema> effect, Predicate<DatabaseKind> on) {
        Case(String name, Op op, Predicate<Schema> effect) {
            this(name, op, effect, k -> true);
        }
    }

    private Stream<DynamicTest> cases(DatabaseKind kind) {
        Table shelf = Table.builder("Shelf").column(Column.of("id", bigint()).asIdentity())
                .column(Column.of("label", varchar(50)).notNull().withComment("what is written on it"))
                .column(Column.of("book_id", bigint())).column(Column.of("position", integer()).withDefault("0"))
                .primaryKey("id").unique(UniqueKey.of("UK_Shelf_label_position", "label", "position"))
                .foreignKey(ForeignKey.of("FK_Shelf_book", List.of("book_id"), BOOK, List.of("id")).onDelete(FkAction.SET_NULL))
                .check(Check.of("CK_Shelf_position", "position >= 0")).index(Index.of("IX_Shelf_book", "book_id"))
                .comment("shelves").build();
        Column code = Column.of("code", varchar(10));
        List<Case> cases = List.of(
                new Case("create table", new Op.CreateTable(shelf), s -> s.table("Shelf").map(t ->
                        t.foreignKeys().size() == 1 && t.uniqueKeys().size() == 1 && t.indexes().size() == 1
                                && t.checks().size() == 1 && t.column("id").orElseThrow().identity()).orElse(false)),
                new Case("drop table", new Op.DropTable(table(kind, "Tag")), s -> s.table("Tag").isEmpty()),
                new Case("rename table", new Op.RenameTable(TableName.of("Tag"), "Label"), s -> s.table("Label").isPresent() && s.table("Tag").isEmpty()),
                new Case("set table comment", new Op.SetTableComment(BOOK, null, "all the books"),
                        s -> kind == DatabaseKind.SQLITE || "all the books".equals(s.table("Book").orElseThrow().comment())),
                new Case("add nullable column", new Op.AddColumn(BOOK, Column.of("subtitle", varchar(100))), s -> column(s, "subtitle").isPresent()),
                new Case("add not null column with default", new Op.AddColumn(BOOK, Column.of("stock", integer()).notNull().withDefault("0")),
                        s -> column(s, "stock").map(c -> !c.nullable()).orElse(false)),
                new Case("drop column", new Op.DropColumn(BOOK, code), s -> column(s, "code").isEmpty()),
                new Case("widen type", new Op.AlterColumn(BOOK, Column.of("isbn", varchar(20)), Column.of("isbn", varchar(40))),
                        s -> column(s, "isbn").orElseThrow().type().equals(varchar(40))),
                new Case("convert type", new Op.AlterColumn(BOOK, code, Column.of("code", integer())),
                        s -> column(s, "code").orElseThrow().type().equals(integer())),
                new Case("make not null", new Op.AlterColumn(BOOK, Column.of("author_id", bigint()), Column.of("author_id", bigint()).notNull()),
                        s -> !column(s, "author_id").orElseThrow().nullable()),
                new Case("change default", new Op.AlterColumn(BOOK, Column.of("price", ColumnType.numeric(10, 2)).withDefault("0"),
                        Column.of("price", ColumnType.numeric(10, 2)).withDefault("1")),
                        s -> column(s, "price").orElseThrow().defaultValue().startsWith("1")),
                new Case("rename and widen column", new Op.AlterColumn(BOOK, code, Column.of("ref", varchar(12))),
                        s -> column(s, "ref").orElseThrow().type().equals(varchar(12)) && column(s, "code").isEmpty()),
                new Case("rename column", new Op.RenameColumn(BOOK, "title", "heading"),
                        s -> column(s, "heading").isPresent() && s.table("Book").orElseThrow().indexes().get(0).columns().equals(List.of("heading"))),
                new Case("create index", new Op.CreateIndex(BOOK, Index.of("IX_Book_code", "code", "title desc")),
                        s -> s.table("Book").orElseThrow().indexes().size() == 2),
                new Case("drop index", new Op.DropIndex(BOOK, Index.of("IX_Book_title", "title")), s -> s.table("Book").orElseThrow().indexes().isEmpty()),
                new Case("add unique", new Op.AddUnique(BOOK, UniqueKey.of("UK_Book_code", "code")), s -> s.table("Book").orElseThrow().uniqueKeys().size() == 2),
                new Case("drop unique", new Op.DropUnique(BOOK, UniqueKey.of("UK_Book_isbn", "isbn")), s -> s.table("Book").orElseThrow().uniqueKeys().isEmpty()),
                new Case("add primary key", new Op.AddPrimaryKey(TableName.of("Tag"), new PrimaryKey("PK_Tag", List.of("name"))),
                        s -> s.table("Tag").orElseThrow().primaryKey() != null),
                new Case("drop primary key", new Op.DropPrimaryKey(TableName.of("Loan"), new PrimaryKey("PK_Loan", List.of("id"))),
                        s -> s.table("Loan").orElseThrow().primaryKey() == null),
                new Case("add foreign key", new Op.AddForeignKey(TableName.of("Loan"),
                        ForeignKey.of("FK_Loan_book", List.of("book_id"), BOOK, List.of("id")).onDelete(FkAction.CASCADE)),
                        s -> s.table("Loan").orElseThrow().foreignKeys().size() == 1),
                new Case("drop foreign key", new Op.DropForeignKey(TableName.of("Review"),
                        ForeignKey.of("FK_Review_book", List.of("book_id"), BOOK, List.of("id")).onDelete(FkAction.CASCADE)),
                        s -> s.table("Review").orElseThrow().foreignKeys().isEmpty()),
                new Case("add check", new Op.AddCheck(BOOK, Check.of("CK_Book_isbn", "length(isbn) > 3")),
                        s -> s.table("Book").orElseThrow().checks().size() == 2),
                new Case("drop check", new Op.DropCheck(BOOK, Check.of("CK_Book_price", "price >= 0")),
                        s -> s.table("Book").orElseThrow().checks().isEmpty()),
                new Case("execute", new Op.Execute("create table Extra (id integer)", "drop table Extra"), s -> s.table("Extra").isPresent()),
                new Case("create sequence", new Op.CreateSequence(Sequence.of("Book_SEQ", 1, 50)),
                        s -> s.sequences().size() == 1, k -> k != DatabaseKind.SQLITE));
        return cases.stream().filter(c -> c.on().test(kind)).map(c -> DynamicTest.dynamicTest(c.name(), () -> roundTrip(kind, c)));
    }

    private void roundTrip(DatabaseKind kind, Case c) throws Exception {
        try (Connection db = open(kind, c.name())) {
            createLibrary(db, kind);
            Schema before = schema(db, kind);
            List<List<Object>> books = rows(db, "select * from Book order by id");
            List<String> log = new ArrayList<>();

            migrate(db, kind, log, ops -> ops.apply(c.op()));
            Schema after = schema(db, kind);
            assertTrue(c.effect().test(after), () -> c.name() + ": " + after + "\n" + String.join("\n", log));
            if (!c.op().losesData() && !(c.op() instanceof Op.AddColumn) && !(c.op() instanceof Op.RenameColumn)
                    && !(c.op() instanceof Op.AlterColumn a && (a.renames() || a.changesType()))) {
                assertEquals(books, rows(db, "select * from Book order by id"), "rows of Book");
            }

            migrate(db, kind, log, ops -> ops.apply(c.op().reverse()));
            assertEquals(normalized(before), normalized(schema(db, kind)), () -> String.join("\n", log));
            if (!c.op().losesData()) {
                assertEquals(books, rows(db, "select * from Book order by id"), "rows of Book after the reverse");
            }
        }
    }

    private Connection open(DatabaseKind kind, String name) throws SQLException {
        return switch (kind) {
            case SQLITE -> DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(name.replace(' ', '_') + ".db"));
            case POSTGRESQL -> DriverManager.getConnection(PostgresServer.get().createDatabase());
            case MARIADB -> DriverManager.getConnection(MariaDbServer.get().createDatabase());
        };
    }

    /** Author, Book (keys, unique, foreign key, check, index), Review, Tag without a key and Loan, with rows. */
    private static void createLibrary(Connection db, DatabaseKind kind) throws Exception {
        migrate(db, kind, new ArrayList<>(), ops -> {
            for (String name : List.of("Author", "Book", "Review", "Tag", "Loan")) {
                ops.createTable(table(kind, name));
            }
        });
        execute(db, "insert into Author (name) values ('Le Guin'), ('Lem'), ('Calvino')");
        List<String> books = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            books.add("(" + (i % 10 == 0 ? "null" : "'title " + i + "'") + ", " + (i % 7 == 0 ? "null" : i + ".25") + ", "
                    + (i % 11 == 0 ? "null" : "'isbn-" + i + "'") + ", " + (1 + i % 3) + ", " + (i % 4 == 0 ? "null" : "'" + i * 3 + "'") + ")");
        }
        execute(db, "insert into Book (title, price, isbn, author_id, code) values " + String.join(", ", books));
        execute(db, "insert into Review (book_id, stars) values (1, 5), (2, 4), (2, 3)",
                "insert into Tag (name) values ('classic'), ('sf')",
                "insert into Loan (id, book_id) values (1, 1), (2, 3)");
    }

    private static Table table(DatabaseKind kind, String name) {
        return switch (name) {
            case "Author" -> Table.builder(name).column(Column.of("id", bigint()).asIdentity())
                    .column(Column.of("name", varchar(100)).notNull()).primaryKey("id").build();
            case "Book" -> Table.builder(name).column(Column.of("id", bigint()).asIdentity())
                    .column(Column.of("title", varchar(255))).column(Column.of("price", ColumnType.numeric(10, 2)).withDefault("0"))
                    .column(Column.of("isbn", varchar(20))).column(Column.of("author_id", bigint()))
                    .column(Column.of("code", varchar(10))).primaryKey("id")
                    .unique(UniqueKey.of("UK_Book_isbn", "isbn"))
                    .foreignKey(ForeignKey.of("FK_Book_author", List.of("author_id"), TableName.of("Author"), List.of("id")))
                    .check(Check.of("CK_Book_price", "price >= 0")).index(Index.of("IX_Book_title", "title")).build();
            case "Review" -> Table.builder(name).column(Column.of("id", bigint()).asIdentity())
                    .column(Column.of("book_id", bigint())).column(Column.of("stars", integer())).primaryKey("id")
                    .foreignKey(ForeignKey.of("FK_Review_book", List.of("book_id"), BOOK, List.of("id")).onDelete(FkAction.CASCADE)).build();
            case "Tag" -> Table.builder(name).column(Column.of("name", varchar(20)).notNull()).build();
            case "Loan" -> Table.builder(name).column(Column.of("id", bigint()).notNull()).column(Column.of("book_id", bigint()))
                    .primaryKey(new PrimaryKey("PK_Loan", List.of("id"))).build();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Schema schema(Connection db, DatabaseKind kind) throws SQLException {
        return SchemaInspector.inspect(db, kind, t -> true);
    }

    private static Optional<Column> column(Schema s, String name) {
        return s.table("Book").orElseThrow().column(name);
    }

    /** Columns by name: a dropped column comes back at the end of the table, which is all a reverse can do. */
    private static Schema normalized(Schema s) {
        return new Schema(s.tables().stream().map(t -> t.toBuilder()
                .columns(t.columns().stream().sorted(Comparator.comparing(Column::name)).toList()).build()).toList(), s.sequences());
    }
}
