package bookstore.migrations;

import static dev.retort.model.ColumnType.bigint;
import static dev.retort.model.ColumnType.date;
import static dev.retort.model.ColumnType.integer;
import static dev.retort.model.ColumnType.numeric;
import static dev.retort.model.ColumnType.varchar;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.FkAction;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.Sequence;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;
import dev.retort.ops.Migration;
import dev.retort.ops.Operations;
import dev.retort.ops.Revision;
import java.util.List;
import org.hibernate.type.SqlTypes;

/**
 * create bookstore
 *
 * Revision ID: 24d8159202f1
 * Revises: {@literal <base>}
 * Create Date: 2026-11-26T02:28:44Z
 */
@Revision(
        id = "24d8159202f1",
        parents = {},
        message = "create bookstore",
        created = "2026-11-26T02:28:44Z"
)
public final class R24d8159202f1_create_bookstore extends Migration {
    @Override
    public void upgrade(Operations op) {
        op.createSequence(Sequence.of("Review_SEQ", 1, 50));

        // Author
        op.createTable(Table.builder("Author")
                .column(Column.of("id", bigint()).asIdentity())
                .column(Column.of("born", date()))
                .column(Column.of("name", varchar(100)).notNull())
                .primaryKey("id")
                .build());

        // Publisher
        op.createTable(Table.builder("Publisher")
                .column(Column.of("id", bigint()).asIdentity())
                .column(Column.of("country", varchar(2)))
                .column(Column.of("name", varchar(120)).notNull())
                .primaryKey("id")
                .build());

        // Book
        op.createTable(Table.builder("Book")
                .column(Column.of("id", bigint()).asIdentity())
                .column(Column.of("genre", varchar(20)))
                .column(Column.of("isbn", varchar(13)).notNull())
                .column(Column.of("price", numeric(10, 2)).notNull())
                .column(Column.of("publishedOn", date()))
                .column(Column.of("title", varchar(200)).notNull())
                .column(Column.of("version", bigint()).notNull())
                .column(Column.of("publisher_id", bigint()).notNull())
                .primaryKey("id")
                .foreignKey(ForeignKey.of("FKrb2njmkvio5mhe42empuaiphu", List.of("publisher_id"), TableName.of("Publisher"), List.of("id")))
                .unique(UniqueKey.of("UKbi5lx9jtv1f52idrmc0ck8ysx", "isbn"))
                .check(Check.of("ck_book_0438f800", "genre in ('FICTION','NON_FICTION','SCIENCE','HISTORY','CHILDREN')"))
                .check(Check.of("ck_book_price", "price >= 0"))
                .build());
        op.createIndex("Book", Index.of("idx_book_title", "title"));

        // book_author
        op.createTable(Table.builder("book_author")
                .column(Column.of("book_id", bigint()).notNull())
                .column(Column.of("author_id", bigint()).notNull())
                .primaryKey("author_id", "book_id")
                .foreignKey(ForeignKey.of("FKi58evljxutyg4crade5qq9chg", List.of("author_id"), TableName.of("Author"), List.of("id")))
                .foreignKey(ForeignKey.of("FKp9yng9x0cua3n2j4gfvlwpsc0", List.of("book_id"), TableName.of("Book"), List.of("id")))
                .build());

        // BookDetail
        op.createTable(Table.builder("BookDetail")
                .column(Column.of("language", varchar(20)))
                .column(Column.of("pages", integer()).notNull())
                .column(Column.of("book_id", bigint()).notNull())
                .primaryKey("book_id")
                .foreignKey(ForeignKey.of("FKg6mcetrxygdj940iyggy41mxf", List.of("book_id"), TableName.of("Book"), List.of("id")))
                .build());

        // Review
        op.createTable(Table.builder("Review")
                .column(Column.of("id", bigint()).notNull())
                .column(Column.of("body", varchar(2000)))
                .column(Column.of("createdAt", ColumnType.of(SqlTypes.TIMESTAMP_UTC)).notNull())
                .column(Column.of("rating", integer()).notNull())
                .column(Column.of("book_id", bigint()).notNull())
                .primaryKey("id")
                .foreignKey(ForeignKey.of("FK8d76td2o7d2d8foei85l93b9w", List.of("book_id"), TableName.of("Book"), List.of("id")).onDelete(FkAction.CASCADE))
                .check(Check.of("ck_review_rating", "rating between 1 and 5"))
                .build());
    }

