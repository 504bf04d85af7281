package dev.retort.runtime;

import dev.retort.model.DatabaseKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** Opens connections, turning the drivers' many ways of failing into one clear line. */
public final class Database {

    /** How long SQLite waits for another process's lock before giving up, in milliseconds. */
    static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;

    private Database() {
    }

    public static Connection open(String url, String user, String password, DatabaseKind kind) {
        if (kind == DatabaseKind.SQLITE) {
            checkSqliteFolder(url);
        }
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        if (kind == DatabaseKind.SQLITE) {
            props.setProperty("busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MS));
            // a migration's transaction takes the write lock when it begins: it is the migration lock
            props.setProperty("transaction_mode", "IMMEDIATE");
        }
        if (kind == DatabaseKind.POSTGRESQL) {
            props.setProperty("connectTimeout", "10");
        }
        if (kind == DatabaseKind.MARIADB) {
            props.setProperty("connectTimeout", "10000");
        }
        try {
            Connection c = DriverManager.getConnection(url, props);
            if (kind == DatabaseKind.SQLITE) {
                try (Statement s = c.createStatement()) {
                    // Fail now, with a clear message, if the file is not a database or is unreadable.
                    s.execute("select count(*) from sqlite_master");
                } catch (SQLException e) {
                    c.close();
                    throw e;
                }
            }
            return c;
        } catch (SQLException e) {
            List<String> secrets = new ArrayList<>(Secrets.passwordsIn(url));
            secrets.add(password);
            throw new DatabaseException("cannot connect to " + Secrets.maskUrl(url) + ": " + Secrets.scrub(reason(e), secrets), e);
        }
    }

    /** The driver's message, with the network cause when the driver only says that it failed. */
    private static String reason(SQLException e) {
        String message = firstLine(e.getMessage());
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof java.net.UnknownHostException) {
            return "unknown host " + root.getMessage();
        }
        if (root != e && root instanceof java.io.IOException && root.getMessage() != null && message.endsWith("attempt failed.")) {
            return message + " (" + firstLine(root.getMessage()) + ")";
        }
        return message;
    }

    private static void checkSqliteFolder(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int q = rest.indexOf('?');
        String file = q < 0 ? rest : rest.substring(0, q);
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:") || file.startsWith(":resource:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new DatabaseException("cannot connect to " + Secrets.maskUrl(url) + ": folder " + parent + " does not exist");
        }
    }

    /** The first non-blank line of a driver message: the CLI prints one line. */
    public static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(s);
    }
}
