package dev.retort.api;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.Schema;
import dev.retort.model.Sequence;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.ops.Op;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpellingsTest {

    private static Table archive(String table, String id, String bookId, String book, String index) {
        return Table.builder(TableName.of("Shop", table))
                .column(Column.of(id, ColumnType.bigint()).notNull())
                .column(Column.of(bookId, ColumnType.bigint()))
                .primaryKey(id)
                .foreignKey(ForeignKey.of("FK_" + table, List.of(bookId), TableName.of("Shop", book), List.of(id)))
                .index(Index.of(index, bookId))
                .check(Check.of(null, bookId + " > 0"))
                .build();
    }

    @Test
    void namesFoldedByTheCatalogGetTheSpellingOfTheMigrationsThatCreatedThem() {
        Spellings spellings = new Spellings();
        spellings.record(new Op.CreateTable(archive("ArchiveEntry", "entryId", "bookId", "Book", "IX_Archive_Book")));
        spellings.record(new Op.CreateSequence(Sequence.of("Entry_SEQ", 1, 50)));

        Schema folded = new Schema(List.of(archive("archiveentry", "entryid", "bookid", "book", "ix_archive_book")),
                List.of(new Sequence(TableName.of("entry_seq"), 1, 50)));
        Schema respelled = spellings.respell(folded);

        Table t = respelled.tables().get(0);
        assertEquals(new TableName("Shop", "ArchiveEntry"), t.name());
        assertEquals(List.of("entryId", "bookId"), t.columns().stream().map(Column::name).toList());
        assertEquals(List.of("entryId"), t.primaryKey().columns());
        ForeignKey fk = t.foreignKeys().get(0);
        assertEquals(new TableName("Shop", "Book"), fk.referencedTable());
        assertEquals(List.of("bookId"), fk.columns());
        assertEquals("FK_ArchiveEntry", fk.name());
        assertEquals("IX_Archive_Book", t.indexes().get(0).name());
        assertEquals("Entry_SEQ", respelled.sequences().get(0).name().name());
        // expressions are SQL, not names: they keep the catalog's text
        assertEquals("bookid > 0", t.checks().get(0).expression());
    }

    @Test
    void theLaterSpellingWinsAndUnknownNamesStayAsRead() {
        Spellings spellings = new Spellings();
        spellings.record(new Op.CreateTable(archive("ArchiveEntry", "id", "bookId", "Book", "ix")));
        spellings.record(new Op.RenameTable(TableName.of("Shop", "ArchiveEntry"), "ARCHIVE"));
        spellings.record(new Op.RenameColumn(TableName.of("Shop", "ARCHIVE"), "bookId", "BOOK_ID"));

        Schema read = new Schema(List.of(archive("archive", "id", "book_id", "orphan", "ix")), List.of());
        Table t = spellings.respell(read).tables().get(0);
        assertEquals("ARCHIVE", t.name().name());
        assertEquals("BOOK_ID", t.columns().get(1).name());
        assertEquals("orphan", t.foreignKeys().get(0).referencedTable().name());
    }
}
