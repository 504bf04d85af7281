package dev.retort.ddl;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import dev.retort.model.FkAction;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.PrimaryKey;
import dev.retort.model.Sequence;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;
import dev.retort.ops.Op;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.identity.IdentityColumnSupport;
import org.hibernate.type.SqlTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.retort.model.DatabaseKind.MARIADB;
import static dev.retort.model.DatabaseKind.POSTGRESQL;
import static dev.retort.model.DatabaseKind.SQLITE;

/**
 * Turns one {@link Op} into the SQL statements that perform it on one database, following Hibernate's
 * {@link Dialect} for type names, identity columns, quoting, sequences and table options.
 *
 * <p>Unlike Hibernate, foreign keys and unique constraints are written inline in {@code create table} on every
 * database (Hibernate writes none at all on SQLite), and indexes of a created table are created with it, since
 * a {@code DropTable} carries the full definition its reverse recreates. Ops that SQLite can only perform by
 * rebuilding the table are not statements of their own: {@link DdlExecutor} batches them. MariaDB's native
 * {@code enum(...)} type, which a migration written there declares verbatim, becomes elsewhere what Hibernate
 * creates there for the same enum: a varchar and a check ({@link NativeEnum}).
 */
public final class DdlGenerator {

    /** How a missing schema is created; {@link DdlExecutor} runs it once per migration and schema. */
    static final String CREATE_SCHEMA = "create schema if not exists ";

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final DatabaseKind kind;
    private final Dialect dialect;

    public DdlGenerator(DatabaseKind kind) {
        this.kind = kind;
        this.dialect = Dialects.dialect(kind);
    }

    public DatabaseKind database() {
        return kind;
    }

