package dev.retort.model;

/** A database sequence (where the database has them; SQLite emulates them with a table). */
public record Sequence(TableName name, long start, long increment) implements Comparable<Sequence> {
    public static Sequence of(String name, long start, long increment) {
        return new Sequence(TableName.of(name), start, increment);
    }

    @Override
    public int compareTo(Sequence o) {
        return name.compareTo(o.name);
    }
}
