package dev.retort.scenario;

import dev.retort.model.DatabaseKind;
import dev.retort.testing.MariaDbServer;
import dev.retort.testing.PostgresServer;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A database the scenarios run on. Each call of {@link #freshUrl} gives an empty database: a SQLite file in
 * the test's folder, or a new database on the test JVM's throwaway PostgreSQL or MariaDB server (which skips
 * the test when the server's binaries are missing, and fails it under {@code CI=true}).
 */
enum Target {
    SQLITE(DatabaseKind.SQLITE),
    POSTGRESQL(DatabaseKind.POSTGRESQL),
    MARIADB(DatabaseKind.MARIADB);

    final DatabaseKind kind;

    Target(DatabaseKind kind) {
        this.kind = kind;
    }

    /**
     * The databases to run on: all of them, or those named in the system property {@code retort.targets}
     * (comma separated, e.g. {@code -Dretort.targets=sqlite}) for a quick local run.
     */
    static Stream<Target> selected() {
        String only = System.getProperty("retort.targets", "").strip();
        if (only.isEmpty()) {
            return Stream.of(values());
        }
        List<String> names = Stream.of(only.split(",")).map(n -> n.strip().toUpperCase(Locale.ROOT)).toList();
        return Stream.of(values()).filter(t -> names.contains(t.name()));
    }

    /** The JDBC URL of a new, empty database; {@code dir} holds it when it is a file. */
    String freshUrl(Path dir, String fileName) {
        return switch (this) {
            case SQLITE -> "jdbc:sqlite:" + dir.resolve(fileName + ".sqlite").toAbsolutePath();
            case POSTGRESQL -> PostgresServer.get().createDatabase();
            case MARIADB -> MariaDbServer.get().createDatabase();
        };
    }

    /** Quotes a name as the catalog spells it, so that case and reserved words survive. */
    String quote(String name) {
        return this == MARIADB ? "`" + name.replace("`", "``") + "`" : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String toString() {
        return kind.displayName();
    }
}
