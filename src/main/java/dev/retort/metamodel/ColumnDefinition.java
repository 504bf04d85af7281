package dev.retort.metamodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A column's SQL type text taken apart into the type and the trailing {@code default ...}, {@code not null}
 * and {@code null} clauses a {@code columnDefinition} may carry ({@code varchar(12) default 'x' not null}).
 * Databases report the default and the nullability apart from the type, so the model must hold them apart
 * too. Any other clause after the type (check, collate, generated, references ...) leaves the text whole:
 * it cannot be split without understanding it.
 *
 * @param type         the type part, verbatim
 * @param defaultValue the default expression, verbatim, or null
 * @param notNull      whether the definition says {@code not null}
 */
record ColumnDefinition(String type, String defaultValue, boolean notNull) {

    private static final Set<String> OTHER_CLAUSES = Set.of("check", "constraint", "unique", "primary", "references",
            "collate", "generated", "as", "comment", "on", "auto_increment", "autoincrement", "identity", "character",
            "charset");

    static ColumnDefinition parse(String sql) {
        ColumnDefinition whole = new ColumnDefinition(sql, null, false);
        if (sql == null) {
            return whole;
        }
        List<Word> words = topLevelWords(sql);
        if (words == null) {
            return whole;
        }
        int start = -1;
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            if (w.is("default") || w.is("null") || w.is("not") && i + 1 < words.size() && words.get(i + 1).is("null")) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return whole;
        }
        String type = sql.substring(0, words.get(start).start).strip();
        if (type.isEmpty()) {
            return whole;
        }
        String defaultValue = null;
        boolean notNull = false;
        int i = start;
        while (i < words.size()) {
            Word w = words.get(i);
            if (OTHER_CLAUSES.contains(w.lower())) {
                return whole;
            }
            if (w.is("not") && i + 1 < words.size() && words.get(i + 1).is("null")
                    && adjacent(sql, w, words.get(i + 1))) {
                notNull = true;
                i += 2;
            } else if (w.is("null") && (i == start || !words.get(i - 1).is("default"))) {
                i++;
            } else if (w.is("default") && defaultValue == null) {
                // the expression runs to the next top-level not null / null clause, or to the end
                int end = sql.length();
                int j = i + 1;
                for (; j < words.size(); j++) {
                    Word next = words.get(j);
                    if (OTHER_CLAUSES.contains(next.lower())) {
                        return whole;
                    }
                    if (!sql.substring(w.end, next.start).isBlank() && (next.is("not") && j + 1 < words.size() && words.get(j + 1).is("null")
                            || next.is("null") && !words.get(j - 1).is("not"))) {
                        end = next.start;
                        break;
                    }
                }
                defaultValue = sql.substring(w.end, end).strip();
                if (defaultValue.isEmpty()) {
                    return whole;
                }
                i = j;
            } else {
                return whole; // something this reading does not know
            }
        }
        return new ColumnDefinition(type, defaultValue, notNull);
    }

    private static boolean adjacent(String sql, Word first, Word second) {
        return sql.substring(first.end, second.start).isBlank();
    }

    /** A word outside quotes and parentheses, with its place in the text. */
    private record Word(String text, int start, int end) {
        boolean is(String keyword) {
            return text.equalsIgnoreCase(keyword);
        }

        String lower() {
            return text.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The words at parenthesis depth zero, outside string literals and quoted names; every other character
     * (literals, numbers' signs, operators, parenthesised arguments) only separates them. Null when the text
     * is unbalanced, so that it stays whole.
     */
    private static List<Word> topLevelWords(String sql) {
        List<Word> words = new ArrayList<>();
        int depth = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char ch = sql.charAt(i);
            if (ch == '\'' || ch == '"' || ch == '`') {
                int close = i + 1;
                while (true) {
                    close = sql.indexOf(ch, close);
                    if (close < 0) {
                        return null;
                    }
                    if (close + 1 < n && sql.charAt(close + 1) == ch) {
                        close += 2; // a doubled quote stands for itself
                    } else {
                        break;
                    }
                }
                i = close + 1;
            } else if (ch == '(') {
                depth++;
                i++;
            } else if (ch == ')') {
                if (--depth < 0) {
                    return null;
                }
                i++;
            } else if (Character.isLetter(ch) || ch == '_') {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_' || sql.charAt(end) == '$')) {
                    end++;
                }
                if (depth == 0) {
                    words.add(new Word(sql.substring(i, end), i, end));
                }
                i = end;
            } else if (Character.isDigit(ch)) {
                // a number, 1e5 included, is no word
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '.')) {
                    end++;
                }
                i = end;
            } else {
                i++;
            }
        }
        return depth == 0 ? words : null;
    }
}
