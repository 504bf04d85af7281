package dev.retort.diff;

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
import dev.retort.ops.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static dev.retort.diff.Models.fk;
import static dev.retort.diff.Models.schema;
import static dev.retort.diff.Models.table;
import static dev.retort.model.DatabaseKind.POSTGRESQL;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The comparator's ops run in the order it gives them, and so do their reverses (the downgrade). Every
 * scenario is replayed on {@link SchemaReplay}, which refuses what a database refuses; after the upgrade the
 * schema compares equal to the model, after the downgrade equal to where it started.
 */
class OperationOrderTest {

    private static Table parent(String name) {
        return table(name).column(Column.of("name", ColumnType.varchar(50))).build();
    }

    private static Table child(String name, String... parents) {
        Table.Builder b = table(name);
        for (String p : parents) {
            String column = p.toLowerCase() + "_id";
            b.column(Column.of(column, ColumnType.bigint())).foreignKey(fk("fk_" + name + "_" + p, column, p))
                    .index(Index.of("ix_" + name + "_" + column, column));
        }
        return b.build();
    }

    @Test
    void parentsAreCreatedBeforeTheirChildren() {
        // "A_child" sorts before "Z_parent": the order comes from the foreign key, not the name
        List<Op> ops = SchemaComparator.compare(schema(child("A_child", "Z_parent"), parent("Z_parent")), Schema.EMPTY, POSTGRESQL);
        assertEquals(List.of("CreateTable Z_parent", "CreateTable A_child", "CreateIndex A_child"), kinds(ops));
    }

    @Test
    void childrenAreDroppedBeforeTheirParents() {
        List<Op> ops = SchemaComparator.compare(Schema.EMPTY, schema(child("A_child", "Z_parent"), parent("Z_parent")), POSTGRESQL);
        assertEquals(List.of("DropIndex A_child", "DropTable A_child", "DropTable Z_parent"), kinds(ops));
    }

    @Test
    void aCycleOfNewTablesIsClosedWithAnAddedForeignKey() {
        Table a = child("A", "B");
        Table b = child("B", "A");
        List<Op> ops = SchemaComparator.compare(schema(a, b), Schema.EMPTY, POSTGRESQL);
        assertEquals(List.of("CreateTable A", "CreateIndex A", "CreateTable B", "CreateIndex B", "AddForeignKey A"), kinds(ops));
        assertEquals(List.of(), ((Op.CreateTable) ops.get(0)).definition().foreignKeys());
        assertEquals(new Op.AddForeignKey(TableName.of("A"), a.foreignKeys().get(0)), ops.get(4));
    }

    @Test
    void aCycleOfDroppedTablesIsOpenedFirst() {
        List<Op> ops = SchemaComparator.compare(Schema.EMPTY, schema(child("A", "B"), child("B", "A")), POSTGRESQL);
        assertEquals(List.of("DropForeignKey A", "DropIndex B", "DropTable B", "DropIndex A", "DropTable A"), kinds(ops));
    }

    @Test
    void aSelfReferenceStaysInItsTable() {
        Table employee = child("Employee", "Employee");
        List<Op> ops = SchemaComparator.compare(schema(employee), Schema.EMPTY, POSTGRESQL);
        assertEquals(List.of("CreateTable Employee", "CreateIndex Employee"), kinds(ops));
        assertEquals(1, ((Op.CreateTable) ops.get(0)).definition().foreignKeys().size());
    }

    @Test
    void aForeignKeyOfAnExistingTableToANewTableComesAfterIt() {
        Table before = table("Book").build();
        Table after = child("Book", "Author");
        List<Op> ops = SchemaComparator.compare(schema(after, parent("Author")), schema(before), POSTGRESQL);
        assertEquals(List.of("AddColumn Book", "CreateIndex Book", "CreateTable Author", "AddForeignKey Book"), kinds(ops));
    }

    @Test
    void aForeignKeyToADroppedTableGoesBeforeIt() {
        List<Op> ops = SchemaComparator.compare(schema(table("Book").build()),
                schema(child("Book", "Author"), parent("Author")), POSTGRESQL);
        assertEquals(List.of("DropForeignKey Book", "DropTable Author", "DropIndex Book", "DropColumn Book"), kinds(ops));
    }

    private static List<String> kinds(List<Op> ops) {
        return ops.stream().map(op -> op.getClass().getSimpleName() + " " + op.table()).toList();
    }

    // ------------------------------------------------------------------ replayed scenarios