    /** The statements that perform {@code op}, in order; empty when there is nothing to do (a comment on SQLite). */
    public List<String> statements(Op op) {
        List<String> sql = new ArrayList<>();
        if (op instanceof Op.CreateTable o) {
            createSchema(o.definition().name(), sql);
            createTable(withoutNativeEnums(o.definition()), sql);
        } else if (op instanceof Op.DropTable o) {
            sql.add("drop table " + table(o.definition().name()));
        } else if (op instanceof Op.RenameTable o) {
            sql.add(alter(o.from()) + "rename to " + quote(o.to()));
        } else if (op instanceof Op.SetTableComment o) {
            setTableComment(o.table(), o.to(), sql);
        } else if (op instanceof Op.AddColumn o) {
            addColumn(o.table(), o.column(), sql);
        } else if (op instanceof Op.DropColumn o) {
            sql.add(alter(o.table()) + "drop column " + quote(o.column().name()));
        } else if (op instanceof Op.AlterColumn o) {
            alterColumn(o, sql);
        } else if (op instanceof Op.RenameColumn o) {
            sql.add(alter(o.table()) + "rename column " + quote(o.from()) + " to " + quote(o.to()));
        } else if (op instanceof Op.CreateIndex o) {
            sql.add(createIndex(o.table(), o.index()));
        } else if (op instanceof Op.DropIndex o) {
            sql.add(dropIndex(o.table(), o.index()));
        } else if (op instanceof Op.AddUnique o) {
            sql.add(alter(rebuildOnSqlite(o)) + "add " + constraint(o.key().name()) + "unique (" + columns(o.key().columns()) + ")");
        } else if (op instanceof Op.DropUnique o) {
            sql.add(alter(rebuildOnSqlite(o)) + (kind == MARIADB ? "drop index " : "drop constraint ")
                    + quote(constraintName(o.key().name(), o.table(), o.key().columns(), "key")));
        } else if (op instanceof Op.AddPrimaryKey o) {
            sql.add(alter(rebuildOnSqlite(o)) + "add " + primaryKey(o.key()));
        } else if (op instanceof Op.DropPrimaryKey o) {
            sql.add(alter(rebuildOnSqlite(o)) + (kind == MARIADB ? "drop primary key"
                    : "drop constraint " + quote(o.key().name() != null ? o.key().name() : folded(o.table().name()) + "_pkey")));
        } else if (op instanceof Op.AddForeignKey o) {
            sql.add(alter(rebuildOnSqlite(o)) + "add " + foreignKey(o.key()));
        } else if (op instanceof Op.DropForeignKey o) {
            String name = quote(constraintName(o.key().name(), o.table(), o.key().columns(), "fkey"));
            // MariaDB keeps the index it made for the key under the key's name; adding the key back remakes it
            sql.add(alter(rebuildOnSqlite(o)) + (kind == MARIADB ? "drop foreign key " + name + ", drop index if exists " + name
                    : "drop constraint " + name));
        } else if (op instanceof Op.AddCheck o) {
            sql.add(alter(rebuildOnSqlite(o)) + "add " + check(o.check()));
        } else if (op instanceof Op.DropCheck o) {
            if (o.check().name() == null) {
                throw new IllegalArgumentException("cannot drop an unnamed check constraint on '" + o.table() + "' on " + kind.displayName());
            }
            sql.add(alter(rebuildOnSqlite(o)) + "drop constraint " + quote(o.check().name()));
        } else if (op instanceof Op.CreateSequence o && kind == SQLITE) {
            // SQLite has no sequences; Hibernate's SQLiteDialect uses a one-row table of that name instead
            String table = table(o.sequence().name());
            sql.add("create table " + table + " (next_val bigint)");
            sql.add("insert into " + table + " (next_val) values (" + o.sequence().start() + ")");
        } else if (op instanceof Op.DropSequence o && kind == SQLITE) {
            sql.add("drop table " + table(o.sequence().name()));
        } else if (op instanceof Op.AlterSequence o) {
            // SQLite's stand-in table has no increment: Hibernate takes it from the mapping there
            if (kind != SQLITE && o.from().increment() != o.to().increment()) {
                sql.add("alter sequence " + sequence(o.to()) + " increment by " + o.to().increment());
            }
        } else if (op instanceof Op.CreateSequence o) {
            createSchema(o.sequence().name(), sql);
            sql.addAll(List.of(dialect.getSequenceSupport().getCreateSequenceStrings(
                    sequence(o.sequence()), Math.toIntExact(o.sequence().start()), Math.toIntExact(o.sequence().increment()))));
        } else if (op instanceof Op.DropSequence o) {
            sql.addAll(List.of(dialect.getSequenceSupport().getDropSequenceStrings(sequence(o.sequence()))));
        } else if (op instanceof Op.Execute o) {
            sql.add(o.sql());
        } else {
            throw new IllegalArgumentException("unknown op " + op);
        }
        return sql;
    }

    // names and literals

