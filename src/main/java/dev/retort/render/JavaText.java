package dev.retort.render;

/**
 * Text placed into generated Java: string literals, line comments and javadoc.
 *
 * <p>Everything it produces is pure ASCII: non-ASCII characters become {@code \}{@code uXXXX} escapes, so a
 * migration compiles to the same names whatever source encoding the user's build assumes. Names are data:
 * a quote, a backslash, a line break or a {@code \}{@code u000a} written inside a name must come back
 * unchanged from the literal and must never end a comment early.
 */
final class JavaText {

    private JavaText() {
    }

    /** A Java string literal for {@code value}, on one line; {@code null} for null. */
    static String literal(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> appendPrintable(out, c);
            }
        }
        return out.append('"').toString();
    }

    /** Text for a {@code //} comment: one line, whatever {@code text} holds. */
    static String comment(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                // a backslash could start a unicode escape that the compiler reads as a line break
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> appendPrintable(out, c);
            }
        }
        return out.toString();
    }

    /** Text for one javadoc line: as {@link #comment}, and it can neither close the comment nor start a tag. */
    static String javadoc(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("&#92;");
                case '/' -> out.append(i > 0 && text.charAt(i - 1) == '*' ? "&#47;" : "/");
                case '@' -> out.append("&#64;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> appendPrintable(out, c);
            }
        }
        return out.toString();
    }

    /** A long as a Java literal that fits where an {@code int} or a {@code long} is expected. */
    static String longLiteral(long value) {
        return value == (int) value ? Long.toString(value) : value + "L";
    }

    /**
     * Printable ASCII as is, anything else as a unicode escape. Never called for CR or LF: their escapes
     * would be line breaks to the compiler.
     */
    private static void appendPrintable(StringBuilder out, char c) {
        if (c >= 0x20 && c < 0x7f) {
            out.append(c);
        } else {
            out.append(String.format("\\u%04x", (int) c));
        }
    }
}
