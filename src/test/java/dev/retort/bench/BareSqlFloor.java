package dev.retort.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.retort.model.DatabaseKind;

/**
 * The floor for {@code upgrade}: the very SQL Retort runs (its offline {@code upgrade head --sql} script: the DDL and
 * the version-table rows), run bare. Through the database's own command-line client (a whole process, one commit
 * per revision, as the script says), and through JDBC in this JVM, one commit per revision or all in one transaction
 * (what Retort does on SQLite, where the whole run is one transaction that is also the migration lock).
 */
final class BareSqlFloor {

    private static final Pattern PG_URL = Pattern.compile("jdbc:postgresql://([^/:]+):(\\d+)/([^?]+)\\?user=(\\w+)");

    private BareSqlFloor() {
    }

    /** The script's statements, grouped by transaction; a statement outside BEGIN/COMMIT is a group of its own. */
    static List<List<String>> transactions(String script) {
        List<List<String>> groups = new ArrayList<>();
        List<String> open = null;
        StringBuilder statement = new StringBuilder();
        for (String line : script.lines().toList()) {
            if (line.isBlank() || line.startsWith("--")) continue;
            statement.append(statement.length() == 0 ? "" : "\n").append(line);
            if (!line.endsWith(";")) continue;
            String sql = statement.substring(0, statement.length() - 1).strip();
            statement.setLength(0);
            if (sql.equalsIgnoreCase("BEGIN")) {
                open = new ArrayList<>();
            } else if (sql.equalsIgnoreCase("COMMIT")) {
                groups.add(open);
                open = null;
            } else if (open != null) {
                open.add(sql);
            } else {
                groups.add(List.of(sql));
            }
        }
        return groups;
    }

    /** Runs the groups over JDBC; returns the milliseconds taken, connecting included. */
    static long jdbc(String url, List<List<String>> groups, boolean oneTransaction) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            for (List<String> group : groups) {
                for (String sql : group) {
                    s.execute(sql);
                }
                if (!oneTransaction) c.commit();
            }
            c.commit();
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Runs the script with {@code sqlite3} or {@code psql}, or returns null when the client is not installed. */
    static ProcessRun client(DatabaseKind kind, String url, Path script, Path dir, Path scratch) {
        List<String> command;
        if (kind == DatabaseKind.SQLITE) {
            Path sqlite3 = Path.of("/usr/bin/sqlite3");
            if (!Files.isExecutable(sqlite3)) return null;
            command = List.of("sh", "-c", "exec \"$0\" -bail \"$1\" < \"$2\"", sqlite3.toString(),
                    url.substring("jdbc:sqlite:".length()), script.toString());
        } else {
            Path psql = Path.of("/usr/bin/psql");
            Matcher m = PG_URL.matcher(url);
            if (!Files.isExecutable(psql) || !m.matches()) return null;
            command = List.of(psql.toString(), "-q", "-X", "-v", "ON_ERROR_STOP=1", "-h", m.group(1), "-p", m.group(2),
                    "-U", m.group(4), "-d", m.group(3), "-f", script.toString());
        }
        return ProcessRun.run(command, dir, Map.of(), scratch, null).requireSuccess();
    }
}
