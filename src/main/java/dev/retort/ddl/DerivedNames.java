package dev.retort.ddl;

import dev.retort.model.TableName;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The names Retort gives constraints and indexes the model leaves unnamed: {@code <prefix>_<table>_} and 8 hex
 * digits of SHA-256 over the table's key and what the constraint covers (lower case), so that the same model always
 * gives the same name, within {@value #MAX_LENGTH} characters. The comparator names what it adds this way; the DDL
 * of a native enum's stand-in check names its check the same way, so both sides agree on it.
 */
public final class DerivedNames {

    /** Both PostgreSQL (63) and MariaDB (64) accept names this long. */
    public static final int MAX_LENGTH = 60;

    private DerivedNames() {
    }

    /** The name for a {@code prefix} ("ck", "uk", "fk", "ix" ...) constraint of {@code table} covering {@code covers}. */
    public static String of(String prefix, TableName table, String covers) {
        String hash = hash(table.key() + "|" + covers.toLowerCase(Locale.ROOT));
        String base = prefix + "_" + table.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_";
        int room = MAX_LENGTH - hash.length();
        return (base.length() > room ? base.substring(0, room) : base) + hash;
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
