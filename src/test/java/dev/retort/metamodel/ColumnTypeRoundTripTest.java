package dev.retort.metamodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import dev.retort.model.Schema;
import dev.retort.model.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.engine.jdbc.Size;
import org.hibernate.type.descriptor.sql.spi.DdlTypeRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The invariant other rooms rely on: a portable {@link ColumnType} rendered through the dialect's
 * {@code DdlTypeRegistry} gives exactly the type Hibernate's DDL uses for the column.
 */
class ColumnTypeRoundTripTest {

    static Stream<Arguments> modelsAndDatabases() {
        return Models.ALL.stream().flatMap(m -> Stream.of(DatabaseKind.values()).map(k -> Arguments.of(m, k)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("modelsAndDatabases")
    void everyColumnTypeRendersBackToHibernatesType(String model, DatabaseKind kind) {
        Models.Booted booted = Models.booted(model, kind);
        Metadata metadata = booted.metadata();
        DdlTypeRegistry registry = metadata.getDatabase().getTypeConfiguration().getDdlTypeRegistry();
        int checked = 0;
        for (Namespace namespace : metadata.getDatabase().getNamespaces()) {
            for (var table : namespace.getTables()) {
                if (!table.isPhysicalTable()) {
                    continue;
                }
                Table ours = table(booted.schema(), table.getName());
                for (var column : table.getColumns()) {
                    ColumnType type = ours.column(column.getName()).orElseThrow().type();
                    String rendered = type.isVerbatim() ? type.definition()
                            : type.code() == org.hibernate.type.SqlTypes.UUID && registry.getDescriptor(type.code()) == null
                            // no uuid type here: Hibernate (and Retort's DDL) write binary(16)
                            ? registry.getTypeName(org.hibernate.type.SqlTypes.BINARY, new Size(null, null, 16L))
                            : registry.getTypeName(type.code(), new Size(type.precision(), type.scale(), type.length()));
                    // a columnDefinition's default and not null are the column's, not the type's
                    assertEquals(ColumnDefinition.parse(column.getSqlType(metadata)).type(), rendered, table.getName() + "." + column.getName() + " as " + type);
                    checked++;
                }
            }
        }
        assertTrue(checked > 10, "checked " + checked);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void onlyColumnDefinitionsAndNativeEnumsAreVerbatim(DatabaseKind kind) {
        Table all = table(Models.schema("types", kind), "all_types");
        Set<String> verbatim = new TreeSet<>();
        for (Column column : all.columns()) {
            if (column.type().isVerbatim()) {
                verbatim.add(column.name());
            }
        }
        Set<String> expected = new TreeSet<>(List.of("custom"));
        if (kind == DatabaseKind.MARIADB) {
            expected.add("stringColor");
        }
        assertEquals(expected, verbatim);
        assertTrue(all.columns().size() > 60, "columns " + all.columns().size());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void lengthsAndDecimalSizesStayEvenWhereTheDialectIgnoresThem(DatabaseKind kind) {
        // a migration generated against SQLite must still render char(1) and varbinary(16) on PostgreSQL
        Table all = table(Models.schema("types", kind), "all_types");
        List<String> missing = new ArrayList<>();
        for (Column column : all.columns()) {
            ColumnType t = column.type();
            boolean sized = switch (t.code()) {
                case java.sql.Types.CHAR, java.sql.Types.VARCHAR, java.sql.Types.NVARCHAR,
                     java.sql.Types.BINARY, java.sql.Types.VARBINARY -> t.length() != null;
                case java.sql.Types.NUMERIC, java.sql.Types.DECIMAL -> t.precision() != null && t.scale() != null;
                default -> true;
            };
            if (!t.isVerbatim() && !sized) {
                missing.add(column.name() + " " + t);
            }
        }
        assertEquals(List.of(), missing);
    }

    private static Table table(Schema schema, String name) {
        return schema.tables().stream().filter(t -> t.name().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + name));
    }
}
