package dev.retort.runtime;

/**
 * One row of the version history: a revision applied, reverted, stamped or its checksum accepted.
 *
 * @param rank       the row's position in the history, 1 for the first (0 for a row not yet written)
 * @param revision   the revision id
 * @param direction  one of the constants below
 * @param checksum   the migration's {@link Checksum} at that moment; null when unknown (unstamp, class not found)
 * @param appliedAt  when, as UTC ISO-8601
 * @param durationMs how long the migration ran; null for rows that ran nothing
 */
public record HistoryEntry(long rank, String revision, String direction, String checksum, String appliedAt, Long durationMs) {

    public static final String UPGRADE = "upgrade";
    public static final String DOWNGRADE = "downgrade";
    /** {@code stamp} made the revision applied without running it; its checksum is accepted as it was then. */
    public static final String STAMP = "stamp";
    /** {@code stamp} made the revision no longer applied. */
    public static final String UNSTAMP = "unstamp";
    /** {@code repair} accepted the revision's current checksum. */
    public static final String REPAIR = "repair";
    /** The checksum of a revision applied before the database had a history (or by another kind of build). */
    public static final String RECORD = "record";

    /** Whether this row says what the revision's source was when it became (or stayed) applied. */
    boolean vouchesForChecksum() {
        return checksum != null && !DOWNGRADE.equals(direction) && !UNSTAMP.equals(direction);
    }

    /** Whether this row ran or stamped the revision into the database (not a repair or a record). */
    boolean applied() {
        return UPGRADE.equals(direction) || STAMP.equals(direction);
    }
}
