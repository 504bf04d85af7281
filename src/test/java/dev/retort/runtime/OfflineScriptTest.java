package dev.retort.runtime;

import dev.retort.model.DatabaseKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Offline mode, as Alembic's: {@code upgrade --sql}, {@code upgrade A:B --sql} and {@code downgrade B:A --sql} print
 * the script for the configured dialect without connecting (the URL points at a closed port, or at a folder that
 * does not exist, or there is none). The scripts, run by hand on a real database, leave it exactly as the online
 * commands leave another: schema, rows, version table and history.
 */
class OfflineScriptTest {

    static final String A = "1111aaaaaaaa";
    static final String B = "2222bbbbbbbb";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void scriptsArePrintedWithoutConnectingAndDoWhatTheOnlineRunDoes(DatabaseKind kind) throws Exception {
        Workspace byScript = Workspace.of(kind, tmp.resolve("script"));
        Workspace online = Workspace.of(kind, tmp.resolve("online"));
        for (Workspace w : List.of(byScript, online)) {
            migrations(w);
        }
        String dialect = kind.name().toLowerCase(Locale.ROOT);
        Path unreachable = byScript.dir.resolve("offline.properties");
        Files.writeString(unreachable, "dialect=" + dialect + "\nurl=" + unreachableUrl(kind, byScript.dir)
                + "\nmigrations=migrations\nmigrations-package=migrations\n");
        Path noUrl = byScript.dir.resolve("no-url.properties");
        Files.writeString(noUrl, "dialect=" + dialect + "\nmigrations=migrations\nmigrations-package=migrations\n");

        String full = script(noUrl, "upgrade", "--sql");
        assertEquals(full, script(unreachable, "upgrade", "--sql"), "the URL plays no part");
        String versionTable = kind == DatabaseKind.MARIADB ? "`retort_version`" : "\"retort_version\"";
        String history = kind == DatabaseKind.MARIADB ? "`retort_version_history`" : "\"retort_version_history\"";
        assertTrue(full.startsWith(kind.transactionalDdl()
                ? "-- Context: " + kind.displayName() + ", transactional DDL"
                : "-- Context: MariaDB, non-transactional DDL: each statement commits at once"), full);
        assertTrue(full.contains("create table " + versionTable + " (version_num varchar(32) not null"), full);
        assertTrue(full.contains("create table if not exists " + history + " ("), full);
        assertTrue(full.contains("-- Running upgrade  -> " + A + ", accounts\n"), full);
        assertTrue(full.contains("-- Running upgrade " + A + " -> " + B + ", email\n"), full);
        assertTrue(full.contains("insert into " + versionTable + " (version_num) values ('" + A + "');"), full);
        assertTrue(full.contains("delete from " + versionTable + " where version_num = '" + A + "';\ninsert into "
                + versionTable + " (version_num) values ('" + B + "');\ninsert into " + history), full);
        assertEquals(kind.transactionalDdl() ? 2 : 0, full.lines().filter(l -> l.equals("BEGIN;")).count(), full);
        assertEquals(kind.transactionalDdl() ? 2 : 0, full.lines().filter(l -> l.equals("COMMIT;")).count(), full);

        String range = script(unreachable, "upgrade", A + ":" + B, "--sql");
        assertFalse(range.contains("-- Running upgrade  -> " + A), range);
        assertFalse(range.contains("create table " + versionTable), range);
        assertTrue(range.contains("-- Running upgrade " + A + " -> " + B + ", email"), range);
        assertTrue(range.toLowerCase(Locale.ROOT).contains("email"), range);

        String down = script(unreachable, "downgrade", B + ":" + A, "--sql");
        assertTrue(down.contains("-- Running downgrade " + B + " -> " + A + ", email"), down);
        assertFalse(down.contains("-- Running downgrade " + A), down);
        assertTrue(down.contains("delete from " + versionTable + " where version_num = '" + B + "';\ninsert into "
                + versionTable + " (version_num) values ('" + A + "');"), down);
        String toBase = script(unreachable, "downgrade", B + ":base", "--sql");
        assertTrue(toBase.contains("-- Running downgrade " + A + " -> , accounts"), toBase);

        // the scripts, run by hand, do what upgrade and downgrade do
        runScript(byScript, full);
        assertEquals(0, online.run("upgrade", "head").code());
        assertEquals(withoutProgress(online.snapshot()), withoutProgress(byScript.snapshot()));
        Workspace.Result current = byScript.run("current");
        assertEquals(B + " (head)", current.out().strip(), current::toString);

        runScript(byScript, down);
        assertEquals(0, online.run("downgrade", A).code());
        assertEquals(withoutProgress(online.snapshot()), withoutProgress(byScript.snapshot()));

        runScript(byScript, range);
        assertEquals(0, online.run("upgrade", B).code());
        assertEquals(withoutProgress(online.snapshot()), withoutProgress(byScript.snapshot()));
    }

