package dev.retort.runtime;

import dev.retort.model.DatabaseKind;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
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
        DatabaseMetaData md = c.getMetaData();
        for (String candidate : List.of(table, table.toLowerCase(), table.toUpperCase())) {
            try (ResultSet rs = md.getTables(kind == DatabaseKind.MARIADB ? c.getCatalog() : null, null, candidate, null)) {
                while (rs.next()) {
                    if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Creates the table when it is missing, handing the statement to {@code executed}. */
    public void ensure(Connection c, Consumer<String> executed) throws SQLException {
        if (!exists(c)) {
            String sql = createSql();
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            executed.accept(sql);
        }
    }

    /** The applied heads; empty when the table does not exist (a database never migrated). */
    public Set<String> read(Connection c) throws SQLException {
        Set<String> rows = new TreeSet<>();
        if (!exists(c)) {
            return rows;
        }
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
        for (String id : new TreeSet<>(delete)) {
            try (PreparedStatement ps = c.prepareStatement("delete from " + quoted() + " where version_num = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            executed.accept(deleteSql(id));
        }
        for (String id : new TreeSet<>(insert)) {
            try (PreparedStatement ps = c.prepareStatement("insert into " + quoted() + " (version_num) values (?)")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            executed.accept(insertSql(id));
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
