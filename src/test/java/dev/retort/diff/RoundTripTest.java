package dev.retort.diff;

import dev.retort.ddl.DdlExecutor;
import dev.retort.inspect.SchemaInspector;
import dev.retort.metamodel.EntityClasses;
import dev.retort.metamodel.MetamodelReader;
import dev.retort.model.DatabaseKind;
import dev.retort.model.Schema;
import dev.retort.ops.Op;
import dev.retort.testing.MariaDbServer;
import dev.retort.testing.PostgresServer;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Temporal;
import jakarta.persistence.TemporalType;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import org.hibernate.annotations.ColumnDefault;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The whole cycle on a real database: the comparator's ops for a model are run by Retort's DDL, the database
 * is read back by the inspector, and {@code check} (the comparator again) finds nothing — for every common
 * Java type Hibernate maps. Then the model evolves (a column added NOT NULL to a table with rows, lengths and
 * precision changed, an enum gains a constant, keys and indexes change): upgrade, check, downgrade, check.
 */
class RoundTripTest {

    @TempDir
    Path dir;

    public enum Status { DRAFT, PUBLISHED, ARCHIVED }

    public enum Status2 { DRAFT, PUBLISHED, ARCHIVED, WITHDRAWN }

    @Entity(name = "Author")
    @Table(name = "Author")
    public static class Author {
        @Id @GeneratedValue(strategy = GenerationType.SEQUENCE) Long id;
        @Column(nullable = false, length = 100) String name;
    }

    @Entity(name = "Book")
    @Table(name = "Book", indexes = @Index(name = "idx_book_title", columnList = "title"),
            uniqueConstraints = @UniqueConstraint(name = "uk_book_isbn", columnNames = "isbn"))
    public static class Book {
        @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
        @Column(nullable = false, length = 50) String title;
        @Column(length = 13) String isbn;
        @Column(precision = 10, scale = 2) BigDecimal price;
        @Enumerated(EnumType.STRING) Status status;
        @Enumerated(EnumType.ORDINAL) Status shelfState;
        @ColumnDefault("'draft'") String note;
        @ColumnDefault("0") Integer stock;
        @ColumnDefault("true") Boolean active;
        @ManyToOne @JoinColumn(name = "author_id") Author author;
        @Version Long version;
        boolean pBool; byte pByte; short pShort; int pInt; long pLong; float pFloat; double pDouble;
        BigInteger bigInteger; char pChar; @Lob String lobText; @Column(length = 100000) String bigText;
        byte[] bytes; LocalDate day; LocalTime time; LocalDateTime stamp; Instant instant; OffsetDateTime offsetAt;
        @Temporal(TemporalType.TIMESTAMP) java.util.Date legacyDate; Duration duration; UUID uuid;
    }

    @Entity(name = "Book")
    @Table(name = "Book", indexes = @Index(name = "idx_book_title", columnList = "title, price"),
            uniqueConstraints = @UniqueConstraint(name = "uk_book_isbn_title", columnNames = {"isbn", "title"}))
    public static class Book2 {
        @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
        @Column(nullable = false, length = 200) String title;
        @Column(length = 13) String isbn;
        @Column(precision = 12, scale = 3) BigDecimal price;
        @Enumerated(EnumType.STRING) Status2 status;
        @Enumerated(EnumType.ORDINAL) Status2 shelfState;
        @ColumnDefault("'final'") String note;
        @ColumnDefault("0") Integer stock;
        @ManyToOne @JoinColumn(name = "author_id") @OnDelete(action = OnDeleteAction.CASCADE) Author author;
        @Version Long version;
        @Column(nullable = false) Integer pages;
        @Enumerated(EnumType.STRING) @Column(nullable = false) Status2 edition;
        boolean pBool; byte pByte; short pShort; int pInt; long pLong; float pFloat; double pDouble;
        BigInteger bigInteger; char pChar; @Lob String lobText; @Column(length = 100000) String bigText;
        byte[] bytes; LocalDate day; LocalTime time; LocalDateTime stamp; Instant instant; OffsetDateTime offsetAt;
        @Temporal(TemporalType.TIMESTAMP) java.util.Date legacyDate; Duration duration; UUID uuid;
    }

    @Entity(name = "Review")
    @Table(name = "Review")
    public static class Review {
        @Id Long id;
        @ManyToOne(optional = false) Book2 book;
        @Column(length = 2000) String body;
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void upgradeCheckDowngradeCheck(DatabaseKind kind) throws SQLException {
        Schema v1 = model(kind, Author.class, Book.class);
        Schema v2 = model(kind, Author.class, Book2.class, Review.class);
        try (Connection c = DriverManager.getConnection(url(kind))) {
            run(c, kind, SchemaComparator.compare(v1, Schema.EMPTY, kind));
            assertEquals(List.of(), check(c, kind, v1), kind + ": check right after the first upgrade");
            try (var s = c.createStatement()) {
                s.execute("insert into Author (id, name) values (1, 'Ann')");
                s.execute("insert into Book (title, author_id, pBool, pByte, pShort, pInt, pLong, pFloat, pDouble, pChar, version)"
                        + " values ('A book', 1, " + (kind == DatabaseKind.POSTGRESQL ? "false" : "0") + ", 1, 1, 1, 1, 1, 1, 'x', 0)");
            }

            List<Op> upgrade = SchemaComparator.compare(v2, SchemaInspector.inspect(c, kind, t -> true), kind);
            assertFalse(upgrade.isEmpty());
            run(c, kind, upgrade); // a NOT NULL column on a table with a row must not fail
            assertEquals(List.of(), check(c, kind, v2), kind + ": check after the upgrade");

            run(c, kind, SchemaReplay.reversed(upgrade));
            assertEquals(List.of(), check(c, kind, v1), kind + ": check after the downgrade");
        }
    }

    private static Schema model(DatabaseKind kind, Class<?>... classes) {
        return MetamodelReader.read(new EntityClasses(RoundTripTest.class.getClassLoader(), List.of(classes)), kind);
    }

    private String url(DatabaseKind kind) {
        return switch (kind) {
            case SQLITE -> "jdbc:sqlite:" + dir.resolve("roundtrip.db");
            case POSTGRESQL -> PostgresServer.get().createDatabase();
            case MARIADB -> MariaDbServer.get().createDatabase();
        };
    }

    /**
     * Runs the ops one after another, each complete before the next. (Batching consecutive SQLite ops into one
     * table rebuild is the DDL executor's business and tested there; here the ops themselves are on trial.)
     */
    private static void run(Connection c, DatabaseKind kind, List<Op> ops) throws SQLException {
        DdlExecutor.beforeMigration(c, kind);
        DdlExecutor executor = new DdlExecutor(c, kind, sql -> { });
        for (Op op : ops) {
            executor.accept(op);
            executor.flush();
        }
        DdlExecutor.afterMigration(c, kind);
        DdlExecutor.restoreAfterMigration(c, kind);
    }

    private static List<String> check(Connection c, DatabaseKind kind, Schema model) throws SQLException {
        Schema current = SchemaInspector.inspect(c, kind, t -> true);
        return SchemaComparator.describe(SchemaComparator.compare(model, current, kind));
    }
}
