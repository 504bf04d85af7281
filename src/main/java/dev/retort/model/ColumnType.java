package dev.retort.model;

import java.sql.Types;
import java.util.Objects;

/**
 * A portable column type: a JDBC/Hibernate type code ({@code org.hibernate.type.SqlTypes}, a superset of
 * {@link java.sql.Types}) with optional length, precision and scale. Each database renders it through its
 * Hibernate {@code Dialect}, so one migration runs on SQLite, PostgreSQL and MariaDB alike.
 *
 * <p>{@code definition} holds a verbatim SQL type instead (a {@code columnDefinition}, or a database type
 * with no portable code); it is then used as written and {@code code} is only a hint.
 */
public record ColumnType(int code, Long length, Integer precision, Integer scale, String definition) {

    public ColumnType {
        if (definition != null && definition.isBlank()) {
            definition = null;
        }
    }

    public static ColumnType of(int code) {
        return new ColumnType(code, null, null, null, null);
    }

    public static ColumnType of(int code, Long length, Integer precision, Integer scale) {
        return new ColumnType(code, length, precision, scale, null);
    }

    /** A type written verbatim, e.g. {@code sql("jsonb")}. */
    public static ColumnType sql(String definition) {
        return new ColumnType(Types.OTHER, null, null, null, Objects.requireNonNull(definition));
    }

    public static ColumnType varchar(long length) { return new ColumnType(Types.VARCHAR, length, null, null, null); }
    public static ColumnType nvarchar(long length) { return new ColumnType(Types.NVARCHAR, length, null, null, null); }
    public static ColumnType character(long length) { return new ColumnType(Types.CHAR, length, null, null, null); }
    public static ColumnType varbinary(long length) { return new ColumnType(Types.VARBINARY, length, null, null, null); }
    public static ColumnType bigint() { return of(Types.BIGINT); }
    public static ColumnType integer() { return of(Types.INTEGER); }
    public static ColumnType smallint() { return of(Types.SMALLINT); }
    public static ColumnType tinyint() { return of(Types.TINYINT); }
    public static ColumnType bool() { return of(Types.BOOLEAN); }
    public static ColumnType real() { return of(Types.REAL); }
    public static ColumnType floatType() { return of(Types.FLOAT); }
    public static ColumnType doublePrecision() { return of(Types.DOUBLE); }
    public static ColumnType numeric(int precision, int scale) { return new ColumnType(Types.NUMERIC, null, precision, scale, null); }
    public static ColumnType decimal(int precision, int scale) { return new ColumnType(Types.DECIMAL, null, precision, scale, null); }
    public static ColumnType date() { return of(Types.DATE); }
    public static ColumnType time() { return of(Types.TIME); }
    public static ColumnType timestamp(int precision) { return new ColumnType(Types.TIMESTAMP, null, precision, null, null); }
    public static ColumnType timestampTz(int precision) { return new ColumnType(Types.TIMESTAMP_WITH_TIMEZONE, null, precision, null, null); }
    public static ColumnType clob() { return of(Types.CLOB); }
    public static ColumnType blob() { return of(Types.BLOB); }

    public boolean isVerbatim() {
        return definition != null;
    }

    @Override
    public String toString() {
        if (definition != null) {
            return definition;
        }
        StringBuilder sb = new StringBuilder("type#").append(code);
        if (length != null) sb.append('(').append(length).append(')');
        else if (precision != null) sb.append('(').append(precision).append(scale == null ? "" : "," + scale).append(')');
        return sb.toString();
    }
}
