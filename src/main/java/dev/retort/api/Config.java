package dev.retort.api;

import dev.retort.ddl.ServerVersion;
import dev.retort.model.DatabaseKind;
import dev.retort.runtime.Secrets;
import dev.retort.runtime.VersionHistory;
import dev.retort.runtime.VersionProgress;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Retort's configuration: {@code retort.properties} with environment and command-line overrides applied.
 * Relative paths — the folders and a SQLite file in {@code url} — resolve against the file's folder.
 */
public record Config(
        Path baseDir,
        String url,
        String user,
        String password,
        String dialect,
        List<Path> entities,
        List<String> entityPackages,
        Path migrations,
        String migrationsPackage,
        String versionTable,
        List<Pattern> include,
        List<Pattern> exclude,
        String namingStrategy,
        Duration lockTimeout,
        ServerVersion serverVersion) {

    public static final String DEFAULT_FILE = "retort.properties";
    public static final String DEFAULT_VERSION_TABLE = "retort_version";
    /** How long {@code upgrade} waits for another process migrating the same database, by default. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);

    /** Keys the file may hold; anything else is a typo we report rather than ignore. */
    static final Set<String> KEYS = new TreeSet<>(List.of(
            "url", "user", "password", "dialect", "entities", "entity-packages", "migrations",
            "migrations-package", "version-table", "include", "exclude", "naming-strategy", "lock-timeout",
            "server-version"));

    private static final Pattern JAVA_PACKAGE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** Values given on the command line or by the environment, each null when not given. */
    public record Overrides(String url, String user, String password) {
        public static final Overrides NONE = new Overrides(null, null, null);

        public static Overrides fromEnvironment(Map<String, String> env, String urlFlag) {
            return new Overrides(urlFlag != null ? urlFlag : blankToNull(env.get("RETORT_URL")),
                    blankToNull(env.get("RETORT_USER")), env.get("RETORT_PASSWORD"));
        }
    }

    /** Reads and validates a configuration file. */
    public static Config load(Path file, Overrides overrides) {
        Path abs = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs)) {
            throw new RetortException("config file not found: " + abs
                    + " (pass -c FILE, or create one with 'retort init DIR')");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(abs)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            throw new RetortException("cannot read config file " + abs + ": " + e.getMessage());
        }
        return fromProperties(p, abs.getParent(), overrides, abs.getFileName().toString());
    }

    static Config fromProperties(Properties p, Path baseDir, Overrides overrides, String source) {
        for (String key : p.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new RetortException(source + ": unknown key '" + key + "' (known keys: " + String.join(", ", KEYS) + ")");
            }
        }
        Overrides o = overrides == null ? Overrides.NONE : overrides;
        String url = o.url() != null ? o.url() : value(p, "url");
        String user = o.user() != null ? o.user() : value(p, "user");
        String password = o.password() != null ? o.password() : p.getProperty("password");
        String dialect = value(p, "dialect");
        if (dialect != null && DatabaseKind.fromDialect(dialect) == null) {
            throw new RetortException(source + ": dialect '" + dialect + "' is not supported (use sqlite, postgresql or mariadb, or a Hibernate dialect class of those)");
        }
        if (url != null) {
            if (!url.startsWith("jdbc:")) {
                throw new RetortException(source + ": url must be a JDBC URL starting with 'jdbc:', got '" + Secrets.maskUrl(url) + "'");
            }
            url = resolveSqliteUrl(url, baseDir);
        }
        List<Path> entities = list(p, "entities").stream().map(s -> baseDir.resolve(s).normalize()).toList();
        String migrationsValue = value(p, "migrations");
        Path migrations = baseDir.resolve(migrationsValue == null ? "migrations" : migrationsValue).normalize();
        String pkg = value(p, "migrations-package");
        if (pkg == null) {
            pkg = "migrations";
        }
        if (!JAVA_PACKAGE.matcher(pkg).matches()) {
            throw new RetortException(source + ": migrations-package '" + pkg + "' is not a Java package name");
        }
        String versionTable = value(p, "version-table");
        if (versionTable == null) {
            versionTable = DEFAULT_VERSION_TABLE;
        }
        if (!PLAIN_NAME.matcher(versionTable).matches()) {
            throw new RetortException(source + ": version-table '" + versionTable + "' must be a plain SQL name (letters, digits, underscore)");
        }
        return new Config(baseDir, url, user, password, dialect, entities, list(p, "entity-packages"), migrations, pkg,
                versionTable, patterns(p, "include", source), patterns(p, "exclude", source), value(p, "naming-strategy"),
                lockTimeout(value(p, "lock-timeout"), source), serverVersion(value(p, "server-version"), source));
    }

    /**
     * {@code server-version}: the server version offline scripts ({@code --sql}) are written for, e.g. {@code 10.11}
     * (MariaDB has a uuid type from 10.7). Connected, Retort uses the server's own version.
     */
    private static ServerVersion serverVersion(String value, String source) {
        if (value == null) {
            return null;
        }
        try {
            return ServerVersion.parse(value);
        } catch (IllegalArgumentException e) {
            throw new RetortException(source + ": server-version '" + value + "' is not a version such as 10.11 or 15.4");
        }
    }

    /** {@code lock-timeout}: whole seconds, 0 for not waiting at all. */
    private static Duration lockTimeout(String value, String source) {
        if (value == null) {
            return DEFAULT_LOCK_TIMEOUT;
        }
        if (!value.matches("[0-9]{1,9}")) {
            throw new RetortException(source + ": lock-timeout '" + value + "' must be a whole number of seconds (0 or more)");
        }
        return Duration.ofSeconds(Long.parseLong(value));
    }

    /** The database kind: from {@code dialect} when set, else from the URL. */
    public DatabaseKind databaseKind() {
        DatabaseKind kind = DatabaseKind.fromDialect(dialect);
        if (kind == null) {
            kind = DatabaseKind.fromUrl(url);
        }
        if (kind == null) {
            if (url == null) {
                throw new RetortException("no database configured: set 'url' (or 'dialect' for offline --sql) in the config file, RETORT_URL or --url");
            }
            throw new RetortException("unsupported database URL '" + Secrets.maskUrl(url) + "' (supported: jdbc:sqlite:, jdbc:postgresql:, jdbc:mariadb:)");
        }
        return kind;
    }

    public String requireUrl() {
        if (url == null) {
            throw new RetortException("no database configured: set 'url' in the config file, RETORT_URL or --url");
        }
        return url;
    }

    /**
     * Whether a table belongs to Retort's view of the schema: not the version table, its history or its progress
     * table, and within include/exclude.
     */
    public boolean includesTable(String name) {
        if (name.equalsIgnoreCase(versionTable) || name.equalsIgnoreCase(versionTable + VersionHistory.SUFFIX)
                || name.equalsIgnoreCase(versionTable + VersionProgress.SUFFIX)) {
            return false;
        }
        if (!include.isEmpty() && include.stream().noneMatch(pt -> pt.matcher(name).matches())) {
            return false;
        }
        return exclude.stream().noneMatch(pt -> pt.matcher(name).matches());
    }

    @Override
    public String toString() {
        return "Config[url=" + Secrets.maskUrl(url) + ", user=" + user + ", password=" + (password == null ? "<none>" : "****")
                + ", dialect=" + dialect + ", entities=" + entities + ", migrations=" + migrations
                + ", migrations-package=" + migrationsPackage + ", version-table=" + versionTable
                + ", lock-timeout=" + lockTimeout.toSeconds() + "s"
                + (serverVersion == null ? "" : ", server-version=" + serverVersion) + "]";
    }

    private static String value(Properties p, String key) {
        return blankToNull(p.getProperty(key));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static List<String> list(Properties p, String key) {
        String v = value(p, key);
        if (v == null) {
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Glob-like table name patterns: {@code *} any run, {@code ?} one character, case-insensitive. */
    private static List<Pattern> patterns(Properties p, String key, String source) {
        List<Pattern> out = new ArrayList<>();
        for (String glob : list(p, key)) {
            StringBuilder re = new StringBuilder();
            for (char c : glob.toCharArray()) {
                switch (c) {
                    case '*' -> re.append(".*");
                    case '?' -> re.append('.');
                    default -> re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            out.add(Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE));
        }
        return List.copyOf(out);
    }

    /** {@code jdbc:sqlite:books.db} names a file relative to the config's folder; make it absolute. */
    static String resolveSqliteUrl(String url, Path baseDir) {
        String prefix = "jdbc:sqlite:";
        if (!url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return url;
        }
        String rest = url.substring(prefix.length());
        if (rest.isEmpty() || rest.startsWith(":memory:") || rest.startsWith("file:") || rest.startsWith(":resource:")) {
            return url;
        }
        int q = rest.indexOf('?');
        String file = q < 0 ? rest : rest.substring(0, q);
        String params = q < 0 ? "" : rest.substring(q);
        Path path = Path.of(file);
        if (path.isAbsolute()) {
            return url;
        }
        return prefix + baseDir.resolve(path).normalize() + params;
    }
}
