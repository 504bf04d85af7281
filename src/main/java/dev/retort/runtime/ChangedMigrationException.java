package dev.retort.runtime;

import java.util.List;

/** Applied migrations whose source changed since they were applied: upgrading on top of them is refused. */
public final class ChangedMigrationException extends DatabaseException {

    private final List<String> revisions;

    public ChangedMigrationException(String message, List<String> revisions) {
        super(message);
        this.revisions = List.copyOf(revisions);
    }

    /** The ids of the changed revisions. */
    public List<String> revisions() {
        return revisions;
    }
}
