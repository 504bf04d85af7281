package dev.retort.revision;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One step of a plan: run {@code revision}'s upgrade (or downgrade), then change the version table as
 * {@code versionChange} says, in the same transaction.
 */
public record Step(RevisionInfo revision, boolean upgrade, VersionChange versionChange) {

    public Step {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(versionChange, "versionChange");
    }

    public String id() {
        return revision.id();
    }

    /** The version-table rows after this step, given those before it. */
    public Set<String> applyTo(Set<String> rows) {
        return versionChange.applyTo(rows);
    }

    /** Alembic's log line: {@code upgrade a -> b, message} ({@code upgrade  -> b} from base). */
    @Override
    public String toString() {
        String parents = String.join(", ", revision.parents());
        List<String> ends = upgrade ? List.of(parents, revision.id()) : List.of(revision.id(), parents);
        return (upgrade ? "upgrade " : "downgrade ") + ends.get(0) + " -> " + ends.get(1) + ", " + revision.message();
    }
}
