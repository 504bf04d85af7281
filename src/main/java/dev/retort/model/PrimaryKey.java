package dev.retort.model;

import java.util.List;

/** A primary key; {@code name} may be null where the database names it itself. */
public record PrimaryKey(String name, List<String> columns) {
    public PrimaryKey {
        columns = List.copyOf(columns);
    }

    public static PrimaryKey of(String... columns) {
        return new PrimaryKey(null, List.of(columns));
    }
}
