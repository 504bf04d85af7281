package dev.retort.revision;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How the version table changes: the rows (revision ids) to delete and to insert. The table holds one
 * row per applied head, as {@code alembic_version} does; a delete and an insert of one row each is what
 * Alembic runs as an UPDATE.
 */
public record VersionChange(Set<String> deleteRows, Set<String> insertRows) {

    public VersionChange {
        deleteRows = sorted(deleteRows);
        insertRows = sorted(insertRows);
    }

    /** Whether nothing changes. */
    public boolean isEmpty() {
        return deleteRows.isEmpty() && insertRows.isEmpty();
    }

    /**
     * The rows after this change. Strict, as the database would be: deleting a row that is not there or
     * inserting one that is means the plan and the table disagree.
     */
    public Set<String> applyTo(Set<String> rows) {
        TreeSet<String> after = new TreeSet<>(rows);
        for (String row : deleteRows) {
            if (!after.remove(row)) {
                throw new IllegalArgumentException("the version table has no row " + row + " to delete: " + rows);
            }
        }
        for (String row : insertRows) {
            if (!after.add(row)) {
                throw new IllegalArgumentException("the version table already has a row " + row + ": " + rows);
            }
        }
        return Collections.unmodifiableSortedSet(after);
    }

    static SortedSet<String> sorted(Collection<String> rows) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(rows));
    }

    @Override
    public String toString() {
        return "delete " + deleteRows + ", insert " + insertRows;
    }
}
