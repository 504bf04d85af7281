package dev.retort.render;

import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.ops.Op;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs of consecutive ops on the same table (compared as databases compare names: ignoring case), in the
 * given order. The order is the comparator's dependency order, so groups are never merged across each other.
 */
final class TableGroups {

    /**
     * How much code one method may hold, in {@link #weight} units (one call, or one line of a table
     * definition: some 20 to 50 bytes of bytecode). Keeps a method well under the JVM's 64 KB limit, which an
     * initial migration of a few hundred tables exceeds ("code too large") when written as one method.
     */
    static final int METHOD_BUDGET = 800;

    /** One run of ops; {@code table} is null for ops that belong to no table (sequences, raw SQL). */
    record Group(TableName table, List<Op> ops) {
    }

    private TableGroups() {
    }

    static List<Group> of(List<Op> ops) {
        List<Group> groups = new ArrayList<>();
        List<Op> current = new ArrayList<>();
        TableName table = null;
        for (Op op : ops) {
            if (!current.isEmpty() && !Objects.equals(key(op.table()), key(table))) {
                groups.add(new Group(table, List.copyOf(current)));
                current.clear();
            }
            if (current.isEmpty()) {
                table = op.table();
            }
            current.add(op);
        }
        if (!current.isEmpty()) {
            groups.add(new Group(table, List.copyOf(current)));
        }
        return groups;
    }

    /** The ops cut into consecutive runs of at most {@link #METHOD_BUDGET} (an op heavier than that stands alone). */
    static List<List<Op>> chunks(List<Op> ops) {
        List<List<Op>> chunks = new ArrayList<>();
        List<Op> current = new ArrayList<>();
        int weight = 0;
        for (Op op : ops) {
            if (!current.isEmpty() && weight + weight(op) > METHOD_BUDGET) {
                chunks.add(List.copyOf(current));
                current.clear();
                weight = 0;
            }
            current.add(op);
            weight += weight(op);
        }
        if (!current.isEmpty()) {
            chunks.add(List.copyOf(current));
        }
        return chunks;
    }

    static int weight(List<Op> ops) {
        return ops.stream().mapToInt(TableGroups::weight).sum();
    }

    /** One per call, plus one per line of a table definition. */
    static int weight(Op op) {
        if (op instanceof Op.CreateTable o) {
            return 1 + lines(o.definition());
        }
        if (op instanceof Op.DropTable o) {
            return 1 + lines(o.definition());
        }
        return 1;
    }

    private static int lines(Table table) {
        return table.columns().size() + table.foreignKeys().size() + table.indexes().size() + table.uniqueKeys().size()
                + table.checks().size() + table.initCommands().size() + 2;
    }

    private static String key(TableName table) {
        return table == null ? null : table.key();
    }
}