    @Test
    void anOfflineScriptIsWrittenForTheConfiguredServerVersion() throws Exception {
        Workspace w = Workspace.on(tmp.resolve("uuid"), DatabaseKind.MARIADB, null);
        w.migration(A, List.of(), "tokens",
                "op.createTable(Table.builder(\"token\").column(Column.of(\"id\", of(org.hibernate.type.SqlTypes.UUID)).notNull())"
                        + ".primaryKey(\"id\").build());",
                "op.dropTable(\"token\");");
        Path config = w.dir.resolve("offline.properties");
        Files.writeString(config, "dialect=mariadb\nmigrations=migrations\nmigrations-package=migrations\n");
        assertTrue(script(config, "upgrade", "--sql").contains("create table token (id binary(16) not null"),
                "without a version: Hibernate's oldest MariaDB (10.6) has no uuid type");
        Files.writeString(config, "server-version=10.11\n", java.nio.file.StandardOpenOption.APPEND);
        assertTrue(script(config, "upgrade", "--sql").contains("create table token (id uuid not null"), "MariaDB 10.7+ has uuid");
    }

    /** A: a table with rows and an index. B: a column filled by an update, a wider column (a SQLite rebuild), an index. */
    private static void migrations(Workspace w) throws IOException {
        w.migration(A, List.of(), "accounts",
                "op.createTable(Table.builder(\"account\").column(Column.of(\"id\", bigint()).notNull())"
                        + ".column(Column.of(\"name\", varchar(50)).notNull()).primaryKey(\"id\").build());"
                        + " op.createIndex(\"account\", Index.of(\"ix_account_name\", \"name\"));"
                        + " op.execute(\"insert into account (id, name) values (1, 'ann'), (2, 'bob')\");",
                "op.dropTable(\"account\");");
        w.migration(B, List.of(A), "email",
                "op.addColumn(\"account\", Column.of(\"email\", varchar(100)));"
                        + " op.execute(\"update account set email = 'x@example.com'\");"
                        + " op.alterColumn(\"account\", Column.of(\"name\", varchar(50)).notNull(), Column.of(\"name\", varchar(80)).notNull());"
                        + " op.createIndex(\"account\", Index.of(\"ix_account_email\", \"email\"));",
                "op.dropIndex(\"account\", Index.of(\"ix_account_email\", \"email\"));"
                        + " op.alterColumn(\"account\", Column.of(\"name\", varchar(80)).notNull(), Column.of(\"name\", varchar(50)).notNull());"
                        + " op.dropColumn(\"account\", Column.of(\"email\", varchar(100)));");
    }

    /** A URL that fails if anything connects: a closed port, or a SQLite file in a folder that does not exist. */
    private static String unreachableUrl(DatabaseKind kind, Path dir) throws IOException {
        if (kind == DatabaseKind.SQLITE) {
            return "jdbc:sqlite:" + dir.resolve("no-such-folder").resolve("app.sqlite");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return (kind == DatabaseKind.POSTGRESQL ? "jdbc:postgresql" : "jdbc:mariadb") + "://127.0.0.1:" + port + "/app?user=nobody";
    }

    private static String script(Path config, String... args) {
        List<String> all = new ArrayList<>(List.of("-c", config.toString()));
        all.addAll(List.of(args));
        Workspace.Result r = Workspace.runRaw(all.toArray(String[]::new));
        assertEquals(0, r.code(), () -> String.join(" ", args) + ": " + r);
        assertEquals("", r.err(), r::toString);
        return r.out();
    }

    /** Runs a script as a user would feed it to the database's client: statement by statement, comments skipped. */
    private static void runScript(Workspace w, String script) throws SQLException {
        try (Connection c = w.connect(); Statement s = c.createStatement()) {
            StringBuilder statement = new StringBuilder();
            for (String line : script.lines().toList()) {
                if (line.isBlank() || line.startsWith("--")) {
                    continue;
                }
                statement.append(statement.isEmpty() ? "" : "\n").append(line);
                if (line.endsWith(";")) {
                    s.execute(statement.substring(0, statement.length() - 1));
                    statement.setLength(0);
                }
            }
            assertEquals("", statement.toString(), "the script ends with a whole statement");
        }
    }

    /** The online run keeps a progress table on MariaDB; a script has none. */
    private static String withoutProgress(String snapshot) {
        return String.join("\n", snapshot.lines().filter(l -> !l.contains("retort_version_progress")).toList());
    }
}
