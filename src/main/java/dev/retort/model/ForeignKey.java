package dev.retort.model;

import java.util.List;
import java.util.Objects;

/**
 * A foreign key. Two foreign keys are the same when {@link #sameAs} holds: same columns, same referenced
 * table and columns, same actions — names are not compared (databases and Hibernate name them differently).
 */
public record ForeignKey(String name, List<String> columns, TableName referencedTable, List<String> referencedColumns,
                         FkAction onDelete, FkAction onUpdate) {

    public ForeignKey {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
        Objects.requireNonNull(referencedTable, "referencedTable");
        onDelete = onDelete == null ? FkAction.NO_ACTION : onDelete;
        onUpdate = onUpdate == null ? FkAction.NO_ACTION : onUpdate;
    }

    public static ForeignKey of(String name, List<String> columns, TableName referencedTable, List<String> referencedColumns) {
        return new ForeignKey(name, columns, referencedTable, referencedColumns, FkAction.NO_ACTION, FkAction.NO_ACTION);
    }

    public ForeignKey onDelete(FkAction action) {
        return new ForeignKey(name, columns, referencedTable, referencedColumns, action, onUpdate);
    }

    public ForeignKey onUpdate(FkAction action) {
        return new ForeignKey(name, columns, referencedTable, referencedColumns, onDelete, action);
    }
}
