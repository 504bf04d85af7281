package dev.retort.runtime;

import dev.retort.revision.RevisionInfo;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fingerprint of a migration as it was applied, so that a later edit of an applied migration is noticed.
 * A source file gives {@code src:} and the SHA-256 of its text with line endings normalised (a checkout with
 * other line endings is the same migration); a precompiled class without a source gives {@code class:} and the
 * SHA-256 of its class file. The two kinds are never compared with each other: javac's output is not a function
 * of the source alone.
 */
public final class Checksum {

    public static final String SOURCE = "src:";
    public static final String CLASS = "class:";

    private Checksum() {
    }

    /** The checksum of {@code revision}: of its source when it has one, else of its class in {@code classes}; null when neither exists. */
    public static String of(RevisionInfo revision, ClassLoader classes) {
        if (revision.source() != null) {
            try {
                return ofSource(revision.sourceBytes());
            } catch (IOException e) {
                throw new DatabaseException("cannot read " + revision.source() + " to check what was applied: " + e.getMessage(), e);
            }
        }
        if (classes == null) {
            return null;
        }
        String resource = revision.className().replace('.', '/') + ".class";
        try (InputStream in = classes.getResourceAsStream(resource)) {
            return in == null ? null : CLASS + sha256(in.readAllBytes());
        } catch (IOException e) {
            throw new DatabaseException("cannot read class " + revision.className() + " to check what was applied: " + e.getMessage(), e);
        }
    }

    /** {@code src:} + SHA-256 of the text with a UTF-8 byte order mark dropped and CRLF / CR turned into LF. */
    static String ofSource(byte[] text) {
        int start = text.length >= 3 && (text[0] & 0xff) == 0xef && (text[1] & 0xff) == 0xbb && (text[2] & 0xff) == 0xbf ? 3 : 0;
        byte[] normalised = new byte[text.length - start];
        int n = 0;
        for (int i = start; i < text.length; i++) {
            byte b = text[i];
            if (b == '\r') {
                normalised[n++] = '\n';
                if (i + 1 < text.length && text[i + 1] == '\n') {
                    i++;
                }
            } else {
                normalised[n++] = b;
            }
        }
        MessageDigest digest = digest();
        digest.update(normalised, 0, n);
        return SOURCE + HexFormat.of().formatHex(digest.digest());
    }

    /** The kind prefix of a checksum ({@code src:} or {@code class:}), or "" when it has none. */
    static String kind(String checksum) {
        int colon = checksum == null ? -1 : checksum.indexOf(':');
        return colon < 0 ? "" : checksum.substring(0, colon + 1);
    }

    /** A checksum shortened for messages: its kind and 12 hex digits. */
    public static String abbreviate(String checksum) {
        if (checksum == null) {
            return "none";
        }
        String kind = kind(checksum);
        String hex = checksum.substring(kind.length());
        return kind + (hex.length() > 12 ? hex.substring(0, 12) : hex);
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
