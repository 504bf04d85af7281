package dev.retort.diff;

import dev.retort.model.Column;
import dev.retort.model.DatabaseKind;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.Schema;
import dev.retort.model.Sequence;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;
import dev.retort.ops.Op;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Applies ops to a model schema the way a strict database would, refusing what a database refuses: creating
 * what exists, dropping what is missing or still referenced, a foreign key to a table or column that does not
 * exist yet, an index on a missing column, a NOT NULL column without a default added to a table (every table
 * here is taken to hold rows). An op list that replays cleanly is correctly ordered.
 */
final class SchemaReplay {

    private final DatabaseKind kind;
    private final TreeMap<String, Table> tables = new TreeMap<>();
    private final TreeMap<String, Sequence> sequences = new TreeMap<>();

    SchemaReplay(Schema start, DatabaseKind kind) {
        this.kind = kind;
        start.tables().forEach(t -> tables.put(t.name().key(), t));
        start.sequences().forEach(s -> sequences.put(s.name().key(), s));
    }

    static Schema apply(Schema start, List<Op> ops, DatabaseKind kind) {
        SchemaReplay replay = new SchemaReplay(start, kind);
        for (int i = 0; i < ops.size(); i++) {
            try {
                replay.apply(ops.get(i));
            } catch (IllegalStateException e) {
                throw new AssertionError("op " + i + " (" + ops.get(i).describe() + ") cannot run: " + e.getMessage()
                        + "\nall ops:\n" + String.join("\n", ops.stream().map(Op::describe).toList()), e);
            }
        }
        return replay.schema();
    }

    /** The ops that undo {@code ops}: each reversed, last first (how a downgrade is generated). */
    static List<Op> reversed(List<Op> ops) {
        List<Op> out = new ArrayList<>();
        for (int i = ops.size() - 1; i >= 0; i--) out.add(ops.get(i).reverse());
        return out;
    }

    Schema schema() {
        return new Schema(List.copyOf(tables.values()), List.copyOf(sequences.values()));
    }

