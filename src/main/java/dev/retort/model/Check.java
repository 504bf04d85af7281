package dev.retort.model;

/** A check constraint: a boolean SQL expression; {@code name} may be null. */
public record Check(String name, String expression) {
    public static Check of(String name, String expression) {
        return new Check(name, expression);
    }
}
