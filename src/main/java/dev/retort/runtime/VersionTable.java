package dev.retort.runtime;

import dev.retort.model.DatabaseKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The version table: one row per applied head, as Alembic's {@code alembic_version}. It moves in the same
 * transaction as the migration it records. Its {@link #history() history} keeps what ran, when, and with which
 * checksum.
 */
public final class VersionTable {

    private final String name;
    private final DatabaseKind kind;

    public VersionTable(String name, DatabaseKind kind) {
        this.name = name;
        this.kind = kind;
    }

    public String name() {
        return name;
    }

    DatabaseKind kind() {
        return kind;
    }

    /** The history table that goes with this version table. */
    public VersionHistory history() {
        return new VersionHistory(this);
    }

    /** The progress table that goes with this version table (used where DDL is not transactional). */
    public VersionProgress progress() {
        return new VersionProgress(this);
    }

    /** The table name as it goes into SQL (the config only allows plain names, quoted for safety anyway). */
    String quoted() {
        return quote(name, kind);
    }

    static String quote(String name, DatabaseKind kind) {
        return kind == DatabaseKind.MARIADB ? "`" + name.replace("`", "``") + "`" : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    public String createSql() {
        return "create table " + quoted() + " (version_num varchar(32) not null, constraint " + quote(name + "_pkc", kind)
                + " primary key (version_num))";
    }

    public boolean exists(Connection c) throws SQLException {
        return tableExists(c, kind, name);
    }

    static boolean tableExists(Connection c, DatabaseKind kind, String table) throws SQLException {
        return !existing(c, kind, List.of(table)).isEmpty();
    }

    /**
     * Which of {@code tables} exist, names compared case-insensitively and returned lower-case, where Retort's
     * unqualified statements create them: the current schema (PostgreSQL), the current database (MariaDB), the main
     * database (SQLite). One catalog query: pgjdbc's {@code DatabaseMetaData.getTables} is a heavy one, and needs a
     * call per spelling of the name.
     */
    static Set<String> existing(Connection c, DatabaseKind kind, List<String> tables) throws SQLException {
        String in = String.join(", ", Collections.nCopies(tables.size(), "?"));
        String sql = switch (kind) {
            case SQLITE -> "select name from sqlite_master where type in ('table', 'view') and lower(name) in (" + in + ")";
            case POSTGRESQL -> "select c.relname from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
                    + " where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm', 'f') and lower(c.relname) in (" + in + ")";
            case MARIADB -> "select table_name from information_schema.tables where table_schema = database() and lower(table_name) in ("
                    + in + ")";
        };
        Set<String> found = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < tables.size(); i++) {
                ps.setString(i + 1, key(tables.get(i)));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(key(rs.getString(1)));
                }
            }
        }
        return found;
    }

    /** A table name as {@link #existing} reports it: the configuration only allows plain ASCII names. */
    static String key(String table) {
        return table.toLowerCase(Locale.ROOT);
    }

    /** Creates the table when it is missing, handing the statement to {@code executed}. */
    public void ensure(Connection c, Consumer<String> executed) throws SQLException {
        if (!exists(c)) {
            create(c, createSql(), executed);
        }
    }

    /** Runs a create statement, then hands it to {@code executed}. */
    static void create(Connection c, String sql, Consumer<String> executed) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
        executed.accept(sql);
    }

    /** The applied heads; empty when the table does not exist (a database never migrated). */
    public Set<String> read(Connection c) throws SQLException {
        return exists(c) ? rows(c) : new TreeSet<>();
    }

    /** The applied heads of a table known to exist. */
    Set<String> rows(Connection c) throws SQLException {
        Set<String> rows = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select version_num from " + quoted())) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    /**
     * Applies a change of rows: deletes then inserts, handing each statement (as literal SQL) to {@code executed}
     * once it has run.
     */
    public void change(Connection c, Collection<String> delete, Collection<String> insert, Consumer<String> executed) throws SQLException {
        StatementBatch batch = new StatementBatch(kind);
        change(batch, delete, insert);
        batch.run(c, executed);
    }

    /** Adds a change of rows to {@code batch}: deletes then inserts, each in the order of the ids. */
    void change(StatementBatch batch, Collection<String> delete, Collection<String> insert) {
        for (String id : new TreeSet<>(delete)) {
            batch.add("delete from " + quoted() + " where version_num = ?", deleteSql(id), StatementBatch.text(id));
        }
        for (String id : new TreeSet<>(insert)) {
            batch.add("insert into " + quoted() + " (version_num) values (?)", insertSql(id), StatementBatch.text(id));
        }
    }

    /** The statements of a change of rows, for offline scripts. */
    public void print(Collection<String> delete, Collection<String> insert, Consumer<String> log) {
        new TreeSet<>(delete).forEach(id -> log.accept(deleteSql(id)));
        new TreeSet<>(insert).forEach(id -> log.accept(insertSql(id)));
    }

    String deleteSql(String id) {
        return "delete from " + quoted() + " where version_num = " + literal(id);
    }

    String insertSql(String id) {
        return "insert into " + quoted() + " (version_num) values (" + literal(id) + ")";
    }

    /** A string literal; MariaDB also reads backslashes as escapes. */
    String literal(String s) {
        if (s == null) {
            return "null";
        }
        String escaped = kind == DatabaseKind.MARIADB ? s.replace("\\", "\\\\") : s;
        return "'" + escaped.replace("'", "''") + "'";
    }
}
