package dev.retort.inspect;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column default as PostgreSQL reports it, without the casts it adds to literals:
 * {@code 'active'::character varying} is {@code 'active'}, {@code '-1'::integer} and {@code (-1)::integer}
 * are {@code -1}, {@code '2020-01-01'::date} is {@code '2020-01-01'}, {@code NULL::text} is {@code NULL}.
 * A default goes from here into migrations for every database, where those casts are not SQL. Anything
 * that is not a plain literal keeps its casts: {@code nextval('x_seq'::regclass)} is how serial columns are
 * recognised, and casts inside expressions change their meaning.
 */
final class PostgresDefault {

    private static final String NAME = "(?:\"(?:[^\"]|\"\")*\"|[A-Za-z_][A-Za-z0-9_$]*)";
    /** {@code ::character varying(12)}, {@code ::timestamp(6) without time zone}, {@code ::public."Status"[]} */
    private static final Pattern CAST = Pattern.compile("\\s*::\\s*(" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?"
            + "(?:\\s+[A-Za-z_]+)*(?:\\s*\\(\\s*\\d+\\s*(?:,\\s*\\d+\\s*)?\\))?(?:\\s+[A-Za-z_]+)*(?:\\s*\\[\\s*\\])*)");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern NUMERIC_TYPE = Pattern.compile(
            "(?:smallint|integer|bigint|int[248]?|numeric|decimal|real|double precision|float[48]?)(?:\\s*\\(.*\\))?");

    private PostgresDefault() {
    }

    static String bare(String reported) {
        if (reported == null) {
            return null;
        }
        String text = reported.strip();
        int literalEnd = literalEnd(text, 0);
        if (literalEnd < 0) {
            return reported;
        }
        String literal = text.substring(0, literalEnd);
        String firstType = null;
        int i = literalEnd;
        Matcher cast = CAST.matcher(text);
        while (i < text.length()) {
            cast.region(i, text.length());
            if (!cast.lookingAt()) {
                return reported; // an operator or a call after the literal: an expression, left alone
            }
            if (firstType == null) {
                firstType = cast.group(1);
            }
            i = cast.end();
        }
        if (firstType == null && literal.equals(text)) {
            return reported;
        }
        if (literal.startsWith("(")) {
            literal = literal.substring(1, literal.length() - 1).strip();
        }
        if (literal.startsWith("'") && firstType != null
                && NUMERIC_TYPE.matcher(firstType.toLowerCase(Locale.ROOT)).matches()) {
            // PostgreSQL quotes negative numbers ('-1'::integer); every database reads the number as is
            String inner = literal.substring(1, literal.length() - 1).strip();
            if (NUMBER.matcher(inner).matches()) {
                return inner;
            }
        }
        return literal;
    }

    /**
     * Where the literal starting at {@code start} ends: a string ({@code 'it''s'}), a number, {@code NULL},
     * {@code true}/{@code false}, or one of these in parentheses; -1 when the text does not start with one.
     */
    private static int literalEnd(String text, int start) {
        int n = text.length();
        if (start >= n) {
            return -1;
        }
        char ch = text.charAt(start);
        if (ch == '\'') {
            int i = start + 1;
            while (i < n) {
                if (text.charAt(i) == '\'') {
                    if (i + 1 < n && text.charAt(i + 1) == '\'') {
                        i += 2;
                        continue;
                    }
                    return i + 1;
                }
                i++;
            }
            return -1;
        }
        if (ch == '(') {
            int inner = start + 1;
            while (inner < n && Character.isWhitespace(text.charAt(inner))) inner++;
            int end = literalEnd(text, inner);
            if (end < 0) return -1;
            while (end < n && Character.isWhitespace(text.charAt(end))) end++;
            return end < n && text.charAt(end) == ')' ? end + 1 : -1;
        }
        Matcher number = NUMBER.matcher(text).region(start, n);
        if (number.lookingAt()) {
            return number.end();
        }
        for (String word : new String[]{"NULL", "true", "false"}) {
            int end = start + word.length();
            if (text.regionMatches(true, start, word, 0, word.length())
                    && (end == n || !Character.isLetterOrDigit(text.charAt(end)) && text.charAt(end) != '_')) {
                return end;
            }
        }
        return -1;
    }
}
