package dev.retort.ddl;

import dev.retort.inspect.SchemaInspector;
import dev.retort.model.Column;
import dev.retort.model.DatabaseKind;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.ops.Op;
import dev.retort.ops.OpSink;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;

/**
 * Runs the ops of a migration against a database, handing every statement it executes to a consumer (the
 * {@code --sql} script, {@code -v} logging). Without a connection it only hands them on.
 *
 * <p>On SQLite, what ALTER TABLE cannot do is done by rebuilding the table ({@link TableRebuild}). Those ops
 * are held back per table and applied as one rebuild when an op on another table, {@link #connection()} or
 * {@link #flush()} comes; an op on a table with a rebuild pending joins it, so the order of changes holds. What
 * SQLite can do in place (add a nullable column, rename, drop a plain column, indexes) runs in place.
 *
 * <p>The runtime brackets a migration on SQLite with {@link #beforeMigration} (before its transaction starts:
 * foreign keys off, so that dropping the old table neither cascades nor fails and other tables' foreign keys
 * keep naming it), {@link #flush()} and {@link #afterMigration} (before commit: pending rebuilds, then
 * {@code foreign_key_check}) and {@link #restoreAfterMigration} (after commit or rollback, with auto-commit
 * back on: foreign keys as they were).
 */
public final class DdlExecutor implements OpSink {

    /** Connections whose foreign key enforcement {@link #beforeMigration} turned off. */
    private static final Map<Connection, Boolean> FOREIGN_KEYS_TURNED_OFF = Collections.synchronizedMap(new WeakHashMap<>());

    private final Connection connection;
    private final DatabaseKind kind;
    private final Consumer<String> statements;
    private final DdlGenerator ddl;
    private final Journal journal;
    private TableRebuild pending;
    /** Statements of this migration so far, run or skipped: the numbers the {@link Journal} hears. */
    private int count;
    /** Schemas this migration has created (if missing) already: one {@code create schema} each is enough. */
    private final Set<String> schemasCreated = new HashSet<>();
    /** Statements held back for the caller to send with its own ({@link #deferStatements}); null: each runs at once. */
    private List<String> deferred;
    /** Runs before the migration's own code first takes the connection (see {@link #deferStatements(Runnable)}). */
    private Runnable beforeConnection;

    /**
     * Where a database without transactional DDL keeps count of the statements of a migration that took effect,
     * so that a migration that failed half way can resume after the last one. Statements are numbered from 1 over
     * the migration, in the order its ops produce them (deterministic: the same migration gives the same stream).
     */
    public interface Journal {
        /** Records nothing and skips nothing. */
        Journal NONE = new Journal() {
            @Override
            public boolean before(int number, String sql) {
                return false;
            }

            @Override
            public void after(int number, String sql) {
            }

            @Override
            public void failed(int number, String sql) {
            }

            @Override
            public void connectionTaken(int statements) {
            }
        };

        /** Before statement {@code number} runs: true when an earlier run applied it, so it is skipped. */
        boolean before(int number, String sql);

        /** Statement {@code number} ran. */
        void after(int number, String sql);

        /** Statement {@code number} failed: the database refused it. */
        void failed(int number, String sql);

        /** The migration takes the connection for its own JDBC code, after {@code statements} statements. */
        void connectionTaken(int statements);
    }

    /**
     * @param connection the database, or null to only hand statements on (not possible for a SQLite rebuild,
     *                   which reads the table: give it a scratch database at the same schema instead)
     * @param statements receives every statement after it has run
     */
    public DdlExecutor(Connection connection, DatabaseKind kind, Consumer<String> statements) {
        this(connection, kind, statements, Journal.NONE);
    }

    /** The same, telling {@code journal} about every statement (see {@link Journal}). */
    public DdlExecutor(Connection connection, DatabaseKind kind, Consumer<String> statements, Journal journal) {
        this.connection = connection;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.statements = Objects.requireNonNull(statements, "statements");
        this.journal = Objects.requireNonNull(journal, "journal");
        TypeNames.prepare(kind);
        this.ddl = new DdlGenerator(kind);
    }

