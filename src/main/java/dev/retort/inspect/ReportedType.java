package dev.retort.inspect;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.hibernate.type.SqlTypes;

import dev.retort.model.ColumnType;

/**
 * A column type as a database reports it ({@code character varying(255)}, {@code timestamp(6) with time zone},
 * {@code bigint(20) unsigned}), split into its name, arguments and trailing words, and recognised as the
 * portable {@link ColumnType} Hibernate's dialect would have written it from. What is not recognised is
 * kept verbatim ({@link ColumnType#sql}) for the comparator to normalise.
 */
record ReportedType(String text, String base, List<String> args, String suffix) {

    private static final Pattern SPACES = Pattern.compile("\\s+");

    static ReportedType parse(String text) {
        String t = text == null ? "" : text.trim();
        String lower = SPACES.matcher(t.toLowerCase(Locale.ROOT)).replaceAll(" ");
        int open = lower.indexOf('(');
        if (open < 0) {
            for (String zone : List.of(" without time zone", " with time zone")) {
                if (lower.endsWith(zone)) {
                    return new ReportedType(t, lower.substring(0, lower.length() - zone.length()), List.of(), zone.trim());
                }
            }
            return new ReportedType(t, lower, List.of(), "");
        }
        int close = lower.indexOf(')', open);
        if (close < 0) {
            return new ReportedType(t, lower, List.of(), "");
        }
        List<String> args = new ArrayList<>();
        for (String a : lower.substring(open + 1, close).split(",")) args.add(a.trim());
        return new ReportedType(t, lower.substring(0, open).trim(), List.copyOf(args), lower.substring(close + 1).trim());
    }

    /** SQLite keeps the declared type text, which is exactly what Hibernate's dialect wrote. */
    ColumnType sqlite() {
        if (!suffix.isEmpty() && !isTimeZoneSuffix()) return verbatim();
        return switch (base) {
            case "integer", "int" -> ColumnType.integer();
            case "bigint" -> ColumnType.bigint();
            case "smallint" -> ColumnType.smallint();
            case "tinyint" -> ColumnType.tinyint();
            case "boolean" -> ColumnType.bool();
            case "float" -> args.isEmpty() ? ColumnType.floatType() : ColumnType.of(Types.FLOAT, null, intArg(0), null);
            case "real" -> ColumnType.real();
            case "double", "double precision" -> ColumnType.doublePrecision();
            case "numeric" -> decimal(Types.NUMERIC);
            case "decimal" -> decimal(Types.DECIMAL);
            case "char", "character" -> sized(Types.CHAR);
            case "varchar", "character varying" -> sized(Types.VARCHAR);
            case "nchar" -> sized(Types.NCHAR);
            case "nvarchar" -> sized(Types.NVARCHAR);
            case "binary" -> sized(Types.BINARY);
            case "varbinary" -> sized(Types.VARBINARY);
            case "clob" -> ColumnType.clob();
            case "nclob" -> ColumnType.of(Types.NCLOB);
            case "blob" -> ColumnType.blob();
            case "date" -> ColumnType.date();
            case "time" -> timed(suffix.startsWith("with") ? Types.TIME_WITH_TIMEZONE : Types.TIME);
            case "timestamp" -> timed(suffix.startsWith("with") ? Types.TIMESTAMP_WITH_TIMEZONE : Types.TIMESTAMP);
            default -> verbatim();
        };
    }

