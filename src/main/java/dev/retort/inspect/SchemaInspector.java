package dev.retort.inspect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import dev.retort.model.DatabaseKind;
import dev.retort.model.Schema;
import dev.retort.model.Table;
import dev.retort.model.TableName;

/**
 * Reads what a database holds into the neutral {@link Schema} model, for the comparator to set against the
 * mapping. The catalog is read in bulk — a handful of queries whatever the number of tables — because
 * per-table metadata calls make {@code check} slow on large schemas.
 *
 * <p>Types come back as portable {@code ColumnType}s where the database type is one Hibernate's dialect
 * writes (SQLite {@code varchar(255)}, PostgreSQL {@code character varying(255)} and MariaDB
 * {@code varchar(255)} are all {@code VARCHAR(255)}), otherwise verbatim. Defaults are the SQL text the
 * database stores; names are spelled as the catalog spells them. Output is sorted and deterministic.
 *
 * <p>Scope: SQLite's main database; every non-system PostgreSQL schema (the current one, normally
 * {@code public}, as {@code schema == null}); MariaDB's current database. SQLite's own {@code sqlite_%}
 * tables and objects owned by PostgreSQL extensions are never reported.
 */
public final class SchemaInspector {

    private SchemaInspector() {
    }

    /**
     * The whole schema: the tables and sequences whose names {@code include} accepts (use it to leave out the
     * version table and what lies outside the configured include/exclude patterns).
     */
    public static Schema inspect(Connection c, DatabaseKind kind, Predicate<TableName> include) throws SQLException {
        Objects.requireNonNull(include, "include");
        return switch (kind) {
            case SQLITE -> SqliteSequences.split(c, SqliteCatalog.read(c, include, null));
            case POSTGRESQL -> withoutJit(c, () -> new Schema(PostgresCatalog.readTables(c, include, null),
                    PostgresCatalog.readSequences(c, include)));
            case MARIADB -> MariaDbCatalog.read(c, include, null);
        };
    }

    private interface CatalogRead<T> {
        T read() throws SQLException;
    }

    /**
     * Runs PostgreSQL catalog queries with the JIT compiler off, then restores the session's setting. The planner
     * prices the per-index and per-constraint subqueries high enough on a large catalog to compile them, and at
     * 1,000 tables the compiling took longer than the whole read does without it (0.8-1.5 s against 0.03-0.1 s for
     * the index query).
     */
    private static <T> T withoutJit(Connection c, CatalogRead<T> read) throws SQLException {
        String previous;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_setting('jit', true)")) {
            previous = rs.next() ? rs.getString(1) : null;
        }
        if (previous == null || previous.equals("off")) {
            return read.read(); // a server without JIT, or with it off already
        }
        setJit(c, "off");
        T result;
        try {
            result = read.read();
        } catch (SQLException | RuntimeException e) {
            try {
                setJit(c, previous);
            } catch (SQLException restore) {
                e.addSuppressed(restore); // e.g. the transaction is aborted: it is rolled back with the setting anyway
            }
            throw e;
        }
        setJit(c, previous);
        return result;
    }

    private static void setJit(Connection c, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select set_config('jit', ?, false)")) {
            ps.setString(1, value);
            ps.executeQuery().close();
        }
    }

    /** One table, found the way the database resolves an unquoted name (ignoring case), or empty. */
    public static Optional<Table> inspectTable(Connection c, DatabaseKind kind, TableName table) throws SQLException {
        Objects.requireNonNull(table, "table");
        List<Table> found = switch (kind) {
            case SQLITE -> SqliteCatalog.read(c, t -> true, table.name());
            case POSTGRESQL -> withoutJit(c, () -> PostgresCatalog.readTables(c, t -> t.matches(table), table));
            case MARIADB -> MariaDbCatalog.read(c, t -> t.matches(table), table.name()).tables();
        };
        // PostgreSQL and MariaDB may hold both "Book" and "book"; prefer the exact spelling
        return found.stream().filter(t -> t.name().name().equals(table.name())).findFirst()
                .or(() -> found.stream().findFirst());
    }
}
