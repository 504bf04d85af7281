package dev.retort.ddl;

import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Version;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.boot.model.relational.internal.SqlStringGenerationContextImpl;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.Size;
import org.hibernate.mapping.Table;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * For every column Hibernate maps, the portable type renders exactly as {@code column.getSqlType(metadata)},
 * and the column definition (identity included) is the one Hibernate's own create DDL writes.
 */
class TypeNamesTest {

    enum Status { DRAFT, PUBLISHED }

    @Entity(name = "Everything")
    static class Everything {
        @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
        String name;
        @jakarta.persistence.Column(length = 40, nullable = false) String code;
        @jakarta.persistence.Column(length = 20000) String longText;
        char initial;
        Character letter;
        boolean flag;
        Boolean maybe;
        byte tiny;
        short small;
        int number;
        long big;
        float ratio;
        double measure;
        BigDecimal amount;
        @jakarta.persistence.Column(precision = 12, scale = 4) BigDecimal exact;
        BigInteger huge;
        LocalDate day;
        LocalTime time;
        LocalDateTime moment;
        OffsetDateTime offsetMoment;
        OffsetTime offsetTime;
        ZonedDateTime zoned;
        Instant instant;
        Duration duration;
        java.util.Date legacyDate;
        @Lob String text;
        @Lob byte[] picture;
        byte[] bytes;
        @jakarta.persistence.Column(length = 16) byte[] fixedBytes;
        UUID uuid;
        @Enumerated(EnumType.STRING) Status status;
        @Enumerated(EnumType.ORDINAL) Status ordinal;
        @jakarta.persistence.Column(columnDefinition = "varchar(12) default 'x'") String verbatim;
        @Version Long version;
        @ManyToOne Other other;
    }

    @Entity(name = "Other")
    static class Other {
        @Id @GeneratedValue Long id;
        @jakarta.persistence.Column(unique = true) String label;
    }

    /** Other tests (the CLI run in process) may leave a server version in use: these start without one. */
    @BeforeEach
    @AfterEach
    void noServerVersion() {
        for (DatabaseKind kind : DatabaseKind.values()) {
            TypeNames.useServerVersion(kind, null);
        }
    }

