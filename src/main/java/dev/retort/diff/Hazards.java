package dev.retort.diff;

import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.TableName;
import dev.retort.ops.Op;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The warnings that go with a list of ops: what a drop deletes, what can fail on a table with rows, and the
 * placeholder values the comparator chose for existing rows ({@link Backfill}).
 */
final class Hazards {

    private Hazards() {
    }

    static List<String> of(List<Op> ops) {
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            if (op instanceof Op.DropTable d) {
                warnings.add("Dropping table '" + d.table() + "' deletes all its rows.");
            } else if (op instanceof Op.DropColumn d) {
                String warning = "Dropping column '" + d.table() + "." + d.column().name() + "' deletes its values.";
                if (i > 0 && ops.get(i - 1) instanceof Op.AlterColumn a && isDownfillPair(a, d)) {
                    warning += " A downgrade re-adds it with " + d.column().defaultValue() + " in every row.";
                }
                warnings.add(warning);
            } else if (op instanceof Op.AddColumn a) {
                addedColumn(a, i + 1 < ops.size() ? ops.get(i + 1) : null, ops, warnings);
            } else if (op instanceof Op.AlterColumn a && a.from() != null && !isBackfill(ops, i)
                    && !(i + 1 < ops.size() && ops.get(i + 1) instanceof Op.DropColumn d && isDownfillPair(a, d))) {
                alteredColumn(a, warnings);
            } else if (op instanceof Op.DropSequence d) {
                warnings.add("Dropping sequence '" + d.sequence().name() + "' loses its current value.");
            }
        }
        return warnings;
    }

    private static void addedColumn(Op.AddColumn add, Op next, List<Op> ops, List<String> warnings) {
        Column column = add.column();
        String where = "'" + add.table() + "." + column.name() + "'";
        if (next instanceof Op.AlterColumn alter && isBackfillPair(add, alter)) {
            String value = column.defaultValue();
            StringBuilder sb = new StringBuilder("Column " + where + " is NOT NULL without a default: existing rows get "
                    + value + " (a temporary default, removed right after). Change it in the migration if another"
                    + " value is right.");
            if (inForeignKey(ops, add.table(), column.name())) {
                sb.append(" A foreign key on it will reject ").append(value).append(" unless the referenced table has that key.");
            }
            if (inUniqueness(ops, add.table(), column.name())) {
                sb.append(" Every existing row gets the same value, so a unique constraint or primary key on it fails"
                        + " with more than one row.");
            }
            warnings.add(sb.toString());
        } else if (!column.nullable() && column.defaultValue() == null && !column.identity()) {
            warnings.add("Column " + where + " is NOT NULL without a default and its type has no placeholder value:"
                    + " the upgrade fails if '" + add.table() + "' has rows. Give it a default or fill it in the migration.");
        }
    }

    private static void alteredColumn(Op.AlterColumn a, List<String> warnings) {
        String where = "'" + a.table() + "." + a.to().name() + "'";
        if (a.from().nullable() && !a.to().nullable()) {
            warnings.add("Column " + where + " becomes NOT NULL: the upgrade fails if it holds NULLs.");
        }
        if (a.changesType() && !widens(a.from().type(), a.to().type())) {
            warnings.add("Type change on " + where + " from " + Detections.label(a.from().type()) + " to "
                    + Detections.label(a.to().type()) + " may fail or lose data on existing values.");
        }
    }

    /**
     * Whether the type only grows, so every existing value fits unchanged: a wider integer (tinyint → smallint →
     * int → bigint), real → double, or the same type with no smaller length or precision and the same scale (a
     * larger scale with the same precision leaves fewer integer digits).
     */
    static boolean widens(ColumnType from, ColumnType to) {
        if (from.isVerbatim() || to.isVerbatim()) return false;
        if (from.code() != to.code()) {
            int a = rank(from);
            int b = rank(to);
            return a > 0 && b > 0 && a / 10 == b / 10 && a <= b;
        }
        if (!notSmaller(from.length(), to.length()) || !notSmaller(from.precision(), to.precision())) return false;
        if (from.code() == Types.NUMERIC || from.code() == Types.DECIMAL) {
            return Objects.equals(from.scale(), to.scale());
        }
        return notSmaller(from.scale(), to.scale());
    }

    /** Family (tens) and size (units) of the types that widen into each other; 0 for the others. */
    private static int rank(ColumnType type) {
        return switch (type.code()) {
            case Types.TINYINT -> 11;
            case Types.SMALLINT -> 12;
            case Types.INTEGER -> 13;
            case Types.BIGINT -> 14;
            case Types.REAL -> 21;
            // float(p) is single precision up to p = 24 (Hibernate writes float(53) for a double)
            case Types.FLOAT -> type.precision() != null && type.precision() > 24 ? 22 : 21;
            case Types.DOUBLE -> 22;
            default -> 0;
        };
    }

    private static boolean notSmaller(Number from, Number to) {
        if (from == null) return to == null;
        return to == null || to.longValue() >= from.longValue();
    }

    /** Whether op {@code i} removes the placeholder default that op {@code i - 1} added (see {@link Backfill}). */
    static boolean isBackfill(List<Op> ops, int i) {
        return i > 0 && ops.get(i - 1) instanceof Op.AddColumn add && ops.get(i) instanceof Op.AlterColumn alter
                && isBackfillPair(add, alter);
    }

    /** An {@code AddColumn} with a default immediately undone by the next op: the comparator's placeholder. */
    private static boolean isBackfillPair(Op.AddColumn add, Op.AlterColumn alter) {
        return alter.from() != null && add.table().matches(alter.table()) && add.column().equals(alter.from())
                && add.column().defaultValue() != null && alter.to().defaultValue() == null
                && Objects.equals(add.column().withDefault(null), alter.to());
    }

    /** An {@code AlterColumn} giving a column about to be dropped a default, for the downgrade's sake. */
    private static boolean isDownfillPair(Op.AlterColumn alter, Op.DropColumn drop) {
        return alter.from() != null && alter.table().matches(drop.table()) && alter.to().equals(drop.column())
                && alter.from().defaultValue() == null && drop.column().defaultValue() != null;
    }

    private static boolean inForeignKey(List<Op> ops, TableName table, String column) {
        return ops.stream().anyMatch(op -> op instanceof Op.AddForeignKey fk && fk.table().matches(table)
                && fk.key().columns().stream().anyMatch(column::equalsIgnoreCase));
    }

    private static boolean inUniqueness(List<Op> ops, TableName table, String column) {
        return ops.stream().anyMatch(op -> op.table() != null && op.table().matches(table) && (
                (op instanceof Op.AddUnique u && u.key().columns().stream().anyMatch(column::equalsIgnoreCase))
                        || (op instanceof Op.CreateIndex c && c.index().unique()
                        && c.index().columns().stream().anyMatch(e -> TableComparison.indexColumn(e).split(" ")[0].equalsIgnoreCase(column)))
                        || (op instanceof Op.AddPrimaryKey p && p.key().columns().stream().anyMatch(column::equalsIgnoreCase))));
    }
}
