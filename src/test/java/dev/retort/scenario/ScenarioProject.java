package dev.retort.scenario;

import dev.retort.cli.Main;
import dev.retort.inspect.SchemaInspector;
import dev.retort.metamodel.EntityClasses;
import dev.retort.metamodel.EntityLoader;
import dev.retort.metamodel.MetamodelReader;
import dev.retort.model.Schema;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A throwaway Retort project on one database: {@code retort.properties}, an {@code entities} folder of JPA
 * sources and a {@code migrations} folder, driven through the public CLI in-process — what a user does.
 */
final class ScenarioProject {

    private static final Pattern GENERATED = Pattern.compile("Generating (.+\\.java) \\.\\.\\. done");

    final Target target;
    final Path dir;
    final Path entities;
    final Path migrations;
    final Path config;
    final String url;

    ScenarioProject(Path dir, Target target) {
        this(dir, target, target.freshUrl(dir, "app"));
    }

    ScenarioProject(Path dir, Target target, String url) {
        this.target = target;
        this.dir = dir;
        this.entities = dir.resolve("entities");
        this.migrations = dir.resolve("migrations");
        this.config = dir.resolve("retort.properties");
        this.url = url;
        try {
            Files.createDirectories(entities);
            Files.createDirectories(migrations);
            Files.writeString(config, """
                    url=%s
                    entities=entities
                    migrations=migrations
                    migrations-package=migrations
                    """.formatted(url.replace("\\", "\\\\")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Replaces the entity sources with {@code layers} copied over each other in order: a later layer's file
     * replaces the earlier one of the same path, and an empty file there deletes it.
     */
    void useEntities(Path... layers) {
        try {
            deleteTree(entities);
            Files.createDirectories(entities);
            for (Path layer : layers) {
                try (Stream<Path> files = Files.walk(layer)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        Path to = entities.resolve(layer.relativize(file).toString());
                        if (Files.size(file) == 0) {
                            Files.deleteIfExists(to);
                        } else {
                            Files.createDirectories(to.getParent());
                            Files.copy(file, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(List<String> args, int code, String out, String err) {
        /** The "Detected ..." lines of autogenerate or the differences {@code check} lists. */
        List<String> detected() {
            return Stream.concat(out.lines(), err.lines()).map(String::strip)
                    .filter(l -> l.startsWith("Detected ")).toList();
        }

        List<String> warnings() {
            return err.lines().filter(l -> l.startsWith("WARNING: ")).map(l -> l.substring("WARNING: ".length())).toList();
        }

        /** The migration autogenerate wrote, or null. */
        Path generated() {
            Matcher m = GENERATED.matcher(out);
            return m.find() ? Path.of(m.group(1)) : null;
        }

        @Override
        public String toString() {
            return "retort " + String.join(" ", args) + " -> exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("-c", config.toString(), "-v"));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(List.of(args), code, out.toString(), err.toString());
    }

    /** Runs a command that must succeed. */
    Result ok(String... args) {
        Result r = run(args);
        assertEquals(0, r.code(), () -> target + ": " + r);
        return r;
    }

    /** Runs {@code check}, which must find the entities and the migrations in step. */
    void checkClean(String when) {
        Result r = run("check");
        assertEquals(0, r.code(), () -> target + ", check " + when + " reports differences (false positives?):\n" + r);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    void execute(List<String> statements) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                try {
                    s.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException(target + ": " + sql + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** The application's schema as the database reports it (the version table left out). */
    Schema schema() throws SQLException {
        try (Connection c = connect()) {
            return SchemaInspector.inspect(c, target.kind, t -> !t.name().toLowerCase().startsWith("retort_"));
        }
    }

    /** The schema the current entity sources map to on this project's database. */
    Schema model() {
        try (EntityClasses classes = EntityLoader.load(List.of(entities))) {
            return MetamodelReader.read(classes, target.kind);
        }
    }

    Snapshot snapshot() throws SQLException {
        try (Connection c = connect()) {
            return Snapshot.take(c, target);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
