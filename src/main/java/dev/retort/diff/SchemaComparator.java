package dev.retort.diff;

import dev.retort.model.Column;
import dev.retort.model.DatabaseKind;
import dev.retort.model.ForeignKey;
import dev.retort.model.Schema;
import dev.retort.model.Sequence;
import dev.retort.model.Table;
import dev.retort.ops.Op;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the schema the entities describe with the schema a database holds and returns the ops that turn
 * the second into the first — Alembic's autogenerate, for Retort.
 *
 * <p>The ops come in an order that runs, and whose reverse (each op reversed, last first) runs too:
 * <ol>
 *   <li>foreign keys that go away or change, on tables that stay;</li>
 *   <li>tables that go away: cycle-closing keys, each table's indexes, the table — children first;</li>
 *   <li>new sequences;</li>
 *   <li>tables that stay, one after another by name: see {@link TableComparison};</li>
 *   <li>new tables, parents first, each followed by its indexes; then the keys that close a cycle
 *   (and on MariaDB those that a table's own index serves);</li>
 *   <li>new or changed foreign keys on tables that stay (they may reference new tables or columns);</li>
 *   <li>sequences that go away.</li>
 * </ol>
 * A {@code CreateTable}/{@code DropTable} definition never holds indexes: they are separate
 * {@code CreateIndex}/{@code DropIndex} ops, so that both directions rebuild them.
 *
 * <p>Neither direction may fail on a table with rows for want of a value: a NOT NULL column without a default
 * is added with a placeholder default that the next op removes, and such a column is given one before it is
 * dropped, so that the downgrade can re-add it ({@link Backfill}; {@link #warnings} names the placeholders).
 * Constraints and indexes the model leaves unnamed get a stable name when an op adds them on their own, so
 * that the reverse op can drop them ({@link ConstraintNames}).
 *
 * <p>Names compare ignoring case. Types, defaults and checks compare after per-database normalisation, so
 * a database just migrated to head compares equal to its model. The caller filters out tables that are not
 * managed (include/exclude lists, the version table) before.
 */
public final class SchemaComparator {

    private SchemaComparator() {
    }

    /** The ops that turn {@code current} (the database) into {@code target} (the entities) on {@code kind}. */
    public static List<Op> compare(Schema target, Schema current, DatabaseKind kind) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(kind, "kind");
        Map<String, Table> targetTables = new TreeMap<>(target.tablesByKey());
        Map<String, Table> currentTables = new TreeMap<>(current.tablesByKey());

        List<Table> added = new ArrayList<>();
        List<Table> removed = new ArrayList<>();
        List<TableComparison> kept = new ArrayList<>();
        Set<String> keys = new TreeSet<>(targetTables.keySet());
        keys.addAll(currentTables.keySet());
        for (String key : keys) {
            Table wanted = targetTables.get(key);
            Table existing = currentTables.get(key);
            if (existing == null) added.add(wanted);
            else if (wanted == null) removed.add(TableComparison.withoutImplicitIndexes(existing, kind));
            else kept.add(new TableComparison(wanted, existing, kind, targetTables, currentTables));
        }
        Set<String> typeChanges = new HashSet<>();
        for (TableComparison table : kept) typeChanges.addAll(table.typeChanges());
        for (TableComparison table : kept) table.compareForeignKeys(typeChanges);

        List<Op> ops = new ArrayList<>();
        for (TableComparison table : kept) {
            for (ForeignKey fk : table.droppedForeignKeys()) ops.add(new Op.DropForeignKey(table.tableName(), fk));
        }
        ops.addAll(CreationOrder.drop(removed, kind));
        Map<String, Sequence> wantedSequences = sequences(target);
        Map<String, Sequence> existingSequences = sequences(current);
        wantedSequences.forEach((key, sequence) -> {
            Sequence existing = existingSequences.get(key);
            if (existing == null) {
                ops.add(new Op.CreateSequence(sequence));
            } else if (existing.increment() != sequence.increment() && kind != DatabaseKind.SQLITE) {
                // SQLite's stand-in table records no increment (Hibernate keeps it in the mapping there)
                ops.add(new Op.AlterSequence(new Sequence(sequence.name(), existing.start(), existing.increment()),
                        new Sequence(sequence.name(), existing.start(), sequence.increment())));
            }
        });
        for (TableComparison table : kept) ops.addAll(table.body());
        ops.addAll(CreationOrder.create(added, kind));
        for (TableComparison table : kept) {
            for (ForeignKey fk : table.addedForeignKeys()) ops.add(new Op.AddForeignKey(table.tableName(), fk));
        }
        Set<String> owned = ownedSequences(current);
        existingSequences.forEach((key, sequence) -> {
            if (!wantedSequences.containsKey(key) && !owned.contains(sequence.name().name().toLowerCase(Locale.ROOT))) {
                ops.add(new Op.DropSequence(sequence));
            }
        });
        return List.copyOf(ops);
    }

    /**
     * One line per op for the CLI, in Alembic's words: {@code Detected added column 'BookDetail.description'},
     * {@code Detected type change from varchar(50) to varchar(100) on column 'Book.title'}.
     */
    public static List<String> describe(List<Op> ops) {
        return Detections.lines(ops);
    }

    /**
     * What the user should review before running {@code ops}: data that a drop deletes, and steps that can fail
     * on a table with rows (a NOT NULL column, a narrowed type) or that fill existing rows with a placeholder.
     */
    public static List<String> warnings(List<Op> ops) {
        return Hazards.of(ops);
    }

    /**
     * The sequences that identity and serial columns own ({@code book_id_seq}, or whatever their
     * {@code nextval(...)} names): part of the column, not something the model declares.
     */
    private static Set<String> ownedSequences(Schema schema) {
        Set<String> names = new HashSet<>();
        for (Table table : schema.tables()) {
            for (Column column : table.columns()) {
                String sequence = DefaultEquivalence.sequenceName(column.defaultValue());
                if (sequence != null) names.add(sequence);
                if (column.identity() || sequence != null) {
                    names.add((table.name().name() + "_" + column.name() + "_seq").toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    private static Map<String, Sequence> sequences(Schema schema) {
        Map<String, Sequence> map = new TreeMap<>();
        for (Sequence s : schema.sequences()) map.putIfAbsent(s.name().key(), s);
        return map;
    }
}
