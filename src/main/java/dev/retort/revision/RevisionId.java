package dev.retort.revision;

import java.security.SecureRandom;

/** Revision ids: 12 lowercase hex digits, random like Alembic's, so that parallel branches never collide. */
public final class RevisionId {

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int LENGTH = 12;

    private RevisionId() {
    }

    /** A fresh random id. */
    public static String generate() {
        byte[] bytes = new byte[LENGTH / 2];
        Random.INSTANCE.nextBytes(bytes);
        char[] out = new char[LENGTH];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Created on first use: heads, history and current only validate ids, and a SecureRandom loads the security providers. */
    private static final class Random {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    /** Whether {@code id} is 12 lowercase hex digits. */
    public static boolean isValid(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
