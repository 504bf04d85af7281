package dev.retort.api;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.PrimaryKey;
import dev.retort.model.Schema;
import dev.retort.model.Sequence;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;
import dev.retort.ops.Migration;
import dev.retort.ops.Op;
import dev.retort.ops.OpSink;
import dev.retort.ops.Operations;

import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How the migrations and the entities spell each name, to give a name read back from a catalog its original
 * spelling. PostgreSQL folds unquoted names to lower case: a table created as {@code ArchiveEntry} reads back as
 * {@code archiveentry}. A migration that drops it, or a foreign key that references it, would otherwise carry the
 * folded name, which a database with case-sensitive table names (MariaDB on Linux) does not know.
 *
 * <p>Names are compared case-insensitively everywhere in Retort, so only the spelling changes, never what a name
 * refers to. Tables and sequences, schemas, columns and the names of indexes and constraints are kept apart.
 */
final class Spellings {

    private final Map<String, String> tables = new HashMap<>();
    private final Map<String, String> schemas = new HashMap<>();
    private final Map<String, String> columns = new HashMap<>();
    private final Map<String, String> constraints = new HashMap<>();

    /** A migration that records the spelling of every op it issues, then passes the op on. */
    Migration recording(Migration migration) {
        return new Migration() {
            @Override
            public void upgrade(Operations op) throws Exception {
                migration.upgrade(new Operations(tee(op)));
            }

            @Override
            public void downgrade(Operations op) throws Exception {
                migration.downgrade(new Operations(tee(op)));
            }
        };
    }

    private OpSink tee(Operations target) {
        return new OpSink() {
            @Override
            public void accept(Op op) {
                record(op);
                target.apply(op);
            }

            @Override
            public dev.retort.model.DatabaseKind database() {
                return target.database();
            }

            @Override
            public Connection connection() {
                return target.connection();
            }
        };
    }

    /** Records the names an op creates or refers to; a later spelling of the same name wins. */
    void record(Op op) {
        if (op instanceof Op.CreateTable o) {
            record(o.definition());
        } else if (op instanceof Op.DropTable o) {
            record(o.definition());
        } else if (op instanceof Op.RenameTable o) {
            table(o.from());
            put(tables, o.to());
        } else if (op instanceof Op.AddColumn o) {
            table(o.table());
            put(columns, o.column().name());
        } else if (op instanceof Op.AlterColumn o) {
            table(o.table());
            put(columns, o.to().name());
        } else if (op instanceof Op.RenameColumn o) {
            table(o.table());
            put(columns, o.to());
        } else if (op instanceof Op.CreateIndex o) {
            table(o.table());
            index(o.index());
        } else if (op instanceof Op.AddUnique o) {
            table(o.table());
            unique(o.key());
        } else if (op instanceof Op.AddPrimaryKey o) {
            table(o.table());
            primaryKey(o.key());
        } else if (op instanceof Op.AddForeignKey o) {
            table(o.table());
            foreignKey(o.key());
        } else if (op instanceof Op.AddCheck o) {
            table(o.table());
            put(constraints, o.check().name());
        } else if (op instanceof Op.CreateSequence o) {
            table(o.sequence().name());
        }
    }

    /** Records every name of a schema (the entities' model: what autogenerate writes for objects it knows). */
    void record(Schema schema) {
        schema.tables().forEach(this::record);
        schema.sequences().forEach(s -> table(s.name()));
    }

    private void record(Table t) {
        table(t.name());
        t.columns().forEach(c -> put(columns, c.name()));
        if (t.primaryKey() != null) {
            primaryKey(t.primaryKey());
        }
        t.foreignKeys().forEach(this::foreignKey);
        t.indexes().forEach(this::index);
        t.uniqueKeys().forEach(this::unique);
        t.checks().forEach(c -> put(constraints, c.name()));
    }

    private void table(TableName name) {
        put(schemas, name.schema());
        put(tables, name.name());
    }

    private void index(Index index) {
        put(constraints, index.name());
        index.columns().forEach(c -> put(columns, c));
    }

    private void unique(UniqueKey key) {
        put(constraints, key.name());
        key.columns().forEach(c -> put(columns, c));
    }

    private void primaryKey(PrimaryKey key) {
        put(constraints, key.name());
        key.columns().forEach(c -> put(columns, c));
    }

    private void foreignKey(ForeignKey key) {
        put(constraints, key.name());
        key.columns().forEach(c -> put(columns, c));
        table(key.referencedTable());
        key.referencedColumns().forEach(c -> put(columns, c));
    }

    private static void put(Map<String, String> names, String name) {
        if (name != null) {
            names.put(name.toLowerCase(Locale.ROOT), name);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // applying them to a schema read from a catalog

    /** The schema with every name that differs from a recorded one only in case spelled as recorded. */
    Schema respell(Schema read) {
        return new Schema(read.tables().stream().map(this::respell).toList(),
                read.sequences().stream().map(s -> new Sequence(tableName(s.name()), s.start(), s.increment())).toList());
    }

    private Table respell(Table t) {
        Table.Builder b = t.toBuilder().name(tableName(t.name()));
        b.columns(t.columns().stream().map(c -> c.withName(column(c.name()))).toList());
        if (t.primaryKey() != null) {
            b.primaryKey(new PrimaryKey(constraint(t.primaryKey().name()), columns(t.primaryKey().columns())));
        }
        b.foreignKeys(t.foreignKeys().stream().map(k -> new ForeignKey(constraint(k.name()), columns(k.columns()),
                tableName(k.referencedTable()), columns(k.referencedColumns()), k.onDelete(), k.onUpdate())).toList());
        b.indexes(t.indexes().stream().map(i -> new Index(constraint(i.name()), columns(i.columns()), i.unique())).toList());
        b.uniqueKeys(t.uniqueKeys().stream().map(u -> new UniqueKey(constraint(u.name()), columns(u.columns()))).toList());
        b.checks(t.checks().stream().map(c -> new Check(constraint(c.name()), c.expression())).toList());
        return b.build();
    }

    private TableName tableName(TableName name) {
        return new TableName(spelled(schemas, name.schema()), spelled(tables, name.name()));
    }

    private String column(String name) {
        return spelled(columns, name);
    }

    private List<String> columns(List<String> names) {
        return map(names, this::column);
    }

    private String constraint(String name) {
        return spelled(constraints, name);
    }

    private static List<String> map(List<String> names, UnaryOperator<String> f) {
        return names.stream().map(f).toList();
    }

    private static String spelled(Map<String, String> names, String name) {
        if (name == null) {
            return null;
        }
        return names.getOrDefault(name.toLowerCase(Locale.ROOT), name);
    }
}
