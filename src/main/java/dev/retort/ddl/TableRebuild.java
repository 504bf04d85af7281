package dev.retort.ddl;

import dev.retort.inspect.SchemaInspector;
import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.DatabaseKind;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.PrimaryKey;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;
import dev.retort.ops.Op;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * SQLite's way to make the changes its ALTER TABLE cannot: create the new shape under a temporary name, copy
 * the rows, drop the old table, rename the new one, and recreate the indexes, triggers and views that went with
 * the old one (the "12 steps" of SQLite's ALTER TABLE documentation). It collects every op on one table so that
 * they cost one rebuild, and plans against the live table at the last moment.
 *
 * <p>Columns that no op changes keep their declared type text; rows keep their rowid. No {@code CAST} is
 * written: {@code INSERT ... SELECT} applies the new column's affinity to every value, which is exactly how a
 * SQLite column of that type converts.
 */
final class TableRebuild {

    static final String TEMPORARY_PREFIX = "_retort_new_";

    private final TableName table;
    private final List<Op> ops = new ArrayList<>();

    TableRebuild(TableName table) {
        this.table = table;
    }

    TableName table() {
        return table;
    }

    void add(Op op) {
        ops.add(op);
    }

    /** Whether an op on the table can become part of its rebuild (not so creating, dropping or renaming it). */
    static boolean canJoin(Op op) {
        return !(op instanceof Op.CreateTable || op instanceof Op.DropTable || op instanceof Op.RenameTable
                || op.table() == null);
    }

    /** A NOT NULL the rows must satisfy: {@code nullTest} finds the offending rows (the message counts them). */
    record NotNullCheck(String column, String nullTest, boolean added) {
        String message(TableName table, long rows) {
            return added
                    ? "cannot add " + table + "." + column + " NOT NULL without a default: " + rows + (rows == 1 ? " row" : " rows") + " would have NULL"
                    : "cannot make " + table + "." + column + " NOT NULL: " + rows + (rows == 1 ? " row has" : " rows have") + " NULL";
        }
    }

    /** What the rebuild does: its statements, and the NOT NULL checks that explain a failed copy. */
    record Plan(List<NotNullCheck> checks, List<String> statements) {
    }

    /** Reads the table as it is now and plans the rebuild that applies every collected op to it. */
    Plan plan(Connection c, DdlGenerator ddl) throws SQLException {
        Table live = SchemaInspector.inspectTable(c, DatabaseKind.SQLITE, table)
                .orElseThrow(() -> new DdlException("cannot change table '" + table + "': it does not exist"));
        Catalog catalog = Catalog.read(c, live.name());
        Shape shape = new Shape(live, catalog, ddl);
        for (Op op : ops) {
            shape.apply(op);
        }
        return shape.plan();
    }

    /** What sqlite_master and the pragmas know that the model does not. */
    private record Catalog(Map<String, String> declaredTypes, boolean withoutRowid, boolean strict,
                           Map<String, String> indexSql, List<SchemaObject> viewsAndTriggers) {

        static Catalog read(Connection c, TableName table) throws SQLException {
            Map<String, String> types = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select name, type from pragma_table_info(?)")) {
                ps.setString(1, table.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) types.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
                }
            }
            boolean withoutRowid = false;
            boolean strict = false;
            try (PreparedStatement ps = c.prepareStatement(
                    "select wr, strict from pragma_table_list where schema = 'main' and name = ? collate nocase")) {
                ps.setString(1, table.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        withoutRowid = rs.getInt(1) != 0;
                        strict = rs.getInt(2) != 0;
                    }
                }
            }
            Map<String, String> indexSql = new HashMap<>();
            List<SchemaObject> others = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select type, name, tbl_name, sql from sqlite_master"
                    + " where type in ('index', 'trigger', 'view') and sql is not null order by rowid");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SchemaObject o = new SchemaObject(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
                    if (o.type().equals("index")) {
                        if (o.table().equalsIgnoreCase(table.name())) indexSql.put(o.name().toLowerCase(Locale.ROOT), o.sql());
                    } else {
                        others.add(o);
                    }
                }
            }
            return new Catalog(types, withoutRowid, strict, indexSql, others);
        }
    }

    /** A row of sqlite_master. */
    private record SchemaObject(String type, String name, String table, String sql) {
    }

    /**
     * A column of the new table and the live column its values come from (null for a new column). {@code fill}
     * is what a new column holds in the existing rows: the default it was added with, even when a later op of
     * the same rebuild removes that default (the comparator's add-with-placeholder-then-drop-default pair).
     */
    private record Slot(Column column, String source, String declaredType, String fill) {
        Slot(Column column, String source, String declaredType) {
            this(column, source, declaredType, null);
        }
    }

    /** An index of the new table; {@code sql} is the live index's own text (null for a new one). */
    private record IndexSlot(Index index, String sql) {
    }

    /** The new table, built by applying the ops one by one to the live one. */
    private final class Shape {
        private final Table live;
        private final Catalog catalog;
        private final DdlGenerator ddl;
        private final List<Slot> columns = new ArrayList<>();
        private PrimaryKey primaryKey;
        private final List<UniqueKey> uniqueKeys;
        private final List<ForeignKey> foreignKeys;
        private final List<Check> checks;
        private final List<IndexSlot> indexes = new ArrayList<>();
        /** Live column name (lower case) to its final name, for stored SQL that names the column. */
        private final Map<String, String> renames = new LinkedHashMap<>();

        Shape(Table live, Catalog catalog, DdlGenerator ddl) {
            this.live = live;
            this.catalog = catalog;
            this.ddl = ddl;
            for (Column column : live.columns()) {
                columns.add(new Slot(column, column.name(), catalog.declaredTypes().get(column.name().toLowerCase(Locale.ROOT))));
            }
            primaryKey = live.primaryKey();
            uniqueKeys = new ArrayList<>(live.uniqueKeys());
            foreignKeys = new ArrayList<>(live.foreignKeys());
            checks = new ArrayList<>(live.checks());
            for (Index index : live.indexes()) {
                // the index's own text keeps what the model does not: expressions, collations, a WHERE clause
                indexes.add(new IndexSlot(index, catalog.indexSql().get(index.name().toLowerCase(Locale.ROOT))));
            }
        }

        void apply(Op op) {
            if (op instanceof Op.AddColumn o) {
                if (slot(o.column().name()) >= 0) {
                    throw new DdlException("cannot add column " + table + "." + o.column().name() + ": it exists");
                }
                NativeEnum values = ddl.nativeEnumElsewhere(o.column().type());
                columns.add(new Slot(ddl.withoutNativeEnum(o.column()), null, null, o.column().defaultValue()));
                if (values != null) checks.add(values.check(table, o.column().name(), ddl));
            } else if (op instanceof Op.DropColumn o) {
                dropColumn(o.column().name());
            } else if (op instanceof Op.AlterColumn o) {
                String name = o.from() != null ? o.from().name() : o.to().name();
                int i = existing(name);
                Slot slot = columns.get(i);
                Column to = o.to();
                boolean keepsType = o.from() != null && !o.changesType() && slot.column().identity() == to.identity();
                boolean sameValues = replaceEnumCheck(o, slot.column().name());
                keepsType |= sameValues && slot.column().identity() == to.identity();
                columns.set(i, new Slot(keepsType ? to.withType(slot.column().type()) : ddl.withoutNativeEnum(to), slot.source(),
                        keepsType ? slot.declaredType() : null, slot.fill()));
                if (!slot.column().name().equals(to.name())) {
                    renamed(slot, to.name());
                }
            } else if (op instanceof Op.RenameColumn o) {
                int i = existing(o.from());
                Slot slot = columns.get(i);
                columns.set(i, new Slot(slot.column().withName(o.to()), slot.source(), slot.declaredType(), slot.fill()));
                renamed(slot, o.to());
            } else if (op instanceof Op.CreateIndex o) {
                if (indexes.stream().anyMatch(x -> x.index().name().equalsIgnoreCase(o.index().name()))) {
                    throw new DdlException("cannot create index " + o.index().name() + " on " + table + ": it exists");
                }
                indexes.add(new IndexSlot(o.index(), null));
            } else if (op instanceof Op.DropIndex o) {
                removeOne(indexes, x -> x.index().name().equalsIgnoreCase(o.index().name()),
                        "index " + o.index().name());
            } else if (op instanceof Op.AddUnique o) {
                uniqueKeys.add(o.key());
            } else if (op instanceof Op.DropUnique o) {
                removeOne(uniqueKeys, k -> o.key().name() != null && o.key().name().equalsIgnoreCase(k.name())
                        || sameNames(k.columns(), o.key().columns()), "unique constraint " + o.key().columns());
            } else if (op instanceof Op.AddPrimaryKey o) {
                if (primaryKey != null) {
                    throw new DdlException("cannot add a primary key to " + table + ": it has one on " + primaryKey.columns());
                }
                primaryKey = o.key();
            } else if (op instanceof Op.DropPrimaryKey o) {
                if (primaryKey == null) {
                    throw new DdlException("cannot drop the primary key of " + table + ": it has none");
                }
                primaryKey = null;
            } else if (op instanceof Op.AddForeignKey o) {
                foreignKeys.add(o.key());
            } else if (op instanceof Op.DropForeignKey o) {
                removeOne(foreignKeys, k -> o.key().name() != null && o.key().name().equalsIgnoreCase(k.name())
                        || sameNames(k.columns(), o.key().columns()) && k.referencedTable().matches(o.key().referencedTable())
                        && (o.key().referencedColumns().isEmpty() || sameNames(k.referencedColumns(), o.key().referencedColumns())),
                        "foreign key " + o.key().columns() + " -> " + o.key().referencedTable());
            } else if (op instanceof Op.AddCheck o) {
                checks.add(o.check());
            } else if (op instanceof Op.DropCheck o) {
                removeOne(checks, k -> o.check().name() != null && o.check().name().equalsIgnoreCase(k.name())
                        || normalized(k.expression()).equals(normalized(o.check().expression())), "check " + o.check().expression());
            } else if (!(op instanceof Op.SetTableComment)) { // SQLite keeps no comments
                throw new IllegalStateException("not part of a rebuild: " + op.describe());
            }
        }

        /**
         * A change to or from MariaDB's native enum type ({@link NativeEnum}): the old enum's check goes, found by its
         * name or by what it allows, and the new one's comes, unless both allow the same values. Returns whether they
         * do: the column then keeps the type it has.
         */
        private boolean replaceEnumCheck(Op.AlterColumn op, String column) {
            NativeEnum was = op.from() == null ? null : ddl.nativeEnumElsewhere(op.from().type());
            NativeEnum becomes = ddl.nativeEnumElsewhere(op.to().type());
            if (was != null && was.sameLabels(becomes)) return true;
            if (was != null) {
                String name = was.checkName(table, op.from().name());
                removeOne(checks, k -> name.equalsIgnoreCase(k.name()) || was.isCheckOf(k, column),
                        "check " + was.check(table, column, ddl).expression());
            }
            if (becomes != null) {
                String name = becomes.checkName(table, op.to().name());
                // without a previous definition the column may have the check already
                checks.removeIf(k -> op.from() == null && (name.equalsIgnoreCase(k.name()) || becomes.isCheckOf(k, column)));
                checks.add(becomes.check(table, op.to().name(), ddl));
            }
            return false;
        }

        /** Dropping a column takes with it what is built on it, as PostgreSQL's DROP COLUMN does. */
        private void dropColumn(String name) {
            columns.remove(existing(name));
            if (primaryKey != null && containsName(primaryKey.columns(), name)) primaryKey = null;
            uniqueKeys.removeIf(k -> containsName(k.columns(), name));
            foreignKeys.removeIf(k -> containsName(k.columns(), name));
            checks.removeIf(k -> SqlText.mentions(k.expression(), name));
            indexes.removeIf(x -> x.sql() != null ? SqlText.mentions(afterParenthesis(x.sql()), name)
                    : x.index().columns().stream().anyMatch(entry -> columnOf(entry).equalsIgnoreCase(name)));
        }

        private void renamed(Slot slot, String to) {
            String from = slot.column().name();
            if (primaryKey != null) primaryKey = new PrimaryKey(primaryKey.name(), renamedNames(primaryKey.columns(), from, to));
            uniqueKeys.replaceAll(k -> new UniqueKey(k.name(), renamedNames(k.columns(), from, to)));
            foreignKeys.replaceAll(k -> new ForeignKey(k.name(), renamedNames(k.columns(), from, to), k.referencedTable(),
                    k.referencedTable().matches(table) ? renamedNames(k.referencedColumns(), from, to) : k.referencedColumns(),
                    k.onDelete(), k.onUpdate()));
            checks.replaceAll(k -> new Check(k.name(), SqlText.renameIdentifier(k.expression(), from, ddl.quote(to))));
            indexes.replaceAll(x -> x.sql() != null ? new IndexSlot(x.index(), renameInBody(x.sql(), from, to))
                    : new IndexSlot(new Index(x.index().name(), renamedEntries(x.index().columns(), from, to), x.index().unique()), null));
            if (slot.source() != null) {
                renames.put(slot.source().toLowerCase(Locale.ROOT), to);
            }
        }

        Plan plan() {
            String quotedTable = ddl.table(table);
            String temporary = ddl.quote(TEMPORARY_PREFIX + live.name().name());
            if (live.name().schema() != null) {
                temporary = ddl.quote(live.name().schema()) + "." + temporary;
            }

            Table target = Table.builder(live.name()).columns(columns.stream().map(Slot::column).toList())
                    .primaryKey(primaryKey).uniqueKeys(uniqueKeys).foreignKeys(foreignKeys).checks(checks).build();
            Map<String, String> declared = new HashMap<>();
            for (Slot slot : columns) {
                if (slot.declaredType() != null) declared.put(slot.column().name().toLowerCase(Locale.ROOT), slot.declaredType());
            }
            List<String> options = new ArrayList<>();
            if (catalog.strict()) options.add("strict");
            if (catalog.withoutRowid()) options.add("without rowid");

            List<String> sql = new ArrayList<>();
            sql.add(ddl.createTableStatement(target, temporary, declared) + (options.isEmpty() ? "" : " " + String.join(", ", options)));
            sql.add(copy(temporary, quotedTable, target, declared));

            Set<String> affected = affectedNames();
            List<SchemaObject> views = catalog.viewsAndTriggers().stream()
                    .filter(o -> o.type().equals("view") && affected.contains(o.name().toLowerCase(Locale.ROOT))).toList();
            List<SchemaObject> triggers = catalog.viewsAndTriggers().stream()
                    .filter(o -> o.type().equals("trigger") && (affected.contains(o.table().toLowerCase(Locale.ROOT))
                            || affected.stream().anyMatch(name -> SqlText.mentions(o.sql(), name)))).toList();
            for (int i = views.size() - 1; i >= 0; i--) {
                sql.add("drop view " + ddl.quote(views.get(i).name()));
            }
            for (SchemaObject trigger : triggers) {
                sql.add("drop trigger " + ddl.quote(trigger.name()));
            }
            sql.add("drop table " + quotedTable);
            sql.add("alter table " + temporary + " rename to " + ddl.quote(live.name().name()));
            for (IndexSlot index : indexes) {
                sql.add(index.sql() != null ? index.sql() : ddl.createIndex(live.name(), index.index()));
            }
            for (SchemaObject view : views) {
                sql.add(renamedColumns(view.sql()));
            }
            for (SchemaObject trigger : triggers) {
                sql.add(renamedColumns(trigger.sql()));
            }
            return new Plan(notNullChecks(), sql);
        }

        /**
         * {@code insert into new (...) select ... from old}, carrying the rowid along when no column aliases it (which
         * {@code select *} would not: SQLite numbers such rows anew unless it can copy records raw).
         */
        private String copy(String temporary, String quotedTable, Table target, Map<String, String> declared) {
            List<String> into = new ArrayList<>();
            List<String> from = new ArrayList<>();
            String rowid = catalog.withoutRowid() || aliasesRowid(target, declared) ? null
                    : List.of("rowid", "_rowid_", "oid").stream()
                    .filter(alias -> live.columns().stream().noneMatch(c -> c.name().equalsIgnoreCase(alias)))
                    .findFirst().orElse(null);
            if (rowid != null) {
                into.add(rowid);
                from.add(rowid);
            }
            boolean positional = rowid == null && columns.size() == live.columns().size();
            for (int i = 0; i < columns.size(); i++) {
                Slot slot = columns.get(i);
                if (slot.source() != null) {
                    into.add(ddl.quote(slot.column().name()));
                    from.add(ddl.quote(slot.source()));
                } else if (slot.fill() != null) {
                    // as ADD COLUMN ... DEFAULT would: existing rows get the default the column was added with
                    into.add(ddl.quote(slot.column().name()));
                    from.add(slot.fill());
                }
                positional &= slot.source() != null && slot.source().equals(live.columns().get(i).name());
            }
            // "select *" into the same columns lets SQLite copy records as they are, where the shapes allow it
            return positional ? "insert into " + temporary + " select * from " + quotedTable
                    : "insert into " + temporary + " (" + String.join(", ", into) + ") select " + String.join(", ", from)
                    + " from " + quotedTable;
        }

        /** Whether the new table has an INTEGER PRIMARY KEY, which is the rowid itself. */
        private boolean aliasesRowid(Table target, Map<String, String> declared) {
            if (target.primaryKey() == null || target.primaryKey().columns().size() != 1) return false;
            Column key = target.column(target.primaryKey().columns().get(0)).orElse(null);
            if (key == null) return false;
            String type = key.identity() ? "integer" : declared.containsKey(key.name().toLowerCase(Locale.ROOT))
                    ? declared.get(key.name().toLowerCase(Locale.ROOT)) : TypeNames.render(key.type(), DatabaseKind.SQLITE);
            return type.trim().equalsIgnoreCase("integer");
        }

        private List<NotNullCheck> notNullChecks() {
            List<NotNullCheck> list = new ArrayList<>();
            for (Slot slot : columns) {
                Column column = slot.column();
                if (column.nullable() || column.identity()) continue;
                if (slot.source() != null) {
                    Column was = live.column(slot.source()).orElseThrow();
                    if (was.nullable() && !was.identity()) {
                        list.add(new NotNullCheck(column.name(), ddl.quote(slot.source()) + " is null", false));
                    }
                } else if (column.defaultValue() == null && slot.fill() == null) {
                    list.add(new NotNullCheck(column.name(), "1", true));
                }
            }
            return list;
        }

        /** The table and the views that read it, directly or through each other. */
        private Set<String> affectedNames() {
            Set<String> names = new LinkedHashSet<>();
            names.add(live.name().name().toLowerCase(Locale.ROOT));
            boolean grew = true;
            while (grew) {
                grew = false;
                for (SchemaObject o : catalog.viewsAndTriggers()) {
                    if (o.type().equals("view") && !names.contains(o.name().toLowerCase(Locale.ROOT))
                            && names.stream().anyMatch(name -> SqlText.mentions(o.sql(), name))) {
                        names.add(o.name().toLowerCase(Locale.ROOT));
                        grew = true;
                    }
                }
            }
            return names;
        }

        /** A view's or trigger's text with the live names of renamed columns replaced by their new names. */
        private String renamedColumns(String sql) {
            Map<String, String> quoted = new HashMap<>();
            renames.forEach((from, to) -> {
                if (!from.equalsIgnoreCase(to)) quoted.put(from, ddl.quote(to));
            });
            return quoted.isEmpty() ? sql : SqlText.renameIdentifiers(sql, quoted);
        }

        /** An index's text with a column renamed in its column list and WHERE clause (not in its own name). */
        private String renameInBody(String sql, String from, String to) {
            int open = sql.indexOf('(');
            return open < 0 ? sql : sql.substring(0, open) + SqlText.renameIdentifier(sql.substring(open), from, ddl.quote(to));
        }

        private int slot(String name) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).column().name().equalsIgnoreCase(name)) return i;
            }
            return -1;
        }

        private int existing(String name) {
            int i = slot(name);
            if (i < 0) {
                throw new DdlException("no column " + table + "." + name);
            }
            return i;
        }

        private <T> void removeOne(List<T> items, Predicate<T> match, String what) {
            for (int i = 0; i < items.size(); i++) {
                if (match.test(items.get(i))) {
                    items.remove(i);
                    return;
                }
            }
            throw new DdlException("cannot drop " + what + " of " + table + ": there is none");
        }
    }

    private static String afterParenthesis(String sql) {
        int open = sql.indexOf('(');
        return open < 0 ? sql : sql.substring(open);
    }

    /** The column of an index entry such as {@code title desc}. */
    private static String columnOf(String entry) {
        String trimmed = entry.trim();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        return lower.endsWith(" desc") || lower.endsWith(" asc") ? trimmed.substring(0, trimmed.lastIndexOf(' ')).trim() : trimmed;
    }

    private static List<String> renamedEntries(List<String> entries, String from, String to) {
        return entries.stream().map(e -> columnOf(e).equalsIgnoreCase(from) ? to + e.trim().substring(columnOf(e).length()) : e).toList();
    }

    private static List<String> renamedNames(List<String> names, String from, String to) {
        return names.stream().map(n -> n.equalsIgnoreCase(from) ? to : n).toList();
    }

    private static boolean containsName(List<String> names, String name) {
        return names.stream().anyMatch(n -> n.equalsIgnoreCase(name));
    }

    private static boolean sameNames(List<String> a, List<String> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equalsIgnoreCase(b.get(i))) return false;
        }
        return true;
    }

    private static String normalized(String expression) {
        return expression.replaceAll("\\s+", " ").trim().toLowerCase(Locale.ROOT);
    }
}
