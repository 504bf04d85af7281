package dev.retort.cli;

import dev.retort.api.RevisionState;
import dev.retort.revision.RevisionGraph;
import dev.retort.revision.RevisionInfo;
import dev.retort.runtime.AppliedChecksums;
import dev.retort.runtime.Checksum;
import dev.retort.runtime.HistoryEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Alembic's ways of printing a revision, with what the database says about it when {@code states} is given. */
final class Format {

    private Format() {
    }

    /** {@code 1975ea83b712 -> ae1027a6acf (head), add a column} */
    static String line(RevisionInfo info, RevisionGraph graph, Map<String, RevisionState> states) {
        String parents = switch (info.parents().size()) {
            case 0 -> "<base>";
            case 1 -> info.parents().get(0);
            default -> "(" + String.join(", ", info.parents()) + ")";
        };
        return parents + " -> " + info.id() + markers(info, graph, states) + ", " + info.message();
    }

    /** The block {@code history -v}, {@code show} and {@code current -v} print. */
    static String detailed(RevisionInfo info, RevisionGraph graph, Map<String, RevisionState> states) {
        StringBuilder sb = new StringBuilder();
        sb.append("Rev: ").append(info.id()).append(markers(info, graph, states)).append('\n');
        sb.append(info.parents().size() > 1 ? "Merges: " : "Parent: ")
                .append(info.parents().isEmpty() ? "<base>" : String.join(", ", info.parents())).append('\n');
        List<String> children = graph.children(info.id());
        if (children.size() > 1) {
            sb.append("Branches into: ").append(String.join(", ", children)).append('\n');
        }
        sb.append("Path: ").append(info.origin()).append('\n');
        RevisionState state = states.get(info.id());
        if (state != null) {
            sb.append("Applied: ").append(applied(state)).append('\n');
            if (state.applied()) {
                sb.append("Checksum: ").append(checksum(state)).append('\n');
            }
        }
        sb.append('\n');
        sb.append("    ").append(info.message()).append('\n').append('\n');
        sb.append("    Revision ID: ").append(info.id()).append('\n');
        sb.append("    Revises: ").append(String.join(", ", info.parents())).append('\n');
        sb.append("    Create Date: ").append(info.created()).append('\n');
        return sb.toString();
    }

    private static String applied(RevisionState state) {
        if (!state.applied()) {
            return "no (pending)";
        }
        HistoryEntry last = state.lastApplied();
        if (last == null) {
            return "yes (before the version history was kept)";
        }
        return last.appliedAt() + " by " + last.direction() + (last.durationMs() == null ? "" : ", took " + last.durationMs() + " ms");
    }

    private static String checksum(RevisionState state) {
        String now = Checksum.abbreviate(state.checksum());
        return switch (state.checksumState()) {
            case MATCHES -> now + ", as applied";
            case CHANGED -> "CHANGED since it was applied (was " + Checksum.abbreviate(state.recorded().checksum()) + ", now " + now
                    + "): restore it, or accept it with 'retort repair'";
            case NOT_RECORDED -> now + ", none on record yet (the next upgrade records it)";
            case UNKNOWN -> "unknown (the migration's class cannot be read)";
        };
    }

    private static String markers(RevisionInfo info, RevisionGraph graph, Map<String, RevisionState> states) {
        List<String> marks = new ArrayList<>();
        RevisionState state = states.get(info.id());
        if (graph.isHead(info.id())) marks.add("(head)");
        if (state != null && state.current()) marks.add("(current)");
        if (graph.isBranchPoint(info.id())) marks.add("(branchpoint)");
        if (graph.isMerge(info.id())) marks.add("(mergepoint)");
        if (state != null) {
            marks.add(state.applied() ? "(applied)" : "(pending)");
            if (state.checksumState() == AppliedChecksums.State.CHANGED) marks.add("(changed)");
        }
        return marks.isEmpty() ? "" : " " + String.join(" ", marks);
    }
}
