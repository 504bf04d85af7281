package dev.retort.ddl;

import dev.retort.model.DatabaseKind;
import org.hibernate.dialect.DatabaseVersion;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of the database server Retort talks to, such as MariaDB {@code 10.11.19} or PostgreSQL
 * {@code 15.18.0}. Hibernate's dialects choose column types by it (MariaDB 10.7 and later store a {@code UUID} as
 * {@code uuid}, earlier ones as {@code binary(16)}); without it a dialect assumes the oldest version it supports.
 */
public record ServerVersion(int major, int minor, int micro) {

    /**
     * The leading version in a server's version text. MariaDB servers announce themselves as {@code 5.5.5-10.11.19-...}
     * over the MySQL protocol (for old MySQL clients); MariaDB's own driver drops that prefix, MySQL's does not.
     */
    private static final Pattern LEADING = Pattern.compile("\\s*(?:5\\.5\\.5-(?=\\d))?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?.*", Pattern.DOTALL);

    public ServerVersion {
        if (major < 0 || minor < 0 || micro < 0) {
            throw new IllegalArgumentException("negative version " + major + "." + minor + "." + micro);
        }
    }

    private static ServerVersion of(int major, int minor) {
        return new ServerVersion(major, minor, 0);
    }

    /**
     * The version of the server a connection is open to: read from the version text the server reports (which
     * alone has the micro version), else from the driver's major and minor version.
     */
    public static ServerVersion of(DatabaseMetaData metadata) throws SQLException {
        ServerVersion parsed = parseOrNull(metadata.getDatabaseProductVersion());
        return parsed != null ? parsed : of(metadata.getDatabaseMajorVersion(), metadata.getDatabaseMinorVersion());
    }

    /**
     * Parses what servers report: {@code 10.11.19-MariaDB-0+deb12u1}, {@code 5.5.5-10.11.19-MariaDB},
     * {@code 15.18 (Debian 15.18-0+deb12u1)}, {@code 3.53.4}; the parts left out are 0.
     *
     * @throws IllegalArgumentException when the text does not start with a version number
     */
    public static ServerVersion parse(String text) {
        ServerVersion version = parseOrNull(text);
        if (version == null) {
            throw new IllegalArgumentException("not a server version: '" + text + "'");
        }
        return version;
    }

    private static ServerVersion parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = LEADING.matcher(text);
        if (!m.matches()) {
            return null;
        }
        try {
            return new ServerVersion(Integer.parseInt(m.group(1)), part(m.group(2)), part(m.group(3)));
        } catch (NumberFormatException e) {
            return null; // more digits than an int holds: no version anyone runs
        }
    }

    private static int part(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }

    /**
     * Whether Retort boots {@code kind}'s dialect for the server's version: for PostgreSQL and MariaDB. Not for
     * SQLite: Hibernate's SQLite dialect differs by version only in spelling ({@code char} becomes {@code char(1)}, a
     * decimal's {@code numeric} {@code decimal}), which SQLite ignores but a schema comparison would not, so every existing
     * SQLite schema would show changes to columns that are the same.
     */
    public static boolean appliesTo(DatabaseKind kind) {
        return kind != DatabaseKind.SQLITE;
    }

    /** The same version as Hibernate's dialects take it. */
    public DatabaseVersion toHibernate() {
        return DatabaseVersion.make(major, minor, micro);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro;
    }
}