    /** How many statements this migration has produced so far (run, or skipped as applied by an earlier run). */
    public int statementCount() {
        return count;
    }

    @Override
    public void accept(Op op) {
        if (kind != DatabaseKind.SQLITE) {
            run(ddl.statements(op));
            return;
        }
        TableName table = op.table();
        if (pending != null) {
            if (table != null && pending.table().matches(table) && TableRebuild.canJoin(op)) {
                pending.add(op);
                return;
            }
            flush();
        }
        if (needsRebuild(op)) {
            pending = new TableRebuild(table);
            pending.add(op);
        } else {
            run(ddl.statements(op));
        }
    }

    @Override
    public DatabaseKind database() {
        return kind;
    }

    /**
     * Holds the statements of the ops back instead of running each at once, for the caller to send together with
     * statements of its own in one round trip ({@link #takeDeferred}): what the runtime does inside a migration's
     * transaction on PostgreSQL, where steps go to the server in batches. Only without a journal (nothing is recorded per statement) and not on SQLite, whose rebuilds read the database.
     * Taking the {@link #connection()} runs what is held back first, so a migration's own JDBC code sees its ops done;
     * {@code beforeConnection} runs before that, the first time: the runtime makes the connection this migration's.
     */
    public DdlExecutor deferStatements(Runnable beforeConnection) {
        if (journal != Journal.NONE || kind == DatabaseKind.SQLITE || connection == null) {
            throw new IllegalStateException("statements are deferred only on a client-server database, without a journal");
        }
        if (deferred == null) {
            deferred = new ArrayList<>();
        }
        this.beforeConnection = Objects.requireNonNull(beforeConnection, "beforeConnection");
        return this;
    }

    /**
     * The statements held back so far, in order, which the caller now runs and reports; this forgets them. Empty
     * unless {@link #deferStatements} was called.
     */
    public List<String> takeDeferred() {
        if (deferred == null || deferred.isEmpty()) {
            return List.of();
        }
        List<String> taken = List.copyOf(deferred);
        deferred.clear();
        return taken;
    }

    /** The connection, after every op so far has run (a pending rebuild and deferred statements included). */
    @Override
    public Connection connection() {
        if (connection == null) {
            throw new IllegalStateException("no database connection in offline (--sql) mode: a data migration cannot run here");
        }
        flush();
        if (beforeConnection != null) {
            Runnable first = beforeConnection;
            beforeConnection = null;
            first.run();
        }
        for (String sql : takeDeferred()) {
            executeReported(sql);
        }
        journal.connectionTaken(count);
        return connection;
    }

    /** Runs the pending SQLite rebuild, if any. */
    public void flush() {
        TableRebuild rebuild = pending;
        pending = null;
        if (rebuild != null) {
            rebuild(rebuild);
        }
    }

    /**
     * To call before the migration's transaction starts: on SQLite turns foreign key enforcement off (SQLite
     * ignores the pragma inside a transaction), remembering whether it was on.
     */
    public static void beforeMigration(Connection c, DatabaseKind kind) throws SQLException {
        if (kind != DatabaseKind.SQLITE) return;
        if (foreignKeysOn(c)) {
            execute(c, "PRAGMA foreign_keys = OFF");
            if (foreignKeysOn(c)) {
                throw new IllegalStateException("cannot turn SQLite foreign keys off inside a transaction: call beforeMigration before it starts");
            }
            FOREIGN_KEYS_TURNED_OFF.put(c, Boolean.TRUE);
        }
    }

    /**
     * To call at the end of a migration, after {@link #flush()} and before commit: on SQLite checks every foreign
     * key, since none was enforced while the migration ran.
     *
     * @throws DdlException naming the violations, if any
     */
    public static void afterMigration(Connection c, DatabaseKind kind) throws SQLException {
        if (kind == DatabaseKind.SQLITE) {
            checkForeignKeys(c, null);
        }
    }

