package dev.retort.diff;

import dev.retort.model.Check;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names for constraints and indexes the model leaves unnamed (Hibernate's enum checks, hand-written keys)
 * when an op adds them on their own. The database would invent a name, and the op that undoes the addition — a
 * downgrade's drop — has to name what it drops, offline too ({@code --sql}). The name is derived from the
 * table and what the constraint covers, so the same model always gives the same name; constraints still match
 * by what they cover, never by name, so the name never shows up as a difference.
 */
final class ConstraintNames {

    /** Both PostgreSQL (63) and MariaDB (64) accept names this long. */
    private static final int MAX_LENGTH = 60;

    private ConstraintNames() {
    }

    static Check named(Check check, TableName table) {
        return check.name() != null ? check : Check.of(name("ck", table, SqlExpression.canonical(check.expression())), check.expression());
    }

    static UniqueKey named(UniqueKey key, TableName table) {
        return key.name() != null ? key : new UniqueKey(name("uk", table, String.join(",", key.columns())), key.columns());
    }

    static Index named(Index index, TableName table) {
        return index.name() != null ? index
                : new Index(name(index.unique() ? "ux" : "ix", table, String.join(",", index.columns())), index.columns(), index.unique());
    }

    static ForeignKey named(ForeignKey fk, TableName table) {
        if (fk.name() != null) return fk;
        String covers = String.join(",", fk.columns()) + "->" + fk.referencedTable().key() + String.join(",", fk.referencedColumns());
        return new ForeignKey(name("fk", table, covers), fk.columns(), fk.referencedTable(), fk.referencedColumns(),
                fk.onDelete(), fk.onUpdate());
    }

    private static String name(String prefix, TableName table, String covers) {
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