    /** PostgreSQL's {@code format_type(atttypid, atttypmod)}. */
    ColumnType postgres() {
        String zone = suffix;
        if (!zone.isEmpty() && !isTimeZoneSuffix()) return verbatim(); // arrays ([]) and the like
        return switch (base) {
            case "smallint" -> ColumnType.smallint();
            case "integer" -> ColumnType.integer();
            case "bigint" -> ColumnType.bigint();
            case "boolean" -> ColumnType.bool();
            case "real" -> ColumnType.real();
            case "double precision" -> ColumnType.doublePrecision();
            case "numeric" -> decimal(Types.NUMERIC);
            case "character varying" -> sized(Types.VARCHAR);
            case "character", "bpchar" -> sized(Types.CHAR);
            case "text" -> ColumnType.of(SqlTypes.LONG32VARCHAR);
            case "bytea" -> ColumnType.of(SqlTypes.LONG32VARBINARY);
            case "oid" -> ColumnType.blob(); // Hibernate's BLOB and CLOB both become oid
            case "uuid" -> ColumnType.of(SqlTypes.UUID);
            case "jsonb" -> ColumnType.of(SqlTypes.JSON);
            case "xml" -> ColumnType.of(SqlTypes.SQLXML);
            case "inet" -> ColumnType.of(SqlTypes.INET);
            case "date" -> ColumnType.date();
            case "time" -> timed(zone.equals("with time zone") ? Types.TIME_WITH_TIMEZONE : Types.TIME);
            case "timestamp" -> timed(zone.equals("with time zone") ? Types.TIMESTAMP_WITH_TIMEZONE : Types.TIMESTAMP);
            default -> verbatim();
        };
    }

    /** MariaDB's {@code information_schema.COLUMNS.COLUMN_TYPE} (integer display widths are ignored). */
    ColumnType mariadb() {
        if (!suffix.isEmpty()) return verbatim(); // unsigned, zerofill
        return switch (base) {
            case "tinyint" -> ColumnType.tinyint();
            case "smallint" -> ColumnType.smallint();
            case "int" -> ColumnType.integer();
            case "bigint" -> ColumnType.bigint();
            case "bit" -> args.equals(List.of("1")) || args.isEmpty() ? ColumnType.bool() : verbatim();
            case "decimal" -> decimal(Types.NUMERIC); // Hibernate writes NUMERIC as decimal here
            case "float" -> args.isEmpty() ? ColumnType.floatType() : verbatim();
            case "double" -> args.isEmpty() ? ColumnType.doublePrecision() : verbatim();
            case "varchar" -> sized(Types.VARCHAR);
            case "char" -> sized(Types.CHAR);
            case "varbinary" -> sized(Types.VARBINARY);
            case "binary" -> sized(Types.BINARY);
            case "longtext" -> ColumnType.clob();
            case "longblob" -> ColumnType.blob();
            case "uuid" -> ColumnType.of(SqlTypes.UUID);
            case "date" -> ColumnType.date();
            case "time" -> ColumnType.of(Types.TIME, null, args.isEmpty() ? 0 : intArg(0), null);
            // without fractional digits MariaDB means 0, not "unspecified"
            case "datetime" -> ColumnType.of(Types.TIMESTAMP, null, args.isEmpty() ? 0 : intArg(0), null);
            case "timestamp" -> ColumnType.of(Types.TIMESTAMP_WITH_TIMEZONE, null, args.isEmpty() ? 0 : intArg(0), null);
            default -> verbatim();
        };
    }

    private boolean isTimeZoneSuffix() {
        return suffix.equals("with time zone") || suffix.equals("without time zone");
    }

    private ColumnType verbatim() {
        return text.isEmpty() ? ColumnType.of(Types.OTHER) : ColumnType.sql(text);
    }

    private ColumnType sized(int code) {
        if (args.size() > 1) return verbatim();
        Long length = args.isEmpty() ? null : longArg(0);
        if (!args.isEmpty() && length == null) return verbatim();
        return ColumnType.of(code, length, null, null);
    }

    private ColumnType decimal(int code) {
        if (args.size() > 2) return verbatim();
        Integer precision = args.isEmpty() ? null : intArg(0);
        Integer scale = args.size() < 2 ? (args.isEmpty() ? null : 0) : intArg(1);
        if ((!args.isEmpty() && precision == null) || (args.size() == 2 && scale == null)) return verbatim();
        return ColumnType.of(code, null, precision, scale);
    }

    private ColumnType timed(int code) {
        if (args.size() > 1) return verbatim();
        Integer precision = args.isEmpty() ? null : intArg(0);
        if (!args.isEmpty() && precision == null) return verbatim();
        return ColumnType.of(code, null, precision, null);
    }

    private Integer intArg(int i) {
        Long v = longArg(i);
        return v == null || v > Integer.MAX_VALUE ? null : v.intValue();
    }

    private Long longArg(int i) {
        try {
            return Long.parseLong(args.get(i));
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            return null;
        }
    }
}
