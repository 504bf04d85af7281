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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void everyMappedColumnRendersAsHibernateWritesIt(DatabaseKind kind) {
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySetting("hibernate.dialect", kind.hibernateDialect())
                .applySetting("hibernate.boot.allow_jdbc_metadata_access", "false")
                .build();
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
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
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
