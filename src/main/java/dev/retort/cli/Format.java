package dev.retort.cli;

import dev.retort.revision.RevisionGraph;
import dev.retort.revision.RevisionInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Alembic's ways of printing a revision. */
final class Format {

    private Format() {
    }

    /** {@code 1975ea83b712 -> ae1027a6acf (head), add a column} */
    static String line(RevisionInfo info, RevisionGraph graph, Set<String> current) {
        String parents = switch (info.parents().size()) {
            case 0 -> "<base>";
            case 1 -> info.parents().get(0);
            default -> "(" + String.join(", ", info.parents()) + ")";
        };
        return parents + " -> " + info.id() + markers(info, graph, current) + ", " + info.message();
    }

    /** The block {@code history -v}, {@code show} and {@code current -v} print. */
    static String detailed(RevisionInfo info, RevisionGraph graph, Set<String> current) {
        StringBuilder sb = new StringBuilder();
        sb.append("Rev: ").append(info.id()).append(markers(info, graph, current)).append('\n');
        sb.append(info.parents().size() > 1 ? "Merges: " : "Parent: ")
                .append(info.parents().isEmpty() ? "<base>" : String.join(", ", info.parents())).append('\n');
        List<String> children = graph.children(info.id());
        if (children.size() > 1) {
            sb.append("Branches into: ").append(String.join(", ", children)).append('\n');
        }
        sb.append("Path: ").append(info.origin()).append('\n').append('\n');
        sb.append("    ").append(info.message()).append('\n').append('\n');
        sb.append("    Revision ID: ").append(info.id()).append('\n');
        sb.append("    Revises: ").append(String.join(", ", info.parents())).append('\n');
        sb.append("    Create Date: ").append(info.created()).append('\n');
        return sb.toString();
    }

    private static String markers(RevisionInfo info, RevisionGraph graph, Set<String> current) {
        List<String> marks = new ArrayList<>();
        if (graph.isHead(info.id())) marks.add("(head)");
        if (current.contains(info.id())) marks.add("(current)");
        if (graph.isBranchPoint(info.id())) marks.add("(branchpoint)");
        if (graph.isMerge(info.id())) marks.add("(mergepoint)");
        return marks.isEmpty() ? "" : " " + String.join(" ", marks);
    }
}
