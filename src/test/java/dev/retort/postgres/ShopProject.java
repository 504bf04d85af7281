package dev.retort.postgres;

import dev.retort.cli.Main;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A throwaway Retort project on a PostgreSQL database: JPA entity sources in {@code entities/shop}, migrations in
 * {@code migrations}, the CLI run in-process, and the catalog of every user schema as text to compare states.
 */
final class ShopProject {

    private static final Pattern GENERATED = Pattern.compile("Generating .*[/\\\\]R([0-9a-f]{12})_[^/\\\\]*\\.java \\.\\.\\. done");

    final Path dir;
    final Path entities;
    final Path migrations;
    final Path config;
    final String url;

    ShopProject(Path dir, String url) throws IOException {
        this.dir = dir;
        this.entities = dir.resolve("entities").resolve("shop");
        this.migrations = dir.resolve("migrations");
        this.config = dir.resolve("retort.properties");
        this.url = url;
        Files.createDirectories(entities);
        Files.createDirectories(migrations);
        Files.writeString(config, "url=" + url + "\nentities=entities\nmigrations=migrations\nmigrations-package=migrations\n");
    }

    /** Writes {@code shop/<name>.java}. */
    void entity(String name, String source) throws IOException {
        Files.writeString(entities.resolve(name + ".java"), source, StandardCharsets.UTF_8);
    }

    record Result(int code, String out, String err) {
        /** The id of the revision autogenerate wrote, or null. */
        String generated() {
            Matcher m = GENERATED.matcher(out);
            return m.find() ? m.group(1) : null;
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("-c", config.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs the CLI and fails the test unless it exits with 0. */
    Result ok(String... args) {
        Result r = run(args);
        if (r.code() != 0) {
            throw new AssertionError("retort " + String.join(" ", args) + " failed: " + r);
        }
        return r;
    }

    /** Writes a migration whose upgrade/downgrade bodies are the given Java statements over {@code op}. */
    void migration(String id, String parent, String message, String upgrade, String downgrade) throws IOException {
        String cls = "R" + id + "_" + message.replaceAll("[^a-z0-9]+", "_");
        Files.writeString(migrations.resolve(cls + ".java"), """
                package migrations;

                import dev.retort.model.*;
                import dev.retort.ops.*;
                import static dev.retort.model.ColumnType.*;

                @Revision(id = "%s", parents = {"%s"}, message = "%s", created = "2026-11-25T10:00:00Z")
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
                """.formatted(id, parent, message, cls, upgrade, downgrade), StandardCharsets.UTF_8);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    List<String> query(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
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
    }

    String scalar(String sql) throws SQLException {
        List<String> rows = query(sql);
        if (rows.size() != 1) {
            throw new AssertionError(sql + " gave " + rows);
        }
        return rows.get(0);
    }

    /**
     * Every user schema, table, column, constraint, index and sequence, the version table and the history (less
     * its times), as lines of text.
     */
    List<String> snapshot() throws SQLException {
        String userSchemas = "(select oid from pg_namespace where nspname !~ '^pg_' and nspname <> 'information_schema')";
        List<String> out = new ArrayList<>();
        for (String sql : List.of(
                "select 'schema', nspname from pg_namespace where nspname !~ '^pg_' and nspname <> 'information_schema' order by 2",
                "select 'column', table_schema, table_name, column_name, data_type, character_maximum_length, numeric_precision,"
                        + " numeric_scale, is_nullable, column_default, is_identity from information_schema.columns"
                        + " where table_schema not in ('pg_catalog', 'information_schema') order by 2, 3, ordinal_position",
                "select 'constraint', conrelid::regclass::text, conname, pg_get_constraintdef(oid) from pg_constraint"
                        + " where connamespace in " + userSchemas + " order by 2, 3",
                "select 'index', schemaname, tablename, indexname, indexdef from pg_indexes"
                        + " where schemaname !~ '^pg_' order by 2, 3, 4",
                "select 'sequence', schemaname, sequencename, increment_by from pg_sequences order by 2, 3",
                "select 'comment', c.relname, d.objsubid, d.description from pg_description d join pg_class c on c.oid = d.objoid"
                        + " where c.relnamespace in " + userSchemas + " order by 2, 3",
                "select 'version', version_num from retort_version order by 2",
                "select 'history', installed_rank, revision, direction, checksum from retort_version_history order by 2")) {
            out.addAll(query(sql));
        }
        return out;
    }
}
