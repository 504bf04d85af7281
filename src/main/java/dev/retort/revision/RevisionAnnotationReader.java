package dev.retort.revision;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code package} declaration and the {@code @Revision} annotation from the text of a migration
 * source without compiling it, so that listing a thousand revisions stays instant. It is a small lexer for
 * the part of a Java file before the class body: comments, string literals (escapes, text blocks, unicode
 * escapes), and annotations are understood; everything after the first top-level {@code {} is ignored.
 *
 * <p>It works on the UTF-8 bytes and decodes only the strings it keeps: every command scans all
 * migrations, usually on a cold JVM where this code runs interpreted, so each byte must cost little.
 */
final class RevisionAnnotationReader {

    /** The header of one source file. {@code packageName} is "" for the default package. */
    record Header(String packageName, Annotation revision) {
    }

    /** The {@code @Revision} annotation; {@code line} is where it starts. */
    record Annotation(int line, String id, List<String> parents, String message, String created) {
    }

    private final String file;
    private final Lexer lexer;

    private RevisionAnnotationReader(String file, byte[] utf8) {
        this.file = file;
        this.lexer = new Lexer(hasUnicodeEscape(utf8)
                ? translateUnicodeEscapes(new String(utf8, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)
                : utf8);
    }

    /**
     * Reads the header of the UTF-8 source {@code utf8}; {@code file} names it in error messages. The
     * annotation is {@code null} when there is none.
     */
    static Header read(String file, byte[] utf8) {
        return new RevisionAnnotationReader(file, utf8).header();
    }

    static Header read(String file, String text) {
        return read(file, text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean hasUnicodeEscape(byte[] utf8) {
        for (int i = 0; i + 1 < utf8.length; i++) {
            if (utf8[i] == '\\' && utf8[i + 1] == 'u') {
                return true;
            }
        }
        return false;
    }

    private Header header() {
        String packageName = "";
        boolean seenPackage = false;
        Annotation revision = null;
        int depth = 0;
        while (true) {
            Token token = lexer.next();
            if (token.kind == Kind.EOF) {
                return new Header(packageName, revision);
            }
            if (token.kind == Kind.IDENT) {
                if (depth == 0 && !seenPackage && revision == null && token.isWord("package")) {
                    packageName = qualifiedName(lexer.next());
                    seenPackage = true;
                }
            } else if (token.is('(')) {
                depth++;
            } else if (token.is(')')) {
                depth--;
            } else if (token.is('{') && depth == 0) {
                return new Header(packageName, revision);
            } else if (token.is('@')) {
                Token name = lexer.next();
                if (name.kind == Kind.IDENT && !name.isWord("interface")) {
                    String qualified = qualifiedName(name);
                    if (qualified.equals("Revision") || qualified.equals("dev.retort.ops.Revision")) {
                        if (revision != null) {
                            throw error(token.line, "duplicate @Revision annotation (the first is on line "
                                    + revision.line + ")");
                        }
                        revision = revisionArguments(token.line);
                    }
                }
            }
        }
    }

    /** {@code first} is the first identifier; consumes {@code . ident} pairs that follow. */
    private String qualifiedName(Token first) {
        if (first.kind != Kind.IDENT) {
            throw error(first.line, "expected a name, found " + first.describe());
        }
        StringBuilder name = new StringBuilder(first.text());
        while (lexer.peek().is('.')) {
            lexer.next();
            Token part = lexer.next();
            if (part.kind != Kind.IDENT) {
                throw error(part.line, "expected a name after '.', found " + part.describe());
            }
            name.append('.').append(part.text());
        }
        return name.toString();
    }

    private Annotation revisionArguments(int line) {
        Token open = lexer.next();
        if (!open.is('(')) {
            throw error(line, "@Revision needs its elements: (id = \"...\", parents = {...}, message = \"...\", created = \"...\")");
        }
        Map<String, List<String>> elements = new LinkedHashMap<>();
        Map<String, Boolean> arrays = new LinkedHashMap<>();
        if (lexer.peek().is(')')) {
            lexer.next();
        } else {
            while (true) {
                Token nameToken = lexer.next();
                if (nameToken.kind != Kind.IDENT) {
                    throw error(nameToken.line, "@Revision: expected an element name, found " + nameToken.describe());
                }
                String name = nameToken.text();
                if (!List.of("id", "parents", "message", "created").contains(name)) {
                    throw error(nameToken.line, "@Revision has no element '" + name
                            + "' (it has id, parents, message, created)");
                }
                if (elements.containsKey(name)) {
                    throw error(nameToken.line, "@Revision: element '" + name + "' given twice");
                }
                Token equals = lexer.next();
                if (!equals.is('=')) {
                    throw error(equals.line, "@Revision: expected '=' after '" + name + "', found " + equals.describe());
                }
                boolean array = lexer.peek().is('{');
                elements.put(name, value(name));
                arrays.put(name, array);
                Token separator = lexer.next();
                if (separator.is(')')) {
                    break;
                }
                if (!separator.is(',')) {
                    throw error(separator.line, "@Revision: expected ',' or ')', found " + separator.describe());
                }
            }
        }
        for (String single : List.of("id", "message", "created")) {
            if (!elements.containsKey(single)) {
                throw error(line, "@Revision is missing its '" + single + "' element");
            }
            if (arrays.get(single)) {
                throw error(line, "@Revision: '" + single + "' must be a single string, not {...}");
            }
        }
        return new Annotation(line, elements.get("id").get(0), elements.getOrDefault("parents", List.of()),
                elements.get("message").get(0), elements.get("created").get(0));
    }

    /** A string expression, or an array initializer {@code { expr, ... }} of them. */
    private List<String> value(String element) {
        if (!lexer.peek().is('{')) {
            return List.of(stringExpression(element));
        }
        lexer.next();
        List<String> values = new ArrayList<>();
        while (true) {
            if (lexer.peek().is('}')) {
                lexer.next();
                return values;
            }
            values.add(stringExpression(element));
            Token separator = lexer.next();
            if (separator.is('}')) {
                return values;
            }
            if (!separator.is(',')) {
                throw error(separator.line, "@Revision(" + element + " = {...}): expected ',' or '}', found "
                        + separator.describe());
            }
        }
    }

    /** One or more string literals joined by {@code +}: the only constants a migration needs. */
    private String stringExpression(String element) {
        StringBuilder value = new StringBuilder();
        while (true) {
            Token literal = lexer.next();
            if (literal.kind != Kind.STRING) {
                throw error(literal.line, "@Revision(" + element + " = ...) must be a string literal, found "
                        + literal.describe());
            }
            value.append(literal.value);
            if (!lexer.peek().is('+')) {
                return value.toString();
            }
            lexer.next();
        }
    }

    private RevisionException error(int line, String message) {
        return new RevisionException(file + ":" + line + ": " + message);
    }

    /**
     * Java translates {@code \\uXXXX} before lexing, anywhere in the file; a backslash preceded by an odd
     * number of backslashes does not start one.
     */
    static String translateUnicodeEscapes(String text) {
        if (text.indexOf("\\u") < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int backslashes = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && backslashes % 2 == 0 && i + 1 < text.length() && text.charAt(i + 1) == 'u') {
                int j = i + 1;
                while (j < text.length() && text.charAt(j) == 'u') {
                    j++;
                }
                if (j + 4 <= text.length()) {
                    try {
                        out.append((char) Integer.parseInt(text.substring(j, j + 4), 16));
                        i = j + 4;
                        backslashes = 0;
                        continue;
                    } catch (NumberFormatException notAnEscape) {
                        // fall through: javac will report it; we keep the text as it is
                    }
                }
            }
            out.append(c);
            backslashes = c == '\\' ? backslashes + 1 : 0;
            i++;
        }
        return out.toString();
    }

    private enum Kind { IDENT, STRING, PUNCT, OTHER, EOF }

    /** A token: a range of the source; its text is decoded only when asked for (or, for strings, kept). */
    private final class Token {
        final Kind kind;
        final int start;
        final int end;
        final int line;
        final String value;

        Token(Kind kind, int start, int end, int line, String value) {
            this.kind = kind;
            this.start = start;
            this.end = end;
            this.line = line;
            this.value = value;
        }

        boolean is(char punct) {
            return kind == Kind.PUNCT && lexer.b[start] == punct;
        }

        /** Whether this identifier is {@code word} (ASCII), compared on the bytes. */
        boolean isWord(String word) {
            if (kind != Kind.IDENT || end - start != word.length()) {
                return false;
            }
            for (int i = 0; i < word.length(); i++) {
                if (lexer.b[start + i] != word.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        String text() {
            return new String(lexer.b, start, end - start, StandardCharsets.UTF_8);
        }

        String describe() {
            return switch (kind) {
                case EOF -> "end of file";
                case STRING -> "a string";
                default -> "'" + text() + "'";
            };
        }
    }

    /** Splits UTF-8 Java source into the tokens the header needs; comments and whitespace are skipped. */
    private final class Lexer {
        final byte[] b;
        private int pos;
        private int line = 1;
        private Token peeked;

        Lexer(byte[] utf8) {
            this.b = utf8;
        }

        Token peek() {
            if (peeked == null) {
                peeked = scan();
            }
            return peeked;
        }

        Token next() {
            Token token = peek();
            peeked = null;
            return token;
        }

        // Loops use locals and inline tests rather than helper calls: cold, this code runs interpreted,
        // where a call per byte would dominate.
        private Token scan() {
            skipSpaceAndComments();
            byte[] b = this.b;
            int p = pos;
            if (p >= b.length) {
                return new Token(Kind.EOF, p, p, line, null);
            }
            int start = p;
            byte first = b[p];
            if (first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z' || first == '_' || first == '$'
                    || first < 0) {
                // bytes of non-ASCII characters count as identifier parts: they only matter inside names
                p++;
                while (p < b.length) {
                    byte c = b[p];
                    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                            || c < 0) {
                        p++;
                    } else {
                        break;
                    }
                }
                pos = p;
                return new Token(Kind.IDENT, start, p, line, null);
            }
            if (first == '"') {
                return p + 2 < b.length && b[p + 1] == '"' && b[p + 2] == '"' ? textBlock() : stringLiteral();
            }
            if (first == '\'') {
                p++;
                while (p < b.length && b[p] != '\'' && b[p] != '\n') {
                    p += b[p] == '\\' ? 2 : 1;
                }
                pos = Math.min(p + 1, b.length);
                return new Token(Kind.OTHER, start, pos, line, null);
            }
            if (first >= '0' && first <= '9') {
                while (p < b.length) {
                    byte c = b[p];
                    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.'
                            || c < 0) {
                        p++;
                    } else {
                        break;
                    }
                }
                pos = p;
                return new Token(Kind.OTHER, start, p, line, null);
            }
            pos = p + 1;
            return new Token(Kind.PUNCT, start, p + 1, line, null);
        }

        private void skipSpaceAndComments() {
            byte[] b = this.b;
            int p = pos;
            while (p < b.length) {
                byte c = b[p];
                if (c == '\n') {
                    line++;
                    p++;
                } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                    p++;
                } else if (c == '/' && p + 1 < b.length && b[p + 1] == '/') {
                    while (p < b.length && b[p] != '\n') {
                        p++;
                    }
                } else if (c == '/' && p + 1 < b.length && b[p + 1] == '*') {
                    int startLine = line;
                    p += 2;
                    while (p + 1 < b.length && !(b[p] == '*' && b[p + 1] == '/')) {
                        if (b[p] == '\n') {
                            line++;
                        }
                        p++;
                    }
                    if (p + 1 >= b.length) {
                        throw error(startLine, "unterminated comment");
                    }
                    p += 2;
                } else {
                    break;
                }
            }
            pos = p;
        }

        private Token stringLiteral() {
            int startLine = line;
            int bodyStart = ++pos;
            while (true) {
                if (pos >= b.length || b[pos] == '\n' || b[pos] == '\r') {
                    throw error(startLine, "unterminated string literal");
                }
                byte c = b[pos];
                if (c == '\\') {
                    pos += 2;
                } else if (c == '"') {
                    break;
                } else {
                    pos++;
                }
            }
            String body = text(bodyStart, pos);
            pos++;
            return new Token(Kind.STRING, bodyStart - 1, pos, startLine, unescape(body, startLine));
        }

        private Token textBlock() {
            int startLine = line;
            pos += 3;
            while (pos < b.length && (b[pos] == ' ' || b[pos] == '\t' || b[pos] == '\f')) {
                pos++;
            }
            if (pos < b.length && b[pos] == '\r') {
                pos++;
            }
            if (pos >= b.length || b[pos] != '\n') {
                throw error(startLine, "a text block must start with a line break after \"\"\"");
            }
            pos++;
            line++;
            int contentStart = pos;
            while (true) {
                if (pos >= b.length) {
                    throw error(startLine, "unterminated text block");
                }
                if (b[pos] == '\\') {
                    pos += 2;
                } else if (b[pos] == '"' && pos + 2 < b.length && b[pos + 1] == '"' && b[pos + 2] == '"') {
                    break;
                } else {
                    if (b[pos] == '\n') {
                        line++;
                    }
                    pos++;
                }
            }
            String content = text(contentStart, pos).replace("\r\n", "\n").replace('\r', '\n');
            pos += 3;
            return new Token(Kind.STRING, contentStart, pos, startLine, unescape(content.stripIndent(), startLine));
        }

        private String text(int from, int to) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }

        private String unescape(String body, int startLine) {
            if (body.indexOf('\\') < 0) {
                return body;
            }
            try {
                return body.translateEscapes();
            } catch (IllegalArgumentException e) {
                throw error(startLine, "invalid escape in string literal: " + e.getMessage());
            }
        }
    }
}