    /**
     * A name as it must appear in SQL: as written when it is a plain identifier and no reserved word, otherwise
     * quoted with the dialect's quote characters (embedded ones doubled), spelled exactly as the mapping spells
     * it: an application can only use a reserved word as a name by quoting it, so Hibernate's SQL quotes it too
     * ({@code "Order"}, {@code "localTime"}), and PostgreSQL must keep that spelling.
     */
    public String quote(String name) {
        boolean plain = PLAIN_NAME.matcher(name).matches();
        if (plain && !dialect.getKeywords().contains(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        String close = String.valueOf(dialect.closeQuote());
        return dialect.openQuote() + name.replace(close, close + close) + close;
    }

    /** A table name, schema-qualified when it has a schema. */
    public String table(TableName name) {
        return name.schema() == null ? quote(name.name()) : quote(name.schema()) + "." + quote(name.name());
    }

    /** A string literal; MariaDB also treats backslashes as escapes. */
    String literal(String text) {
        String escaped = kind == MARIADB ? text.replace("\\", "\\\\") : text;
        return "'" + escaped.replace("'", "''") + "'";
    }

    // tables

    /**
     * On PostgreSQL, the schema of a schema-qualified table or sequence, created when missing (Hibernate does so
     * only with {@code hibernate.hbm2ddl.create_namespaces}). It is never dropped: other objects may live in it,
     * and an empty schema is harmless; {@code if not exists} lets the upgrade run again after a downgrade.
     */
    private void createSchema(TableName name, List<String> sql) {
        if (kind == POSTGRESQL && name.schema() != null) {
            sql.add(CREATE_SCHEMA + quote(name.schema()));
        }
    }

    private void createTable(Table table, List<String> sql) {
        sql.add(createTableStatement(table, table(table.name()), Map.of()));
        if (kind == POSTGRESQL) {
            if (table.comment() != null) {
                sql.add("comment on table " + table(table.name()) + " is " + literal(table.comment()));
            }
            for (Column column : table.columns()) {
                if (column.comment() != null) {
                    sql.add(columnComment(table.name(), column.name(), column.comment()));
                }
            }
        }
        sql.addAll(table.initCommands());
        for (Index index : table.indexes()) {
            sql.add(createIndex(table.name(), index));
        }
    }

    /**
     * {@code create table} with columns, primary key, unique keys, foreign keys and checks, under {@code quotedName};
     * {@code declaredTypes} (by lower-cased column name) keeps type texts as a table already declares them.
     */
    String createTableStatement(Table table, String quotedName, Map<String, String> declaredTypes) {
        List<String> parts = new ArrayList<>();
        for (Column column : table.columns()) {
            String definition = columnDefinition(column, declaredTypes.get(column.name().toLowerCase(Locale.ROOT)));
            parts.add(definition.isEmpty() ? quote(column.name()) : quote(column.name()) + " " + definition);
        }
        if (table.primaryKey() != null && !table.primaryKey().columns().isEmpty()) {
            parts.add(primaryKey(table.primaryKey()));
        }
        for (UniqueKey key : table.uniqueKeys()) {
            parts.add(constraint(key.name()) + "unique (" + columns(key.columns()) + ")");
        }
        for (ForeignKey key : table.foreignKeys()) {
            parts.add(foreignKey(key));
        }
        for (Check check : table.checks()) {
            parts.add(check(check));
        }
        StringBuilder sql = new StringBuilder(dialect.getCreateTableString()).append(' ').append(quotedName)
                .append(" (").append(String.join(", ", parts)).append(')');
        if (kind == MARIADB && table.comment() != null) {
            sql.append(" comment=").append(literal(table.comment()));
        }
        sql.append(dialect.getTableTypeString());
        return sql.toString();
    }

    /**
     * A column's definition after its name, as Hibernate's create DDL writes it: an identity column is what the
     * dialect's identity support says (SQLite: just {@code integer}), others are type, default and nullability.
     */
    String columnDefinition(Column column) {
        return columnDefinition(column, null);
    }

    /** The same, with the type written as {@code declaredType} when that is not null (it may be empty on SQLite). */
    private String columnDefinition(Column column, String declaredType) {
        StringBuilder sql = new StringBuilder();
        if (column.identity()) {
            IdentityColumnSupport identity = dialect.getIdentityColumnSupport();
            if (identity.hasDataTypeInIdentityColumn()) {
                sql.append(' ').append(declaredType != null ? declaredType : TypeNames.render(column.type(), kind));
            }
            String clause = identity.getIdentityColumnString(column.type().isVerbatim() ? SqlTypes.BIGINT : column.type().code());
            if (!sql.toString().toLowerCase(Locale.ROOT).contains(clause)) {
                sql.append(' ').append(clause);
            }
        } else {
            String type = declaredType != null ? declaredType : TypeNames.render(column.type(), kind);
            if (!type.isEmpty()) {
                sql.append(' ').append(type);
            }
            if (column.defaultValue() != null) {
                sql.append(" default ").append(column.defaultValue());
            }
            if (!column.nullable()) {
                sql.append(" not null");
            }
        }
        if (kind == MARIADB && column.comment() != null) {
            sql.append(" comment ").append(literal(column.comment()));
        }
        return sql.isEmpty() ? "" : sql.substring(1);
    }

    private void setTableComment(TableName table, String comment, List<String> sql) {
        if (kind == POSTGRESQL) {
            sql.add("comment on table " + table(table) + " is " + (comment == null ? "null" : literal(comment)));
        } else if (kind == MARIADB) {
            sql.add(alter(table) + "comment=" + literal(comment == null ? "" : comment));
        }
    }

    // columns

    private void addColumn(TableName table, Column column, List<String> sql) {
        NativeEnum values = nativeEnumElsewhere(column.type());
        // the enum's check goes with the column: SQLite can add a column constraint in place, not a table constraint
        String definition = values == null ? columnDefinition(column)
                : columnDefinition(column.withType(values.varchar())) + " " + check(values.check(table, column.name(), this));
        sql.add(alter(table) + dialect.getAddColumnString() + " " + quote(column.name()) + " " + definition
                + dialect.getAddColumnSuffixString());
        if (kind == POSTGRESQL && column.comment() != null) {
            sql.add(columnComment(table, column.name(), column.comment()));
        }
    }

    private void alterColumn(Op.AlterColumn op, List<String> sql) {
        switch (kind) {
            case SQLITE -> {
                // a rename or a comment SQLite can take natively; anything else is the executor's rebuild
                if (op.from() != null && !op.changesType() && !op.changesNullability() && !op.changesDefault()
                        && op.from().identity() == op.to().identity()) {
                    if (op.renames()) {
                        sql.add(alter(op.table()) + "rename column " + quote(op.from().name()) + " to " + quote(op.to().name()));
                    }
                    return;
                }
                throw rebuildNeeded(op);
            }
            case MARIADB -> sql.add(alter(op.table()) + (op.renames()
                    ? "change column " + quote(op.from().name()) + " " + quote(op.to().name())
                    : "modify column " + quote(op.to().name())) + " " + columnDefinition(op.to()));
            case POSTGRESQL -> alterPostgresEnum(op, sql);
        }
    }

    /**
     * On PostgreSQL, a change to or from a native enum type (see {@link NativeEnum}): the old enum's check goes
     * (unless the new one allows the same values), the column changes as between the varchars that stand for the
     * enums, and the new enum's check comes. Without a previous definition the new check replaces any of its name.
     */
    private void alterPostgresEnum(Op.AlterColumn op, List<String> sql) {
        Column from = op.from();
        Column to = op.to();
        NativeEnum was = from == null ? null : nativeEnumElsewhere(from.type());
        NativeEnum becomes = nativeEnumElsewhere(to.type());
        if (was == null && becomes == null) {
            alterPostgresColumn(op, sql);
            return;
        }
        boolean sameValues = was != null && was.sameLabels(becomes);
        if (was != null && !sameValues) {
            sql.add(alter(op.table()) + "drop constraint " + quote(was.checkName(op.table(), from.name())));
        } else if (from == null) {
            sql.add(alter(op.table()) + "drop constraint if exists " + quote(becomes.checkName(op.table(), to.name())));
        }
        alterPostgresColumn(new Op.AlterColumn(op.table(), from == null ? null : withoutNativeEnum(from), withoutNativeEnum(to)), sql);
        if (becomes != null && !sameValues) {
            sql.add(alter(op.table()) + "add " + check(becomes.check(op.table(), to.name(), this)));
        }
    }

    private void alterPostgresColumn(Op.AlterColumn op, List<String> sql) {
        Column from = op.from();
        Column to = op.to();
        String alter = alter(op.table()) + "alter column " + quote(to.name()) + " ";
        if (op.renames()) {
            sql.add(alter(op.table()) + "rename column " + quote(from.name()) + " to " + quote(to.name()));
        }
        boolean identityChanges = from != null && from.identity() != to.identity();
        boolean defaultDropped = false;
        if (op.changesType()) {
            // a default of the old type may not cast automatically: set it again after the type
            if (from == null ? !to.identity() : from.defaultValue() != null) {
                sql.add(alter + "drop default");
                defaultDropped = true;
            }
            String type = TypeNames.render(to.type(), kind);
            sql.add(alter + "set data type " + type + (needsUsing(from, to) ? " using " + quote(to.name()) + "::" + type : ""));
        }
        if (to.identity()) {
            // an identity column has no default of its own
            if (from != null && from.defaultValue() != null && !defaultDropped) {
                sql.add(alter + "drop default");
            }
        } else if (op.changesDefault() || defaultDropped) {
            if (to.defaultValue() != null) {
                sql.add(alter + "set default " + to.defaultValue());
            } else if (!defaultDropped) {
                sql.add(alter + "drop default");
            }
        }
        // identity goes after NOT NULL when added (PostgreSQL requires it) and before NULL when removed
        if (identityChanges && !to.identity()) {
            sql.add(alter + "drop identity");
        }
        if (op.changesNullability()) {
            sql.add(alter + (to.nullable() ? "drop not null" : "set not null"));
        }
        if (identityChanges && to.identity()) {
            sql.add(alter + "add " + dialect.getIdentityColumnSupport().getIdentityColumnString(to.type().code()));
        }
        if (op.changesComment() && (from != null || to.comment() != null)) {
            sql.add(to.comment() == null ? "comment on column " + table(op.table()) + "." + quote(to.name()) + " is null"
                    : columnComment(op.table(), to.name(), to.comment()));
        }
    }

    /** Whether PostgreSQL needs an explicit conversion: its assignment casts convert within a family only. */
    private static boolean needsUsing(Column from, Column to) {
        if (from == null || from.type().isVerbatim() || to.type().isVerbatim()) {
            return true;
        }
        String a = family(from.type().code());
        return a == null || !a.equals(family(to.type().code()));
    }

    private static String family(int code) {
        return switch (code) {
            case SqlTypes.TINYINT, SqlTypes.SMALLINT, SqlTypes.INTEGER, SqlTypes.BIGINT, SqlTypes.NUMERIC, SqlTypes.DECIMAL,
                 SqlTypes.REAL, SqlTypes.FLOAT, SqlTypes.DOUBLE -> "number";
            case SqlTypes.CHAR, SqlTypes.VARCHAR, SqlTypes.LONGVARCHAR, SqlTypes.NCHAR, SqlTypes.NVARCHAR, SqlTypes.LONGNVARCHAR,
                 SqlTypes.CLOB, SqlTypes.NCLOB, SqlTypes.LONG32VARCHAR, SqlTypes.LONG32NVARCHAR -> "text";
            case SqlTypes.DATE, SqlTypes.TIMESTAMP, SqlTypes.TIMESTAMP_WITH_TIMEZONE, SqlTypes.TIMESTAMP_UTC -> "timestamp";
            case SqlTypes.TIME, SqlTypes.TIME_WITH_TIMEZONE, SqlTypes.TIME_UTC -> "time";
            case SqlTypes.BINARY, SqlTypes.VARBINARY, SqlTypes.LONGVARBINARY, SqlTypes.LONG32VARBINARY -> "bytes";
            case SqlTypes.BOOLEAN, SqlTypes.BIT -> "boolean";
            default -> null;
        };
    }

    private String columnComment(TableName table, String column, String comment) {
        return "comment on column " + table(table) + "." + quote(column) + " is " + literal(comment);
    }

    // indexes and constraints

    String createIndex(TableName table, Index index) {
        return "create " + (index.unique() ? "unique " : "") + "index " + quote(index.name()) + " on " + table(table)
                + " (" + indexColumns(index.columns()) + ")";
    }

    private String dropIndex(TableName table, Index index) {
        return switch (kind) {
            case MARIADB -> "drop index " + quote(index.name()) + " on " + table(table);
            case SQLITE, POSTGRESQL -> "drop index " + (table.schema() == null ? "" : quote(table.schema()) + ".") + quote(index.name());
        };
    }

    private String indexColumns(List<String> entries) {
        List<String> parts = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry.trim();
            String lower = trimmed.toLowerCase(Locale.ROOT);
            if (lower.endsWith(" desc") || lower.endsWith(" asc")) {
                int space = trimmed.lastIndexOf(' ');
                parts.add(quote(trimmed.substring(0, space).trim()) + trimmed.substring(space).toLowerCase(Locale.ROOT));
            } else {
                parts.add(quote(trimmed));
            }
        }
        return String.join(", ", parts);
    }

    private String primaryKey(PrimaryKey key) {
        return (kind == MARIADB ? "" : constraint(key.name())) + "primary key (" + columns(key.columns()) + ")";
    }

    private String foreignKey(ForeignKey key) {
        StringBuilder sql = new StringBuilder(constraint(key.name()))
                .append("foreign key (").append(columns(key.columns())).append(") references ")
                .append(table(key.referencedTable()));
        if (!key.referencedColumns().isEmpty()) {
            sql.append(" (").append(columns(key.referencedColumns())).append(')');
        }
        if (key.onDelete() != FkAction.NO_ACTION) sql.append(" on delete ").append(key.onDelete().sql());
        if (key.onUpdate() != FkAction.NO_ACTION) sql.append(" on update ").append(key.onUpdate().sql());
        return sql.toString();
    }

    // MariaDB's enum type elsewhere

    /** The native enum a type declares, when this database has no such type (see {@link NativeEnum}); else null. */
    NativeEnum nativeEnumElsewhere(ColumnType type) {
        return kind == MARIADB ? null : NativeEnum.of(type).orElse(null);
    }

    /** The column with the varchar that stands for its native enum type here, if it has one. */
    Column withoutNativeEnum(Column column) {
        NativeEnum values = nativeEnumElsewhere(column.type());
        return values == null ? column : column.withType(values.varchar());
    }

    /** The table with varchars and checks for its native enum columns, as Hibernate creates such a table here. */
    private Table withoutNativeEnums(Table table) {
        if (kind == MARIADB || table.columns().stream().allMatch(c -> nativeEnumElsewhere(c.type()) == null)) {
            return table;
        }
        Table.Builder builder = table.toBuilder().columns(table.columns().stream().map(this::withoutNativeEnum).toList());
        for (Column column : table.columns()) {
            NativeEnum values = nativeEnumElsewhere(column.type());
            if (values != null) builder.check(values.check(table.name(), column.name(), this));
        }
        return builder.build();
    }

    private String check(Check check) {
        return constraint(check.name()) + "check (" + check.expression() + ")";
    }

    private String constraint(String name) {
        return name == null ? "" : "constraint " + quote(name) + " ";
    }

    /** A constraint's name, or the one PostgreSQL gives an unnamed constraint ({@code book_author_id_fkey}). */
    private String constraintName(String name, TableName table, List<String> columns, String suffix) {
        if (name != null) {
            return name;
        }
        if (kind != POSTGRESQL) {
            throw new IllegalArgumentException("cannot drop an unnamed constraint on '" + table + "' " + columns + " on " + kind.displayName());
        }
        return folded(table.name()) + "_" + String.join("_", columns.stream().map(this::folded).toList()) + "_" + suffix;
    }

    private String folded(String name) {
        return PLAIN_NAME.matcher(name).matches() ? name.toLowerCase(Locale.ROOT) : name;
    }

    private String columns(List<String> names) {
        return String.join(", ", names.stream().map(this::quote).toList());
    }

    private String alter(TableName table) {
        return "alter table " + table(table) + " ";
    }

    private String sequence(Sequence sequence) {
        return table(sequence.name());
    }

    private TableName rebuildOnSqlite(Op op) {
        if (kind == SQLITE) {
            throw rebuildNeeded(op);
        }
        return op.table();
    }

    private static IllegalArgumentException rebuildNeeded(Op op) {
        return new IllegalArgumentException("SQLite cannot change table '" + op.table() + "' in place (" + op.describe()
                + "): the table must be rebuilt, which DdlExecutor does");
    }
}