    static Stream<Arguments> scenarios() {
        Table author = parent("Author");
        Table book = child("Book", "Author");
        Table review = child("Review", "Book");
        Column isbn = Column.of("isbn", ColumnType.varchar(13)).notNull();
        Table bookWithIsbn = book.toBuilder().column(isbn).unique(UniqueKey.of("uk_book_isbn", "isbn")).build();
        Table citation = table("Citation").column(Column.of("isbn", ColumnType.varchar(13)))
                .foreignKey(ForeignKey.of("fk_cite_isbn", List.of("isbn"), TableName.of("Book"), List.of("isbn"))).build();
        return Stream.of(
                Arguments.of("new tables in a chain", schema(author, book, review), Schema.EMPTY),
                Arguments.of("dropped tables in a chain", Schema.EMPTY, schema(author, book, review)),
                Arguments.of("a cycle of three", schema(child("A", "C"), child("B", "A"), child("C", "B")), Schema.EMPTY),
                Arguments.of("a cycle of three dropped", Schema.EMPTY, schema(child("A", "C"), child("B", "A"), child("C", "B"))),
                Arguments.of("a parent replaced", schema(parent("Writer"), child("Book", "Writer")), schema(author, book)),
                Arguments.of("a new table referencing a new unique column",
                        schema(author, bookWithIsbn, citation), schema(author, book)),
                Arguments.of("the same, undone", schema(author, book), schema(author, bookWithIsbn, citation)),
                Arguments.of("a new parent for an existing table", schema(author, book), schema(table("Book").build())),
                Arguments.of("a dropped column with an index and a key",
                        schema(table("Book").build(), author), schema(author, book)),
                Arguments.of("a changed primary key referenced from elsewhere",
                        schema(Table.builder("Author").column(Models.id()).column(Column.of("code", ColumnType.varchar(10)).notNull())
                                .primaryKey("code").build(), table("Book").build()),
                        schema(author, book)),
                Arguments.of("everything at once", Models.library(), messyLibrary()),
                Arguments.of("everything at once, undone", messyLibrary(), Models.library()));
    }

    /** The library as an older database might hold it: every kind of difference at once. */
    private static Schema messyLibrary() {
        Schema library = Models.library();
        Table author = library.table("Author").orElseThrow().toBuilder()
                .columns(List.of(Models.id(), Column.of("name", ColumnType.varchar(50)), Column.of("nick", ColumnType.varchar(20))))
                .uniqueKeys(List.of()).comment(null).build();
        Table book = library.table("Book").orElseThrow().toBuilder()
                .columns(List.of(Column.of("id", ColumnType.bigint()).notNull().asIdentity(),
                        Column.of("title", ColumnType.sql("character varying(100)")),
                        Column.of("status", ColumnType.varchar(20)).notNull().withDefault("'DRAFT'::character varying"),
                        Column.of("author_id", ColumnType.integer()),
                        Column.of("shelf_id", ColumnType.bigint())))
                .foreignKeys(List.of(fk("fk_book_author", "author_id", "Author"), fk("fk_book_shelf", "shelf_id", "Shelf")))
                .indexes(List.of(Index.of("idx_book_title", "title"), Index.of("ix_book_shelf", "shelf_id")))
                .checks(List.of(Check.of("ck_book_status", "CHECK (((status)::text = ANY ((ARRAY['DRAFT'::character varying])::text[])))")))
                .build();
        Table shelf = child("Shelf", "Room");
        Table room = child("Room", "Shelf");
        return new Schema(List.of(author, book, shelf, room), List.of(Sequence.of("Shelf_SEQ", 1, 50)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void upgradeAndDowngradeRunAndArriveWhereTheyShould(String name, Schema target, Schema current) {
        for (DatabaseKind kind : DatabaseKind.values()) {
            List<Op> upgrade = SchemaComparator.compare(target, current, kind);
            Schema upgraded = SchemaReplay.apply(current, upgrade, kind);
            assertEquals(List.of(), SchemaComparator.compare(target, upgraded, kind), kind + ": upgrade leaves differences");
            Schema downgraded = SchemaReplay.apply(upgraded, SchemaReplay.reversed(upgrade), kind);
            assertEquals(List.of(), SchemaComparator.compare(current, downgraded, kind), kind + ": downgrade leaves differences");
        }
    }

    @Test
    void aDowngradeRecreatesDroppedTablesWithTheirIndexes() {
        Table t = child("Book", "Author");
        List<Op> upgrade = SchemaComparator.compare(Schema.EMPTY, schema(t, parent("Author")), POSTGRESQL);
        Schema dropped = SchemaReplay.apply(schema(t, parent("Author")), upgrade, POSTGRESQL);
        Schema back = SchemaReplay.apply(dropped, SchemaReplay.reversed(upgrade), POSTGRESQL);
        assertEquals(t, back.table("Book").orElseThrow());
        assertEquals(FkAction.NO_ACTION, back.table("Book").orElseThrow().foreignKeys().get(0).onDelete());
    }
}
