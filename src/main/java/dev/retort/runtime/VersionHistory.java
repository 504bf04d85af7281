package dev.retort.runtime;

import dev.retort.model.DatabaseKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The version history, {@code <version-table>_history}: a row for every revision applied, reverted, stamped or
 * repaired, with its checksum, when it happened and how long it ran. Rows are written in the transaction of the
 * change they describe. The version table stays the one Alembic knows; this table is Retort's own addition.
 */
public final class VersionHistory {

    public static final String SUFFIX = "_history";

    private final VersionTable versionTable;
    private final String name;
    private final DatabaseKind kind;

    VersionHistory(VersionTable versionTable) {
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

    /** The create statement; {@code ifNotExists} for scripts, which cannot look first. */
    public String createSql(boolean ifNotExists) {
        return "create table " + (ifNotExists ? "if not exists " : "") + quoted() + " ("
                + "installed_rank integer not null, "
                + "revision varchar(32) not null, "
                + "direction varchar(16) not null, "
                + "checksum varchar(80), "
                + "applied_at varchar(32) not null, "
                + "duration_ms bigint, "
                + "constraint " + VersionTable.quote(name + "_pkc", kind) + " primary key (installed_rank))";
    }

    public boolean exists(Connection c) throws SQLException {
        return VersionTable.tableExists(c, kind, name);
    }

    void ensure(Connection c, Consumer<String> executed) throws SQLException {
        if (!exists(c)) {
            String sql = createSql(false);
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
            executed.accept(sql);
        }
    }

    /** Every row, oldest first; empty when the table does not exist (a database migrated before Retort kept history). */
    public List<HistoryEntry> read(Connection c) throws SQLException {
        List<HistoryEntry> rows = new ArrayList<>();
        if (!exists(c)) {
            return rows;
        }
        String sql = "select installed_rank, revision, direction, checksum, applied_at, duration_ms from " + quoted()
                + " order by installed_rank";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                long duration = rs.getLong(6);
                rows.add(new HistoryEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.wasNull() ? null : duration));
            }
        }
        return rows;
    }

    /** Appends rows after the last one (the caller holds the migration lock), handing each statement to {@code executed}. */
    void append(Connection c, List<HistoryEntry> entries, Consumer<String> executed) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        long rank;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(max(installed_rank), 0) from " + quoted())) {
            rs.next();
            rank = rs.getLong(1);
        }
        String sql = "insert into " + quoted() + " (installed_rank, revision, direction, checksum, applied_at, duration_ms)"
                + " values (?, ?, ?, ?, ?, ?)";
        for (HistoryEntry e : entries) {
            rank++;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, rank);
                ps.setString(2, e.revision());
                ps.setString(3, e.direction());
                ps.setString(4, e.checksum());
                ps.setString(5, e.appliedAt());
                if (e.durationMs() == null) {
                    ps.setNull(6, Types.BIGINT);
                } else {
                    ps.setLong(6, e.durationMs());
                }
                ps.executeUpdate();
            }
            executed.accept("insert into " + quoted() + " (installed_rank, revision, direction, checksum, applied_at, duration_ms) values ("
                    + rank + ", " + versionTable.literal(e.revision()) + ", " + versionTable.literal(e.direction()) + ", "
                    + versionTable.literal(e.checksum()) + ", " + versionTable.literal(e.appliedAt()) + ", " + e.durationMs() + ")");
        }
    }

    /**
     * The insert of a row for an offline script: the rank follows the table's last row and the time is the
     * script's run time, in the database's own SQL.
     */
    public String insertSql(String revision, String direction, String checksum) {
        return "insert into " + quoted() + " (installed_rank, revision, direction, checksum, applied_at, duration_ms) select"
                + " coalesce(max(installed_rank), 0) + 1, " + versionTable.literal(revision) + ", "
                + versionTable.literal(direction) + ", " + versionTable.literal(checksum) + ", " + nowUtc() + ", null from " + quoted();
    }

    /** The current time as UTC ISO-8601 text, as the online runtime writes it. */
    private String nowUtc() {
        return switch (kind) {
            case SQLITE -> "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
            case POSTGRESQL -> "to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
            case MARIADB -> "date_format(utc_timestamp(3), '%Y-%m-%dT%H:%i:%s.%fZ')";
        };
    }
}
