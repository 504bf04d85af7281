package dev.retort.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A throwaway Retort project in a folder: a config on a SQLite file, a migrations folder with hand-written
 * migrations, and the CLI run in-process against it.
 */
final class Project {

    final Path dir;
    final Path migrations;
    final Path config;
    final Path database;

    Project(Path dir) throws IOException {
        this.dir = dir;
        this.migrations = dir.resolve("migrations");
        this.config = dir.resolve("retort.properties");
        this.database = dir.resolve("app.sqlite");
        Files.createDirectories(migrations);
        Files.writeString(config, """
                url=jdbc:sqlite:app.sqlite
                migrations=migrations
                migrations-package=migrations
                """);
    }

    /** Writes a migration whose upgrade/downgrade bodies are the given Java statements over {@code op}. */
    Path migration(String id, List<String> parents, String message, String upgrade, String downgrade) throws IOException {
        String parentList = parents.isEmpty() ? "" : ", parents = {" + String.join(", ", parents.stream().map(p -> "\"" + p + "\"").toList()) + "}";
        String cls = "R" + id + "_" + message.toLowerCase().replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
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

    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("-c", config.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + database);
    }

    /** The tables, without Retort's version history (its own tests look at it). */
    Set<String> tables() throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
                     + " and name <> 'retort_version_history'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    Set<String> versions() throws SQLException {
        Set<String> rows = new TreeSet<>();
        if (!tables().contains("retort_version")) {
            return rows;
        }
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select version_num from retort_version")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }
}
