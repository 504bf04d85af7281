package dev.retort.runtime;

import dev.retort.model.DatabaseKind;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

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

    /** Every row, oldest first; empty when the table does not exist (a database migrated before Retort kept history). */
    public List<HistoryEntry> read(Connection c) throws SQLException {
        return exists(c) ? rows(c) : new ArrayList<>();
    }

    /** Every row of a table known to exist, oldest first. */
    List<HistoryEntry> rows(Connection c) throws SQLException {
        List<HistoryEntry> rows = new ArrayList<>();
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

    /** The rank of the last row of a table known to exist; 0 when it has none. */
    long lastRank(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(max(installed_rank), 0) from " + quoted())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Adds the inserts of {@code entries} to {@code batch}, ranked after {@code lastRank} (the caller holds the
     * migration lock, so nobody else appends); returns the rank of the last.
     */
    long append(StatementBatch batch, long lastRank, List<HistoryEntry> entries) {
        return append(batch, lastRank, entries, false);
    }

    /**
     * The same; with {@code addServerTime}, where the batch goes to the server whole with the migration's statements
     * before it, each row's duration adds the server's time in the transaction so far to the client's.
     */
    long append(StatementBatch batch, long lastRank, List<HistoryEntry> entries, boolean addServerTime) {
        String sql = "insert into " + quoted() + " (installed_rank, revision, direction, checksum, applied_at, duration_ms)"
                + " values (?, ?, ?, ?, ?, ?)";
        long rank = lastRank;
        for (HistoryEntry e : entries) {
            rank++;
            String duration = String.valueOf(e.durationMs());
            if (addServerTime && e.durationMs() != null && batch.together()) {
                duration = e.durationMs() + " + (extract(epoch from clock_timestamp() - transaction_timestamp()) * 1000)::bigint";
            }
            String echo = "insert into " + quoted() + " (installed_rank, revision, direction, checksum, applied_at, duration_ms) values ("
                    + rank + ", " + versionTable.literal(e.revision()) + ", " + versionTable.literal(e.direction()) + ", "
                    + versionTable.literal(e.checksum()) + ", " + versionTable.literal(e.appliedAt()) + ", " + duration + ")";
            batch.add(sql, echo, StatementBatch.bigint(rank), StatementBatch.text(e.revision()), StatementBatch.text(e.direction()),
                    StatementBatch.text(e.checksum()), StatementBatch.text(e.appliedAt()), StatementBatch.bigint(e.durationMs()));
        }
        return rank;
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
