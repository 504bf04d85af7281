package dev.retort.render;

import com.palantir.javapoet.JavaFile;
import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import dev.retort.model.FkAction;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.PrimaryKey;
import dev.retort.model.Sequence;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;
import dev.retort.ops.Migration;
import dev.retort.ops.Op;
import dev.retort.ops.OpSink;
import dev.retort.ops.Operations;
import dev.retort.ops.Revision;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.retort.model.ColumnType.bigint;
import static dev.retort.model.ColumnType.varchar;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationRendererTest {

    private static final RevisionHeader HEADER =
            new RevisionHeader("49367a22b507", List.of("1f0e8d2c3b4a"), "add description", "2026-11-25T22:00:00Z");

    /** Names that break naive code generation: quotes, escapes, comment ends, unicode escapes, line breaks. */
    private static final List<String> NASTY = List.of(
            "\"; DROP TABLE x; --",
            "quote\"back\\slash'single",
            "evil\\u000a op.execute(\"drop table Book\");",
            "*/ class X { /*",
            "multi\nline\r\n\ttab",
            "B\u00fccher \u8868 \ud83d\ude00",
            "ctrl\u0000\u0001\u007f\u0085\u2028",
            "$T $S $L $$ %s",
            "trailing backslash\\",
            "");

    /** Every shape a ColumnType can take: each named factory, plain codes, sizes the factories cannot say. */
    private static final List<ColumnType> TYPES = List.of(
            varchar(255), ColumnType.nvarchar(10), ColumnType.character(1), ColumnType.varbinary(16),
            bigint(), ColumnType.integer(), ColumnType.smallint(), ColumnType.tinyint(), ColumnType.bool(),
            ColumnType.real(), ColumnType.floatType(), ColumnType.doublePrecision(), ColumnType.numeric(10, 2),
            ColumnType.decimal(5, 0), ColumnType.date(), ColumnType.time(), ColumnType.timestamp(6),
            ColumnType.timestampTz(3), ColumnType.clob(), ColumnType.blob(),
            ColumnType.sql("jsonb"), ColumnType.sql("varchar(20) collate \"C\""), ColumnType.sql("text\\u000a"),
            ColumnType.of(SqlTypes.JSON), ColumnType.of(SqlTypes.UUID), ColumnType.of(Types.VARCHAR),
            ColumnType.of(Types.TIMESTAMP), ColumnType.of(Types.NUMERIC, null, 10, null),
            ColumnType.of(Types.NUMERIC, 5L, 10, 2), ColumnType.of(Types.VARCHAR, 3_000_000_000L, null, null),
            varchar(Long.MAX_VALUE), ColumnType.of(Types.BIGINT, Long.MIN_VALUE, null, null),
            ColumnType.of(Types.INTEGER, null, Integer.MIN_VALUE, Integer.MAX_VALUE),
            ColumnType.of(Types.VARCHAR, -1L, null, null), ColumnType.of(424242, 1L, null, null), ColumnType.of(-999),
            ColumnType.of(Types.TIMESTAMP, null, 6, 2), ColumnType.of(Types.BIGINT, null, 19, null),
            new ColumnType(Types.VARCHAR, 20L, null, null, "varchar2(20)"),
            new ColumnType(Types.OTHER, null, 1, null, "interval second(1)"),
            new ColumnType(SqlTypes.JSON, null, null, null, "json"));

    // ------------------------------------------------------------------ round trips

    @Test
    void everyOpAndEveryColumnTypeRoundTripsThroughTheGeneratedClass() throws Exception {
        List<Op> ops = everyOp(TableName.of("Book"), TableName.of("Author"));
        Set<Class<?>> rendered = ops.stream().map(Object::getClass).collect(Collectors.toSet());
        // the renderer's dispatch is an instanceof chain: this is what catches a new Op without a case
        assertTrue(rendered.containsAll(Arrays.asList(Op.class.getPermittedSubclasses())),
                "the sample must cover every Op type: " + rendered);

        assertRoundTrip(ops);
    }

    @Test
    void schemaQualifiedTablesRoundTrip() throws Exception {
        List<Op> ops = everyOp(TableName.of("sales", "Orders"), TableName.of("sales", "Customer"));
        JavaFile file = render(ops);
        assertTrue(file.toString().contains("TableName.of(\"sales\", \"Orders\")"), file.toString());
        // Operations has no TableName overload for renames: the op is issued through apply()
        assertTrue(file.toString().contains("op.apply(new Op.RenameTable(TableName.of(\"sales\", \"Orders\"), "), file.toString());
        assertRoundTrip(ops);
    }

    @Test
    void nastyNamesEverywhereRoundTrip() throws Exception {
        List<Op> ops = new ArrayList<>();
        for (String name : NASTY) {
            ops.addAll(everyOp(TableName.of(name), TableName.of(name, name + "2")));
            ops.add(new Op.AddColumn(TableName.of(name), Column.of(name, ColumnType.sql(name.isBlank() ? "x" : name))
                    .withDefault(name).withComment(name)));
            ops.add(new Op.CreateIndex(TableName.of(name), new Index(name, List.of(name, name + " desc"), true)));
            ops.add(new Op.Execute(name.isEmpty() ? " " : name, name));
        }
        String all = String.join("|", NASTY);
        RevisionHeader header = new RevisionHeader("0123456789ab", List.of(), all, all);
        Class<?> type = assertRoundTrip(header, ops, NASTY);

        Revision revision = type.getAnnotation(Revision.class);
        assertAll(() -> assertEquals(all, revision.message()),
                () -> assertEquals(all, revision.created()),
                () -> assertEquals("0123456789ab", revision.id()),
                () -> assertArrayEquals(new String[0], revision.parents()));
    }

    @Test
    void generatedSourceIsPureAscii() {
        List<Op> ops = new ArrayList<>();
        for (String name : NASTY) {
            ops.addAll(everyOp(TableName.of(name), TableName.of("x", name)));
        }
        String source = render(new RevisionHeader("0123456789ab", List.of(), NASTY.get(5), "now"), ops, NASTY).toString();
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            int at = i;
            assertTrue(c == '\n' || (c >= 0x20 && c < 0x7f), () -> "non-ASCII or control character at " + at + ": "
                    + source.substring(Math.max(0, at - 40), Math.min(source.length(), at + 40)));
        }
    }

    // ------------------------------------------------------------------ what the source looks like

    @Test
    void rendersAlembicsExampleAsHandWrittenCode() {
        Column description = Column.of("description", varchar(255));
        String source = render(List.of(new Op.AddColumn(TableName.of("BookDetail"), description))).toString();
        assertEquals("""
                package migrations;

                import static dev.retort.model.ColumnType.varchar;

                import dev.retort.model.Column;
                import dev.retort.ops.Migration;
                import dev.retort.ops.Operations;
                import dev.retort.ops.Revision;

                /**
                 * add description
                 *
                 * Revision ID: 49367a22b507
                 * Revises: 1f0e8d2c3b4a
                 * Create Date: 2026-11-25T22:00:00Z
                 */
                @Revision(
                        id = "49367a22b507",
                        parents = {"1f0e8d2c3b4a"},
                        message = "add description",
                        created = "2026-11-25T22:00:00Z"
                )
                public final class R49367a22b507_add_description extends Migration {
                    @Override
                    public void upgrade(Operations op) {
                        // BookDetail
                        op.addColumn("BookDetail", Column.of("description", varchar(255)));
                    }

                    @Override
                    public void downgrade(Operations op) {
                        // BookDetail
                        op.dropColumn("BookDetail", Column.of("description", varchar(255)));
                    }
                }
                """, source);
    }

    @Test
    void createTableIsABuilderChainWithOneCallPerLine() {
        Table book = Table.builder("Book")
                .column(Column.of("id", bigint()).asIdentity())
                .column(Column.of("title", varchar(200)).notNull().withDefault("'untitled'").withComment("shown in lists"))
                .column(Column.of("author_id", bigint()))
                .column(Column.of("price", ColumnType.numeric(10, 2)))
                .primaryKey("id")
                .foreignKey(ForeignKey.of("fk_book_author", List.of("author_id"), TableName.of("Author"), List.of("id"))
                        .onDelete(FkAction.CASCADE))
                .build();
        String source = render(List.of(new Op.CreateTable(book))).toString();
        assertTrue(source.contains("""
                        op.createTable(Table.builder("Book")
                                .column(Column.of("id", bigint()).asIdentity())
                                .column(Column.of("title", varchar(200)).notNull().withDefault("'untitled'").withComment("shown in lists"))
                                .column(Column.of("author_id", bigint()))
                                .column(Column.of("price", numeric(10, 2)))
                                .primaryKey("id")
                                .foreignKey(ForeignKey.of("fk_book_author", List.of("author_id"), TableName.of("Author"), List.of("id")).onDelete(FkAction.CASCADE))
                                .build());
                """), source);
    }

    @Test
    void typeCodesAreWrittenByConstantName() {
        String source = render(List.of(
                new Op.AddColumn(TableName.of("Doc"), Column.of("body", ColumnType.of(SqlTypes.JSON))),
                new Op.AddColumn(TableName.of("Doc"), Column.of("code", ColumnType.of(Types.VARCHAR, 10L, 3, null))),
                new Op.AddColumn(TableName.of("Doc"), Column.of("raw", ColumnType.sql("jsonb"))))).toString();
        assertTrue(source.contains("ColumnType.of(SqlTypes.JSON)"), source);
        assertTrue(source.contains("ColumnType.of(Types.VARCHAR, 10L, 3, null)"), source);
        assertTrue(source.contains("Column.of(\"raw\", sql(\"jsonb\"))"), source);
        assertFalse(source.contains(Integer.toString(SqlTypes.JSON)), source);
    }

    @Test
    void alterColumnShowsBothDefinitions() {
        Column before = Column.of("title", varchar(100));
        Column after = Column.of("title", varchar(255)).notNull();
        String source = render(List.of(new Op.AlterColumn(TableName.of("Book"), before, after))).toString();
        assertTrue(source.contains("""
                        op.alterColumn("Book",
                                /* from */ Column.of("title", varchar(100)),
                                /* to */ Column.of("title", varchar(255)).notNull());
                """), source);
    }

    @Test
    void aCommentLineMarksEachChangeOfTableAndOrderIsKept() {
        List<Op> ops = List.of(
                new Op.CreateTable(Table.builder("Author").column(Column.of("id", bigint())).build()),
                new Op.AddColumn(TableName.of("Book"), Column.of("author_id", bigint())),
                new Op.AddForeignKey(TableName.of("book"), ForeignKey.of("fk", List.of("author_id"), TableName.of("Author"), List.of("id"))),
                new Op.CreateSequence(Sequence.of("book_seq", 1, 50)),
                new Op.AddColumn(TableName.of("Author"), Column.of("name", varchar(80))));
        String source = render(ops).toString();
        String upgrade = source.substring(source.indexOf("upgrade("), source.indexOf("downgrade("));
        assertTrue(upgrade.contains("""
                        // Author
                        op.createTable(Table.builder("Author")
                                .column(Column.of("id", bigint()))
                                .build());

                        // Book
                        op.addColumn("Book", Column.of("author_id", bigint()));
                        op.addForeignKey("book", ForeignKey.of("fk", List.of("author_id"), TableName.of("Author"), List.of("id")));

                        op.createSequence(Sequence.of("book_seq", 1, 50));

                        // Author
                        op.addColumn("Author", Column.of("name", varchar(80)));
                """), upgrade);
    }

    @Test
    void warningsOpenUpgradeAndTheJavadoc() throws Exception {
        List<Op> ops = List.of(new Op.DropColumn(TableName.of("Book"), Column.of("isbn", varchar(13))));
        List<String> warnings = List.of("removed column 'Book.isbn': its data is lost", "second\nline */ \\u000a");
        JavaFile file = render(HEADER, ops, warnings);
        String source = file.toString();
        assertTrue(source.contains("""
                    public void upgrade(Operations op) {
                        // WARNING: removed column 'Book.isbn': its data is lost
                        // WARNING: second
                        //          line */ \\\\u000a

                        // Book
                        op.dropColumn("Book", Column.of("isbn", varchar(13)));
                """), source);
        assertTrue(source.contains(" * WARNING: removed column 'Book.isbn': its data is lost\n"), source);
        assertTrue(source.contains(" *          line *&#47; &#92;u000a\n"), source);
        assertRoundTrip(HEADER, ops, warnings);
    }

    @Test
    void sameInputGivesByteIdenticalSource() {
        List<Op> ops = everyOp(TableName.of("Book"), TableName.of("s", "Author"));
        String first = new MigrationRenderer("migrations").render(HEADER, ops, List.of("w")).toString();
        String second = new MigrationRenderer("migrations").render(HEADER, List.copyOf(ops), List.of("w")).toString();
        assertEquals(first, second);
    }

    @Test
    void aMigrationTooLargeForOneMethodIsSplitIntoOneMethodPerTable() throws Exception {
        // 300 tables of 10 columns: as one method, javac fails with "code too large" (64 KB per method)
        List<Op> ops = new ArrayList<>();
        ops.add(new Op.AddColumn(TableName.of("Book"), Column.of("isbn", varchar(13))));
        for (int t = 0; t < 300; t++) {
            Table.Builder table = Table.builder("table_" + t);
            for (int c = 0; c < 10; c++) {
                table.column(Column.of("column_" + c, varchar(255)).notNull().withDefault("'none'"));
            }
            ops.add(new Op.CreateTable(table.primaryKey("column_0").build()));
            ops.add(new Op.CreateIndex(TableName.of("table_" + t), Index.of("ix_" + t, "column_1")));
        }
        ops.add(new Op.AddColumn(TableName.of("Book"), Column.of("title", varchar(13))));
        JavaFile file = render(ops);
        String source = file.toString();
        assertTrue(source.contains("""
                    public void upgrade(Operations op) {
                        // One method per table: as one method this would exceed the JVM's 64 KB limit on a method's code.
                        upgradeBook(op);
                        upgradeTable0(op);
                """), source.substring(0, 2000));
        assertTrue(source.contains("""
                        upgradeTable299(op);
                        upgradeBook2(op);
                    }
                """));
        assertTrue(source.contains("""
                    private static void downgradeTable299(Operations op) {
                        // table_299
                        op.dropIndex("table_299", Index.of("ix_299", "column_1"));
                        op.dropTable(Table.builder("table_299")
                """));
        assertRoundTrip(ops);
    }

    // ------------------------------------------------------------------ downgrade

    @Test
    void irreversibleUpgradeGivesADowngradeThatRefusesWithTheReasons() throws Exception {
        List<Op> ops = List.of(
                new Op.AddColumn(TableName.of("Book"), Column.of("isbn", varchar(13))),
                new Op.Execute("update Book set isbn = ''", null),
                new Op.AlterColumn(TableName.of("Book"), null, Column.of("isbn", varchar(13)).notNull()),
                new Op.AlterColumn(TableName.of("s", "Book"), null, Column.of("isbn", varchar(13)).notNull()));
        Class<?> type = InMemoryCompiler.compile(render(ops));
        Migration migration = (Migration) type.getDeclaredConstructor().newInstance();

        RecordingSink up = new RecordingSink();
        migration.upgrade(new Operations(up));
        assertEquals(ops, up.ops);

        RecordingSink down = new RecordingSink();
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> migration.downgrade(new Operations(down)));
        assertTrue(e.getMessage().startsWith("revision 49367a22b507 cannot be downgraded automatically: "), e.getMessage());
        assertTrue(e.getMessage().contains("update Book set isbn = ''"), e.getMessage());
        assertTrue(e.getMessage().contains("'s.Book.isbn'"), e.getMessage());
        assertEquals(List.of(), down.ops, "nothing may be undone half-way");
    }

    // ------------------------------------------------------------------ empty template

    @Test
    void emptyTemplateCompilesDoesNothingAndShowsWhatToWrite() throws Exception {
        RevisionHeader header = new RevisionHeader("b3259a323bf6", List.of(), "add manual change", "2026-11-25T22:00:00Z");
        JavaFile file = render(header, List.of(), List.of());
        String source = file.toString();
        assertEquals("R" + "b3259a323bf6_add_manual_change", file.typeSpec().name());
        assertTrue(source.contains("""
                    public void upgrade(Operations op) throws Exception {
                        // Write the changes of this revision here, for example:
                        // op.addColumn("Book", Column.of("isbn", varchar(13)).notNull());
                        // op.createIndex("Book", Index.unique("ix_book_isbn", "isbn"));
                    }
                """), source);
        assertTrue(source.contains("""
                        // op.dropIndex("Book", Index.unique("ix_book_isbn", "isbn"));
                        // op.dropColumn("Book", Column.of("isbn", varchar(13)).notNull());
                """), source);
        // the examples' types are imported, so uncommenting them compiles
        assertTrue(source.contains("import dev.retort.model.Column;"), source);
        assertTrue(source.contains("import static dev.retort.model.ColumnType.varchar;"), source);
        assertTrue(source.contains(" * Revises: {@literal <base>}"), source);
        assertTrue(source.contains("parents = {}"), source);

        Migration migration = (Migration) InMemoryCompiler.compile(file).getDeclaredConstructor().newInstance();
        RecordingSink sink = new RecordingSink();
        migration.upgrade(new Operations(sink));
        migration.downgrade(new Operations(sink));
        assertEquals(List.of(), sink.ops);
    }

    // ------------------------------------------------------------------ names

    @Test
    void classNameIsRevisionIdAndASlugOfTheMessage() {
        assertEquals("R49367a22b507_add_description", MigrationRenderer.className("49367a22b507", "add description"));
        assertEquals("R49367a22b507_add_description", MigrationRenderer.className("49367a22b507", "  Add   Description!! "));
        assertEquals("R49367a22b507_creme_brulee_table", MigrationRenderer.className("49367a22b507", "Crème brûlée table"));
        assertEquals("R49367a22b507_istanbul", MigrationRenderer.className("49367a22b507", "\u0130stanbul"));
        assertEquals("R49367a22b507_drop_table_x", MigrationRenderer.className("49367a22b507", "\"; DROP TABLE x; --"));
        assertEquals("R49367a22b507", MigrationRenderer.className("49367a22b507", ""));
        assertEquals("R49367a22b507", MigrationRenderer.className("49367a22b507", "\u8868 \ud83d\ude00 !!"));
        assertEquals("R49367a22b507", MigrationRenderer.className("49367a22b507", null));
        assertEquals("R49367a22b507_v2_table_book", MigrationRenderer.className("49367a22b507", "v2: table\u00a0Book"));
    }

    @Test
    void longMessagesAreCutAtAWordEnd() {
        String slug = MigrationRenderer.slug("add the description and the isbn columns to the book detail table");
        assertEquals("add_the_description_and_the_isbn_columns", slug);
        assertEquals("a".repeat(40), MigrationRenderer.slug("a".repeat(100) + " b"));
        assertEquals("x_" + "a".repeat(37), MigrationRenderer.slug("x " + "a".repeat(37) + " more"));
        for (String message : List.of("z".repeat(500), "word ".repeat(100), "_".repeat(90) + "x")) {
            String s = MigrationRenderer.slug(message);
            assertTrue(s.length() <= 40 && s.matches("[a-z0-9]+(_[a-z0-9]+)*"), s);
        }
    }

    @Test
    void revisionIdsAreTwelveLowercaseHexDigits() {
        assertThrows(IllegalArgumentException.class, () -> new RevisionHeader("49367A22B507", List.of(), "m", "t"));
        assertThrows(IllegalArgumentException.class, () -> new RevisionHeader("49367a22b50", List.of(), "m", "t"));
        assertThrows(IllegalArgumentException.class, () -> new RevisionHeader("49367a22b507", List.of("x"), "m", "t"));
        assertThrows(IllegalArgumentException.class, () -> MigrationRenderer.className("../etc/passwd", "m"));
        assertThrows(IllegalArgumentException.class, () -> new MigrationRenderer("not a package"));
        assertEquals("", new RevisionHeader("49367a22b507", List.of(), null, "t").message());
    }

    @Test
    void mergeRevisionsListEveryParent() throws Exception {
        RevisionHeader merge = new RevisionHeader("aaaaaaaaaaaa", List.of("bbbbbbbbbbbb", "cccccccccccc"), "merge", "t");
        JavaFile file = render(merge, List.of(new Op.Execute("select 1", "select 2")), List.of());
        assertTrue(file.toString().contains(" * Revises: bbbbbbbbbbbb, cccccccccccc\n"), file.toString());
        Revision revision = InMemoryCompiler.compile(file).getAnnotation(Revision.class);
        assertArrayEquals(new String[] {"bbbbbbbbbbbb", "cccccccccccc"}, revision.parents());
    }

    @Test
    void defaultPackageWorks() throws Exception {
        JavaFile file = new MigrationRenderer("").render(HEADER, List.of(new Op.Execute("select 1", "select 2")), List.of());
        assertFalse(file.toString().contains("package"), file.toString());
        assertEquals("R49367a22b507_add_description", InMemoryCompiler.compile(file).getName());
    }

    // ------------------------------------------------------------------ fixtures

    private static JavaFile render(List<Op> ops) {
        return render(HEADER, ops, List.of());
    }

    private static JavaFile render(RevisionHeader header, List<Op> ops, List<String> warnings) {
        return new MigrationRenderer("migrations").render(header, ops, warnings);
    }

    private static Class<?> assertRoundTrip(List<Op> ops) throws Exception {
        return assertRoundTrip(HEADER, ops, List.of());
    }

    /** Compiles the generated class, runs both methods and compares what they issue with the input. */
    private static Class<?> assertRoundTrip(RevisionHeader header, List<Op> ops, List<String> warnings) throws Exception {
        JavaFile file = render(header, ops, warnings);
        Class<?> type = InMemoryCompiler.compile(file);
        Migration migration = (Migration) type.getDeclaredConstructor().newInstance();

        RecordingSink up = new RecordingSink();
        migration.upgrade(new Operations(up));
        assertOpsEqual(ops, up.ops, file);

        List<Op> expectedDown = new ArrayList<>();
        for (int i = ops.size() - 1; i >= 0; i--) {
            expectedDown.add(ops.get(i).reverse());
        }
        RecordingSink down = new RecordingSink();
        migration.downgrade(new Operations(down));
        assertOpsEqual(expectedDown, down.ops, file);
        return type;
    }

    /** Op by op, so a failure names the op that did not survive rendering. */
    private static void assertOpsEqual(List<Op> expected, List<Op> actual, JavaFile file) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            int at = i;
            assertEquals(expected.get(i), actual.get(i), () -> "op " + at + " of\n" + file);
        }
        assertEquals(expected.size(), actual.size(), "number of ops");
    }

    /** One or more of every op type, on two tables, with every column type shape and constraint variant. */
    private static List<Op> everyOp(TableName t, TableName other) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < TYPES.size(); i++) {
            Column c = Column.of("c" + i, TYPES.get(i));
            columns.add(switch (i % 6) {
                case 0 -> c;
                case 1 -> c.notNull();
                case 2 -> c.withDefault("'draft'").withComment("it's \"quoted\"");
                case 3 -> c.asIdentity();
                case 4 -> c.asIdentity().nullable(true).withDefault("0");
                default -> c.notNull().withDefault("current_timestamp");
            });
        }
        ForeignKey fk = ForeignKey.of("fk_" + t.name(), List.of("c0", "c1"), other, List.of("a", "b"));
        Table full = Table.builder(t)
                .columns(columns)
                .primaryKey("c4", "c5")
                .foreignKey(fk)
                .foreignKey(ForeignKey.of(null, List.of("c2"), TableName.of("plain"), List.of("id")).onDelete(FkAction.SET_NULL))
                .foreignKey(ForeignKey.of("fk2", List.of("c3"), other, List.of("id")).onUpdate(FkAction.RESTRICT).onDelete(FkAction.SET_DEFAULT))
                .index(Index.of("ix_a", "c0", "c1 desc"))
                .index(Index.unique("ix_b", "c2"))
                .index(new Index(null, List.of("c3"), false))
                .index(new Index(null, List.of(), true))
                .unique(UniqueKey.of("uk_a", "c6", "c7"))
                .unique(UniqueKey.of(null, "c8"))
                .check(Check.of("ck_a", "c9 > 0 and c10 <> 'x'"))
                .check(Check.of(null, "c11 is not null"))
                .comment("the table\nwith a two-line comment")
                .initCommand("insert into seq values (1)")
                .initCommand("update seq\nset next = 2")
                .build();
        Table named = Table.builder(other).column(Column.of("id", bigint()).asIdentity())
                .primaryKey(new PrimaryKey("pk_other", List.of("id"))).build();
        Table empty = Table.builder(other).primaryKey(new PrimaryKey(null, List.of())).build();

        List<Op> ops = new ArrayList<>();
        ops.add(new Op.CreateTable(full));
        ops.add(new Op.CreateTable(named));
        ops.add(new Op.DropTable(empty));
        ops.add(new Op.DropTable(Table.builder(t).build()));
        ops.add(new Op.RenameTable(t, t.name() + "_renamed"));
        ops.add(new Op.SetTableComment(t, null, "new comment"));
        ops.add(new Op.SetTableComment(other, "old\ncomment", null));
        for (Column c : columns) {
            ops.add(new Op.AddColumn(t, c));
        }
        ops.add(new Op.DropColumn(other, columns.get(2)));
        ops.add(new Op.AlterColumn(t, columns.get(0), columns.get(1).withName("renamed")));
        ops.add(new Op.AlterColumn(other, columns.get(3), columns.get(4)));
        ops.add(new Op.RenameColumn(t, "c0", "c0 new"));
        ops.add(new Op.CreateIndex(t, Index.of("ix_c", "c1", "c2 desc")));
        ops.add(new Op.CreateIndex(t, Index.unique(null)));
        ops.add(new Op.DropIndex(other, Index.unique("ix_d", "c3")));
        ops.add(new Op.AddUnique(t, UniqueKey.of("uk", "c1")));
        ops.add(new Op.DropUnique(other, UniqueKey.of(null, "c1", "c2")));
        ops.add(new Op.AddPrimaryKey(t, PrimaryKey.of("c1")));
        ops.add(new Op.DropPrimaryKey(other, new PrimaryKey("pk_x", List.of("a", "b"))));
        ops.add(new Op.AddForeignKey(t, fk.onDelete(FkAction.CASCADE).onUpdate(FkAction.NO_ACTION)));
        ops.add(new Op.DropForeignKey(other, ForeignKey.of(null, List.of(), t, List.of())));
        ops.add(new Op.AddCheck(t, Check.of("ck", "price >= 0")));
        ops.add(new Op.DropCheck(other, Check.of(null, "a <> 'b\\'")));
        ops.add(new Op.CreateSequence(Sequence.of("seq", 1, 50)));
        ops.add(new Op.CreateSequence(new Sequence(TableName.of("s", "seq2"), Long.MIN_VALUE, Long.MAX_VALUE)));
        ops.add(new Op.DropSequence(new Sequence(TableName.of("seq3"), -5, 3_000_000_000L)));
        ops.add(new Op.AlterSequence(Sequence.of("seq4", 1, 50), Sequence.of("seq4", 1, 20)));
        ops.add(new Op.Execute("update Book\nset title = 'x'\nwhere id = 1\n", "update Book set title = null"));
        return ops;
    }

    /** Collects the ops a migration issues; there is no database behind it. */
    static final class RecordingSink implements OpSink {
        final List<Op> ops = new ArrayList<>();

        @Override
        public void accept(Op op) {
            ops.add(op);
        }

        @Override
        public DatabaseKind database() {
            return DatabaseKind.SQLITE;
        }

        @Override
        public Connection connection() {
            throw new UnsupportedOperationException("no connection while recording");
        }
    }
}
