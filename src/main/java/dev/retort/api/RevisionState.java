package dev.retort.api;

import dev.retort.revision.RevisionInfo;
import dev.retort.runtime.AppliedChecksums;
import dev.retort.runtime.HistoryEntry;

/**
 * A revision as the database sees it.
 *
 * @param revision      the revision
 * @param applied       whether it is applied (a version-table row or an ancestor of one)
 * @param current       whether it is a version-table row
 * @param lastApplied   the newest history row that upgraded or stamped it; null if none (pending, or applied
 *                      before Retort kept a history)
 * @param checksum      its checksum now; null when pending
 * @param checksumState how that compares with the one recorded; null when pending
 * @param recorded      the history row holding the recorded checksum; null if none
 */
public record RevisionState(RevisionInfo revision, boolean applied, boolean current, HistoryEntry lastApplied,
                            String checksum, AppliedChecksums.State checksumState, HistoryEntry recorded) {
}
