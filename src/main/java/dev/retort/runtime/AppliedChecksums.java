package dev.retort.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the version history says about the migrations that are applied: the checksum each had when it was
 * applied (or last stamped or repaired), to compare with its source now.
 */
public final class AppliedChecksums {

    /** How a migration's source compares with the one that was applied. */
    public enum State {
        /** The source is the one that was applied. */
        MATCHES,
        /** The source was edited after it was applied. */
        CHANGED,
        /** The history has no checksum of this kind for it (applied before Retort kept one, or by another kind of build). */
        NOT_RECORDED,
        /** Its current checksum cannot be computed (a precompiled class that cannot be read). */
        UNKNOWN
    }

    /** The newest row vouching for a checksum, per revision and checksum kind. */
    private final Map<String, HistoryEntry> vouching = new HashMap<>();
    /** The newest row that ran or stamped the revision, per revision. */
    private final Map<String, HistoryEntry> applied = new HashMap<>();

    private AppliedChecksums(List<HistoryEntry> history) {
        for (HistoryEntry e : history) {
            if (e.vouchesForChecksum()) {
                vouching.put(key(e.revision(), e.checksum()), e);
            }
            if (e.applied()) {
                applied.put(e.revision(), e);
            }
        }
    }

    /** Reads {@code history}, oldest row first. */
    public static AppliedChecksums of(List<HistoryEntry> history) {
        return new AppliedChecksums(history);
    }

    private static String key(String revision, String checksum) {
        return revision + " " + Checksum.kind(checksum);
    }

    /** The row whose checksum {@code current} is compared with: the newest for the revision of the same kind; null if none. */
    public HistoryEntry recorded(String revision, String current) {
        return current == null ? null : vouching.get(key(revision, current));
    }

    /** The newest row that upgraded or stamped the revision; null if none. */
    public HistoryEntry lastApplied(String revision) {
        return applied.get(revision);
    }

    /** How {@code current}, the revision's checksum now, compares with the recorded one. */
    public State state(String revision, String current) {
        if (current == null) {
            return State.UNKNOWN;
        }
        HistoryEntry recorded = recorded(revision, current);
        if (recorded == null) {
            return State.NOT_RECORDED;
        }
        return recorded.checksum().equals(current) ? State.MATCHES : State.CHANGED;
    }
}
