package dev.retort.diff;

import dev.retort.model.DatabaseKind;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.Table;
import dev.retort.ops.Op;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The order in which a set of tables that reference each other can be created — and, reversed, dropped.
 *
 * <p>A table is created once every table its foreign keys reference exists (parents first, by name among
 * equals). When the remaining tables form a cycle, the first by name is created without its foreign keys to
 * tables not yet created; those keys are added with {@code AddForeignKey} after all tables exist (so are, on
 * MariaDB, keys that one of the table's own indexes serves). Each
 * {@code CreateTable} carries the full table except its indexes, which follow as one {@code CreateIndex} each.
 * Dropping is exactly the reverse: cycle-closing keys dropped first, each table's indexes, then the table
 * (children first), so that a downgrade recreates everything in a working order.
 */
final class CreationOrder {

    private CreationOrder() {
    }

    static List<Op> create(List<Table> tables, DatabaseKind kind) {
        TreeMap<String, Table> remaining = new TreeMap<>();
        for (Table t : tables) remaining.put(t.name().key(), t);
        Set<String> inSet = new HashSet<>(remaining.keySet());
        Set<String> created = new HashSet<>();
        List<Op> ops = new ArrayList<>();
        List<Op.AddForeignKey> deferred = new ArrayList<>();
        while (!remaining.isEmpty()) {
            String next = remaining.keySet().stream()
                    .filter(key -> waitsFor(remaining.get(key), inSet, created).isEmpty())
                    .findFirst()
                    .orElse(remaining.firstKey()); // a cycle: break it at the first table by name
            Table table = remaining.remove(next);
            Set<String> missing = waitsFor(table, inSet, created);
            List<ForeignKey> inline = new ArrayList<>();
            for (ForeignKey fk : table.foreignKeys()) {
                if (missing.contains(fk.referencedTable().key()) || servedByIndex(table, fk, kind)) {
                    deferred.add(new Op.AddForeignKey(table.name(), ConstraintNames.named(fk, table.name())));
                } else {
                    inline.add(fk);
                }
            }
            // unnamed checks and unique keys get a stable name: a later migration — maybe generated on another
            // database — must be able to drop them by name (see ConstraintNames)
            ops.add(new Op.CreateTable(table.toBuilder().foreignKeys(inline).indexes(List.of())
                    .checks(table.checks().stream().map(check -> ConstraintNames.named(check, table.name())).toList())
                    .uniqueKeys(table.uniqueKeys().stream().map(key -> ConstraintNames.named(key, table.name())).toList())
                    .build()));
            for (Index index : table.indexes().stream().sorted(OpOrder.INDEXES).toList()) {
                ops.add(new Op.CreateIndex(table.name(), ConstraintNames.named(index, table.name())));
            }
            created.add(next);
        }
        ops.addAll(deferred);
        return ops;
    }

    static List<Op> drop(List<Table> tables, DatabaseKind kind) {
        List<Op> creation = create(tables, kind);
        List<Op> ops = new ArrayList<>(creation.size());
        for (int i = creation.size() - 1; i >= 0; i--) {
            ops.add(creation.get(i).reverse());
        }
        return ops;
    }

    /**
     * On MariaDB a key served by one of the table's own indexes is added after that index: dropping works in
     * reverse, and MariaDB refuses to drop an index a foreign key still needs.
     */
    private static boolean servedByIndex(Table table, ForeignKey fk, DatabaseKind kind) {
        return kind == DatabaseKind.MARIADB && table.indexes().stream().anyMatch(i -> TableComparison.servesForeignKey(i, fk));
    }

    /** The tables of the set that {@code table} references and that do not exist yet (itself excluded). */
    private static Set<String> waitsFor(Table table, Set<String> inSet, Set<String> created) {
        Set<String> missing = new HashSet<>();
        for (ForeignKey fk : table.foreignKeys()) {
            String key = fk.referencedTable().key();
            if (!key.equals(table.name().key()) && inSet.contains(key) && !created.contains(key)) missing.add(key);
        }
        return missing;
    }
}
