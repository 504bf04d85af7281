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
 * transaction as the migration it records.
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

    /** The table name as it goes into SQL (the config only allows plain names, quoted for safety anyway). */
    String quoted() {
        return kind == DatabaseKind.MARIADB ? "`" + name + "`" : "\"" + name + "\"";
    }

    public String createSql() {
        return "create table " + quoted() + " (version_num varchar(32) not null, constraint " + quotedPk()
                + " primary key (version_num))";
    }

    private String quotedPk() {
        String pk = name + "_pkc";
        return kind == DatabaseKind.MARIADB ? "`" + pk + "`" : "\"" + pk + "\"";
    }

    public boolean exists(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String candidate : List.of(name, name.toLowerCase(), name.toUpperCase())) {
            try (ResultSet rs = md.getTables(kind == DatabaseKind.MARIADB ? c.getCatalog() : null, null, candidate, null)) {
                while (rs.next()) {
                    if (rs.getString("TABLE_NAME").equalsIgnoreCase(name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Creates the table when it is missing. */
    public void ensure(Connection c) throws SQLException {
        if (!exists(c)) {
            try (Statement s = c.createStatement()) {
                s.execute(createSql());
            }
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

    /** Applies a change of rows: deletes then inserts, reporting each statement (as literal SQL) to {@code log}. */
    public void change(Connection c, Collection<String> delete, Collection<String> insert, Consumer<String> log) throws SQLException {
        for (String id : new TreeSet<>(delete)) {
            log.accept(deleteSql(id));
            try (PreparedStatement ps = c.prepareStatement("delete from " + quoted() + " where version_num = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
        }
        for (String id : new TreeSet<>(insert)) {
            log.accept(insertSql(id));
            try (PreparedStatement ps = c.prepareStatement("insert into " + quoted() + " (version_num) values (?)")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
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

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
