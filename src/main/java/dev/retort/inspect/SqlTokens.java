package dev.retort.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The tokens of a SQL statement as SQLite reads it: words, quoted names ({@code "x"}, {@code [x]},
 * {@code `x`}), string literals, parentheses, commas and other symbols; whitespace and comments are
 * dropped. Offsets point into the original text so an expression can be cut out verbatim.
 */
final class SqlTokens {

    enum Kind { WORD, QUOTED_NAME, STRING, OPEN, CLOSE, COMMA, SYMBOL }

    /** {@code value} is the unquoted text for names and strings, the raw text otherwise. */
    record Token(Kind kind, String value, int start, int end) {
        boolean isWord(String word) {
            return kind == Kind.WORD && value.equalsIgnoreCase(word);
        }

        boolean isName() {
            return kind == Kind.WORD || kind == Kind.QUOTED_NAME || kind == Kind.STRING;
        }

        /**
         * The keyword this word is, upper-case ({@code CHECK} for {@code check}), or "" when it is not one of the
         * keywords a CREATE TABLE statement is taken apart by. Allocates nothing: it runs for every word.
         */
        String keyword() {
            return kind == Kind.WORD ? KEYWORDS.getOrDefault(value, "") : "";
        }
    }

    private static final TreeMap<String, String> KEYWORDS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        for (String k : List.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "REFERENCES", "NOT", "NULL",
                "DEFAULT", "COLLATE", "GENERATED", "AS")) {
            KEYWORDS.put(k, k);
        }
    }

    private SqlTokens() {
    }

    static List<Token> of(String sql) {
        // runs once per table when a catalog is read: plain ASCII is classified without Character's tables
        List<Token> tokens = new ArrayList<>(Math.max(16, sql.length() / 6));
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char ch = sql.charAt(i);
            if (ch == ' ' || (ch < 128 ? (ch >= '\t' && ch <= '\r') || (ch >= 28 && ch <= 31) : Character.isWhitespace(ch))) {
                i++;
            } else if (ch == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol + 1;
            } else if (ch == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (ch == '\'') {
                i = quoted(sql, i, '\'', Kind.STRING, tokens);
            } else if (ch == '"') {
                i = quoted(sql, i, '"', Kind.QUOTED_NAME, tokens);
            } else if (ch == '`') {
                i = quoted(sql, i, '`', Kind.QUOTED_NAME, tokens);
            } else if (ch == '[') {
                int close = sql.indexOf(']', i + 1);
                int end = close < 0 ? n : close + 1;
                tokens.add(new Token(Kind.QUOTED_NAME, sql.substring(i + 1, close < 0 ? n : close), i, end));
                i = end;
            } else if (ch == '(') {
                tokens.add(new Token(Kind.OPEN, "(", i, ++i));
            } else if (ch == ')') {
                tokens.add(new Token(Kind.CLOSE, ")", i, ++i));
            } else if (ch == ',') {
                tokens.add(new Token(Kind.COMMA, ",", i, ++i));
            } else if (isWordChar(ch)) {
                int start = i;
                while (i < n && isWordChar(sql.charAt(i))) i++;
                tokens.add(new Token(Kind.WORD, sql.substring(start, i), start, i));
            } else {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(ch), i, ++i));
            }
        }
        return tokens;
    }

    private static boolean isWordChar(char ch) {
        if (ch < 128) {
            return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '$';
        }
        return true;
    }

    /** A quoted run; a doubled quote character stands for itself. */
    private static int quoted(String sql, int start, char quote, Kind kind, List<Token> tokens) {
        int n = sql.length();
        int close = sql.indexOf(quote, start + 1);
        if (close < 0) {
            tokens.add(new Token(kind, sql.substring(start + 1), start, n));
            return n;
        }
        if (close + 1 >= n || sql.charAt(close + 1) != quote) {
            tokens.add(new Token(kind, sql.substring(start + 1, close), start, close + 1));
            return close + 1;
        }
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < n) {
            char ch = sql.charAt(i);
            if (ch == quote) {
                if (i + 1 < n && sql.charAt(i + 1) == quote) {
                    value.append(quote);
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            value.append(ch);
            i++;
        }
        tokens.add(new Token(kind, value.toString(), start, i));
        return i;
    }

    /** The index of the parenthesis closing the one at {@code open}, or the last index if unbalanced. */
    static int closing(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            Kind k = tokens.get(i).kind();
            if (k == Kind.OPEN) depth++;
            else if (k == Kind.CLOSE && --depth == 0) return i;
        }
        return tokens.size() - 1;
    }

    /** Splits {@code tokens[from, to)} at commas outside parentheses. */
    static List<List<Token>> splitTopLevel(List<Token> tokens, int from, int to) {
        List<List<Token>> parts = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (int i = from; i < to; i++) {
            Token t = tokens.get(i);
            if (t.kind() == Kind.OPEN) depth++;
            if (t.kind() == Kind.CLOSE) depth--;
            if (t.kind() == Kind.COMMA && depth == 0) {
                parts.add(current);
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        if (!current.isEmpty()) parts.add(current);
        return parts;
    }
}
