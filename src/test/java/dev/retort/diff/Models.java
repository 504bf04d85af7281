package dev.retort.diff;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.FkAction;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.Schema;
import dev.retort.model.Sequence;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;

import java.util.List;

/** Small schemas for the comparator tests, spelled as the metamodel reader spells a mapping. */
final class Models {

    private Models() {
    }

    static Column id() {
        return Column.of("id", ColumnType.bigint()).notNull();
    }

    /** A table with a bigint primary key {@code id}. */
    static Table.Builder table(String name) {
        return Table.builder(name).column(id()).primaryKey("id");
    }

    static Schema schema(Table... tables) {
        return new Schema(List.of(tables), List.of());
    }

    static Schema schema(List<Table> tables, Sequence... sequences) {
        return new Schema(tables, List.of(sequences));
    }

    static ForeignKey fk(String name, String column, String referenced) {
        return ForeignKey.of(name, List.of(column), TableName.of(referenced), List.of("id"));
    }

    /** A schema with one of everything: the comparator must find nothing between it and itself. */
    static Schema library() {
        Table author = table("Author")
                .column(Column.of("name", ColumnType.varchar(100)).notNull())
                .column(Column.of("born", ColumnType.date()))
                .unique(UniqueKey.of("uk_author_name", "name"))
                .comment("people who write")
                .build();
        Table book = Table.builder("Book")
                .column(Column.of("id", ColumnType.bigint()).notNull().asIdentity())
                .column(Column.of("title", ColumnType.varchar(255)).notNull().withComment("as printed"))
                .column(Column.of("price", ColumnType.numeric(10, 2)).withDefault("0"))
                .column(Column.of("status", ColumnType.varchar(20)).notNull().withDefault("'DRAFT'"))
                .column(Column.of("created", ColumnType.timestamp(6)).withDefault("current_timestamp"))
                .column(Column.of("author_id", ColumnType.bigint()))
                .primaryKey("id")
                .foreignKey(fk("fk_book_author", "author_id", "Author").onDelete(FkAction.CASCADE))
                .index(Index.of("idx_book_title", "title desc", "price"))
                .check(Check.of("ck_book_status", "status in ('DRAFT','PUBLISHED')"))
                .build();
        Table review = table("BookReview")
                .column(Column.of("book_id", ColumnType.bigint()).notNull())
                .column(Column.of("stars", ColumnType.smallint()).notNull())
                .column(Column.of("body", ColumnType.clob()))
                .foreignKey(fk("fk_review_book", "book_id", "Book"))
                .index(Index.unique("ux_review_book_stars", "book_id", "stars"))
                .check(Check.of(null, "stars between 0 and 5"))
                .build();
        return new Schema(List.of(author, book, review), List.of(Sequence.of("Author_SEQ", 1, 50)));
    }
}
