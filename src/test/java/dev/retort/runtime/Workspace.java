package dev.retort.runtime;

import dev.retort.cli.Main;
import dev.retort.model.DatabaseKind;
import dev.retort.testing.MariaDbServer;
import dev.retort.testing.PostgresServer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A throwaway Retort project on a real database (a SQLite file in the folder, or a fresh PostgreSQL database),
 * with the CLI run in-process or as separate JVMs, and a logical snapshot of the database to compare states.
 */
final class Workspace {

    final Path dir;
    final Path migrations;
    final Path config;
    final DatabaseKind kind;
    final String url;

    private Workspace(Path dir, DatabaseKind kind, String url) throws IOException {
        this.dir = dir;
        this.migrations = dir.resolve("migrations");
        this.config = dir.resolve("retort.properties");
        this.kind = kind;
        this.url = url;
        Files.createDirectories(migrations);
        writeConfig("");
    }

    static Workspace sqlite(Path dir) throws IOException {
        return new Workspace(dir, DatabaseKind.SQLITE, "jdbc:sqlite:" + dir.resolve("app.sqlite"));
    }

    static Workspace mariadb(Path dir) throws IOException {
        return new Workspace(dir, DatabaseKind.MARIADB, MariaDbServer.get().createDatabase());
    }

    static Workspace postgres(Path dir) throws IOException {
        return new Workspace(dir, DatabaseKind.POSTGRESQL, PostgresServer.get().createDatabase());
    }

    static Workspace of(DatabaseKind kind, Path dir) throws IOException {
        return switch (kind) {
            case SQLITE -> sqlite(dir);
            case POSTGRESQL -> postgres(dir);
            case MARIADB -> mariadb(dir);
        };
    }

    /** The same folder and migrations on another database. */
    static Workspace on(Path dir, DatabaseKind kind, String url) throws IOException {
        return new Workspace(dir, kind, url);
    }

    /** Rewrites the config: the database and migrations, plus {@code extra} properties lines. */
    void writeConfig(String extra) throws IOException {
        Files.writeString(config, "url=" + url + "\nmigrations=migrations\nmigrations-package=migrations\n" + extra,
                StandardCharsets.UTF_8);
    }

    Path database() {
        return Path.of(url.substring("jdbc:sqlite:".length()));
    }

