package dev.retort.ops;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.PrimaryKey;
import dev.retort.model.Sequence;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;

import java.util.Objects;

/**
 * One schema change. The comparator emits them, the renderer prints them as Java, the DDL interpreter runs
 * or prints them. Every op carries what it needs to be undone: {@link #reverse()} is data, not code, and a
 * drop carries the full definition of what it drops.
 */
public sealed interface Op {

    /** The op that undoes this one. */
    Op reverse();

    /** The table this op changes, or null for ops that belong to no table (sequences, raw SQL). */
    TableName table();

    /** A one-line description in Alembic's words: {@code added column 'BookDetail.description'}. */
    String describe();

    /** Whether running this op can lose data (a dropped table or column, a narrowed type). */
    default boolean losesData() {
        return false;
    }

    record CreateTable(Table definition) implements Op {
        public CreateTable { Objects.requireNonNull(definition); }
        public Op reverse() { return new DropTable(definition); }
        public TableName table() { return definition.name(); }
        public String describe() { return "added table '" + definition.name() + "'"; }
    }

    record DropTable(Table definition) implements Op {
        public DropTable { Objects.requireNonNull(definition); }
        public Op reverse() { return new CreateTable(definition); }
        public TableName table() { return definition.name(); }
        public String describe() { return "removed table '" + definition.name() + "'"; }
        @Override public boolean losesData() { return true; }
    }

    record RenameTable(TableName from, String to) implements Op {
        public Op reverse() { return new RenameTable(new TableName(from.schema(), to), from.name()); }
        public TableName table() { return from; }
        public String describe() { return "renamed table '" + from + "' to '" + to + "'"; }
    }

    record SetTableComment(TableName table, String from, String to) implements Op {
        public Op reverse() { return new SetTableComment(table, to, from); }
        public String describe() { return "changed comment of table '" + table + "'"; }
    }

    record AddColumn(TableName table, Column column) implements Op {
        public Op reverse() { return new DropColumn(table, column); }
        public String describe() { return "added column '" + table + "." + column.name() + "'"; }
    }

    record DropColumn(TableName table, Column column) implements Op {
        public Op reverse() { return new AddColumn(table, column); }
        public String describe() { return "removed column '" + table + "." + column.name() + "'"; }
        @Override public boolean losesData() { return true; }
    }

    /**
     * Changes a column from one full definition to another: type, length, precision, scale, nullability,
     * default, comment and name. Both sides are kept so the change reverses exactly. A hand-written
     * migration may leave {@code from} null ("as it is now"); such an op has no reverse.
     */
    record AlterColumn(TableName table, Column from, Column to) implements Op {
        public AlterColumn { Objects.requireNonNull(to, "to"); }
        public Op reverse() {
            if (from == null) {
                throw new IrreversibleOperationException("alterColumn on '" + table + "." + to.name() + "' has no previous definition to go back to");
            }
            return new AlterColumn(table, to, from);
        }
        public String describe() {
            return "altered column '" + table + "." + (from == null ? to : from).name() + "' (" + String.join(", ", changes()) + ")";
        }

        public boolean renames() { return from != null && !from.name().equals(to.name()); }
        public boolean changesType() { return from == null || !from.type().equals(to.type()); }
        public boolean changesNullability() { return from == null || from.nullable() != to.nullable(); }
        public boolean changesDefault() { return from == null || !Objects.equals(from.defaultValue(), to.defaultValue()); }
        public boolean changesComment() { return from == null || !Objects.equals(from.comment(), to.comment()); }

        /** The aspects that change, in words: {@code type}, {@code nullable}, {@code default}, … */
        public java.util.List<String> changes() {
            java.util.List<String> list = new java.util.ArrayList<>();
            if (renames()) list.add("name " + from.name() + " -> " + to.name());
            if (changesType()) list.add("type");
            if (changesNullability()) list.add(to.nullable() ? "now nullable" : "now not null");
            if (changesDefault()) list.add("default");
            if (changesComment()) list.add("comment");
            if (from != null && from.identity() != to.identity()) list.add("identity");
            return list;
        }
    }

