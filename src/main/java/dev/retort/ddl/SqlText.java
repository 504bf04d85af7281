package dev.retort.ddl;

import java.util.Locale;
import java.util.Map;

/**
 * Just enough SQL lexing to find and rename identifiers in stored SQL (check expressions, view and trigger
 * bodies) without touching string literals or comments. Identifiers may be bare or quoted with {@code "..."},
 * {@code [...]} or {@code `...`}; they compare case-insensitively, as SQLite resolves them.
 */
final class SqlText {

    private SqlText() {
    }

    /** Whether {@code sql} uses {@code identifier} as a name anywhere (a qualified {@code t.col} counts). */
    static boolean mentions(String sql, String identifier) {
        boolean[] found = {false};
        scan(sql, (name, start, end) -> {
            if (name.equalsIgnoreCase(identifier)) found[0] = true;
        });
        return found[0];
    }

    /** {@code sql} with every identifier {@code from} replaced by {@code quotedTo} (quoted as needed). */
    static String renameIdentifier(String sql, String from, String quotedTo) {
        return renameIdentifiers(sql, Map.of(from.toLowerCase(Locale.ROOT), quotedTo));
    }

    /**
     * {@code sql} with identifiers replaced all at once (so that swapping two names works): keys are lower-cased
     * names, values the replacements as they must be written.
     */
    static String renameIdentifiers(String sql, Map<String, String> quotedByName) {
        StringBuilder out = new StringBuilder();
        int[] last = {0};
        scan(sql, (name, start, end) -> {
            String replacement = quotedByName.get(name.toLowerCase(Locale.ROOT));
            if (replacement != null) {
                out.append(sql, last[0], start).append(replacement);
                last[0] = end;
            }
        });
        return out.append(sql, last[0], sql.length()).toString();
    }

    private interface IdentifierVisitor {
        void visit(String name, int start, int end);
    }

    private static void scan(String sql, IdentifierVisitor visitor) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                i = skipQuoted(sql, i, '\'');
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (c == '"' || c == '`') {
                int end = skipQuoted(sql, i, c);
                String body = sql.substring(i + 1, Math.max(i + 1, end - 1)).replace(String.valueOf(c) + c, String.valueOf(c));
                visitor.visit(body, i, end);
                i = end;
            } else if (c == '[') {
                int close = sql.indexOf(']', i + 1);
                int end = close < 0 ? n : close + 1;
                visitor.visit(sql.substring(i + 1, Math.max(i + 1, end - 1)), i, end);
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_' || sql.charAt(i) == '$')) i++;
                visitor.visit(sql.substring(start, i), start, i);
            } else if (Character.isDigit(c)) {
                // a number such as 1e5 is not an identifier
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) i++;
            } else {
                i++;
            }
        }
    }

    /** The index just past the quoted token starting at {@code start}; a doubled quote is part of the token. */
    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
