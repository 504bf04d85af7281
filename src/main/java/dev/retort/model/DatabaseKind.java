package dev.retort.model;

import java.util.Locale;

/** The databases Retort supports. Everything dialect-specific is chosen by this value. */
public enum DatabaseKind {
    SQLITE("SQLite", "org.hibernate.community.dialect.SQLiteDialect", true),
    POSTGRESQL("PostgreSQL", "org.hibernate.dialect.PostgreSQLDialect", true),
    MARIADB("MariaDB", "org.hibernate.dialect.MariaDBDialect", false);

    private final String displayName;
    private final String hibernateDialect;
    private final boolean transactionalDdl;

    DatabaseKind(String displayName, String hibernateDialect, boolean transactionalDdl) {
        this.displayName = displayName;
        this.hibernateDialect = hibernateDialect;
        this.transactionalDdl = transactionalDdl;
    }

    public String displayName() { return displayName; }
    public String hibernateDialect() { return hibernateDialect; }
    /** Whether DDL takes part in transactions, so a migration and its version row commit together. */
    public boolean transactionalDdl() { return transactionalDdl; }

    /** The kind for a JDBC URL, or null if it is none we know. */
    public static DatabaseKind fromUrl(String url) {
        if (url == null) return null;
        String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:sqlite:")) return SQLITE;
        if (u.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) return MARIADB;
        return null;
    }

    /** The kind for a dialect setting: a Hibernate dialect class name or a short name ({@code sqlite}, {@code postgresql}). */
    public static DatabaseKind fromDialect(String dialect) {
        if (dialect == null || dialect.isBlank()) return null;
        String d = dialect.toLowerCase(Locale.ROOT);
        if (d.contains("sqlite")) return SQLITE;
        if (d.contains("postgres")) return POSTGRESQL;
        if (d.contains("maria") || d.contains("mysql")) return MARIADB;
        return null;
    }
}
