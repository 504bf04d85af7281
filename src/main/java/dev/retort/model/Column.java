package dev.retort.model;

import java.util.Objects;

/**
 * A column. {@code defaultValue} is a SQL expression as written in DDL ({@code 'draft'}, {@code 0},
 * {@code current_timestamp}) or null. {@code identity} marks a database-generated key column.
 */
public record Column(String name, ColumnType type, boolean nullable, String defaultValue, String comment,
                     boolean identity) {

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** A nullable column with no default: the start of {@code Column.of("title", varchar(255)).notNull()}. */
    public static Column of(String name, ColumnType type) {
        return new Column(name, type, true, null, null, false);
    }

    public Column notNull() { return new Column(name, type, false, defaultValue, comment, identity); }
    public Column nullable(boolean value) { return new Column(name, type, value, defaultValue, comment, identity); }
    public Column withDefault(String sql) { return new Column(name, type, nullable, sql, comment, identity); }
    public Column withComment(String text) { return new Column(name, type, nullable, defaultValue, text, identity); }
    public Column withType(ColumnType t) { return new Column(name, t, nullable, defaultValue, comment, identity); }
    public Column withName(String n) { return new Column(n, type, nullable, defaultValue, comment, identity); }
    public Column asIdentity() { return new Column(name, type, false, defaultValue, comment, true); }
}