    /** Writes a migration whose upgrade/downgrade bodies are the given Java statements over {@code op}. */
    Path migration(String id, List<String> parents, String message, String upgrade, String downgrade) throws IOException {
        String parentList = parents.isEmpty() ? "" : ", parents = {" + parents.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(", ")) + "}";
        String cls = className(id, message);
        String src = """
                package migrations;

                import dev.retort.model.*;
                import dev.retort.ops.*;
                import static dev.retort.model.ColumnType.*;

                @Revision(id = "%s"%s, message = "%s", created = "2026-11-25T10:00:00Z")
                public final class %s extends Migration {
                    @Override
                    public void upgrade(Operations op) throws Exception {
                        %s
                    }

                    @Override
                    public void downgrade(Operations op) throws Exception {
                        %s
                    }
                }
                """.formatted(id, parentList, message, cls, upgrade, downgrade);
        Path file = migrations.resolve(cls + ".java");
        Files.writeString(file, src, StandardCharsets.UTF_8);
        return file;
    }

    static String className(String id, String message) {
        return "R" + id + "_" + message.toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
    }

    /** A migration that creates table {@code name} with an id column and drops it on downgrade. */
    Path tableMigration(String id, List<String> parents, String name) throws IOException {
        return migration(id, parents, "create " + name,
                "op.createTable(Table.builder(\"" + name + "\").column(Column.of(\"id\", bigint()).notNull()).primaryKey(\"id\").build());",
                "op.dropTable(\"" + name + "\");");
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** The CLI in this JVM, with {@code -c config} first. */
    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("-c", config.toString()));
        all.addAll(List.of(args));
        return runRaw(all.toArray(String[]::new));
    }

    static Result runRaw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * The CLI as a separate JVM (the test's own classpath), its output going to {@code out}/{@code err} files in
     * {@code logs}. {@code jvmOptions} come before the main class; {@code cache} is the compiled-migration cache.
     */
    Process start(Path logs, String name, Path cache, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss1m", "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        command.add(Main.class.getName());
        command.addAll(List.of("-c", config.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.remove("RETORT_URL");
        env.remove("RETORT_PASSWORD");
        env.put("RETORT_CACHE_DIR", cache.toString());
        Files.createDirectories(logs);
        pb.redirectOutput(logs.resolve(name + ".out").toFile()).redirectError(logs.resolve(name + ".err").toFile());
        return pb.start();
    }

    static Result finished(Process p, Path logs, String name) throws IOException {
        return new Result(p.exitValue(), Files.readString(logs.resolve(name + ".out")), Files.readString(logs.resolve(name + ".err")));
    }

    /** The output of a finished child, for an assertion message. */
    static String finishedQuietly(Process p, Path logs, String name) {
        try {
            return finished(p, logs, name).toString();
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    void execute(String... statements) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    List<String> query(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rows(rs);
        }
    }

    private static List<String> rows(ResultSet rs) throws SQLException {
        List<String> rows = new ArrayList<>();
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                values.add(String.valueOf(rs.getString(i)));
            }
            rows.add(String.join("|", values));
        }
        return rows;
    }

    Set<String> versions() throws SQLException {
        if (!tables().contains("retort_version")) {
            return Set.of();
        }
        return new TreeSet<>(query("select version_num from retort_version"));
    }

    /** The history rows as {@code revision direction checksum}, oldest first. */
    List<String> history() throws SQLException {
        if (!tables().contains("retort_version_history")) {
            return List.of();
        }
        return query("select revision, direction, checksum from retort_version_history order by installed_rank")
                .stream().map(r -> r.replace('|', ' ')).toList();
    }

    Set<String> tables() throws SQLException {
        try (Connection c = connect()) {
            return tables(c, kind);
        }
    }

    static Set<String> tables(Connection c, DatabaseKind kind) throws SQLException {
        String sql = switch (kind) {
            case SQLITE -> "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'";
            case POSTGRESQL -> "select table_name from information_schema.tables where table_schema = 'public'";
            case MARIADB -> "select table_name from information_schema.tables where table_schema = database()";
        };
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return new TreeSet<>(rows(rs));
        }
    }

    /**
     * Everything a migration may change, as text: the catalog (tables, columns, types, defaults, keys, indexes)
     * and every row of every table, the version table and the history included (less its times).
     */
    String snapshot() throws SQLException {
        try (Connection c = connect()) {
            return snapshot(c, kind);
        }
    }

    static String snapshot(Connection c, DatabaseKind kind) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            if (kind == DatabaseKind.SQLITE) {
                try (ResultSet rs = s.executeQuery("select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%' order by type, name")) {
                    rows(rs).forEach(r -> out.add("catalog " + r));
                }
            } else if (kind == DatabaseKind.MARIADB) {
                for (String sql : List.of(
                        "select table_name, column_name, column_type, is_nullable, column_default, column_comment, ordinal_position"
                                + " from information_schema.columns where table_schema = database() order by 1, 7",
                        "select table_name, index_name, non_unique, seq_in_index, column_name from information_schema.statistics"
                                + " where table_schema = database() order by 1, 2, 4",
                        "select table_name, constraint_name, constraint_type from information_schema.table_constraints"
                                + " where constraint_schema = database() order by 1, 2",
                        "select table_name, constraint_name, check_clause from information_schema.check_constraints"
                                + " where constraint_schema = database() order by 1, 2",
                        "select table_name, constraint_name, referenced_table_name, update_rule, delete_rule"
                                + " from information_schema.referential_constraints where constraint_schema = database() order by 1, 2")) {
                    try (ResultSet rs = s.executeQuery(sql)) {
                        rows(rs).forEach(r -> out.add("catalog " + r));
                    }
                }
            } else {
                for (String sql : List.of(
                        "select table_name, column_name, data_type, character_maximum_length, is_nullable, column_default, ordinal_position"
                                + " from information_schema.columns where table_schema = 'public' order by 1, 7",
                        "select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2",
                        "select conrelid::regclass::text, conname, pg_get_constraintdef(oid) from pg_constraint"
                                + " where connamespace = 'public'::regnamespace order by 1, 2")) {
                    try (ResultSet rs = s.executeQuery(sql)) {
                        rows(rs).forEach(r -> out.add("catalog " + r));
                    }
                }
            }
        }
        for (String table : tables(c, kind)) {
            String columns = switch (table) {
                case "retort_version_history" -> "installed_rank, revision, direction, checksum";
                case "retort_version_progress" -> "entry_no, revision, direction, statement_no, state, sql_text";
                default -> "*";
            };
            List<String> rows;
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select " + columns + " from " + quote(table, kind))) {
                rows = new ArrayList<>(rows(rs));
            }
            rows.sort(null);
            rows.forEach(r -> out.add("row " + table + ": " + r));
        }
        return String.join("\n", out);
    }

    static String quote(String table, DatabaseKind kind) {
        return kind == DatabaseKind.MARIADB ? "`" + table.replace("`", "``") + "`" : "\"" + table.replace("\"", "\"\"") + "\"";
    }
}