    void apply(Op op) {
        if (op instanceof Op.CreateTable c) {
            Table t = c.definition();
            check(!tables.containsKey(t.name().key()), "table exists");
            check(t.indexes().isEmpty(), "a CreateTable carries no indexes");
            tables.put(t.name().key(), t);
            for (ForeignKey fk : t.foreignKeys()) checkForeignKey(t, fk);
        } else if (op instanceof Op.DropTable d) {
            Table t = table(d.table());
            // MariaDB drops the indexes it made for the table's foreign keys with the table
            check(t.indexes().stream().allMatch(i -> TableComparison.isForeignKeysOwnIndex(i, t, kind)),
                    "indexes are dropped before their table");
            for (Table other : tables.values()) {
                if (other == t) continue;
                for (ForeignKey fk : other.foreignKeys()) {
                    check(!fk.referencedTable().matches(t.name()), "still referenced by " + other.name());
                }
            }
            tables.remove(t.name().key());
        } else if (op instanceof Op.AddColumn a) {
            Table t = table(a.table());
            Column c = a.column();
            check(t.column(c.name()).isEmpty(), "column exists");
            check(c.nullable() || c.defaultValue() != null || c.identity(), "NOT NULL without default fails on rows");
            put(t.toBuilder().column(c).build());
        } else if (op instanceof Op.DropColumn d) {
            Table t = table(d.table());
            String name = d.column().name();
            check(t.column(name).isPresent(), "no column " + name);
            check(t.primaryKey() == null || !mentions(t.primaryKey().columns(), name), "column in primary key");
            check(t.indexes().stream().noneMatch(i -> mentions(i.columns(), name)), "column indexed");
            check(t.uniqueKeys().stream().noneMatch(u -> mentions(u.columns(), name)), "column in unique key");
            check(t.foreignKeys().stream().noneMatch(f -> mentions(f.columns(), name)), "column in foreign key");
            for (Table other : tables.values()) {
                for (ForeignKey fk : other.foreignKeys()) {
                    check(!(fk.referencedTable().matches(t.name()) && mentions(fk.referencedColumns(), name)),
                            "column referenced by " + other.name());
                }
            }
            put(t.toBuilder().columns(t.columns().stream().filter(c -> !c.name().equalsIgnoreCase(name)).toList()).build());
        } else if (op instanceof Op.AlterColumn a) {
            Table t = table(a.table());
            check(a.from() != null, "alter without previous definition");
            check(t.column(a.from().name()).isPresent(), "no column " + a.from().name());
            put(t.toBuilder().columns(t.columns().stream()
                    .map(c -> c.name().equalsIgnoreCase(a.from().name()) ? a.to() : c).toList()).build());
        } else if (op instanceof Op.CreateIndex c) {
            Table t = table(c.table());
            check(t.indexes().stream().noneMatch(i -> i.name().equalsIgnoreCase(c.index().name())), "index name taken");
            checkColumns(t, c.index().columns().stream().map(SchemaReplay::bare).toList());
            put(t.toBuilder().index(c.index()).build());
        } else if (op instanceof Op.DropIndex d) {
            Table t = table(d.table());
            check(t.indexes().stream().anyMatch(i -> i.name().equalsIgnoreCase(d.index().name())), "no index " + d.index().name());
            if (kind == DatabaseKind.MARIADB) {
                // MariaDB refuses to drop the only index a foreign key can use (error 1553)
                for (ForeignKey fk : t.foreignKeys()) {
                    boolean needed = TableComparison.servesForeignKey(d.index(), fk) && t.indexes().stream()
                            .filter(i -> !i.name().equalsIgnoreCase(d.index().name()))
                            .noneMatch(i -> TableComparison.servesForeignKey(i, fk));
                    check(!needed, "index needed by foreign key " + fk.name());
                }
            }
            put(t.toBuilder().indexes(remove(t.indexes(), i -> i.name().equalsIgnoreCase(d.index().name()))).build());
        } else if (op instanceof Op.AddUnique a) {
            Table t = table(a.table());
            checkColumns(t, a.key().columns());
            put(t.toBuilder().unique(a.key()).build());
        } else if (op instanceof Op.DropUnique d) {
            Table t = table(d.table());
            Predicate<UniqueKey> same = u -> lower(u.columns()).equals(lower(d.key().columns()));
            check(t.uniqueKeys().stream().anyMatch(same), "no such unique key");
            put(t.toBuilder().uniqueKeys(remove(t.uniqueKeys(), same)).build());
        } else if (op instanceof Op.AddPrimaryKey a) {
            Table t = table(a.table());
            check(t.primaryKey() == null, "table has a primary key");
            checkColumns(t, a.key().columns());
            put(t.toBuilder().primaryKey(a.key()).build());
        } else if (op instanceof Op.DropPrimaryKey d) {
            Table t = table(d.table());
            check(t.primaryKey() != null, "no primary key");
            for (Table other : tables.values()) {
                for (ForeignKey fk : other.foreignKeys()) {
                    check(!(fk.referencedTable().matches(t.name()) && lower(fk.referencedColumns()).equals(lower(t.primaryKey().columns()))),
                            "primary key referenced by " + other.name());
                }
            }
            put(t.toBuilder().primaryKey((dev.retort.model.PrimaryKey) null).build());
        } else if (op instanceof Op.AddForeignKey a) {
            Table t = table(a.table());
            checkForeignKey(t, a.key());
            put(t.toBuilder().foreignKey(a.key()).build());
        } else if (op instanceof Op.DropForeignKey d) {
            Table t = table(d.table());
            Predicate<ForeignKey> same = f -> f.equals(d.key());
            check(t.foreignKeys().stream().anyMatch(same), "no such foreign key");
            put(t.toBuilder().foreignKeys(remove(t.foreignKeys(), same)).build());
        } else if (op instanceof Op.AddCheck a) {
            Table t = table(a.table());
            put(t.toBuilder().check(a.check()).build());
        } else if (op instanceof Op.DropCheck d) {
            Table t = table(d.table());
            check(t.checks().contains(d.check()), "no such check");
            put(t.toBuilder().checks(remove(t.checks(), c -> c.equals(d.check()))).build());
        } else if (op instanceof Op.SetTableComment s) {
            Table t = table(s.table());
            put(t.toBuilder().comment(s.to()).build());
        } else if (op instanceof Op.CreateSequence c) {
            check(!sequences.containsKey(c.sequence().name().key()), "sequence exists");
            sequences.put(c.sequence().name().key(), c.sequence());
        } else if (op instanceof Op.DropSequence d) {
            check(sequences.remove(d.sequence().name().key()) != null, "no such sequence");
        } else {
            throw new IllegalStateException("the comparator should not emit " + op);
        }
    }

    private void checkForeignKey(Table t, ForeignKey fk) {
        checkColumns(t, fk.columns());
        Table referenced = tables.get(fk.referencedTable().key());
        check(referenced != null, "foreign key to missing table " + fk.referencedTable());
        checkColumns(referenced, fk.referencedColumns());
    }

    private Table table(TableName name) {
        Table t = tables.get(name.key());
        check(t != null, "no table " + name);
        return t;
    }

    private void put(Table t) {
        tables.put(t.name().key(), t);
    }

    private static void checkColumns(Table t, List<String> columns) {
        for (String c : columns) check(t.column(c).isPresent(), "no column " + t.name() + "." + c);
    }

    private static boolean mentions(List<String> columns, String name) {
        return columns.stream().map(SchemaReplay::bare).anyMatch(name::equalsIgnoreCase);
    }

    private static String bare(String indexEntry) {
        return indexEntry.trim().split("\\s+")[0];
    }

    private static List<String> lower(List<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    private static <T> List<T> remove(List<T> list, Predicate<T> which) {
        List<T> out = new ArrayList<>(list);
        out.removeIf(which);
        return out;
    }

    private static void check(boolean condition, String message) {
        if (!condition) throw new IllegalStateException(message);
    }
}
