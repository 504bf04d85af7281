package dev.retort.inspect;

import org.hibernate.engine.jdbc.env.spi.AnsiSqlKeywords;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A check constraint's text as MariaDB reports it ({@code `title` <> ''}, {@code `status` in ('A','it\'s')}),
 * rewritten so that the other databases accept it when a migration written on MariaDB re-adds it: backticks
 * dropped around plain names that are no reserved word, and {@code \'} inside string literals written as the
 * standard {@code ''}. Anything else is kept as it is (a name that needs its quotes keeps its backticks).
 */
final class MariaDbCheck {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> RESERVED = new AnsiSqlKeywords().sql2003().stream()
            .map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

    private MariaDbCheck() {
    }

    static String portable(String clause) {
        if (clause == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(clause.length());
        int i = 0;
        int n = clause.length();
        while (i < n) {
            char ch = clause.charAt(i);
            if (ch == '\'') {
                int end = literal(clause, i, out);
                if (end < 0) {
                    return clause; // unbalanced: not ours to touch
                }
                i = end;
            } else if (ch == '`') {
                int close = i + 1;
                StringBuilder name = new StringBuilder();
                while (close < n) {
                    if (clause.charAt(close) == '`') {
                        if (close + 1 < n && clause.charAt(close + 1) == '`') {
                            name.append('`');
                            close += 2;
                            continue;
                        }
                        break;
                    }
                    name.append(clause.charAt(close++));
                }
                if (close >= n) {
                    return clause;
                }
                String text = name.toString();
                boolean plain = PLAIN_NAME.matcher(text).matches() && !RESERVED.contains(text.toLowerCase(Locale.ROOT));
                out.append(plain ? text : clause, plain ? 0 : i, plain ? text.length() : close + 1);
                i = close + 1;
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }

    /** Copies the literal starting at {@code start}; returns the index after it, or -1 when it does not end. */
    private static int literal(String s, int start, StringBuilder out) {
        out.append('\'');
        int i = start + 1;
        while (i < s.length()) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                if (s.charAt(i + 1) == '\'') {
                    out.append("''");
                } else {
                    out.append(ch).append(s.charAt(i + 1));
                }
                i += 2;
            } else if (ch == '\'') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    out.append("''");
                    i += 2;
                } else {
                    out.append('\'');
                    return i + 1;
                }
            } else {
                out.append(ch);
                i++;
            }
        }
        return -1;
    }
}
