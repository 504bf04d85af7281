package dev.retort.ops;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.PrimaryKey;
import dev.retort.model.Sequence;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;

import java.sql.Connection;
import java.util.List;
import java.util.Objects;

/**
 * The operations a migration calls. Each call becomes one {@link Op} handed to the interpreter that runs
 * the migration, so the same migration executes, prints as SQL, or replays into a scratch database.
 */
public final class Operations {

    private final OpSink sink;

    public Operations(OpSink sink) {
        this.sink = Objects.requireNonNull(sink);
    }

    /** Issues one op; every other method is a typed shorthand for this. */
    public void apply(Op op) {
        sink.accept(op);
    }

    /** The database the migration runs on, for the rare migration that must differ per database. */
    public DatabaseKind database() {
        return sink.database();
    }

    /** The JDBC connection, for data migrations; the ops issued before have run. Not available with --sql. */
    public Connection connection() {
        return sink.connection();
    }

    // tables

    public void createTable(Table table) { apply(new Op.CreateTable(table)); }
    public void dropTable(Table table) { apply(new Op.DropTable(table)); }
    /** Drops a table by name (its downgrade must then recreate it by hand). */
    public void dropTable(String table) { apply(new Op.DropTable(Table.builder(table).build())); }
    public void renameTable(String from, String to) { apply(new Op.RenameTable(TableName.of(from), to)); }
    public void setTableComment(String table, String from, String to) { apply(new Op.SetTableComment(TableName.of(table), from, to)); }

    // columns

    public void addColumn(String table, Column column) { addColumn(TableName.of(table), column); }
    public void addColumn(TableName table, Column column) { apply(new Op.AddColumn(table, column)); }
    public void dropColumn(String table, Column column) { dropColumn(TableName.of(table), column); }
    public void dropColumn(TableName table, Column column) { apply(new Op.DropColumn(table, column)); }
    /** Drops a column by name (its downgrade must then re-add it by hand). */
    public void dropColumn(String table, String column) { apply(new Op.DropColumn(TableName.of(table), Column.of(column, ColumnType.sql("unknown")))); }
    public void alterColumn(String table, Column from, Column to) { alterColumn(TableName.of(table), from, to); }
    public void alterColumn(TableName table, Column from, Column to) { apply(new Op.AlterColumn(table, from, to)); }
    /** Changes a column to {@code to}, whatever it is now (no automatic reverse). */
    public void alterColumn(String table, Column to) { apply(new Op.AlterColumn(TableName.of(table), null, to)); }
    public void renameColumn(String table, String from, String to) { apply(new Op.RenameColumn(TableName.of(table), from, to)); }

    // indexes and constraints

    public void createIndex(String table, Index index) { createIndex(TableName.of(table), index); }
    public void createIndex(TableName table, Index index) { apply(new Op.CreateIndex(table, index)); }
    public void createIndex(String table, String name, String... columns) { createIndex(table, new Index(name, List.of(columns), false)); }
    public void createUniqueIndex(String table, String name, String... columns) { createIndex(table, new Index(name, List.of(columns), true)); }
    public void dropIndex(String table, Index index) { dropIndex(TableName.of(table), index); }
    public void dropIndex(TableName table, Index index) { apply(new Op.DropIndex(table, index)); }
    public void dropIndex(String table, String name) { dropIndex(table, new Index(name, List.of(), false)); }

    public void addUnique(String table, UniqueKey key) { addUnique(TableName.of(table), key); }
    public void addUnique(TableName table, UniqueKey key) { apply(new Op.AddUnique(table, key)); }
    public void dropUnique(String table, UniqueKey key) { dropUnique(TableName.of(table), key); }
    public void dropUnique(TableName table, UniqueKey key) { apply(new Op.DropUnique(table, key)); }

    public void addPrimaryKey(String table, PrimaryKey key) { addPrimaryKey(TableName.of(table), key); }
    public void addPrimaryKey(TableName table, PrimaryKey key) { apply(new Op.AddPrimaryKey(table, key)); }
    public void dropPrimaryKey(String table, PrimaryKey key) { dropPrimaryKey(TableName.of(table), key); }
    public void dropPrimaryKey(TableName table, PrimaryKey key) { apply(new Op.DropPrimaryKey(table, key)); }

    public void addForeignKey(String table, ForeignKey key) { addForeignKey(TableName.of(table), key); }
    public void addForeignKey(TableName table, ForeignKey key) { apply(new Op.AddForeignKey(table, key)); }
    public void dropForeignKey(String table, ForeignKey key) { dropForeignKey(TableName.of(table), key); }
    public void dropForeignKey(TableName table, ForeignKey key) { apply(new Op.DropForeignKey(table, key)); }

    public void addCheck(String table, Check check) { addCheck(TableName.of(table), check); }
    public void addCheck(TableName table, Check check) { apply(new Op.AddCheck(table, check)); }
    public void dropCheck(String table, Check check) { dropCheck(TableName.of(table), check); }
    public void dropCheck(TableName table, Check check) { apply(new Op.DropCheck(table, check)); }

    // sequences

    public void createSequence(Sequence sequence) { apply(new Op.CreateSequence(sequence)); }
    /** Changes a sequence's increment from {@code from}'s to {@code to}'s. */
    public void alterSequence(Sequence from, Sequence to) { apply(new Op.AlterSequence(from, to)); }
    public void dropSequence(Sequence sequence) { apply(new Op.DropSequence(sequence)); }

    // raw SQL

    public void execute(String sql) { apply(new Op.Execute(sql, null)); }
    /** Raw SQL with the statement that undoes it, for reversible generated code. */
    public void execute(String sql, String reverseSql) { apply(new Op.Execute(sql, reverseSql)); }
}
