package dev.retort.runtime;

import dev.retort.model.DatabaseKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The progress of the migration in flight, {@code <version-table>_progress}, kept on databases without
 * transactional DDL (MariaDB), where every DDL statement commits by itself and a migration that fails half way
 * leaves its first statements applied. A row is written, and committed, before each statement runs
 * ({@value #RUNNING}) and marked {@value #APPLIED} once it has run (in the same commit as the statement itself when
 * that is DML); a statement the database refused is removed again. So after any failure, even a killed process,
 * the rows say exactly which statements took effect, and which one may or may not have. The rows go when the
 * migration completes, in the commit that moves the version table. The table is empty except after a failure.
 */
public final class VersionProgress {

    public static final String SUFFIX = "_progress";

    /** The statement was about to run, or running: whether it took effect is unknown unless the row is gone. */
    static final String RUNNING = "running";
    /** The statement ran. */
    static final String APPLIED = "applied";
    /** The migration took the connection for its own JDBC code here: what that code did is not recorded. */
    static final String JDBC = "jdbc";

    /**
     * One row.
     *
     * @param entry       the row's position, from 1
     * @param statementNo the statement's number in the migration, from 1 (for {@link #JDBC}: the statements before)
     */
    record Entry(int entry, String revision, String direction, int statementNo, String state, String sql, String startedAt) {
    }

    private final VersionTable versionTable;
    private final String name;
    private final DatabaseKind kind;

    VersionProgress(VersionTable versionTable) {
        this.versionTable = versionTable;
        this.name = versionTable.name() + SUFFIX;
        this.kind = versionTable.kind();
    }

    public String name() {
        return name;
    }

    private String quoted() {
        return VersionTable.quote(name, kind);
    }

    public String createSql() {
        return "create table " + quoted() + " ("
                + "entry_no integer not null, "
                + "revision varchar(32) not null, "
                + "direction varchar(16) not null, "
                + "statement_no integer not null, "
                + "state varchar(16) not null, "
                + "sql_text " + (kind == DatabaseKind.MARIADB ? "longtext" : "text") + " not null, "
                + "started_at varchar(32) not null, "
                + "constraint " + VersionTable.quote(name + "_pkc", kind) + " primary key (entry_no))";
    }

    public boolean exists(Connection c) throws SQLException {
        return VersionTable.tableExists(c, kind, name);
    }

    /** Every row, in order; empty when the table does not exist. */
    List<Entry> read(Connection c) throws SQLException {
        return exists(c) ? rows(c) : new ArrayList<>();
    }

    /** Every row of a table known to exist, in order. */
    List<Entry> rows(Connection c) throws SQLException {
        List<Entry> rows = new ArrayList<>();
        String sql = "select entry_no, revision, direction, statement_no, state, sql_text, started_at from " + quoted()
                + " order by entry_no";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(new Entry(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)));
            }
        }
        return rows;
    }

    void insert(Connection c, Entry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into " + quoted()
                + " (entry_no, revision, direction, statement_no, state, sql_text, started_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, e.entry());
            ps.setString(2, e.revision());
            ps.setString(3, e.direction());
            ps.setInt(4, e.statementNo());
            ps.setString(5, e.state());
            ps.setString(6, e.sql());
            ps.setString(7, e.startedAt());
            ps.executeUpdate();
        }
    }

    void markApplied(Connection c, int entry) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("update " + quoted() + " set state = ? where entry_no = ?")) {
            ps.setString(1, APPLIED);
            ps.setInt(2, entry);
            ps.executeUpdate();
        }
    }

    void delete(Connection c, int entry) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from " + quoted() + " where entry_no = ?")) {
            ps.setInt(1, entry);
            ps.executeUpdate();
        }
    }

    /**
     * Removes every row of a table known to exist, handing the statement to {@code executed} when there were any;
     * returns how many.
     */
    int clear(Connection c, Consumer<String> executed) throws SQLException {
        String sql = "delete from " + quoted();
        int n;
        try (Statement s = c.createStatement()) {
            n = s.executeUpdate(sql);
        }
        if (n > 0) {
            executed.accept(sql);
        }
        return n;
    }

    /**
     * What a migration that stopped half way left, with what to do, for {@code current}; null when the table is
     * empty or missing.
     */
    public String describeUnfinished(Connection c) throws SQLException {
        List<Entry> rows = read(c);
        return rows.isEmpty() ? null : unfinished(rows);
    }

    /** The sentence for non-empty {@code rows}: which migration stopped, how far it got, how to resume or repair it. */
    String unfinished(List<Entry> rows) {
        Entry first = rows.get(0);
        boolean upgrade = first.direction().equals(HistoryEntry.UPGRADE);
        long applied = rows.stream().filter(e -> APPLIED.equals(e.state())).count();
        return "the " + first.direction() + " of " + first.revision() + " stopped half way in an earlier run, with "
                + (applied == 1 ? "1 statement" : applied + " statements") + " applied (see table " + name + "): resume it with 'retort "
                + first.direction() + " " + (upgrade ? first.revision() : first.revision() + "-1")
                + "', or finish it by hand and run 'retort stamp " + (upgrade ? first.revision() : first.revision() + "-1") + "'";
    }

    /** The statement that marks row {@code entry} applied, for a user who checked that it took effect. */
    String markAppliedSql(int entry) {
        return "update " + quoted() + " set state = " + versionTable.literal(APPLIED) + " where entry_no = " + entry;
    }

    /** The statement that removes row {@code entry}, for a user who checked that it did not take effect. */
    String deleteSql(int entry) {
        return "delete from " + quoted() + " where entry_no = " + entry;
    }
}
