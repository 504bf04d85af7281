package dev.retort.model;

import java.util.List;

/**
 * An index. Each entry of {@code columns} is a column name, optionally followed by {@code " desc"} for a
 * descending key part; order matters.
 */
public record Index(String name, List<String> columns, boolean unique) {
    public Index {
        columns = List.copyOf(columns);
    }

    public static Index of(String name, String... columns) {
        return new Index(name, List.of(columns), false);
    }

    public static Index unique(String name, String... columns) {
        return new Index(name, List.of(columns), true);
    }
}