    record RenameColumn(TableName table, String from, String to) implements Op {
        public Op reverse() { return new RenameColumn(table, to, from); }
        public String describe() { return "renamed column '" + table + "." + from + "' to '" + to + "'"; }
    }

    record CreateIndex(TableName table, Index index) implements Op {
        public Op reverse() { return new DropIndex(table, index); }
        public String describe() {
            return "added " + (index.unique() ? "unique " : "") + "index '" + index.name() + "' on '" + table + "' " + index.columns();
        }
    }

    record DropIndex(TableName table, Index index) implements Op {
        public Op reverse() { return new CreateIndex(table, index); }
        public String describe() { return "removed index '" + index.name() + "' on '" + table + "'"; }
    }

    record AddUnique(TableName table, UniqueKey key) implements Op {
        public Op reverse() { return new DropUnique(table, key); }
        public String describe() { return "added unique constraint on '" + table + "' " + key.columns(); }
    }

    record DropUnique(TableName table, UniqueKey key) implements Op {
        public Op reverse() { return new AddUnique(table, key); }
        public String describe() { return "removed unique constraint on '" + table + "' " + key.columns(); }
    }

    record AddPrimaryKey(TableName table, PrimaryKey key) implements Op {
        public Op reverse() { return new DropPrimaryKey(table, key); }
        public String describe() { return "added primary key on '" + table + "' " + key.columns(); }
    }

    record DropPrimaryKey(TableName table, PrimaryKey key) implements Op {
        public Op reverse() { return new AddPrimaryKey(table, key); }
        public String describe() { return "removed primary key on '" + table + "' " + key.columns(); }
    }

    record AddForeignKey(TableName table, ForeignKey key) implements Op {
        public Op reverse() { return new DropForeignKey(table, key); }
        public String describe() {
            return "added foreign key '" + table + "' " + key.columns() + " -> '" + key.referencedTable() + "' " + key.referencedColumns();
        }
    }

    record DropForeignKey(TableName table, ForeignKey key) implements Op {
        public Op reverse() { return new AddForeignKey(table, key); }
        public String describe() {
            return "removed foreign key '" + table + "' " + key.columns() + " -> '" + key.referencedTable() + "' " + key.referencedColumns();
        }
    }

    record AddCheck(TableName table, Check check) implements Op {
        public Op reverse() { return new DropCheck(table, check); }
        public String describe() { return "added check constraint on '" + table + "': " + check.expression(); }
    }

    record DropCheck(TableName table, Check check) implements Op {
        public Op reverse() { return new AddCheck(table, check); }
        public String describe() { return "removed check constraint on '" + table + "': " + check.expression(); }
    }

    record CreateSequence(Sequence sequence) implements Op {
        public Op reverse() { return new DropSequence(sequence); }
        public TableName table() { return null; }
        public String describe() { return "added sequence '" + sequence.name() + "'"; }
    }

    record DropSequence(Sequence sequence) implements Op {
        public Op reverse() { return new CreateSequence(sequence); }
        public TableName table() { return null; }
        public String describe() { return "removed sequence '" + sequence.name() + "'"; }
    }

    /**
     * A sequence's increment changed (its allocation size in the mapping). Hibernate's pooled optimizers refuse to
     * start when the two disagree. The start is not altered: a sequence in use continues from where it is.
     */
    record AlterSequence(Sequence from, Sequence to) implements Op {
        public AlterSequence {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
        public Op reverse() { return new AlterSequence(to, from); }
        public TableName table() { return null; }
        public String describe() {
            return "changed increment of sequence '" + to.name() + "' from " + from.increment() + " to " + to.increment();
        }
    }

    /** Raw SQL, with the SQL that undoes it (null when it cannot be undone). */
    record Execute(String sql, String reverseSql) implements Op {
        public Execute { Objects.requireNonNull(sql, "sql"); }
        public Op reverse() {
            if (reverseSql == null) {
                throw new IrreversibleOperationException("cannot reverse raw SQL without a reverse statement: " + sql);
            }
            return new Execute(reverseSql, sql);
        }
        public TableName table() { return null; }
        public String describe() { return "executed SQL: " + sql; }
    }
}
