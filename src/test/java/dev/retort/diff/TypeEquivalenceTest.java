package dev.retort.diff;

import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Types;
import java.util.stream.Stream;

import static dev.retort.model.DatabaseKind.MARIADB;
import static dev.retort.model.DatabaseKind.POSTGRESQL;
import static dev.retort.model.DatabaseKind.SQLITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Type texts that must (and must not) compare equal. The left side is what Hibernate 7.4 writes
 * ({@code Column.getSqlType}), the right what the database's catalog reports for it — pairs measured on
 * PostgreSQL 15 ({@code format_type}), MariaDB 10.11 ({@code information_schema.COLUMNS.COLUMN_TYPE}) and
 * SQLite ({@code pragma_table_info}).
 */
class TypeEquivalenceTest {

    static Stream<Arguments> equal() {
        return Stream.of(
                Arguments.of(POSTGRESQL, "varchar(255)", "character varying(255)"),
                Arguments.of(POSTGRESQL, "bigint", "int8"),
                Arguments.of(POSTGRESQL, "integer", "int4"),
                Arguments.of(POSTGRESQL, "int", "integer"),
                Arguments.of(POSTGRESQL, "smallint", "int2"),
                Arguments.of(POSTGRESQL, "float(53)", "double precision"),
                Arguments.of(POSTGRESQL, "float(53)", "float8"),
                Arguments.of(POSTGRESQL, "float4", "real"),
                Arguments.of(POSTGRESQL, "float(24)", "real"),
                Arguments.of(POSTGRESQL, "boolean", "bool"),
                Arguments.of(POSTGRESQL, "numeric(38,2)", "numeric(38, 2)"),
                Arguments.of(POSTGRESQL, "decimal(10,2)", "numeric(10,2)"),
                Arguments.of(POSTGRESQL, "numeric(10)", "numeric(10,0)"),
                Arguments.of(POSTGRESQL, "char(1)", "character(1)"),
                Arguments.of(POSTGRESQL, "char(1)", "bpchar(1)"),
                Arguments.of(POSTGRESQL, "char", "character(1)"),
                Arguments.of(POSTGRESQL, "timestamp(6)", "timestamp(6) without time zone"),
                Arguments.of(POSTGRESQL, "timestamp(6) with time zone", "timestamptz(6)"),
                Arguments.of(POSTGRESQL, "timestamp with time zone", "timestamptz"),
                Arguments.of(POSTGRESQL, "timestamp(6)", "timestamp without time zone"),
                Arguments.of(POSTGRESQL, "time(0)", "time(0) without time zone"),
                Arguments.of(POSTGRESQL, "time(6) with time zone", "timetz(6)"),
                Arguments.of(POSTGRESQL, "integer array", "integer[]"),
                Arguments.of(POSTGRESQL, "varchar(255) array", "character varying(255)[]"),
                Arguments.of(POSTGRESQL, "integer array", "_int4"),
                Arguments.of(POSTGRESQL, "text", "TEXT"),
                Arguments.of(POSTGRESQL, "bigserial", "bigint"),
                Arguments.of(POSTGRESQL, "interval second(6)", "interval second(6)"),
                Arguments.of(POSTGRESQL, "jsonb", "jsonb"),
                Arguments.of(MARIADB, "integer", "int(11)"),
                Arguments.of(MARIADB, "bigint", "bigint(20)"),
                Arguments.of(MARIADB, "smallint", "smallint(6)"),
                Arguments.of(MARIADB, "tinyint", "tinyint(4)"),
                Arguments.of(MARIADB, "bit", "bit(1)"),
                Arguments.of(MARIADB, "bit", "tinyint(1)"),
                Arguments.of(MARIADB, "boolean", "tinyint(1)"),
                Arguments.of(MARIADB, "float(53)", "double"),
                Arguments.of(MARIADB, "double precision", "double"),
                Arguments.of(MARIADB, "float(23)", "float"),
                Arguments.of(MARIADB, "decimal(38,2)", "decimal(38,2)"),
                Arguments.of(MARIADB, "numeric(10,2)", "decimal(10,2)"),
                Arguments.of(MARIADB, "decimal", "decimal(10,0)"),
                Arguments.of(MARIADB, "time(0)", "time"),
                Arguments.of(MARIADB, "datetime(6)", "datetime(6)"),
                Arguments.of(MARIADB, "json", "longtext"),
                Arguments.of(MARIADB, "varchar(255) character set utf8mb4", "varchar(255)"),
                Arguments.of(MARIADB, "enum ('ARCHIVED','DRAFT','PUBLISHED')", "enum('ARCHIVED','DRAFT','PUBLISHED')"),
                Arguments.of(MARIADB, "bigint unsigned", "bigint(20) unsigned"),
                Arguments.of(SQLITE, "integer", "INTEGER"),
                Arguments.of(SQLITE, "numeric(38, 2)", "numeric(38,2)"),
                Arguments.of(SQLITE, "blob", "BLOB"));
    }

