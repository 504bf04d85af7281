package dev.retort.metamodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The repository's example entities (entities-example/bookstore) read as documented. */
class BookstoreExampleTest {

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theBookstoreSchema(DatabaseKind kind) {
        assertEquals(List.of("bookstore.Author", "bookstore.Book", "bookstore.BookDetail", "bookstore.Publisher", "bookstore.Review"),
                Models.entities("bookstore").classes().stream().map(Class::getName).toList());
        Schema schema = Models.schema("bookstore", kind);
        List<String> tables = schema.tables().stream().map(t -> t.name().toString()).toList();
        assertEquals(List.of("Author", "Book", "book_author", "BookDetail", "Publisher", "Review"), tables);
        assertEquals(List.of(Sequence.of("Review_SEQ", 1, 50)), schema.sequences(), "on SQLite too");

        Table detail = schema.table("BookDetail").orElseThrow();
        assertEquals(Column.of("description", ColumnType.varchar(255)), detail.column("description").orElseThrow());
        assertEquals(PrimaryKey.of("book_id"), detail.primaryKey());

        Table book = schema.table("Book").orElseThrow();
        assertEquals(Column.of("price", ColumnType.numeric(10, 2)).notNull(), book.column("price").orElseThrow());
        assertEquals(Column.of("publishedOn", ColumnType.date()), book.column("publishedOn").orElseThrow());
        assertEquals(Column.of("version", ColumnType.bigint()).notNull(), book.column("version").orElseThrow());
        assertEquals(List.of(Index.of("idx_book_title", "title")), book.indexes());
        assertEquals(List.of(UniqueKey.of("UKbi5lx9jtv1f52idrmc0ck8ysx", "isbn")), book.uniqueKeys());
        assertEquals(List.of(ForeignKey.of("FKrb2njmkvio5mhe42empuaiphu", List.of("publisher_id"), TableName.of("Publisher"), List.of("id"))),
                book.foreignKeys());
        assertTrue(book.checks().contains(Check.of("ck_book_price", "price >= 0")));
        if (kind != DatabaseKind.MARIADB) {
            assertTrue(book.checks().contains(Check.of(null, "genre in ('FICTION','NON_FICTION','SCIENCE','HISTORY','CHILDREN')")));
        }

        Table join = schema.table("book_author").orElseThrow();
        // Hibernate's create DDL orders key columns by size, then name
        assertEquals(PrimaryKey.of("author_id", "book_id"), join.primaryKey());
        assertEquals(List.of(TableName.of("Author"), TableName.of("Book")),
                join.foreignKeys().stream().map(ForeignKey::referencedTable).sorted().toList());

        Table review = schema.table("Review").orElseThrow();
        assertEquals(FkAction.CASCADE, review.foreignKeys().get(0).onDelete());
        assertEquals(List.of(Check.of("ck_review_rating", "rating between 1 and 5")), review.checks());
    }
}