    @Override
    public void downgrade(Operations op) {
        // Review
        op.dropTable(Table.builder("Review")
                .column(Column.of("id", bigint()).notNull())
                .column(Column.of("body", varchar(2000)))
                .column(Column.of("createdAt", ColumnType.of(SqlTypes.TIMESTAMP_UTC)).notNull())
                .column(Column.of("rating", integer()).notNull())
                .column(Column.of("book_id", bigint()).notNull())
                .primaryKey("id")
                .foreignKey(ForeignKey.of("FK8d76td2o7d2d8foei85l93b9w", List.of("book_id"), TableName.of("Book"), List.of("id")).onDelete(FkAction.CASCADE))
                .check(Check.of("ck_review_rating", "rating between 1 and 5"))
                .build());

        // BookDetail
        op.dropTable(Table.builder("BookDetail")
                .column(Column.of("language", varchar(20)))
                .column(Column.of("pages", integer()).notNull())
                .column(Column.of("book_id", bigint()).notNull())
                .primaryKey("book_id")
                .foreignKey(ForeignKey.of("FKg6mcetrxygdj940iyggy41mxf", List.of("book_id"), TableName.of("Book"), List.of("id")))
                .build());

        // book_author
        op.dropTable(Table.builder("book_author")
                .column(Column.of("book_id", bigint()).notNull())
                .column(Column.of("author_id", bigint()).notNull())
                .primaryKey("author_id", "book_id")
                .foreignKey(ForeignKey.of("FKi58evljxutyg4crade5qq9chg", List.of("author_id"), TableName.of("Author"), List.of("id")))
                .foreignKey(ForeignKey.of("FKp9yng9x0cua3n2j4gfvlwpsc0", List.of("book_id"), TableName.of("Book"), List.of("id")))
                .build());

        // Book
        op.dropIndex("Book", Index.of("idx_book_title", "title"));
        op.dropTable(Table.builder("Book")
                .column(Column.of("id", bigint()).asIdentity())
                .column(Column.of("genre", varchar(20)))
                .column(Column.of("isbn", varchar(13)).notNull())
                .column(Column.of("price", numeric(10, 2)).notNull())
                .column(Column.of("publishedOn", date()))
                .column(Column.of("title", varchar(200)).notNull())
                .column(Column.of("version", bigint()).notNull())
                .column(Column.of("publisher_id", bigint()).notNull())
                .primaryKey("id")
                .foreignKey(ForeignKey.of("FKrb2njmkvio5mhe42empuaiphu", List.of("publisher_id"), TableName.of("Publisher"), List.of("id")))
                .unique(UniqueKey.of("UKbi5lx9jtv1f52idrmc0ck8ysx", "isbn"))
                .check(Check.of("ck_book_0438f800", "genre in ('FICTION','NON_FICTION','SCIENCE','HISTORY','CHILDREN')"))
                .check(Check.of("ck_book_price", "price >= 0"))
                .build());

        // Publisher
        op.dropTable(Table.builder("Publisher")
                .column(Column.of("id", bigint()).asIdentity())
                .column(Column.of("country", varchar(2)))
                .column(Column.of("name", varchar(120)).notNull())
                .primaryKey("id")
                .build());

        // Author
        op.dropTable(Table.builder("Author")
                .column(Column.of("id", bigint()).asIdentity())
                .column(Column.of("born", date()))
                .column(Column.of("name", varchar(100)).notNull())
                .primaryKey("id")
                .build());

        op.dropSequence(Sequence.of("Review_SEQ", 1, 50));
    }
}