    static Stream<Arguments> different() {
        return Stream.of(
                Arguments.of(POSTGRESQL, "varchar(255)", "varchar(100)"),
                Arguments.of(POSTGRESQL, "numeric(10,2)", "numeric(12,2)"),
                Arguments.of(POSTGRESQL, "numeric(10,2)", "numeric(10,3)"),
                Arguments.of(POSTGRESQL, "integer", "bigint"),
                Arguments.of(POSTGRESQL, "float(24)", "double precision"),
                Arguments.of(POSTGRESQL, "timestamp(6)", "timestamp(6) with time zone"),
                Arguments.of(POSTGRESQL, "timestamp(3)", "timestamp(6)"),
                Arguments.of(POSTGRESQL, "varchar(255)", "text"),
                Arguments.of(POSTGRESQL, "integer array", "integer"),
                Arguments.of(POSTGRESQL, "char(1)", "char(2)"),
                Arguments.of(MARIADB, "int", "bigint"),
                Arguments.of(MARIADB, "int", "int unsigned"),
                Arguments.of(MARIADB, "tinyint", "tinyint(1)"),
                Arguments.of(MARIADB, "float", "double"),
                Arguments.of(MARIADB, "datetime(6)", "datetime"),
                Arguments.of(MARIADB, "enum('A','B')", "enum('A','B','C')"),
                Arguments.of(MARIADB, "enum('a')", "enum('A')"),
                Arguments.of(MARIADB, "mediumtext", "longtext"),
                Arguments.of(SQLITE, "varchar(50)", "varchar(100)"),
                Arguments.of(SQLITE, "bigint", "integer"));
    }

    @ParameterizedTest(name = "{0}: {1} = {2}")
    @MethodSource
    void equal(DatabaseKind kind, String hibernate, String reported) {
        assertEquals(TypeEquivalence.normalise(hibernate, kind), TypeEquivalence.normalise(reported, kind));
        assertTrue(TypeEquivalence.same(ColumnType.sql(hibernate), ColumnType.sql(reported), kind, false));
    }

    @ParameterizedTest(name = "{0}: {1} <> {2}")
    @MethodSource
    void different(DatabaseKind kind, String a, String b) {
        assertFalse(TypeEquivalence.same(ColumnType.sql(a), ColumnType.sql(b), kind, false));
    }

    @Test
    void portableTypesAreRenderedThroughTheDialectBeforeComparing() {
        assertTrue(TypeEquivalence.same(ColumnType.varchar(255), ColumnType.sql("character varying(255)"), POSTGRESQL, false));
        assertTrue(TypeEquivalence.same(ColumnType.of(Types.FLOAT, null, 53, null), ColumnType.sql("double"), MARIADB, false));
        assertTrue(TypeEquivalence.same(ColumnType.bool(), ColumnType.sql("bit(1)"), MARIADB, false));
        assertTrue(TypeEquivalence.same(ColumnType.timestampTz(6), ColumnType.sql("timestamp(6) with time zone"), POSTGRESQL, false));
        assertTrue(TypeEquivalence.same(ColumnType.numeric(10, 2), ColumnType.sql("decimal(10,2)"), MARIADB, false));
        assertFalse(TypeEquivalence.same(ColumnType.varchar(255), ColumnType.sql("character varying(50)"), POSTGRESQL, false));
    }

    @Test
    void sqliteIdentityColumnsAreIntegerWhateverTheModelSays() {
        // Hibernate declares an IDENTITY id "integer" on SQLite (the rowid alias), the model says bigint
        assertTrue(TypeEquivalence.same(ColumnType.bigint(), ColumnType.sql("INTEGER"), SQLITE, true));
        assertFalse(TypeEquivalence.same(ColumnType.bigint(), ColumnType.sql("INTEGER"), SQLITE, false));
        assertFalse(TypeEquivalence.same(ColumnType.bigint(), ColumnType.sql("varchar(20)"), SQLITE, true));
    }

    @Test
    void enumValuesKeepTheirCase() {
        assertEquals("enum('Draft','x y')", TypeEquivalence.normalise("ENUM ( 'Draft' , 'x y' )", MARIADB));
    }
}
