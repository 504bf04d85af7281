package dev.retort.runtime;

import dev.retort.model.DatabaseKind;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throwaway database of the configured kind, where the migration chain is replayed so that autogenerate
 * and {@code --sql} know the schema without touching the real database: an in-memory SQLite database, or a
 * fresh database on the configured PostgreSQL/MariaDB server, dropped again on close.
 */
public final class ScratchDatabase implements AutoCloseable {

    private static final Pattern SERVER_URL = Pattern.compile("(jdbc:[a-z]+://[^/?]+)(/[^?]*)?(\\?.*)?");

    private final Connection connection;
    private final Runnable cleanup;

    private ScratchDatabase(Connection connection, Runnable cleanup) {
        this.connection = connection;
        this.cleanup = cleanup;
    }

    /** The scratch connection; null in offline mode for databases that need no schema knowledge to print SQL. */
    public Connection connection() {
        return connection;
    }

    /** For {@code --sql}: an in-memory SQLite database (batch rebuilds must see the tables), else none. */
    public static ScratchDatabase forOffline(DatabaseKind kind) {
        if (kind == DatabaseKind.SQLITE) {
            return memorySqlite();
        }
        return new ScratchDatabase(null, () -> { });
    }

    /** A scratch database of the same kind as {@code url}'s, on the same server. */
    public static ScratchDatabase create(DatabaseKind kind, String url, String user, String password) {
        if (kind == DatabaseKind.SQLITE) {
            return memorySqlite();
        }
        if (url == null) {
            throw new DatabaseException("autogenerate on " + kind.displayName() + " replays the migrations into a scratch database on the configured server: set 'url'");
        }
        Matcher m = SERVER_URL.matcher(url);
        if (!m.matches()) {
            throw new DatabaseException("cannot derive a scratch database from the URL " + Secrets.maskUrl(url));
        }
        String name = "retort_scratch_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        String params = m.group(3) == null ? "" : m.group(3);
        Connection admin = Database.open(url, user, password, kind);
        try {
            try (Statement s = admin.createStatement()) {
                s.execute("create database " + name);
            }
            Connection scratch = Database.open(m.group(1) + "/" + name + params, user, password, kind);
            return new ScratchDatabase(scratch, () -> {
                try (admin; Statement s = admin.createStatement()) {
                    s.execute(kind == DatabaseKind.POSTGRESQL ? "drop database if exists " + name + " with (force)" : "drop database if exists " + name);
                } catch (SQLException ignored) {
                    // a leftover scratch database is harmless and named as such
                }
            });
        } catch (SQLException e) {
            close(admin);
            throw new DatabaseException("cannot create a scratch database on " + Secrets.maskUrl(url) + " (the user needs the right to create databases): "
                    + Database.firstLine(e.getMessage()), e);
        }
    }

    private static ScratchDatabase memorySqlite() {
        try {
            return new ScratchDatabase(DriverManager.getConnection("jdbc:sqlite::memory:"), () -> { });
        } catch (SQLException e) {
            throw new DatabaseException("cannot open an in-memory SQLite database: " + e.getMessage(), e);
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // closing is best effort
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            close(connection);
        }
        cleanup.run();
    }
}
