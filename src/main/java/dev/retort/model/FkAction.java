package dev.retort.model;

/** A referential action for ON DELETE / ON UPDATE. */
public enum FkAction {
    NO_ACTION("no action"), RESTRICT("restrict"), CASCADE("cascade"), SET_NULL("set null"), SET_DEFAULT("set default");

    private final String sql;

    FkAction(String sql) {
        this.sql = sql;
    }

    public String sql() {
        return sql;
    }
}
