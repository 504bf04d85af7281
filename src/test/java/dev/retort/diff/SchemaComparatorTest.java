package dev.retort.diff;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static dev.retort.diff.Models.fk;
import static dev.retort.diff.Models.id;
import static dev.retort.diff.Models.schema;
import static dev.retort.diff.Models.table;
import static dev.retort.model.DatabaseKind.MARIADB;
import static dev.retort.model.DatabaseKind.POSTGRESQL;
import static dev.retort.model.DatabaseKind.SQLITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchemaComparatorTest {

    private static final TableName BOOK = TableName.of("Book");

    private static List<Op> compare(Schema target, Schema current) {
        return SchemaComparator.compare(target, current, POSTGRESQL);
    }

    private static Table book(Column... extra) {
        Table.Builder b = table("Book").column(Column.of("title", ColumnType.varchar(255)));
        for (Column c : extra) b.column(c);
        return b.build();
    }

    // ------------------------------------------------------------------ nothing to do

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aSchemaComparedWithItselfHasNoChanges(DatabaseKind kind) {
        assertEquals(List.of(), SchemaComparator.compare(Models.library(), Models.library(), kind));
        assertEquals(List.of(), SchemaComparator.compare(Schema.EMPTY, Schema.EMPTY, kind));
    }

    @Test
    void namesCompareIgnoringCase() {
        Schema model = schema(table("BookDetail").column(Column.of("Description", ColumnType.varchar(50)))
                .index(Index.of("IDX_Detail", "Description")).build());
        Schema db = schema(Table.builder("bookdetail").column(Column.of("ID", ColumnType.bigint()).notNull())
                .primaryKey("ID").column(Column.of("description", ColumnType.sql("character varying(50)")))
                .index(Index.of("idx_detail", "DESCRIPTION")).build());
        assertEquals(List.of(), compare(model, db));
    }

    @Test
    void initCommandsAreNotCompared() {
        Schema model = schema(table("Book_SEQ").initCommand("insert into Book_SEQ values (1)").build());
        Schema db = schema(table("Book_SEQ").build());
        assertEquals(List.of(), SchemaComparator.compare(model, db, SQLITE));
    }

    // ------------------------------------------------------------------ tables

    @Test
    void anAddedTableIsCreatedWithoutItsIndexesWhichFollow() {
        Table t = table("Shelf").column(Column.of("label", ColumnType.varchar(20)))
                .column(Column.of("room", ColumnType.varchar(20)))
                .index(Index.of("ix_shelf_room", "room")).index(Index.of("ix_shelf_label", "label"))
                .unique(UniqueKey.of("uk_shelf", "label", "room")).check(Check.of(null, "label <> ''"))
                .comment("where books stand").initCommand("select 1").build();
        // the unnamed check gets a stable name, so that any later migration can drop it by name
        assertEquals(List.of(
                new Op.CreateTable(t.toBuilder().indexes(List.of()).checks(List.of(Check.of("ck_shelf_ea48feb6", "label <> ''"))).build()),
                new Op.CreateIndex(TableName.of("Shelf"), Index.of("ix_shelf_label", "label")),
                new Op.CreateIndex(TableName.of("Shelf"), Index.of("ix_shelf_room", "room"))),
                compare(schema(t), Schema.EMPTY));
    }

    @Test
    void aDroppedTableLosesItsIndexesFirst() {
        Table t = table("Shelf").column(Column.of("room", ColumnType.varchar(20)))
                .index(Index.of("ix_shelf_room", "room")).build();
        assertEquals(List.of(
                new Op.DropIndex(TableName.of("Shelf"), Index.of("ix_shelf_room", "room")),
                new Op.DropTable(t.toBuilder().indexes(List.of()).build())),
                compare(Schema.EMPTY, schema(t)));
    }

    // ------------------------------------------------------------------ columns

    @Test
    void addedAndDroppedColumns() {
        Column description = Column.of("description", ColumnType.varchar(2000));
        Column legacy = Column.of("legacy", ColumnType.integer()).withDefault("7");
        assertEquals(List.of(new Op.AddColumn(BOOK, description)), compare(schema(book(description)), schema(book())));
        assertEquals(List.of(new Op.DropColumn(BOOK, legacy)), compare(schema(book()), schema(book(legacy))));
    }

    @Test
    void anAddedNotNullColumnWithADefaultIsAddedAsIs() {
        Column pages = Column.of("pages", ColumnType.integer()).notNull().withDefault("0");
        assertEquals(List.of(new Op.AddColumn(BOOK, pages)), compare(schema(book(pages)), schema(book())));
    }

    @Test
    void anAddedNotNullColumnWithoutDefaultFillsExistingRowsWithAPlaceholderThenDropsIt() {
        Column pages = Column.of("pages", ColumnType.integer()).notNull();
        Column filled = pages.withDefault("0");
        assertEquals(List.of(new Op.AddColumn(BOOK, filled), new Op.AlterColumn(BOOK, filled, pages)),
                compare(schema(book(pages)), schema(book())));
    }

    @Test
    void placeholdersSuitTheTypeAndTheChecks() {
        assertEquals("''", placeholder(Column.of("isbn", ColumnType.varchar(13)).notNull(), POSTGRESQL));
        assertEquals("false", placeholder(Column.of("sold", ColumnType.bool()).notNull(), POSTGRESQL));
        // the same on every database: a migration written on SQLite runs on PostgreSQL
        assertEquals("false", placeholder(Column.of("sold", ColumnType.bool()).notNull(), SQLITE));
        assertEquals("false", placeholder(Column.of("sold", ColumnType.bool()).notNull(), MARIADB));
        assertEquals("'1970-01-01 00:00:00'", placeholder(Column.of("at", ColumnType.timestamp(6)).notNull(), POSTGRESQL));
        assertEquals("'1970-01-01'", placeholder(Column.of("on", ColumnType.date()).notNull(), POSTGRESQL));
        assertEquals("'00000000-0000-0000-0000-000000000000'", placeholder(Column.of("u", ColumnType.sql("uuid")).notNull(), POSTGRESQL));
        assertEquals("'B'", placeholder(Column.of("kind", ColumnType.sql("enum ('B','A')")).notNull(), MARIADB));
        // an enum column: the first allowed value, so that the check holds for the old rows
        Table withCheck = book().toBuilder().check(Check.of(null, "status in ('DRAFT','PUBLISHED')")).build();
        Column status = Column.of("status", ColumnType.varchar(20)).notNull();
        List<Op> ops = compare(schema(withCheck.toBuilder().column(status).build()), schema(book()));
        assertEquals(new Op.AddColumn(BOOK, status.withDefault("'DRAFT'")), ops.get(0));
    }

    private static String placeholder(Column column, DatabaseKind kind) {
        List<Op> ops = SchemaComparator.compare(schema(book(column)), schema(book()), kind);
        assertEquals(2, ops.size(), ops::toString);
        return ((Op.AddColumn) ops.get(0)).column().defaultValue();
    }

    @Test
    void aNotNullColumnOfATypeWithoutPlaceholderIsAddedAsIsAndWarned() {
        Column shape = Column.of("shape", ColumnType.sql("geometry")).notNull();
        List<Op> ops = compare(schema(book(shape)), schema(book()));
        assertEquals(List.of(new Op.AddColumn(BOOK, shape)), ops);
        assertEquals(List.of("Column 'Book.shape' is NOT NULL without a default and its type has no placeholder value:"
                + " the upgrade fails if 'Book' has rows. Give it a default or fill it in the migration."),
                SchemaComparator.warnings(ops));
    }

    @Test
    void typeChangesOfLengthPrecisionAndScale() {
        assertAltered(Column.of("t", ColumnType.varchar(100)), Column.of("t", ColumnType.varchar(50)));
        assertAltered(Column.of("t", ColumnType.numeric(12, 2)), Column.of("t", ColumnType.numeric(10, 2)));
        assertAltered(Column.of("t", ColumnType.numeric(10, 3)), Column.of("t", ColumnType.numeric(10, 2)));
        assertAltered(Column.of("t", ColumnType.bigint()), Column.of("t", ColumnType.sql("integer")));
        assertAltered(Column.of("t", ColumnType.timestampTz(6)), Column.of("t", ColumnType.sql("timestamp(6) without time zone")));
    }

    private static void assertAltered(Column wanted, Column existing) {
        assertEquals(List.of(new Op.AlterColumn(BOOK, existing, wanted)), compare(schema(book(wanted)), schema(book(existing))));
    }

    @Test
    void equivalentTypesAreNoChange() {
        Column model = Column.of("t", ColumnType.varchar(255));
        Column reported = Column.of("t", ColumnType.sql("character varying(255)"));
        assertEquals(List.of(), compare(schema(book(model)), schema(book(reported))));
        Column money = Column.of("m", ColumnType.numeric(38, 2));
        assertEquals(List.of(), SchemaComparator.compare(schema(book(money)),
                schema(book(Column.of("m", ColumnType.sql("decimal(38,2)")))), MARIADB));
    }

    @Test
    void onlyWhatChangedDiffersBetweenFromAndTo() {
        // the type is the same once normalised, so "from" keeps the model's spelling of it: only NOT NULL changes
        Column wanted = Column.of("title", ColumnType.varchar(255)).notNull();
        Column existing = Column.of("title", ColumnType.sql("character varying(255)"));
        Table model = table("Book").column(wanted).build();
        Table db = table("Book").column(existing).build();
        List<Op> ops = compare(schema(model), schema(db));
        assertEquals(List.of(new Op.AlterColumn(BOOK, wanted.nullable(true), wanted)), ops);
        assertEquals(List.of("now not null"), ((Op.AlterColumn) ops.get(0)).changes());
    }

    @Test
    void nullabilityChanges() {
        assertAltered(Column.of("t", ColumnType.integer()).notNull(), Column.of("t", ColumnType.integer()));
        assertAltered(Column.of("t", ColumnType.integer()), Column.of("t", ColumnType.integer()).notNull());
    }

    @Test
    void primaryKeyColumnsAreNotNullWhateverTheFlagSays() {
        Table model = Table.builder("Book").column(Column.of("id", ColumnType.bigint())).primaryKey("id").build();
        Table db = Table.builder("Book").column(Column.of("id", ColumnType.bigint()).notNull()).primaryKey("id").build();
        assertEquals(List.of(), compare(schema(model), schema(db)));
    }

    @Test
    void defaultChanges() {
        assertAltered(Column.of("s", ColumnType.varchar(9)).withDefault("'final'"),
                Column.of("s", ColumnType.varchar(9)).withDefault("'draft'::character varying"));
        assertAltered(Column.of("s", ColumnType.varchar(9)), Column.of("s", ColumnType.varchar(9)).withDefault("'draft'"));
        assertAltered(Column.of("s", ColumnType.varchar(9)).withDefault("'draft'"), Column.of("s", ColumnType.varchar(9)));
        assertEquals(List.of(), compare(schema(book(Column.of("s", ColumnType.varchar(9)).withDefault("'draft'"))),
                schema(book(Column.of("s", ColumnType.varchar(9)).withDefault("'draft'::character varying")))));
    }

    @Test
    void columnCommentsChangeExceptOnSqlite() {
        Column wanted = Column.of("t", ColumnType.integer()).withComment("pages");
        Column existing = Column.of("t", ColumnType.integer());
        assertAltered(wanted, existing);
        assertEquals(List.of(), SchemaComparator.compare(schema(book(wanted)), schema(book(existing)), SQLITE));
    }

    @Test
    void tableCommentsChangeExceptOnSqlite() {
        Table wanted = book().toBuilder().comment("all the books").build();
        assertEquals(List.of(new Op.SetTableComment(BOOK, null, "all the books")), compare(schema(wanted), schema(book())));
        assertEquals(List.of(new Op.SetTableComment(BOOK, "all the books", null)), compare(schema(book()), schema(wanted)));
        assertEquals(List.of(), SchemaComparator.compare(schema(wanted), schema(book()), SQLITE));
    }

    // ------------------------------------------------------------------ identity

    @Test
    void aSqliteIdentityIdReportedAsIntegerIsNoChange() {
        Table model = Table.builder("Book").column(Column.of("id", ColumnType.bigint()).notNull().asIdentity()).primaryKey("id").build();
        Table db = Table.builder("Book").column(Column.of("id", ColumnType.sql("INTEGER")).notNull()).primaryKey("id").build();
        assertEquals(List.of(), SchemaComparator.compare(schema(model), schema(db), SQLITE));
    }

    @Test
    void anIdentityIgnoresItsSequenceDefault() {
        Table model = Table.builder("Book").column(Column.of("id", ColumnType.bigint()).notNull().asIdentity()).primaryKey("id").build();
        Table db = Table.builder("Book").column(Column.of("id", ColumnType.sql("bigint")).notNull()
                .withDefault("nextval('book_id_seq'::regclass)")).primaryKey("id").build();
        assertEquals(List.of(), compare(schema(model), schema(db)));
    }

    @Test
    void aColumnBecomingAnIdentityIsAChange() {
        Column plain = Column.of("id", ColumnType.bigint()).notNull();
        Table model = Table.builder("Book").column(plain.asIdentity()).primaryKey("id").build();
        Table db = Table.builder("Book").column(plain).primaryKey("id").build();
        assertEquals(List.of(new Op.AlterColumn(BOOK, plain, plain.asIdentity())), compare(schema(model), schema(db)));
    }

    // ------------------------------------------------------------------ primary keys

    @Test
    void primaryKeyChangesAreDetected() {
        Table model = Table.builder("Book").column(id()).column(Column.of("isbn", ColumnType.varchar(13)).notNull())
                .primaryKey("isbn").build();
        Table db = Table.builder("Book").column(id()).column(Column.of("isbn", ColumnType.varchar(13)).notNull())
                .primaryKey(new PrimaryKey("book_pkey", List.of("id"))).build();
        assertEquals(List.of(new Op.DropPrimaryKey(BOOK, new PrimaryKey("book_pkey", List.of("id"))),
                        new Op.AddPrimaryKey(BOOK, PrimaryKey.of("isbn"))),
                compare(schema(model), schema(db)));
        Table none = Table.builder("Book").column(id()).column(Column.of("isbn", ColumnType.varchar(13)).notNull()).build();
        assertEquals(List.of(new Op.AddPrimaryKey(BOOK, PrimaryKey.of("isbn"))), compare(schema(model), schema(none)));
    }

    @Test
    void primaryKeyNamesAndCaseAreNoChange() {
        Table model = table("Book").build();
        Table db = Table.builder("book").column(Column.of("ID", ColumnType.bigint()).notNull())
                .primaryKey(new PrimaryKey("book_pkey", List.of("ID"))).build();
        assertEquals(List.of(), compare(schema(model), schema(db)));
    }

    @Test
    void compositeKeyColumnOrderIsAChange() {
        Table model = Table.builder("Pair").column(Column.of("a", ColumnType.integer()).notNull())
                .column(Column.of("b", ColumnType.integer()).notNull()).primaryKey("a", "b").build();
        Table db = model.toBuilder().primaryKey("b", "a").build();
        assertEquals(List.of(new Op.DropPrimaryKey(TableName.of("Pair"), PrimaryKey.of("b", "a")),
                new Op.AddPrimaryKey(TableName.of("Pair"), PrimaryKey.of("a", "b"))), compare(schema(model), schema(db)));
    }

    // ------------------------------------------------------------------ foreign keys

    private static Table author() {
        return table("Author").build();
    }

    private static Table bookWith(ForeignKey... fks) {
        Table.Builder b = table("Book").column(Column.of("author_id", ColumnType.bigint()));
        for (ForeignKey fk : fks) b.foreignKey(fk);
        return b.build();
    }

    @Test
    void foreignKeysAddedAndDropped() {
        ForeignKey fk = fk("fk_book_author", "author_id", "Author");
        assertEquals(List.of(new Op.AddForeignKey(BOOK, fk)), compare(schema(author(), bookWith(fk)), schema(author(), bookWith())));
        assertEquals(List.of(new Op.DropForeignKey(BOOK, fk)), compare(schema(author(), bookWith()), schema(author(), bookWith(fk))));
    }

    @Test
    void foreignKeysMatchByDefinitionNotByName() {
        ForeignKey model = fk("FKnv8u6o379l80h271b35xdpeby", "author_id", "Author");
        ForeignKey db = ForeignKey.of("book_author_fkey", List.of("AUTHOR_ID"), TableName.of("author"), List.of());
        assertEquals(List.of(), compare(schema(author(), bookWith(model)), schema(author(), bookWith(db))));
    }

    @Test
    void aChangedOnDeleteIsADropAndAnAdd() {
        ForeignKey before = fk("fk_book_author", "author_id", "Author");
        ForeignKey after = before.onDelete(FkAction.CASCADE);
        assertEquals(List.of(new Op.DropForeignKey(BOOK, before), new Op.AddForeignKey(BOOK, after)),
                compare(schema(author(), bookWith(after)), schema(author(), bookWith(before))));
    }

    @Test
    void restrictIsNoActionOnMariaDbOnly() {
        ForeignKey model = fk("fk", "author_id", "Author");
        ForeignKey db = model.onDelete(FkAction.RESTRICT).onUpdate(FkAction.RESTRICT);
        assertEquals(List.of(), SchemaComparator.compare(schema(author(), bookWith(model)), schema(author(), bookWith(db)), MARIADB));
        assertEquals(2, compare(schema(author(), bookWith(model)), schema(author(), bookWith(db))).size());
    }

    @Test
    void aForeignKeyToAnotherTableIsADropAndAnAdd() {
        ForeignKey before = fk("fk_book_author", "author_id", "Author");
        ForeignKey after = fk("fk_book_author", "author_id", "Publisher");
        Table publisher = table("Publisher").build();
        assertEquals(List.of(new Op.DropForeignKey(BOOK, before), new Op.AddForeignKey(BOOK, after)),
                compare(schema(author(), publisher, bookWith(after)), schema(author(), publisher, bookWith(before))));
    }

    @Test
    void onMariaDbAForeignKeyIsReAddedAroundATypeChangeOfItsColumns() {
        ForeignKey fk = fk("fk", "author_id", "Author");
        Table model = table("Book").column(Column.of("author_id", ColumnType.bigint())).foreignKey(fk).build();
        Table db = table("Book").column(Column.of("author_id", ColumnType.integer())).foreignKey(fk).build();
        List<Op> ops = SchemaComparator.compare(schema(author(), model), schema(author(), db), MARIADB);
        assertEquals(List.of(new Op.DropForeignKey(BOOK, fk),
                new Op.AlterColumn(BOOK, Column.of("author_id", ColumnType.integer()), Column.of("author_id", ColumnType.bigint())),
                new Op.AddForeignKey(BOOK, fk)), ops);
        assertEquals(1, compare(schema(author(), model), schema(author(), db)).size());
    }

    // ------------------------------------------------------------------ indexes and unique constraints

    private static Table indexed(Index... indexes) {
        Table.Builder b = table("Book").column(Column.of("title", ColumnType.varchar(255)))
                .column(Column.of("year", ColumnType.integer()));
        for (Index i : indexes) b.index(i);
        return b.build();
    }

    @Test
    void indexesAddedDroppedAndChanged() {
        Index byTitle = Index.of("ix_book", "title");
        assertEquals(List.of(new Op.CreateIndex(BOOK, byTitle)), compare(schema(indexed(byTitle)), schema(indexed())));
        assertEquals(List.of(new Op.DropIndex(BOOK, byTitle)), compare(schema(indexed()), schema(indexed(byTitle))));
        for (Index changed : List.of(Index.of("ix_book", "title", "year"), Index.of("ix_book", "title desc"),
                Index.unique("ix_book", "title"))) {
            assertEquals(List.of(new Op.DropIndex(BOOK, byTitle), new Op.CreateIndex(BOOK, changed)),
                    compare(schema(indexed(changed)), schema(indexed(byTitle))), changed::toString);
        }
        Index ab = Index.of("ix_book", "title", "year");
        Index ba = Index.of("ix_book", "year", "title");
        assertEquals(List.of(new Op.DropIndex(BOOK, ab), new Op.CreateIndex(BOOK, ba)), compare(schema(indexed(ba)), schema(indexed(ab))));
    }

    @Test
    void anIndexTheDatabaseNamedOtherwiseIsNoChange() {
        assertEquals(List.of(), compare(schema(indexed(Index.of("ix_book", "title ASC"))), schema(indexed(Index.of("IX_OTHER", "TITLE")))));
    }

    @Test
    void uniqueConstraintsAddedAndDropped() {
        UniqueKey key = UniqueKey.of("uk_book_title", "title");
        Table with = indexed().toBuilder().unique(key).build();
        assertEquals(List.of(new Op.AddUnique(BOOK, key)), compare(schema(with), schema(indexed())));
        assertEquals(List.of(new Op.DropUnique(BOOK, key)), compare(schema(indexed()), schema(with)));
        UniqueKey wider = UniqueKey.of("uk_book_title", "title", "year");
        assertEquals(List.of(new Op.DropUnique(BOOK, key), new Op.AddUnique(BOOK, wider)),
                compare(schema(indexed().toBuilder().unique(wider).build()), schema(with)));
    }

    @Test
    void aUniqueConstraintAndAUniqueIndexOverTheSameColumnsAreTheSame() {
        Table constraint = indexed().toBuilder().unique(UniqueKey.of("UKglvgjv6gig9ar0cfcwnaysgl7", "title")).build();
        Table index = indexed(Index.unique("book_title_key", "TITLE"));
        for (DatabaseKind kind : DatabaseKind.values()) {
            assertEquals(List.of(), SchemaComparator.compare(schema(constraint), schema(index), kind));
            assertEquals(List.of(), SchemaComparator.compare(schema(index), schema(constraint), kind));
        }
        // a database that reports both the constraint and its index: still one thing
        Table both = constraint.toBuilder().index(Index.unique("UKglvgjv6gig9ar0cfcwnaysgl7", "title")).build();
        assertEquals(List.of(), compare(schema(constraint), schema(both)));
    }

    @Test
    void thePrimaryKeysOwnUniqueIndexIsIgnored() {
        Table db = indexed(Index.unique("sqlite_autoindex_Book_1", "id"));
        assertEquals(List.of(), SchemaComparator.compare(schema(indexed()), schema(db), SQLITE));
    }

    @Test
    void mariaDbsIndexForAForeignKeyIsNotARemoval() {
        ForeignKey fk = fk("FK7epspcs4pqo4ctu9qev7bt1e5", "author_id", "Author");
        Table model = bookWith(fk);
        Table db = model.toBuilder().index(Index.of("FK7epspcs4pqo4ctu9qev7bt1e5", "author_id")).build();
        assertEquals(List.of(), SchemaComparator.compare(schema(author(), model), schema(author(), db), MARIADB));
        assertEquals(List.of(new Op.DropIndex(BOOK, Index.of("FK7epspcs4pqo4ctu9qev7bt1e5", "author_id"))),
                compare(schema(author(), model), schema(author(), db)));
    }

    // ------------------------------------------------------------------ checks

    private static Table checked(Check... checks) {
        Table.Builder b = table("Book").column(Column.of("status", ColumnType.varchar(20)));
        for (Check c : checks) b.check(c);
        return b.build();
    }

    @Test
    void checksAddedAndDropped() {
        Check check = Check.of("ck_status", "status in ('DRAFT','PUBLISHED')");
        assertEquals(List.of(new Op.AddCheck(BOOK, check)), compare(schema(checked(check)), schema(checked())));
        assertEquals(List.of(new Op.DropCheck(BOOK, check)), compare(schema(checked()), schema(checked(check))));
    }

    @Test
    void anUnnamedConstraintAddedToATableGetsAStableNameSoThatItsDowngradeCanDropIt() {
        Check check = Check.of(null, "status in ('DRAFT','PUBLISHED')");
        List<Op> ops = compare(schema(checked(check)), schema(checked()));
        Check named = ((Op.AddCheck) ops.get(0)).check();
        assertEquals(check.expression(), named.expression());
        assertEquals("ck_book_", named.name().substring(0, 8));
        assertEquals(ops, compare(schema(checked(check)), schema(checked())));
        // the name is not a difference: the database now holds the same check under that name
        assertEquals(List.of(), compare(schema(checked(check)), schema(checked(named))));
        UniqueKey key = new UniqueKey(null, List.of("status"));
        Op.AddUnique addUnique = (Op.AddUnique) compare(schema(checked().toBuilder().unique(key).build()), schema(checked())).get(0);
        assertEquals("uk_book_", addUnique.key().name().substring(0, 8));
        Table longName = Table.builder("A_table_with_a_name_much_longer_than_any_database_allows_for_a_constraint")
                .column(Column.of("x", ColumnType.integer())).check(check).build();
        Op.AddCheck longCheck = (Op.AddCheck) compare(schema(longName),
                schema(longName.toBuilder().checks(List.of()).build())).get(0);
        assertTrue(longCheck.check().name().length() <= 60, longCheck.check().name());
    }

    @Test
    void anEnumThatGainedAConstantIsADropAndAnAdd() {
        Check reported = Check.of("book_status_check",
                "CHECK (((status)::text = ANY ((ARRAY['DRAFT'::character varying, 'PUBLISHED'::character varying])::text[])))");
        Check unchanged = Check.of(null, "status in ('DRAFT','PUBLISHED')");
        Check gained = Check.of("ck_status", "status in ('DRAFT','PUBLISHED','ARCHIVED')");
        assertEquals(List.of(), compare(schema(checked(unchanged)), schema(checked(reported))));
        assertEquals(List.of(new Op.DropCheck(BOOK, reported), new Op.AddCheck(BOOK, gained)),
                compare(schema(checked(gained)), schema(checked(reported))));
    }

    @Test
    void aCheckWithTheSameNameAndAnotherConditionIsADropAndAnAdd() {
        Check before = Check.of("ck_status", "status <> ''");
        Check after = Check.of("ck_status", "status <> 'x'");
        assertEquals(List.of(new Op.DropCheck(BOOK, before), new Op.AddCheck(BOOK, after)),
                compare(schema(checked(after)), schema(checked(before))));
    }

    @Test
    void mariaDbsJsonChecksAreIgnored() {
        Table model = table("Doc").column(Column.of("body", ColumnType.sql("json"))).build();
        Table db = table("Doc").column(Column.of("body", ColumnType.sql("longtext")))
                .check(Check.of("body", "json_valid(`body`)")).build();
        assertEquals(List.of(), SchemaComparator.compare(schema(model), schema(db), MARIADB));
    }

    // ------------------------------------------------------------------ sequences

    @Test
    void sequencesAddedAndDropped() {
        Sequence seq = Sequence.of("Book_SEQ", 1, 50);
        assertEquals(List.of(new Op.CreateSequence(seq)), compare(schema(List.of(), seq), Schema.EMPTY));
        assertEquals(List.of(new Op.DropSequence(seq)), compare(Schema.EMPTY, schema(List.of(), seq)));
        // a sequence's current state (start, increment) is not compared: recreating it would restart it
        assertEquals(List.of(), compare(schema(List.of(), seq), schema(List.of(), Sequence.of("book_seq", 351, 50))));
    }

    @Test
    void theSequenceOfAnIdentityOrSerialColumnIsPartOfTheColumn() {
        Table model = Table.builder("Book").column(Column.of("id", ColumnType.bigint()).notNull().asIdentity()).primaryKey("id").build();
        Table serial = Table.builder("Book").column(Column.of("id", ColumnType.bigint()).notNull()
                .withDefault("nextval('public.\"Book_id_seq\"'::regclass)")).primaryKey("id").build();
        assertEquals(List.of(), compare(schema(List.of(model)), schema(List.of(serial), Sequence.of("Book_id_seq", 1, 1))));
        assertEquals(List.of(), compare(schema(List.of(model)), schema(List.of(model), Sequence.of("book_id_seq", 1, 1))));
        assertEquals(List.of(new Op.DropSequence(Sequence.of("other_seq", 1, 1))),
                compare(schema(List.of(model)), schema(List.of(model), Sequence.of("other_seq", 1, 1))));
    }

    // ------------------------------------------------------------------ determinism

    @Test
    void theSameInputsGiveTheSameOpsWhateverTheOrderOfTheirParts() {
        Schema model = Models.library();
        Schema db = new Schema(List.of(table("Author").build(), table("Legacy").index(Index.of("ix_l2", "id"))
                .index(Index.of("ix_l1", "id")).build()), List.of(Sequence.of("Old_SEQ", 1, 1), Sequence.of("Older_SEQ", 1, 1)));
        List<Op> expected = compare(model, db);
        Random random = new Random(42);
        for (int round = 0; round < 5; round++) {
            assertEquals(expected, compare(shuffled(model, random), shuffled(db, random)));
        }
    }

    private static Schema shuffled(Schema schema, Random random) {
        List<Table> tables = new ArrayList<>();
        for (Table t : schema.tables()) {
            List<Index> indexes = new ArrayList<>(t.indexes());
            List<ForeignKey> fks = new ArrayList<>(t.foreignKeys());
            List<Check> checks = new ArrayList<>(t.checks());
            List<UniqueKey> uniques = new ArrayList<>(t.uniqueKeys());
            Collections.shuffle(indexes, random);
            Collections.shuffle(fks, random);
            Collections.shuffle(checks, random);
            Collections.shuffle(uniques, random);
            tables.add(t.toBuilder().indexes(indexes).foreignKeys(fks).checks(checks).uniqueKeys(uniques).build());
        }
        Collections.shuffle(tables, random);
        List<Sequence> sequences = new ArrayList<>(schema.sequences());
        Collections.shuffle(sequences, random);
        return new Schema(tables, sequences);
    }

    // ------------------------------------------------------------------ describe and warnings

    @Test
    void describeSpeaksAlembic() {
        Column description = Column.of("description", ColumnType.varchar(2000));
        Table model = table("BookDetail").column(description).column(Column.of("title", ColumnType.varchar(100)).notNull())
                .index(Index.of("ix_detail_title", "title")).build();
        Table db = table("BookDetail").column(Column.of("title", ColumnType.varchar(50))).build();
        assertEquals(List.of(
                "Detected added column 'BookDetail.description'",
                "Detected type change from varchar(50) to varchar(100), NOT NULL on column 'BookDetail.title'",
                "Detected added index 'ix_detail_title' on 'BookDetail' (title)"),
                SchemaComparator.describe(compare(schema(model), schema(db))));
        assertEquals(List.of("Detected added table 'Author'", "Detected removed table 'Legacy'",
                        "Detected added foreign key 'Book' (author_id) -> 'Author' (id) on delete cascade"),
                SchemaComparator.describe(List.of(new Op.CreateTable(author()), new Op.DropTable(table("Legacy").build()),
                        new Op.AddForeignKey(BOOK, fk("f", "author_id", "Author").onDelete(FkAction.CASCADE)))));
    }

    @Test
    void warningsNameDataLossAndStepsThatCanFail() {
        Column pages = Column.of("pages", ColumnType.integer()).notNull();
        Column legacy = Column.of("legacy", ColumnType.varchar(10));
        Table model = table("Book").column(pages).column(Column.of("title", ColumnType.varchar(50)).notNull()).build();
        Table db = table("Book").column(legacy).column(Column.of("title", ColumnType.varchar(100))).build();
        List<Op> ops = compare(schema(model), schema(db, table("Old").build()));
        assertEquals(List.of(
                "Dropping table 'Old' deletes all its rows.",
                "Column 'Book.pages' is NOT NULL without a default: existing rows get 0 (a temporary default, removed right"
                        + " after). Change it in the migration if another value is right.",
                "Column 'Book.title' becomes NOT NULL: the upgrade fails if it holds NULLs.",
                "Type change on 'Book.title' from varchar(100) to varchar(50) may fail or lose data on existing values.",
                "Dropping column 'Book.legacy' deletes its values."),
                SchemaComparator.warnings(ops));
    }

    @Test
    void unnamedChecksAndUniqueKeysOfANewTableGetTheNameAnAddedOneGets() {
        Table t = table("Shelf").column(Column.of("label", ColumnType.varchar(20)))
                .unique(new UniqueKey(null, List.of("label"))).check(Check.of(null, "label <> ''")).build();
        Op.CreateTable create = (Op.CreateTable) compare(schema(t), Schema.EMPTY).get(0);
        List<Op> later = compare(schema(table("Shelf").column(Column.of("label", ColumnType.varchar(20)))
                .unique(new UniqueKey(null, List.of("label"))).check(Check.of(null, "label <> ''")).build()),
                schema(table("Shelf").column(Column.of("label", ColumnType.varchar(20))).build()));
        assertEquals(later.stream().filter(op -> op instanceof Op.AddCheck).map(op -> ((Op.AddCheck) op).check()).toList(),
                create.definition().checks());
        assertEquals(later.stream().filter(op -> op instanceof Op.AddUnique).map(op -> ((Op.AddUnique) op).key()).toList(),
                create.definition().uniqueKeys());
        assertTrue(create.definition().checks().get(0).name().startsWith("ck_shelf_"));
        assertTrue(create.definition().uniqueKeys().get(0).name().startsWith("uk_shelf_"));
        // named by the comparator, matched by expression: the created table compares equal to the model
        assertEquals(List.of(), compare(schema(t), schema(create.definition())));
    }

    @Test
    void thePlaceholderDefaultsRemovalIsNoDetectedChange() {
        Column stock = Column.of("stock", ColumnType.integer()).notNull();
        List<Op> ops = compare(schema(book(stock)), schema(book()));
        assertEquals(2, ops.size());
        assertEquals(List.of("Detected added column 'Book.stock'"), SchemaComparator.describe(ops));
    }

    @Test
    void wideningChangesAreNoWarningNarrowingOnesAre() {
        assertEquals(List.of(), SchemaComparator.warnings(List.of(
                alter(ColumnType.integer(), ColumnType.bigint()), alter(ColumnType.smallint(), ColumnType.integer()),
                alter(ColumnType.varchar(50), ColumnType.varchar(80)),
                alter(ColumnType.of(java.sql.Types.NUMERIC, null, 10, 2), ColumnType.of(java.sql.Types.NUMERIC, null, 12, 2)),
                alter(ColumnType.real(), ColumnType.doublePrecision()),
                alter(ColumnType.of(java.sql.Types.FLOAT, null, 24, null), ColumnType.doublePrecision()))));
        assertEquals(4, SchemaComparator.warnings(List.of(
                alter(ColumnType.bigint(), ColumnType.integer()), alter(ColumnType.doublePrecision(), ColumnType.real()),
                alter(ColumnType.of(java.sql.Types.NUMERIC, null, 10, 2), ColumnType.of(java.sql.Types.NUMERIC, null, 10, 4)),
                alter(ColumnType.integer(), ColumnType.varchar(20)))).size());
    }

    private static Op alter(ColumnType from, ColumnType to) {
        return new Op.AlterColumn(BOOK, Column.of("n", from), Column.of("n", to));
    }

    @Test
    void wideningATypeIsNoWarning() {
        List<Op> ops = compare(schema(book(Column.of("t", ColumnType.varchar(100)))), schema(book(Column.of("t", ColumnType.varchar(50)))));
        assertEquals(1, ops.size());
        assertEquals(List.of(), SchemaComparator.warnings(ops));
    }

    @Test
    void aPlaceholderThatAForeignKeyOrUniqueKeyWillRejectIsWarnedAbout() {
        Table model = table("Book").column(Column.of("author_id", ColumnType.bigint()).notNull())
                .foreignKey(fk("fk", "author_id", "Author")).unique(UniqueKey.of("uk", "author_id")).build();
        List<String> warnings = SchemaComparator.warnings(compare(schema(author(), model), schema(author(), table("Book").build())));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("A foreign key on it will reject 0"), warnings.get(0));
        assertTrue(warnings.get(0).contains("unique constraint or primary key on it fails"), warnings.get(0));
    }
}