    /** To call after the migration's transaction ended (commit or rollback): foreign keys as they were before. */
    public static void restoreAfterMigration(Connection c, DatabaseKind kind) throws SQLException {
        if (kind != DatabaseKind.SQLITE) return;
        if (FOREIGN_KEYS_TURNED_OFF.remove(c) != null) {
            execute(c, "PRAGMA foreign_keys = ON");
        }
    }

    // SQLite

    /** Whether SQLite must rebuild the table for this op, given what it can do in place. */
    private boolean needsRebuild(Op op) {
        if (op instanceof Op.AddColumn o) {
            return !addsInPlace(o.column());
        }
        if (op instanceof Op.DropColumn o) {
            return !dropsInPlace(o);
        }
        if (op instanceof Op.AlterColumn o) {
            return o.from() == null || o.changesType() || o.changesNullability() || o.changesDefault()
                    || o.from().identity() != o.to().identity();
        }
        return op instanceof Op.AddUnique || op instanceof Op.DropUnique || op instanceof Op.AddPrimaryKey
                || op instanceof Op.DropPrimaryKey || op instanceof Op.AddForeignKey || op instanceof Op.DropForeignKey
                || op instanceof Op.AddCheck || op instanceof Op.DropCheck;
    }

    /** SQLite's ADD COLUMN: no key, no identity, and a NOT NULL column needs a constant non-null default. */
    private static boolean addsInPlace(Column column) {
        if (column.identity()) return false;
        String value = column.defaultValue() == null ? null : column.defaultValue().trim().toLowerCase(Locale.ROOT);
        boolean constant = value == null || !(value.startsWith("(") || value.equals("current_time")
                || value.equals("current_date") || value.equals("current_timestamp"));
        return constant && (column.nullable() || value != null && !value.equals("null"));
    }

    /**
     * SQLite's DROP COLUMN refuses a column that a key, an index, a foreign key or a check uses; the rebuild
     * drops those with it, as PostgreSQL does. (A view or trigger that uses it fails either way.)
     */
    private boolean dropsInPlace(Op.DropColumn op) {
        Table live = inspect(op.table());
        String name = op.column().name();
        if (live == null || live.column(name).isEmpty()) return true; // let SQLite report it
        return !(live.primaryKey() != null && live.primaryKey().columns().stream().anyMatch(name::equalsIgnoreCase)
                || live.uniqueKeys().stream().anyMatch(k -> k.columns().stream().anyMatch(name::equalsIgnoreCase))
                || live.foreignKeys().stream().anyMatch(k -> k.columns().stream().anyMatch(name::equalsIgnoreCase))
                || live.indexes().stream().anyMatch(i -> i.columns().stream().anyMatch(entry -> SqlText.mentions(entry, name)))
                || live.checks().stream().anyMatch(c -> SqlText.mentions(c.expression(), name)));
    }

    private Table inspect(TableName table) {
        if (connection == null) {
            throw new IllegalStateException("SQLite needs a connection to read table '" + table
                    + "' before changing it; in --sql mode give DdlExecutor a scratch database at the same schema");
        }
        try {
            return SchemaInspector.inspectTable(connection, DatabaseKind.SQLITE, table).orElse(null);
        } catch (SQLException e) {
            throw new DdlException("cannot read table '" + table + "': " + e.getMessage(), e);
        }
    }

    private void rebuild(TableRebuild rebuild) {
        if (connection == null) {
            inspect(rebuild.table()); // throws the explanation
        }
        TableName table = rebuild.table();
        try {
            boolean autoCommit = connection.getAutoCommit();
            boolean foreignKeys = foreignKeysOn(connection);
            if (foreignKeys && !autoCommit) {
                throw new DdlException("cannot rebuild table '" + table + "' with SQLite foreign keys on: dropping the old table"
                        + " would cascade or fail; call DdlExecutor.beforeMigration before the transaction starts");
            }
            // used outside a migration's transaction, the rebuild brings its own
            if (foreignKeys) execute(connection, "PRAGMA foreign_keys = OFF");
            if (autoCommit) connection.setAutoCommit(false);
            try {
                rebuildInTransaction(rebuild);
                if (autoCommit) {
                    checkForeignKeys(connection, table);
                    connection.commit();
                }
            } catch (RuntimeException | SQLException e) {
                if (autoCommit) connection.rollback();
                throw e;
            } finally {
                if (autoCommit) connection.setAutoCommit(true);
                if (foreignKeys) execute(connection, "PRAGMA foreign_keys = ON");
            }
        } catch (SQLException e) {
            throw new DdlException("cannot rebuild table '" + table + "': " + e.getMessage(), e);
        }
    }

