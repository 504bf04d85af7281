package dev.retort.diff;

import dev.retort.model.ColumnType;
import dev.retort.model.FkAction;
import dev.retort.model.ForeignKey;
import dev.retort.model.TableName;
import dev.retort.ops.Op;
import org.hibernate.type.descriptor.JdbcTypeNameMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The CLI's "Detected ..." lines, one per op, worded as Alembic's autogenerate words them. */
final class Detections {

    private Detections() {
    }

    static List<String> lines(List<Op> ops) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            // the removal of a placeholder default is not a change of the model: the warning explains it
            if (Hazards.isBackfill(ops, i)) continue;
            lines.add("Detected " + phrase(ops.get(i)));
        }
        return lines;
    }

    private static String phrase(Op op) {
        if (op instanceof Op.CreateTable c) return "added table '" + c.table() + "'";
        if (op instanceof Op.DropTable d) return "removed table '" + d.table() + "'";
        if (op instanceof Op.AddColumn a) return "added column '" + a.table() + "." + a.column().name() + "'";
        if (op instanceof Op.DropColumn d) return "removed column '" + d.table() + "." + d.column().name() + "'";
        if (op instanceof Op.AlterColumn a && a.from() != null) return alteration(a);
        if (op instanceof Op.CreateIndex c) {
            return "added " + (c.index().unique() ? "unique " : "") + "index " + name(c.index().name()) + "on '"
                    + c.table() + "' " + columns(c.index().columns());
        }
        if (op instanceof Op.DropIndex d) {
            return "removed " + (d.index().unique() ? "unique " : "") + "index " + name(d.index().name()) + "on '"
                    + d.table() + "' " + columns(d.index().columns());
        }
        if (op instanceof Op.AddUnique a) {
            return "added unique constraint " + name(a.key().name()) + "on '" + a.table() + "' " + columns(a.key().columns());
        }
        if (op instanceof Op.DropUnique d) {
            return "removed unique constraint " + name(d.key().name()) + "on '" + d.table() + "' " + columns(d.key().columns());
        }
        if (op instanceof Op.AddPrimaryKey a) return "added primary key on '" + a.table() + "' " + columns(a.key().columns());
        if (op instanceof Op.DropPrimaryKey d) return "removed primary key on '" + d.table() + "' " + columns(d.key().columns());
        if (op instanceof Op.AddForeignKey a) return "added foreign key " + foreignKey(a.table(), a.key());
        if (op instanceof Op.DropForeignKey d) return "removed foreign key " + foreignKey(d.table(), d.key());
        if (op instanceof Op.AddCheck a) return "added check constraint " + name(a.check().name()) + "on '" + a.table() + "': " + a.check().expression();
        if (op instanceof Op.DropCheck d) return "removed check constraint " + name(d.check().name()) + "on '" + d.table() + "': " + d.check().expression();
        if (op instanceof Op.CreateSequence c) return "added sequence '" + c.sequence().name() + "'";
        if (op instanceof Op.DropSequence d) return "removed sequence '" + d.sequence().name() + "'";
        if (op instanceof Op.SetTableComment c) return "changed comment on table '" + c.table() + "'";
        return op.describe();
    }

    private static String alteration(Op.AlterColumn a) {
        List<String> parts = new ArrayList<>();
        if (a.renames()) parts.add("name change from " + a.from().name() + " to " + a.to().name());
        if (a.changesType()) {
            parts.add("type change from " + label(a.from().type()) + " to " + label(a.to().type()));
        }
        if (a.changesNullability()) parts.add(a.to().nullable() ? "NULL" : "NOT NULL");
        if (a.changesDefault()) {
            if (a.from().defaultValue() == null) parts.add("added server default " + a.to().defaultValue());
            else if (a.to().defaultValue() == null) parts.add("removed server default " + a.from().defaultValue());
            else parts.add("server default change from " + a.from().defaultValue() + " to " + a.to().defaultValue());
        }
        if (a.changesComment()) parts.add("column comment change");
        if (a.from().identity() != a.to().identity()) parts.add(a.to().identity() ? "added identity" : "removed identity");
        return String.join(", ", parts) + " on column '" + a.table() + "." + a.to().name() + "'";
    }

    private static String foreignKey(TableName table, ForeignKey fk) {
        String text = "'" + table + "' " + columns(fk.columns()) + " -> '" + fk.referencedTable() + "' "
                + columns(fk.referencedColumns());
        if (fk.onDelete() != FkAction.NO_ACTION) text += " on delete " + fk.onDelete().sql();
        if (fk.onUpdate() != FkAction.NO_ACTION) text += " on update " + fk.onUpdate().sql();
        return text;
    }

    private static String name(String name) {
        return name == null ? "" : "'" + name + "' ";
    }

    private static String columns(List<String> columns) {
        return "(" + String.join(", ", columns) + ")";
    }

    /**
     * A type as the migration source spells it, the same on every database: the verbatim definition, or the
     * type code's name with its size ({@code varchar(255)}, {@code numeric(10,2)}, {@code timestamp(6)}).
     */
    static String label(ColumnType type) {
        if (type.isVerbatim()) return type.definition();
        String name = JdbcTypeNameMapper.getTypeName(type.code()).toLowerCase(Locale.ROOT);
        if (type.length() != null) return name + "(" + type.length() + ")";
        if (type.precision() != null) {
            return name + "(" + type.precision() + (type.scale() == null ? "" : "," + type.scale()) + ")";
        }
        return name;
    }
}
