package dev.retort.model;

import java.util.List;

/** A unique constraint (as opposed to a unique index); {@code name} may be null. */
public record UniqueKey(String name, List<String> columns) {
    public UniqueKey {
        columns = List.copyOf(columns);
    }

    public static UniqueKey of(String name, String... columns) {
        return new UniqueKey(name, List.of(columns));
    }
}