    /**
     * Runs the rebuild under a savepoint, so that a failure half way leaves the table as it was. A NOT NULL the
     * rows do not satisfy makes the copy fail; only then are the NULLs counted, for the message, so that a
     * rebuild that succeeds reads the table once.
     */
    private void rebuildInTransaction(TableRebuild rebuild) throws SQLException {
        TableRebuild.Plan plan = rebuild.plan(connection, ddl);
        execute(connection, "SAVEPOINT retort_rebuild");
        try {
            for (String sql : plan.statements()) {
                runOne(sql);
            }
        } catch (RuntimeException e) {
            execute(connection, "ROLLBACK TO retort_rebuild");
            execute(connection, "RELEASE retort_rebuild");
            if (e.getCause() instanceof SQLException cause && String.valueOf(cause.getMessage()).contains("NOT NULL constraint failed")) {
                checkNotNull(rebuild.table(), plan.checks());
            }
            throw e;
        }
        execute(connection, "RELEASE retort_rebuild");
    }

    /** One scan counts the NULLs of every column that becomes NOT NULL; the first with any fails. */
    private void checkNotNull(TableName table, List<TableRebuild.NotNullCheck> checks) throws SQLException {
        if (checks.isEmpty()) return;
        StringBuilder sql = new StringBuilder("select ");
        for (int i = 0; i < checks.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("count(case when ").append(checks.get(i).nullTest()).append(" then 1 end)");
        }
        sql.append(" from ").append(ddl.table(table));
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            rs.next();
            for (int i = 0; i < checks.size(); i++) {
                long rows = rs.getLong(i + 1);
                if (rows > 0) {
                    throw new DdlException(checks.get(i).message(table, rows));
                }
            }
        }
    }

    private static void checkForeignKeys(Connection c, TableName table) throws SQLException {
        List<String> violations = new ArrayList<>();
        int count = 0;
        String sql = table == null ? "PRAGMA foreign_key_check" : "PRAGMA foreign_key_check(" + quoteLiteral(table.name()) + ")";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                count++;
                if (violations.size() < 5) {
                    violations.add(rs.getString(1) + " row " + rs.getString(2) + " -> " + rs.getString(3));
                }
            }
        }
        if (count > 0) {
            throw new DdlException("foreign key check failed: " + count + (count == 1 ? " row references" : " rows reference")
                    + " a missing row (" + String.join(", ", violations) + (count > violations.size() ? ", ..." : "") + ")");
        }
    }

    private static String quoteLiteral(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static boolean foreignKeysOn(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA foreign_keys")) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    // running statements

    private void run(List<String> sql) {
        for (String statement : sql) {
            if (statement.startsWith(DdlGenerator.CREATE_SCHEMA) && !schemasCreated.add(statement)) {
                continue; // the migration's earlier op created it (if missing) already
            }
            runOne(statement);
        }
    }

    private void runOne(String sql) {
        int number = ++count;
        if (journal.before(number, sql)) {
            return; // applied by an earlier run of this migration
        }
        if (deferred != null) {
            deferred.add(sql);
            return;
        }
        if (connection != null) {
            try {
                execute(connection, sql);
            } catch (SQLException e) {
                journal.failed(number, sql);
                throw new DdlException("failed: " + sql + ": " + e.getMessage(), e);
            }
        }
        journal.after(number, sql);
        statements.accept(sql);
    }

    /** Runs a statement that was held back, and reports it. */
    private void executeReported(String sql) {
        try {
            execute(connection, sql);
        } catch (SQLException e) {
            throw new DdlException("failed: " + sql + ": " + e.getMessage(), e);
        }
        statements.accept(sql);
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
