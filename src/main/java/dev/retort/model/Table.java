package dev.retort.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table with everything that belongs to it. {@code initCommands} are statements to run right after the
 * table is created (the seed row of a table-emulated sequence on SQLite); they are not compared.
 */
public record Table(TableName name, List<Column> columns, PrimaryKey primaryKey, List<ForeignKey> foreignKeys,
                    List<Index> indexes, List<UniqueKey> uniqueKeys, List<Check> checks, String comment,
                    List<String> initCommands) {

    public Table {
        columns = List.copyOf(columns);
        foreignKeys = List.copyOf(foreignKeys);
        indexes = List.copyOf(indexes);
        uniqueKeys = List.copyOf(uniqueKeys);
        checks = List.copyOf(checks);
        initCommands = initCommands == null ? List.of() : List.copyOf(initCommands);
    }

    public static Builder builder(String name) {
        return new Builder(TableName.of(name));
    }

    public static Builder builder(TableName name) {
        return new Builder(name);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.columns.addAll(columns);
        b.primaryKey = primaryKey;
        b.foreignKeys.addAll(foreignKeys);
        b.indexes.addAll(indexes);
        b.uniqueKeys.addAll(uniqueKeys);
        b.checks.addAll(checks);
        b.comment = comment;
        b.initCommands.addAll(initCommands);
        return b;
    }

    /** The column of that name, ignoring case as the databases do. */
    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
    }

    public static final class Builder {
        private TableName name;
        private final List<Column> columns = new ArrayList<>();
        private PrimaryKey primaryKey;
        private final List<ForeignKey> foreignKeys = new ArrayList<>();
        private final List<Index> indexes = new ArrayList<>();
        private final List<UniqueKey> uniqueKeys = new ArrayList<>();
        private final List<Check> checks = new ArrayList<>();
        private String comment;
        private final List<String> initCommands = new ArrayList<>();

        private Builder(TableName name) {
            this.name = name;
        }

        public Builder name(TableName value) { this.name = value; return this; }
        public Builder column(Column column) { columns.add(column); return this; }
        public Builder columns(List<Column> value) { columns.clear(); columns.addAll(value); return this; }
        public Builder primaryKey(PrimaryKey key) { this.primaryKey = key; return this; }
        public Builder primaryKey(String... cols) { this.primaryKey = PrimaryKey.of(cols); return this; }
        public Builder foreignKey(ForeignKey key) { foreignKeys.add(key); return this; }
        public Builder foreignKeys(List<ForeignKey> value) { foreignKeys.clear(); foreignKeys.addAll(value); return this; }
        public Builder index(Index index) { indexes.add(index); return this; }
        public Builder indexes(List<Index> value) { indexes.clear(); indexes.addAll(value); return this; }
        public Builder unique(UniqueKey key) { uniqueKeys.add(key); return this; }
        public Builder uniqueKeys(List<UniqueKey> value) { uniqueKeys.clear(); uniqueKeys.addAll(value); return this; }
        public Builder check(Check check) { checks.add(check); return this; }
        public Builder checks(List<Check> value) { checks.clear(); checks.addAll(value); return this; }
        public Builder comment(String text) { this.comment = text; return this; }
        public Builder initCommand(String sql) { initCommands.add(sql); return this; }
        public Builder initCommands(List<String> value) { initCommands.clear(); initCommands.addAll(value); return this; }

        public Table build() {
            return new Table(name, columns, primaryKey, foreignKeys, indexes, uniqueKeys, checks, comment, initCommands);
        }
    }
}
