package dev.retort.runtime;

import dev.retort.ddl.DdlExecutor;
import dev.retort.model.DatabaseKind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Serialises migrating processes on one database, so that each migration runs once and the losers, once they
 * get the lock, read the version table the winner left and find nothing to do. Every kind of lock dies with
 * the session that holds it, so a killed process never blocks the next one for longer than the database takes
 * to notice.
 * <ul>
 * <li>PostgreSQL: a session-level advisory lock on a key derived from the version table's name, polled with
 *     {@code pg_try_advisory_lock} until {@code lock-timeout}.</li>
 * <li>MariaDB: {@code GET_LOCK} on a name derived from the database and the version table.</li>
 * <li>SQLite: the whole run is one {@code BEGIN IMMEDIATE} transaction (the driver issues it, since
 *     {@link Database#open} sets {@code transaction_mode=IMMEDIATE}); SQLite's busy timeout is the wait.</li>
 * </ul>
 */
final class MigrationLock {

    private static final long POLL_MS = 200;

    private final Connection connection;
    private final DatabaseKind kind;
    private final long key;
    private final String name;

    private MigrationLock(Connection connection, DatabaseKind kind, long key, String name) {
        this.connection = connection;
        this.kind = kind;
        this.key = key;
        this.name = name;
    }

    /**
     * Takes the lock, waiting at most {@code timeout}; {@code info} hears once that the process waits.
     *
     * @throws LockTimeoutException when another process held it all that time
     */
    static MigrationLock acquire(Connection c, DatabaseKind kind, String versionTable, Duration timeout, Consumer<String> info) {
        try {
            return switch (kind) {
                case POSTGRESQL -> postgres(c, versionTable, timeout, info);
                case MARIADB -> mariadb(c, versionTable, timeout, info);
                case SQLITE -> sqlite(c, timeout, info);
            };
        } catch (SQLException e) {
            throw new DatabaseException("cannot take the migration lock: " + Database.firstLine(e.getMessage()), e);
        }
    }

    private static MigrationLock postgres(Connection c, String versionTable, Duration timeout, Consumer<String> info) throws SQLException {
        long key = key(versionTable);
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean told = false;
        while (!tryPostgres(c, key)) {
            if (System.nanoTime() >= deadline) {
                throw timedOut(timeout, " (PostgreSQL advisory lock " + key + "; see pg_locks where locktype = 'advisory')");
            }
            if (!told) {
                info.accept(waiting(timeout));
                told = true;
            }
            sleep(Math.min(POLL_MS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
        return new MigrationLock(c, DatabaseKind.POSTGRESQL, key, null);
    }

    private static boolean tryPostgres(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static MigrationLock mariadb(Connection c, String versionTable, Duration timeout, Consumer<String> info) throws SQLException {
        String database;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select database()")) {
            rs.next();
            database = rs.getString(1);
        }
        // GET_LOCK names are server-wide and at most 64 characters
        String name = "retort:" + HexFormat.of().formatHex(sha256(database + "." + versionTable.toLowerCase(Locale.ROOT)), 0, 24);
        if (!getLock(c, name, 0)) {
            info.accept(waiting(timeout));
            if (!getLock(c, name, timeout.toSeconds())) {
                throw timedOut(timeout, " (MariaDB lock '" + name + "'; see information_schema.metadata_lock_info)");
            }
        }
        return new MigrationLock(c, DatabaseKind.MARIADB, 0, name);
    }

    private static boolean getLock(Connection c, String name, long seconds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select get_lock(?, ?)")) {
            ps.setString(1, name);
            ps.setLong(2, seconds);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    private static MigrationLock sqlite(Connection c, Duration timeout, Consumer<String> info) throws SQLException {
        // foreign keys can only be switched off outside a transaction, and the transaction is the lock
        DdlExecutor.beforeMigration(c, DatabaseKind.SQLITE);
        try {
            if (!beginImmediate(c, 0)) {
                info.accept(waiting(timeout));
                if (!beginImmediate(c, timeout.toMillis())) {
                    throw timedOut(timeout, "");
                }
            }
        } catch (RuntimeException | SQLException e) {
            DdlExecutor.restoreAfterMigration(c, DatabaseKind.SQLITE);
            throw e;
        } finally {
            busyTimeout(c, Database.SQLITE_BUSY_TIMEOUT_MS);
        }
        return new MigrationLock(c, DatabaseKind.SQLITE, 0, null);
    }

    /** Starts the immediate transaction, waiting at most {@code waitMs}; false when another writer holds the database. */
    private static boolean beginImmediate(Connection c, long waitMs) throws SQLException {
        busyTimeout(c, waitMs);
        try {
            c.setAutoCommit(false);
            return true;
        } catch (SQLException e) {
            // sqlite-jdbc marks the connection as in a transaction before BEGIN fails; setting auto-commit back
            // restores the flag (its COMMIT then fails, there being nothing to commit)
            try {
                c.setAutoCommit(true);
            } catch (SQLException expected) {
                // "cannot commit - no transaction is active"
            }
            if (isBusy(e)) {
                return false;
            }
            throw e;
        }
    }

    private static void busyTimeout(Connection c, long ms) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + Math.min(ms, Integer.MAX_VALUE));
        }
    }

    static boolean isBusy(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return e.getErrorCode() == 5 || e.getErrorCode() == 6 || message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED");
    }

    /** Releases the lock; on SQLite, after the caller ended the transaction, restores foreign key enforcement. */
    void release() {
        try {
            switch (kind) {
                case POSTGRESQL -> {
                    try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                        ps.setLong(1, key);
                        ps.executeQuery().close();
                    }
                }
                case MARIADB -> {
                    try (PreparedStatement ps = connection.prepareStatement("select release_lock(?)")) {
                        ps.setString(1, name);
                        ps.executeQuery().close();
                    }
                }
                case SQLITE -> DdlExecutor.restoreAfterMigration(connection, kind);
            }
        } catch (SQLException ignored) {
            // a broken connection has lost the lock with its session
        }
    }

    private static String waiting(Duration timeout) {
        return "Another retort is migrating this database; waiting up to " + timeout.toSeconds() + " s for it to finish ...";
    }

    private static LockTimeoutException timedOut(Duration timeout, String detail) {
        return new LockTimeoutException("another retort is migrating this database; waited " + timeout.toSeconds()
                + " s (raise lock-timeout to wait longer)" + detail);
    }

    /** The advisory lock key: the first 8 bytes of SHA-256 over the version table's name, lower-cased as PostgreSQL folds it. */
    static long key(String versionTable) {
        byte[] hash = sha256("retort:" + versionTable.toLowerCase(Locale.ROOT));
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key = key << 8 | (hash[i] & 0xff);
        }
        return key;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while waiting for the migration lock");
        }
    }
}
