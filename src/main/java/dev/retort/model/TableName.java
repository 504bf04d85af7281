package dev.retort.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A table's name and optional schema, spelled as the mapping spells it (not as the database folds it).
 * Equality is exact; {@link #matches} compares the way databases resolve unquoted names: ignoring case.
 */
public record TableName(String schema, String name) implements Comparable<TableName> {

    public TableName {
        Objects.requireNonNull(name, "name");
        if (schema != null && schema.isEmpty()) {
            schema = null;
        }
    }

    public static TableName of(String name) {
        return new TableName(null, name);
    }

    public static TableName of(String schema, String name) {
        return new TableName(schema, name);
    }

    /** The key two spellings of the same table share: lower-cased schema and name. */
    public String key() {
        return (schema == null ? "" : schema.toLowerCase(Locale.ROOT) + ".") + name.toLowerCase(Locale.ROOT);
    }

    public boolean matches(TableName other) {
        return other != null && key().equals(other.key());
    }

    @Override
    public int compareTo(TableName o) {
        return key().compareTo(o.key());
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
