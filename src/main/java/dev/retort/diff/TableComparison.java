package dev.retort.diff;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.DatabaseKind;
import dev.retort.model.FkAction;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.PrimaryKey;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;
import dev.retort.ops.Op;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The differences between the model's and the database's version of one table that exists on both sides.
 *
 * <p>Its ops come in an order that runs: constraints that go away are dropped first (indexes, unique
 * constraints, checks, the primary key), then columns are added, altered and dropped, then the new primary
 * key, unique constraints, checks and indexes are created. Foreign keys are handed out separately
 * ({@link #droppedForeignKeys}, {@link #addedForeignKeys}) because they depend on other tables.
 */
final class TableComparison {

    private final Table target;
    private final Table current;
    private final DatabaseKind kind;
    private final Map<String, Table> targetTables;
    private final Map<String, Table> currentTables;

    private final List<Op> dropIndexes = new ArrayList<>();
    private final List<Op> dropUniques = new ArrayList<>();
    private final List<Op> dropChecks = new ArrayList<>();
    private final List<Op> dropPrimaryKey = new ArrayList<>();
    private final List<Op> addColumns = new ArrayList<>();
    private final List<Op> alterColumns = new ArrayList<>();
    private final List<Op> dropColumns = new ArrayList<>();
    private final List<Op> addPrimaryKey = new ArrayList<>();
    private final List<Op> addUniques = new ArrayList<>();
    private final List<Op> addChecks = new ArrayList<>();
    private final List<Op> createIndexes = new ArrayList<>();
    private final List<Op> comment = new ArrayList<>();
    private final Set<String> typeChanges = new HashSet<>();
    private final List<ForeignKey> droppedForeignKeys = new ArrayList<>();
    private final List<ForeignKey> addedForeignKeys = new ArrayList<>();
    /** On MariaDB, checked varchars that are the model's native enum columns, and their checks ({@link EnumStandIns}). */
    private final Map<String, Check> enumStandIns;

    TableComparison(Table target, Table current, DatabaseKind kind, Map<String, Table> targetTables,
                    Map<String, Table> currentTables) {
        this.target = target;
        this.current = current;
        this.kind = kind;
        this.targetTables = targetTables;
        this.currentTables = currentTables;
        this.enumStandIns = EnumStandIns.of(target, current, kind);
        compareColumns();
        comparePrimaryKeys();
        compareUniqueness();
        compareIndexes();
        compareChecks();
        compareComments();
    }

    /** Everything but the foreign keys, in an order that runs. */
    List<Op> body() {
        List<Op> ops = new ArrayList<>();
        for (List<Op> group : List.of(dropIndexes, dropUniques, dropChecks, dropPrimaryKey, addColumns, alterColumns,
                dropColumns, addPrimaryKey, addUniques, addChecks, createIndexes, comment)) {
            ops.addAll(group);
        }
        return ops;
    }

    /** The table as the model spells it. */
    TableName tableName() {
        return target.name();
    }

    /** Columns whose type changes, as {@code tablekey.column} in lower case. */
    Set<String> typeChanges() {
        return typeChanges;
    }

    List<ForeignKey> droppedForeignKeys() {
        return droppedForeignKeys;
    }

    List<ForeignKey> addedForeignKeys() {
        return addedForeignKeys;
    }

    // ---------------------------------------------------------------- columns

    private void compareColumns() {
        Map<String, Column> currentColumns = byName(current.columns());
        Map<String, Column> targetColumns = byName(target.columns());
        for (Column column : target.columns()) {
            Column existing = currentColumns.get(lower(column.name()));
            if (existing == null) {
                addColumn(column);
            } else {
                alterColumn(column, existing);
            }
        }
        for (Column column : current.columns()) {
            if (!targetColumns.containsKey(lower(column.name()))) dropColumn(column);
        }
    }

    /**
     * A dropped NOT NULL column without a default first gets a placeholder default, so that the downgrade
     * (which re-adds it) cannot fail on a table with rows either: it re-adds the column with the placeholder,
     * then removes the default again.
     */
    private void dropColumn(Column column) {
        boolean needsValue = !nullable(column, current) && column.defaultValue() == null && !identity(column, current);
        String placeholder = needsValue ? Backfill.value(column, current, kind) : null;
        if (placeholder == null) {
            dropColumns.add(new Op.DropColumn(target.name(), column));
            return;
        }
        Column filled = column.withDefault(placeholder);
        dropColumns.add(new Op.AlterColumn(target.name(), column, filled));
        dropColumns.add(new Op.DropColumn(target.name(), filled));
    }

    private void addColumn(Column column) {
        boolean needsValue = !nullable(column, target) && column.defaultValue() == null && !column.identity();
        String placeholder = needsValue ? Backfill.value(column, target, kind) : null;
        if (placeholder == null) {
            addColumns.add(new Op.AddColumn(target.name(), column));
            return;
        }
        // existing rows need a value: add with a temporary default, then drop it (see Backfill)
        Column filled = column.withDefault(placeholder);
        addColumns.add(new Op.AddColumn(target.name(), filled));
        addColumns.add(new Op.AlterColumn(target.name(), filled, column));
    }

    private void alterColumn(Column wanted, Column existing) {
        boolean wantedIdentity = identity(wanted, target);
        boolean existingIdentity = identity(existing, current);
        boolean sameType = enumStandIns.containsKey(lower(wanted.name()))
                || TypeEquivalence.same(wanted.type(), existing.type(), kind, wantedIdentity && existingIdentity);
        boolean sameNullability = nullable(wanted, target) == nullable(existing, current);
        // an identity's default is its sequence, not something the model states
        boolean sameDefault = wantedIdentity || existingIdentity
                || DefaultEquivalence.same(wanted.defaultValue(), existing.defaultValue(), kind);
        boolean sameComment = kind == DatabaseKind.SQLITE || sameComment(wanted.comment(), existing.comment());
        boolean sameIdentity = wantedIdentity == existingIdentity;
        if (sameType && sameNullability && sameDefault && sameComment && sameIdentity) return;
        if (!sameType) typeChanges.add(target.name().key() + "." + lower(wanted.name()));
        // the previous definition keeps the model's spelling of whatever did not change, so the op shows
        // (and its reverse restores) only real changes
        Column from = new Column(wanted.name(),
                sameType ? wanted.type() : EnumStandIns.previousType(existing.type(), wanted.type()),
                sameNullability ? wanted.nullable() : existing.nullable(),
                sameDefault ? wanted.defaultValue() : existing.defaultValue(),
                sameComment ? wanted.comment() : existing.comment(),
                sameIdentity ? wanted.identity() : existingIdentity);
        alterColumns.add(new Op.AlterColumn(target.name(), from, wanted));
    }

    /** Whether a column accepts NULL: primary key and identity columns never do, whatever the flag says. */
    private static boolean nullable(Column column, Table table) {
        return column.nullable() && !column.identity() && !primaryKey(table).contains(lower(column.name()));
    }

    /**
     * Whether the database generates the column's values. On SQLite an {@code integer} primary key is the rowid
     * whether or not anybody called it identity; on PostgreSQL a {@code nextval(...)} default (serial) is one.
     */
    private boolean identity(Column column, Table table) {
        if (column.identity()) return true;
        return switch (kind) {
            case SQLITE -> primaryKey(table).equals(List.of(lower(column.name())))
                    && TypeEquivalence.normalise(TypeEquivalence.render(column.type(), kind), kind).equals("integer");
            case POSTGRESQL -> DefaultEquivalence.isSequenceDefault(column.defaultValue());
            case MARIADB -> false;
        };
    }

    private static boolean sameComment(String a, String b) {
        return Objects.equals(a == null || a.isBlank() ? null : a.strip(), b == null || b.isBlank() ? null : b.strip());
    }

    // ---------------------------------------------------------------- primary key

    private void comparePrimaryKeys() {
        List<String> wanted = primaryKey(target);
        List<String> existing = primaryKey(current);
        if (wanted.equals(existing)) return;
        if (!existing.isEmpty()) dropPrimaryKey.add(new Op.DropPrimaryKey(target.name(), current.primaryKey()));
        if (!wanted.isEmpty()) addPrimaryKey.add(new Op.AddPrimaryKey(target.name(), target.primaryKey()));
    }

    static List<String> primaryKey(Table table) {
        PrimaryKey key = table.primaryKey();
        return key == null ? List.of() : key.columns().stream().map(TableComparison::lower).toList();
    }

    // ---------------------------------------------------------------- unique constraints and unique indexes

    /**
     * A unique constraint and a unique index over the same columns are one thing here: which of the two a
     * database reports (MariaDB has only indexes; SQLite reports autoindexes) is not a difference.
     */
    private void compareUniqueness() {
        Map<String, List<Object>> wanted = uniqueness(target);
        Map<String, List<Object>> existing = uniqueness(current);
        for (Map.Entry<String, List<Object>> e : existing.entrySet()) {
            if (wanted.containsKey(e.getKey())) continue;
            for (Object source : e.getValue()) {
                if (source instanceof UniqueKey key) dropUniques.add(new Op.DropUnique(target.name(), key));
                else dropIndexes.add(new Op.DropIndex(target.name(), (Index) source));
            }
        }
        for (Map.Entry<String, List<Object>> e : wanted.entrySet()) {
            if (existing.containsKey(e.getKey())) continue;
            for (Object source : e.getValue()) {
                if (source instanceof UniqueKey key) {
                    addUniques.add(new Op.AddUnique(target.name(), ConstraintNames.named(key, target.name())));
                }
                else addUniques.add(new Op.CreateIndex(target.name(), ConstraintNames.named((Index) source, target.name())));
            }
        }
        dropUniques.sort(OpOrder.WITHIN_TABLE);
        addUniques.sort(OpOrder.WITHIN_TABLE);
    }

    /** Unique constraints and unique indexes by their column list, leaving out the primary key's own index. */
    private static Map<String, List<Object>> uniqueness(Table table) {
        List<String> pk = primaryKey(table);
        Map<String, List<Object>> map = new LinkedHashMap<>();
        for (UniqueKey key : table.uniqueKeys()) {
            List<String> columns = key.columns().stream().map(TableComparison::indexColumn).toList();
            if (!columns.equals(pk)) map.computeIfAbsent(String.join(",", columns), k -> new ArrayList<>()).add(key);
        }
        for (Index index : table.indexes()) {
            if (!index.unique()) continue;
            List<String> columns = index.columns().stream().map(TableComparison::indexColumn).toList();
            if (!columns.equals(pk)) map.computeIfAbsent(String.join(",", columns), k -> new ArrayList<>()).add(index);
        }
        return map;
    }

    // ---------------------------------------------------------------- plain indexes

    /**
     * Non-unique indexes match by name first (same name, other columns: drop and create), then by columns
     * (a database that named it differently is not a difference). On MariaDB an index over exactly the columns
     * of a foreign key the model keeps is the one MariaDB created for the key itself, not a removal.
     */
    private void compareIndexes() {
        List<Index> wanted = new ArrayList<>(target.indexes().stream().filter(i -> !i.unique()).toList());
        List<Index> existing = new ArrayList<>(current.indexes().stream().filter(i -> !i.unique()).toList());
        for (Index w : List.copyOf(wanted)) {
            Index same = existing.stream().filter(e -> e.name() != null && w.name() != null
                    && e.name().equalsIgnoreCase(w.name())).findFirst().orElse(null);
            if (same == null) continue;
            wanted.remove(w);
            existing.remove(same);
            if (!indexColumns(w).equals(indexColumns(same))) {
                dropIndexes.add(new Op.DropIndex(target.name(), same));
                createIndexes.add(new Op.CreateIndex(target.name(), w));
            }
        }
        for (Index w : List.copyOf(wanted)) {
            Index same = existing.stream().filter(e -> indexColumns(e).equals(indexColumns(w))).findFirst().orElse(null);
            if (same != null) {
                wanted.remove(w);
                existing.remove(same);
            }
        }
        for (Index w : wanted) createIndexes.add(new Op.CreateIndex(target.name(), ConstraintNames.named(w, target.name())));
        for (Index e : existing) {
            // only while the key stays: MariaDB keeps the index when the key is dropped
            if (!isForeignKeyIndex(e, target, kind)) dropIndexes.add(new Op.DropIndex(target.name(), e));
        }
        dropIndexes.sort(OpOrder.WITHIN_TABLE);
        createIndexes.sort(OpOrder.WITHIN_TABLE);
    }

    /** On MariaDB: an index over exactly the columns of one of the table's foreign keys. */
    private static boolean isForeignKeyIndex(Index index, Table table, DatabaseKind kind) {
        if (kind != DatabaseKind.MARIADB || index.unique()) return false;
        List<String> columns = index.columns().stream().map(TableComparison::plainColumn).toList();
        return table.foreignKeys().stream()
                .anyMatch(fk -> fk.columns().stream().map(TableComparison::lower).toList().equals(columns));
    }

    private static List<String> indexColumns(Index index) {
        return index.columns().stream().map(TableComparison::indexColumn).toList();
    }

    /** An index entry in canonical form: {@code name} or {@code name desc}. */
    static String indexColumn(String entry) {
        String s = entry.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (s.endsWith(" asc")) s = s.substring(0, s.length() - 4).trim();
        return s;
    }

    private static String plainColumn(String entry) {
        String s = indexColumn(entry);
        return s.endsWith(" desc") ? s.substring(0, s.length() - 5).trim() : s;
    }

    // ---------------------------------------------------------------- checks

    /**
     * Checks match by what they test; a changed one (same name, other condition) is dropped and added. The check
     * of a varchar that stands for a native enum column is the enum's.
     */
    private void compareChecks() {
        List<Check> existing = new ArrayList<>(current.checks());
        existing.removeAll(enumStandIns.values());
        List<Check> wanted = new ArrayList<>();
        for (Check check : target.checks()) {
            String canonical = CheckEquivalence.normalise(check.expression(), kind);
            Check same = existing.stream().filter(e -> CheckEquivalence.normalise(e.expression(), kind).equals(canonical))
                    .findFirst().orElse(null);
            if (same != null) existing.remove(same);
            else wanted.add(check);
        }
        for (Check check : existing) {
            if (!CheckEquivalence.isImplicit(check, kind)) dropChecks.add(new Op.DropCheck(target.name(), check));
        }
        for (Check check : wanted) addChecks.add(new Op.AddCheck(target.name(), ConstraintNames.named(check, target.name())));
        dropChecks.sort(OpOrder.WITHIN_TABLE);
        addChecks.sort(OpOrder.WITHIN_TABLE);
    }

    // ---------------------------------------------------------------- comment

    private void compareComments() {
        if (kind == DatabaseKind.SQLITE) return; // SQLite has no comments
        if (!sameComment(target.comment(), current.comment())) {
            comment.add(new Op.SetTableComment(target.name(), current.comment(), target.comment()));
        }
    }

    // ---------------------------------------------------------------- foreign keys

    /**
     * Foreign keys match by columns, referenced table and columns, and actions — never by name. On MariaDB a
     * key whose columns (or referenced columns) change type is dropped and re-added around the change, since
     * MariaDB refuses to alter a column a foreign key uses.
     */
    void compareForeignKeys(Set<String> typeChangesEverywhere) {
        List<ForeignKey> existing = new ArrayList<>(current.foreignKeys());
        for (ForeignKey fk : target.foreignKeys()) {
            String key = foreignKeyKey(fk, targetTables);
            ForeignKey same = existing.stream().filter(e -> foreignKeyKey(e, currentTables).equals(key))
                    .findFirst().orElse(null);
            if (same == null) {
                addedForeignKeys.add(ConstraintNames.named(fk, target.name()));
                continue;
            }
            existing.remove(same);
            if (kind == DatabaseKind.MARIADB && touchesTypeChange(fk, typeChangesEverywhere)) {
                droppedForeignKeys.add(same);
                addedForeignKeys.add(ConstraintNames.named(fk, target.name()));
            }
        }
        droppedForeignKeys.addAll(existing);
        droppedForeignKeys.sort(OpOrder.FOREIGN_KEYS);
        addedForeignKeys.sort(OpOrder.FOREIGN_KEYS);
    }

    private boolean touchesTypeChange(ForeignKey fk, Set<String> typeChangesEverywhere) {
        for (String column : fk.columns()) {
            if (typeChangesEverywhere.contains(target.name().key() + "." + lower(column))) return true;
        }
        for (String column : referencedColumns(fk, targetTables)) {
            if (typeChangesEverywhere.contains(fk.referencedTable().key() + "." + column)) return true;
        }
        return false;
    }

    private String foreignKeyKey(ForeignKey fk, Map<String, Table> tables) {
        return String.join(",", fk.columns().stream().map(TableComparison::lower).toList())
                + "->" + fk.referencedTable().key()
                + "(" + String.join(",", referencedColumns(fk, tables)) + ")"
                + " on delete " + action(fk.onDelete()) + " on update " + action(fk.onUpdate());
    }

    /** The referenced columns, or the referenced table's primary key when the key leaves them out. */
    private static List<String> referencedColumns(ForeignKey fk, Map<String, Table> tables) {
        if (!fk.referencedColumns().isEmpty()) {
            return fk.referencedColumns().stream().map(TableComparison::lower).toList();
        }
        Table referenced = tables.get(fk.referencedTable().key());
        return referenced == null ? List.of() : primaryKey(referenced);
    }

    /** MariaDB reports an unspecified action as RESTRICT, which is what NO ACTION means there. */
    private FkAction action(FkAction action) {
        return kind == DatabaseKind.MARIADB && action == FkAction.RESTRICT ? FkAction.NO_ACTION : action;
    }

    // ---------------------------------------------------------------- helpers

    private static Map<String, Column> byName(List<Column> columns) {
        Map<String, Column> map = new LinkedHashMap<>();
        for (Column c : columns) map.putIfAbsent(lower(c.name()), c);
        return map;
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * A current table without the indexes the database made by itself, as a dropped table's definition: the
     * primary key's and a unique constraint's own index, and on MariaDB the index it creates for a foreign key
     * (named after the key).
     */
    static Table withoutImplicitIndexes(Table table, DatabaseKind kind) {
        List<String> pk = primaryKey(table);
        Set<String> uniqueKeys = new HashSet<>();
        for (UniqueKey key : table.uniqueKeys()) {
            uniqueKeys.add(String.join(",", key.columns().stream().map(TableComparison::indexColumn).toList()));
        }
        List<Index> kept = new ArrayList<>();
        for (Index index : table.indexes()) {
            List<String> columns = index.columns().stream().map(TableComparison::indexColumn).toList();
            if (index.unique() && (columns.equals(pk) || uniqueKeys.contains(String.join(",", columns)))) continue;
            if (isForeignKeysOwnIndex(index, table, kind)) continue;
            kept.add(index);
        }
        kept.sort(OpOrder.INDEXES);
        return table.toBuilder().indexes(kept).build();
    }

    /** On MariaDB: the index it created for one of the table's foreign keys (same name, same columns). */
    static boolean isForeignKeysOwnIndex(Index index, Table table, DatabaseKind kind) {
        if (kind != DatabaseKind.MARIADB || index.unique() || index.name() == null) return false;
        List<String> columns = index.columns().stream().map(TableComparison::plainColumn).toList();
        return table.foreignKeys().stream().anyMatch(fk -> fk.name() != null && fk.name().equalsIgnoreCase(index.name())
                && fk.columns().stream().map(TableComparison::lower).toList().equals(columns));
    }

    /** Whether the index's leading columns are exactly the key's columns: MariaDB then uses it for the key. */
    static boolean servesForeignKey(Index index, ForeignKey fk) {
        List<String> columns = index.columns().stream().map(TableComparison::plainColumn).toList();
        List<String> keyColumns = fk.columns().stream().map(TableComparison::lower).toList();
        return columns.size() >= keyColumns.size() && columns.subList(0, keyColumns.size()).equals(keyColumns);
    }
}