    /** Every kind as Hibernate boots it offline, and the servers here at their versions, as when connected. */
    static Stream<Arguments> databases() {
        return Stream.concat(Stream.of(DatabaseKind.values()).map(k -> Arguments.of(k, null)), Stream.of(
                Arguments.of(DatabaseKind.MARIADB, new ServerVersion(10, 6, 0)),
                Arguments.of(DatabaseKind.MARIADB, new ServerVersion(10, 11, 19)),
                Arguments.of(DatabaseKind.POSTGRESQL, new ServerVersion(15, 18, 0))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("databases")
    void everyMappedColumnRendersAsHibernateWritesIt(DatabaseKind kind, ServerVersion version) {
        TypeNames.useServerVersion(kind, version);
        StandardServiceRegistryBuilder settings = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.dialect", kind.hibernateDialect())
                .applySetting("hibernate.boot.allow_jdbc_metadata_access", "false");
        if (version != null) {
            // how an application tells Hibernate the version without a connection; connected, it asks the server
            settings.applySetting("jakarta.persistence.database-product-version", version.toString())
                    .applySetting("jakarta.persistence.database-major-version", version.major())
                    .applySetting("jakarta.persistence.database-minor-version", version.minor());
        }
        StandardServiceRegistry registry = settings.build();
        try {
            Metadata metadata = new MetadataSources(registry).addAnnotatedClass(Everything.class).addAnnotatedClass(Other.class)
                    .buildMetadata();
            Dialect dialect = metadata.getDatabase().getDialect();
            SqlStringGenerationContext context = SqlStringGenerationContextImpl.forTests(metadata.getDatabase().getJdbcEnvironment());
            DdlGenerator ddl = new DdlGenerator(kind);
            List<String> mismatches = new ArrayList<>();
            int columns = 0;
            for (var namespace : metadata.getDatabase().getNamespaces()) {
                for (Table table : namespace.getTables()) {
                    String create = dialect.getTableExporter().getSqlCreateStrings(table, metadata, context)[0];
                    for (var column : table.getColumns()) {
                        columns++;
                        String expected = column.getSqlType(metadata);
                        ColumnType type = portable(column, dialect, metadata, kind);
                        String rendered = TypeNames.render(type, kind);
                        if (!expected.equals(rendered)) {
                            mismatches.add(table.getName() + "." + column.getName() + ": Hibernate " + expected + ", rendered " + rendered);
                        }
                        Column model = new Column(column.getName(), type, column.isNullable(), column.getDefaultValue(), null,
                                column.isIdentity());
                        // Hibernate leaves reserved words such as "day" unquoted; the definitions must match
                        String definition = column.getQuotedName(dialect) + " " + ddl.columnDefinition(model);
                        if (!create.contains("(" + definition) && !create.contains(", " + definition)) {
                            mismatches.add(table.getName() + "." + column.getName() + ": " + definition + " not in " + create);
                        }
                    }
                }
            }
            assertEquals(List.of(), mismatches);
            assertTrue(columns >= 38, "the mapping has its columns: " + columns);
            assertEquals(version == null ? null : version.toHibernate().toString(),
                    version == null ? null : dialect.getVersion().toString(), "Hibernate's dialect is for the version");
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    @Test
    void aServerVersionChangesTheTypesOfItsKindOnly() {
        ColumnType uuid = ColumnType.of(SqlTypes.UUID);
        // Hibernate's oldest MariaDB (10.6) has no uuid type: the model then says binary(16), and a migration written
        // where uuid is native gets the same there
        assertEquals("binary(16)", TypeNames.render(uuid, DatabaseKind.MARIADB));
        assertEquals("blob", TypeNames.render(uuid, DatabaseKind.SQLITE), "what Hibernate's SQLite dialect writes for binary(16)");
        assertEquals("uuid", TypeNames.render(uuid, DatabaseKind.POSTGRESQL));

        TypeNames.useServerVersion(DatabaseKind.MARIADB, new ServerVersion(10, 11, 19));
        assertEquals("uuid", TypeNames.render(uuid, DatabaseKind.MARIADB), "MariaDB has uuid since 10.7");
        assertEquals(new ServerVersion(10, 11, 19), TypeNames.serverVersion(DatabaseKind.MARIADB));
        assertNull(TypeNames.serverVersion(DatabaseKind.POSTGRESQL));
        assertEquals("uuid", new DdlGenerator(DatabaseKind.MARIADB).columnDefinition(Column.of("id", uuid).nullable(false))
                .split(" ")[0], "the DDL writes it");

        TypeNames.useServerVersion(DatabaseKind.MARIADB, new ServerVersion(10, 6, 21));
        assertEquals("binary(16)", TypeNames.render(uuid, DatabaseKind.MARIADB), "a version change takes effect");
        TypeNames.useServerVersion(DatabaseKind.MARIADB, new ServerVersion(10, 7, 0));
        assertEquals("uuid", TypeNames.render(uuid, DatabaseKind.MARIADB));
        TypeNames.useServerVersion(DatabaseKind.MARIADB, null);
        assertEquals("binary(16)", TypeNames.render(uuid, DatabaseKind.MARIADB));
        assertNull(TypeNames.serverVersion(DatabaseKind.MARIADB));
    }

    @Test
    void sqliteIgnoresTheServerVersion() {
        ColumnType character = ColumnType.of(SqlTypes.CHAR, 1L, null, null);
        String before = TypeNames.render(character, DatabaseKind.SQLITE);
        TypeNames.useServerVersion(DatabaseKind.SQLITE, new ServerVersion(3, 53, 4));
        assertNull(TypeNames.serverVersion(DatabaseKind.SQLITE));
        assertEquals(before, TypeNames.render(character, DatabaseKind.SQLITE));
        assertEquals("char", before, "Hibernate's SQLite dialect for 3.x would write char(1): existing schemas would differ");
    }

    @Test
    void versionsParseAsServersReportThem() {
        assertEquals(new ServerVersion(10, 11, 19), ServerVersion.parse("10.11.19-MariaDB-0+deb12u1"));
        assertEquals(new ServerVersion(10, 11, 19), ServerVersion.parse("5.5.5-10.11.19-MariaDB-log"), "MySQL protocol prefix");
        assertEquals(new ServerVersion(5, 5, 5), ServerVersion.parse("5.5.5-log"), "a real MySQL 5.5.5");
        assertEquals(new ServerVersion(15, 18, 0), ServerVersion.parse("15.18 (Debian 15.18-0+deb12u1)"));
        assertEquals(new ServerVersion(16, 0, 0), ServerVersion.parse("16beta2"));
        assertEquals(new ServerVersion(3, 53, 4), ServerVersion.parse("3.53.4"));
        assertEquals("10.11.19", new ServerVersion(10, 11, 19).toString());
        assertThrows(IllegalArgumentException.class, () -> ServerVersion.parse("MariaDB"));
        assertThrows(IllegalArgumentException.class, () -> ServerVersion.parse(""));
        assertThrows(IllegalArgumentException.class, () -> new ServerVersion(10, -1, 0));
    }

    /**
     * The portable type the metamodel reader makes of a Hibernate column: code and size, or verbatim where no code
     * says it all: a columnDefinition, and MariaDB's native {@code enum (...)}, whose values come from the Java enum.
     */
    private static ColumnType portable(org.hibernate.mapping.Column column, Dialect dialect, Metadata metadata, DatabaseKind kind) {
        if (column.getName().equals("verbatim") || kind == DatabaseKind.MARIADB && column.getName().equals("status")) {
            return ColumnType.sql(column.getSqlType(metadata));
        }
        Size size = column.getColumnSize(dialect, metadata);
        return ColumnType.of(column.getSqlTypeCode(metadata), size.getLength(), size.getPrecision(), size.getScale());
    }
}
