package dev.retort.scenario;

import java.util.List;
import java.util.regex.Pattern;

import static dev.retort.scenario.Target.MARIADB;
import static dev.retort.scenario.Target.POSTGRESQL;
import static dev.retort.scenario.Target.SQLITE;

/**
 * The scenarios of the end-to-end suite: together they cover every kind of change autogenerate detects.
 * Several kinds share a scenario where their assertions stay apart, because each run boots Hibernate a
 * handful of times on each database.
 */
final class Scenarios {

    private Scenarios() {
    }

    static final List<Scenario> ALL = List.of(
            // tables added and dropped, in foreign-key order, including two new tables that reference each other
            Scenario.named("tables")
                    .seed("insert into Customer (id, name) values (1, 'Ada'), (2, 'Grace')",
                            "insert into Archive (id, title) values (1, 'old')",
                            "insert into ArchiveEntry (id, archive_id, body) values (1, 1, 'x'), (2, 1, 'y')")
                    .detects("added table 'Shipment'", "added table 'Parcel'", "added table 'Department'",
                            "added table 'Employee'", "removed table 'Archive'", "removed table 'ArchiveEntry'",
                            "added foreign key 'Department' (manager_id) -> 'Employee' (id)")
                    .generates("op.createTable(Table.builder(\"Shipment\")", "op.dropTable(Table.builder(\"ArchiveEntry\")")
                    .warns("Dropping table 'Archive' deletes all its rows.", "Dropping table 'ArchiveEntry' deletes all its rows.")
                    .afterUpgrade("select name from Customer order by id", "Ada|Grace")
                    .afterUpgrade("select count(*) from Parcel", "1",
                            "insert into Shipment (id, customer_id, trackingCode) values (1, 2, 'T-1')",
                            "insert into Parcel (id, shipment_id, weight) values (1, 1, 5)",
                            "insert into Department (id, name, manager_id) values (1, 'R&D', null)",
                            "insert into Employee (id, name, department_id) values (1, 'Linus', 1)",
                            "update Department set manager_id = 1 where id = 1")
                    .afterUpgrade("select count(*) from Parcel", "failed",
                            "insert into Parcel (id, shipment_id, weight) values (2, 99, 5)")
                    .afterDowngrade("select count(*) from ArchiveEntry", "0")
                    .build(),

            // columns added (nullable; NOT NULL to a table with rows) and dropped
            Scenario.named("columns")
                    .seed("insert into Product (id, name, legacyCode, price) values (1, 'pen', 'P-1', 3), (2, 'ink', 'I-2', null)")
                    .detects("added column 'Product.description'", "added column 'Product.stock'",
                            "added column 'Product.sku'", "added column 'Product.active'",
                            "added column 'Product.version'", "added column 'Product.state'",
                            "added column 'Product.addedOn'", "removed column 'Product.legacyCode'")
                    .generates("op.addColumn(\"Product\", Column.of(\"description\", varchar(255)));",
                            "op.dropColumn(\"Product\", Column.of(\"legacyCode\", varchar(20)));")
                    .warns("Dropping column 'Product.legacyCode' deletes its values.",
                            "Column 'Product.stock' is NOT NULL without a default: existing rows get 0")
                    .afterUpgrade("select name from Product order by id", "pen|ink")
                    .afterUpgrade("select stock from Product order by id", "0|0")
                    .afterUpgrade("select state from Product order by id", "new|new")
                    .afterUpgrade("select count(*) from Product where sku = ''", "2")
                    .afterUpgrade("select version from Product order by id", "0|0")
                    .afterDowngrade("select count(*) from Product where legacyCode is null", "2")
                    .build(),

            // type changes: length up and down, precision and scale, int to bigint, float to double
            Scenario.named("types")
                    .seed("insert into Measurement (id, label, amount, reading, code, ratio, untouched) values "
                            + "(1, 'a', 12.50, 7, 'C1', 0.5, 'u1'), (2, 'b', -3.25, -1, 'C2', 1.25, 'u2')")
                    .detects("type change from varchar(50) to varchar(120) on column 'Measurement.label'",
                            "type change from numeric(10,2) to numeric(14,4) on column 'Measurement.amount'",
                            "type change from integer to bigint on column 'Measurement.reading'",
                            "type change from varchar(100) to varchar(40) on column 'Measurement.code'")
                    // SQLite stores float and double alike (8-byte REAL): no change there
                    .on(POSTGRESQL, MARIADB)
                    .detects("on column 'Measurement.ratio'")
                    .everywhere()
                    .generates("/* to */ Column.of(\"label\", varchar(120))", "/* to */ Column.of(\"amount\", numeric(14, 4))",
                            "/* to */ Column.of(\"reading\", bigint()).notNull()", "/* to */ Column.of(\"code\", varchar(40))")
                    .warns("Type change on 'Measurement.code' from varchar(100) to varchar(40) may fail or lose data")
                    .afterUpgrade("select label from Measurement order by id", "a|b")
                    .afterUpgrade("select reading from Measurement order by id", "7|-1")
                    .afterUpgrade("select code from Measurement order by id", "C1|C2")
                    .afterUpgrade("select count(*) from Measurement where amount = 12.5 or amount = -3.25", "2")
                    .afterUpgrade("select count(*) from Measurement where ratio = 0.5 or ratio = 1.25", "2")
                    .afterUpgrade("select reading from Measurement where id = 3", "5000000000",
                            "insert into Measurement (id, reading, ratio) values (3, 5000000000, 0)")
                    .afterDowngrade("select label from Measurement order by id", "a|b")
                    .afterDowngrade("select count(*) from Measurement where amount = 12.5 or amount = -3.25", "2")
                    .build(),

            // nullability both ways, defaults added, changed and removed, comments (not on SQLite)
            Scenario.named("nullability")
                    .seed("insert into Account (id, email, nickname, status, score, region, phone) values "
                            + "(1, 'a@x', 'ann', 'active', 5, null, '1'), (2, 'b@x', 'bob', 'closed', 0, 'us', null)")
                    .detects("NOT NULL on column 'Account.email'", "NULL on column 'Account.nickname'",
                            "server default change from 'active'",
                            "removed server default 0 on column 'Account.score'",
                            "added server default 'eu' on column 'Account.region'")
                    .on(POSTGRESQL, MARIADB)
                    .detects("changed comment on table 'Account'", "column comment change on column 'Account.phone'")
                    .everywhere()
                    .generates("/* to */ Column.of(\"email\", varchar(100)).notNull()", "/* to */ Column.of(\"region\", varchar(10)).withDefault(\"'eu'\")")
                    .warns("Column 'Account.email' becomes NOT NULL: the upgrade fails if it holds NULLs.")
                    .afterUpgrade("select concat(status, '/', region) from Account where id = 3", "open/eu",
                            "insert into Account (id, email) values (3, 'c@x')")
                    .afterUpgrade("select count(*) from Account", "failed",
                            "insert into Account (id, email, nickname) values (4, null, 'dan')")
                    .afterDowngrade("select concat(status, '/', score) from Account where id = 3", "active/0",
                            "insert into Account (id, nickname) values (3, 'cy')")
                    .build(),

            // primary key changed; foreign keys added (new column and existing column), dropped, changed (ON DELETE)
            Scenario.named("keys")
                    .seed("insert into Author (id, name) values (1, 'A'), (2, 'B')",
                            "insert into Publisher (id, name) values (1, 'P')",
                            "insert into Book (id, title, author_id, editor_id) values (1, 'T1', 1, 2), (2, 'T2', null, null)",
                            "insert into Chapter (id, book_id, number) values (1, 1, 1), (2, 1, 2)",
                            "insert into Setting (name, scope, content) values ('theme', 'ui', 'dark'), ('lang', 'ui', 'en')")
                    .detects("removed foreign key 'Book' (author_id) -> 'Author' (id)",
                            "added foreign key 'Book' (editor_id) -> 'Author' (id)",
                            "added column 'Book.publisher_id'",
                            "added foreign key 'Book' (publisher_id) -> 'Publisher' (id)",
                            "removed foreign key 'Chapter' (book_id) -> 'Book' (id)",
                            "added foreign key 'Chapter' (book_id) -> 'Book' (id) on delete cascade",
                            "removed primary key on 'Setting' (name)",
                            // in the order of Hibernate's own DDL for the composite key
                            "added primary key on 'Setting' (scope, name)")
                    .generates("op.addPrimaryKey(\"Setting\", PrimaryKey.of(\"scope\", \"name\"));",
                            "List.of(\"book_id\"), TableName.of(\"Book\"), List.of(\"id\")).onDelete(FkAction.CASCADE));",
                            "op.addColumn(\"Book\", Column.of(\"publisher_id\", bigint()));")
                    .afterUpgrade("select count(*) from Chapter", "0", "delete from Book where id = 1")
                    .afterUpgrade("select count(*) from Setting", "3",
                            "insert into Setting (name, scope, content) values ('theme', 'admin', 'light')")
                    .afterDowngrade("select count(*) from Chapter", "failed", "delete from Book where id = 1")
                    .build(),

            // indexes added, dropped, changed (columns, order, uniqueness); unique constraints added and dropped
            Scenario.named("indexes")
                    .seed("insert into Article (id, title, slug, author, pubYear, category, lang, code) values "
                            + "(1, 'Hello', 'hello', 'ann', 2020, 'news', 'en', 'A1'), "
                            + "(2, 'Hello', 'hallo', 'bob', 2021, 'news', 'de', 'A2')")
                    .detects("removed index 'ix_article_title' on 'Article' (title)",
                            "added index 'ix_article_category' on 'Article' (category)",
                            "removed index 'ix_article_author' on 'Article' (author)",
                            "added index 'ix_article_author' on 'Article' (author, pubYear)",
                            "removed index 'ix_article_year' on 'Article' (pubYear)",
                            "added index 'ix_article_year' on 'Article' (pubYear desc)",
                            "removed index 'ix_article_slug' on 'Article' (slug)",
                            // Hibernate turns a unique @Index into a unique key
                            "added unique constraint 'ix_article_slug' on 'Article' (slug)",
                            "removed unique constraint 'uk_article_title_lang' on 'Article' (title, lang)",
                            "added unique constraint 'uk_article_slug_lang' on 'Article' (slug, lang)",
                            "on 'Article' (code)")
                    .generates("op.createIndex(\"Article\", Index.of(\"ix_article_year\", \"pubYear desc\"));",
                            "op.createIndex(\"Article\", Index.of(\"ix_article_author\", \"author\", \"pubYear\"));",
                            "op.addUnique(\"Article\", UniqueKey.of(\"uk_article_slug_lang\", \"slug\", \"lang\"));",
                            "op.dropUnique(\"Article\", UniqueKey.of(\"uk_article_title_lang\", \"title\", \"lang\"));")
                    .afterUpgrade("select count(*) from Article", "failed",
                            "insert into Article (id, slug, pubYear, code) values (3, 'hello', 2022, 'A3')")
                    .afterUpgrade("select count(*) from Article", "failed",
                            "insert into Article (id, slug, pubYear, code) values (3, 'other', 2022, 'A1')")
                    .afterUpgrade("select count(*) from Article", "3",
                            "insert into Article (id, title, lang, slug, pubYear, code) values (3, 'Hello', 'en', 'other', 2022, 'A3')")
                    .afterDowngrade("select count(*) from Article", "failed",
                            "insert into Article (id, title, lang, slug, pubYear, code) values (3, 'Hello', 'en', 'other', 2022, 'A3')")
                    .build(),

            // check constraints added, dropped and changed; enums gaining a constant; a sequence replaced
            Scenario.named("checks")
                    .seed("insert into Ticket (id, title, priority, effort, status, severity) values "
                            + "(1, 'a', 3, 1, 'OPEN', 0), (2, 'b', 5, 0, 'CLOSED', 1)")
                    .detects("removed check constraint 'ck_ticket_title' on 'Ticket'",
                            "added check constraint 'ck_ticket_effort' on 'Ticket'",
                            "check constraint 'ck_ticket_priority' on 'Ticket'")
                    .generates("op.addCheck(\"Ticket\", Check.of(\"ck_ticket_effort\", \"effort >= 0\"));",
                            "op.addCheck(\"Ticket\", Check.of(\"ck_ticket_priority\", \"priority between 1 and 9\"));")
                    // Retort names the checks Hibernate leaves unnamed (those of enums) ck_<table>_<hash> on every database
                    .on(SQLITE)
                    .detectsMatching("removed check constraint 'ck_ticket_[0-9a-f]+' on 'Ticket': " + Pattern.quote("status in ('OPEN','CLOSED')"),
                            "removed check constraint 'ck_ticket_[0-9a-f]+' on 'Ticket': " + Pattern.quote("severity between 0 and 1"))
                    // PostgreSQL prints what it parsed: (severity >= 0) AND ..., (status)::text = ANY (...)
                    .on(POSTGRESQL)
                    .detectsMatching("removed check constraint 'ck_ticket_[0-9a-f]+' on 'Ticket': .*\\bstatus\\b",
                            "removed check constraint 'ck_ticket_[0-9a-f]+' on 'Ticket': .*\\bseverity\\b")
                    .on(MARIADB)
                    .detectsMatching("removed check constraint 'ck_ticket_[0-9a-f]+' on 'Ticket': " + Pattern.quote("severity between 0 and 1"))
                    .detects(
                            // MariaDB stores a STRING enum as its own enum type rather than a checked varchar
                            "type change from enum('CLOSED','OPEN') to enum ('CLOSED','IN_PROGRESS','OPEN') on column 'Ticket.status'")
                    .on(SQLITE, POSTGRESQL)
                    .detects("on 'Ticket': status in ('OPEN','IN_PROGRESS','CLOSED')")
                    .everywhere()
                    .detects("removed sequence 'ticket_seq'", "added sequence 'ticket_number_seq'")
                    .generates("op.createSequence(Sequence.of(\"ticket_number_seq\", 1, 50));")
                    .warns("Dropping sequence 'ticket_seq' loses its current value.")
                    .detects("on 'Ticket': severity between 0 and 2")
                    .afterUpgrade("select count(*) from Ticket", "3",
                            "insert into Ticket (id, title, priority, effort, status, severity) values (3, '', 8, 0, 'IN_PROGRESS', 2)")
                    .afterUpgrade("select count(*) from Ticket", "failed",
                            "insert into Ticket (id, title, priority, effort, status, severity) values (3, 'c', 8, -1, 'OPEN', 0)")
                    .afterDowngrade("select count(*) from Ticket", "failed",
                            "insert into Ticket (id, title, priority, effort, status, severity) values (3, 'c', 3, 0, 'IN_PROGRESS', 0)")
                    .build());
}
