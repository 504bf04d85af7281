package dev.retort.runtime;

import dev.retort.model.DatabaseKind;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
                }
            }
            return c;
        } catch (SQLException e) {
            throw new DatabaseException("cannot connect to " + Secrets.maskUrl(url) + ": "
                    + Secrets.scrub(firstLine(e.getMessage()), password), e);
        }
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
            throw new DatabaseException("cannot connect to " + url + ": folder " + parent + " does not exist");
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        return s.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(s);
    }
}
