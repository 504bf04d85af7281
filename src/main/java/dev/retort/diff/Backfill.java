package dev.retort.diff;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.DatabaseKind;
import dev.retort.model.Table;

import java.sql.Types;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value existing rows get when a NOT NULL column without a default is added to a table that may hold
 * rows. Adding such a column fails on every database as soon as the table has a row, so the comparator adds it
 * with this value as a temporary default and removes the default right after ({@code AddColumn} +
 * {@code AlterColumn}): the upgrade cannot fail for want of a value, the end state is exactly the model, and
 * {@link SchemaComparator#warnings} tells the user to review the value.
 *
 * <p>The value is neutral for the type (0, {@code ''}, false, the epoch) or, when a check limits the column to a
 * list or a range (an enum), the first allowed value, so that the check still holds.
 */
final class Backfill {

    private static final Pattern ENUM_FIRST = Pattern.compile("^enum\\s*\\(\\s*('(?:[^']|'')*')", Pattern.CASE_INSENSITIVE);

    private Backfill() {
    }

    /** The placeholder for {@code column} of {@code table}, or null when no type-appropriate value is known. */
    static String value(Column column, Table table, DatabaseKind kind) {
        // a boolean gets the same fill on every database, so that a migration written on one runs on the others:
        // PostgreSQL rejects 0 for a boolean, SQLite (>= 3.23) and MariaDB (bit, tinyint(1)) read false as 0
        // (which also satisfies a check such as "active in (0,1)")
        if (!column.type().isVerbatim() && column.type().code() == Types.BOOLEAN) return "false";
        for (Check check : table.checks()) {
            String allowed = CheckEquivalence.allowedValue(check.expression(), column.name());
            if (allowed != null) return allowed;
        }
        String rendered = TypeEquivalence.render(column.type(), kind).trim();
        Matcher enumType = ENUM_FIRST.matcher(rendered);
        if (enumType.find()) return enumType.group(1);
        String compact = TypeEquivalence.compact(rendered);
        if (compact.endsWith("]") || compact.endsWith(" array")) return null; // arrays: no neutral element
        String base = TypeEquivalence.baseName(column.type(), kind);
        if (kind == DatabaseKind.MARIADB && base.equals("timestamp")) {
            return "'1970-01-02 00:00:00'"; // a MariaDB timestamp starts one second after the epoch (UTC)
        }
        return switch (base) {
            case "boolean", "bool" -> "false";
            case "bit" -> "0";
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "int2", "int4", "int8", "serial",
                 "bigserial", "numeric", "decimal", "real", "float", "float4", "float8", "double", "double precision" -> "0";
            case "char", "character", "nchar", "varchar", "character varying", "nvarchar", "text", "tinytext",
                 "mediumtext", "longtext", "clob", "nclob", "bpchar" -> "''";
            case "json", "jsonb" -> "'{}'";
            case "date" -> "'1970-01-01'";
            case "time", "timetz", "time with time zone", "time without time zone" -> "'00:00:00'";
            case "timestamp", "timestamptz", "datetime", "timestamp with time zone", "timestamp without time zone" ->
                    "'1970-01-01 00:00:00'";
            case "uuid" -> "'00000000-0000-0000-0000-000000000000'";
            case "bytea", "blob", "tinyblob", "mediumblob", "longblob", "binary", "varbinary" -> "''";
            default -> null;
        };
    }
}
