package dev.retort.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Types;

import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.Test;

import dev.retort.model.ColumnType;

class ReportedTypeTest {

    @Test
    void sqliteDeclaredTypes() {
        assertEquals(ColumnType.varchar(255), ReportedType.parse("varchar(255)").sqlite());
        assertEquals(ColumnType.varchar(255), ReportedType.parse("VARCHAR( 255 )").sqlite());
        assertEquals(ColumnType.numeric(10, 2), ReportedType.parse("Numeric(10, 2)").sqlite());
        assertEquals(ColumnType.numeric(10, 0), ReportedType.parse("numeric(10)").sqlite());
        assertEquals(ColumnType.of(Types.NUMERIC), ReportedType.parse("numeric").sqlite());
        assertEquals(ColumnType.of(Types.TIMESTAMP), ReportedType.parse("timestamp").sqlite());
        assertEquals(ColumnType.timestamp(6), ReportedType.parse("timestamp(6)").sqlite());
        assertEquals(ColumnType.timestampTz(6), ReportedType.parse("timestamp(6) with time zone").sqlite());
        assertEquals(ColumnType.of(Types.CHAR), ReportedType.parse("char").sqlite());
        assertEquals(ColumnType.doublePrecision(), ReportedType.parse("double precision").sqlite());
        assertEquals(ColumnType.sql("TEXT"), ReportedType.parse("TEXT").sqlite());
        assertEquals(ColumnType.sql("varchar(a)"), ReportedType.parse("varchar(a)").sqlite());
        assertEquals(ColumnType.of(Types.OTHER), ReportedType.parse("").sqlite(), "a column without a type");
    }

    @Test
    void postgresFormatType() {
        assertEquals(ColumnType.varchar(255), ReportedType.parse("character varying(255)").postgres());
        assertEquals(ColumnType.of(Types.VARCHAR), ReportedType.parse("character varying").postgres());
        assertEquals(ColumnType.timestampTz(6), ReportedType.parse("timestamp(6) with time zone").postgres());
        assertEquals(ColumnType.of(Types.TIMESTAMP), ReportedType.parse("timestamp without time zone").postgres());
        assertEquals(ColumnType.of(Types.TIME_WITH_TIMEZONE), ReportedType.parse("time with time zone").postgres());
        assertEquals(ColumnType.doublePrecision(), ReportedType.parse("double precision").postgres());
        assertEquals(ColumnType.of(SqlTypes.JSON), ReportedType.parse("jsonb").postgres());
        assertEquals(ColumnType.sql("json"), ReportedType.parse("json").postgres());
        assertEquals(ColumnType.sql("character varying(255)[]"), ReportedType.parse("character varying(255)[]").postgres());
        assertEquals(ColumnType.sql("interval second(6)"), ReportedType.parse("interval second(6)").postgres());
        assertEquals(ColumnType.sql("public.mood"), ReportedType.parse("public.mood").postgres());
    }

    @Test
    void mariadbColumnType() {
        assertEquals(ColumnType.bigint(), ReportedType.parse("bigint(20)").mariadb());
        assertEquals(ColumnType.sql("bigint(20) unsigned"), ReportedType.parse("bigint(20) unsigned").mariadb());
        assertEquals(ColumnType.bool(), ReportedType.parse("bit(1)").mariadb());
        assertEquals(ColumnType.sql("bit(8)"), ReportedType.parse("bit(8)").mariadb());
        assertEquals(ColumnType.numeric(38, 2), ReportedType.parse("decimal(38,2)").mariadb());
        assertEquals(ColumnType.sql("mediumtext"), ReportedType.parse("mediumtext").mariadb());
        assertEquals(ColumnType.sql("enum('a,b','c)')"), ReportedType.parse("enum('a,b','c)')").mariadb());
    }
}
