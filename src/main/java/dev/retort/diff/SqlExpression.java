package dev.retort.diff;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A SQL expression (a check condition, a column default) parsed just far enough to compare two spellings of
 * it: what Hibernate wrote and what a database reports back. Databases rewrite expressions on the way in —
 * PostgreSQL adds casts and parentheses and turns {@code IN} into {@code = ANY (ARRAY[...])}, MariaDB quotes
 * names with backticks — so both sides are parsed into a small tree and printed in one canonical form:
 * lower-case names, no casts, no redundant parentheses, {@code BETWEEN} as two comparisons, single-item
 * {@code IN} as {@code =}, {@code AND}/{@code OR} operands and {@code IN} lists in sorted order, numbers
 * without trailing zeros. Text this parser does not understand is compared token by token instead.
 */
final class SqlExpression {

    private SqlExpression() {
    }

    // ---------------------------------------------------------------- tree

    sealed interface Node permits Literal, Name, Call, Unary, Binary, Logical, InList, IsNull, ArrayOf, Tuple {
    }

    /** A literal in canonical spelling: {@code 'text'}, {@code 1.5}, {@code null}, {@code true}. */
    record Literal(String text) implements Node {
        boolean isString() { return text.startsWith("'"); }
        boolean isNull() { return text.equals("null"); }
        /** The value of a string literal, unquoted. */
        String stringValue() { return text.substring(1, text.length() - 1).replace("''", "'"); }
    }

    record Name(String name) implements Node {
    }

    record Call(String name, List<Node> args) implements Node {
    }

    record Unary(String op, Node operand) implements Node {
    }

    record Binary(String op, Node left, Node right) implements Node {
    }

    /** {@code and} / {@code or} over two or more operands (flattened). */
    record Logical(String op, List<Node> operands) implements Node {
    }

    record InList(Node subject, List<Node> items, boolean negated) implements Node {
    }

    record IsNull(Node subject, boolean negated) implements Node {
    }

    record ArrayOf(List<Node> items) implements Node {
    }

    record Tuple(List<Node> items) implements Node {
    }

    // ---------------------------------------------------------------- entry points

    /** The tree of {@code sql}, or null when it is not an expression this parser understands. */
    static Node parse(String sql) {
        List<Token> tokens = tokenize(sql);
        tokens = stripWrapper(tokens);
        if (tokens.isEmpty()) return null;
        try {
            Parser p = new Parser(tokens);
            Node node = p.expression();
            if (!p.atEnd()) return null;
            return node;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The canonical text of {@code sql} (see the class comment). */
    static String canonical(String sql) {
        return canonical(sql, UnaryOperator.identity());
    }

    /** The canonical text of {@code sql} after {@code rewrite} was applied to every node, innermost first. */
    static String canonical(String sql, UnaryOperator<Node> rewrite) {
        Node node = parse(sql);
        if (node == null) {
            return fallback(sql);
        }
        return print(transform(node, rewrite));
    }

    /** Rebuilds {@code node} bottom-up, handing each rebuilt node to {@code rewrite}. */
    static Node transform(Node node, UnaryOperator<Node> rewrite) {
        Node rebuilt;
        if (node instanceof Call c) {
            rebuilt = new Call(c.name(), c.args().stream().map(a -> transform(a, rewrite)).toList());
        } else if (node instanceof Unary u) {
            rebuilt = new Unary(u.op(), transform(u.operand(), rewrite));
        } else if (node instanceof Binary b) {
            rebuilt = new Binary(b.op(), transform(b.left(), rewrite), transform(b.right(), rewrite));
        } else if (node instanceof Logical l) {
            rebuilt = new Logical(l.op(), l.operands().stream().map(a -> transform(a, rewrite)).toList());
        } else if (node instanceof InList i) {
            rebuilt = new InList(transform(i.subject(), rewrite),
                    i.items().stream().map(a -> transform(a, rewrite)).toList(), i.negated());
        } else if (node instanceof IsNull i) {
            rebuilt = new IsNull(transform(i.subject(), rewrite), i.negated());
        } else if (node instanceof ArrayOf a) {
            rebuilt = new ArrayOf(a.items().stream().map(x -> transform(x, rewrite)).toList());
        } else if (node instanceof Tuple t) {
            rebuilt = new Tuple(t.items().stream().map(x -> transform(x, rewrite)).toList());
        } else {
            rebuilt = node; // literals and names have no children
        }
        return rewrite.apply(rebuilt);
    }

    static String print(Node node) {
        if (node instanceof Literal l) return l.text();
        if (node instanceof Name n) return n.name();
        if (node instanceof Call c) return c.name() + "(" + String.join(",", c.args().stream().map(SqlExpression::print).toList()) + ")";
        if (node instanceof Unary u) return u.op().equals("-") ? "(-" + print(u.operand()) + ")" : "(" + u.op() + " " + print(u.operand()) + ")";
        if (node instanceof Binary b) return "(" + print(b.left()) + " " + b.op() + " " + print(b.right()) + ")";
        if (node instanceof Logical l) return "(" + String.join(" " + l.op() + " ", sortedPrints(l.operands())) + ")";
        if (node instanceof InList i) {
            return "(" + print(i.subject()) + (i.negated() ? " not in (" : " in (") + String.join(",", sortedPrints(i.items())) + "))";
        }
        if (node instanceof IsNull i) return "(" + print(i.subject()) + (i.negated() ? " is not null)" : " is null)");
        if (node instanceof ArrayOf a) return "array[" + String.join(",", a.items().stream().map(SqlExpression::print).toList()) + "]";
        Tuple t = (Tuple) node;
        return "(" + String.join(",", t.items().stream().map(SqlExpression::print).toList()) + ")";
    }

    private static List<String> sortedPrints(List<Node> nodes) {
        return nodes.stream().map(SqlExpression::print).sorted(Comparator.naturalOrder()).toList();
    }

    /** Token-by-token canonical text for what the parser rejects: case, spacing, quotes and casts normalised. */
    static String fallback(String sql) {
        List<Token> tokens = stripWrapper(tokenize(sql));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("::")) {
                i = skipTypeName(tokens, i + 1) - 1;
                continue;
            }
            if (t.is("(") || t.is(")")) continue; // redundant parentheses are the common difference
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(t.kind() == Kind.STRING ? quote(t.text()) : t.kind() == Kind.NUMBER ? number(t.text()) : t.text());
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- tokens

    enum Kind { WORD, IDENT, STRING, NUMBER, SYMBOL }

    /** A token; words and quoted identifiers are lower-cased, strings hold their unquoted value. */
    record Token(Kind kind, String text) {
        boolean is(String symbolOrWord) {
            return (kind == Kind.SYMBOL || kind == Kind.WORD) && text.equals(symbolOrWord);
        }
    }

    static List<Token> tokenize(String sql) {
        List<Token> out = new ArrayList<>();
        String s = sql == null ? "" : sql;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                int[] end = new int[1];
                out.add(new Token(Kind.STRING, readQuoted(s, i, '\'', end)));
                i = end[0];
            } else if (c == '"' || c == '`') {
                int[] end = new int[1];
                out.add(new Token(Kind.IDENT, readQuoted(s, i, c, end).toLowerCase(Locale.ROOT)));
                i = end[0];
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
                int j = i;
                while (j < n && Character.isDigit(s.charAt(j))) j++;
                if (j < n && s.charAt(j) == '.') {
                    j++;
                    while (j < n && Character.isDigit(s.charAt(j))) j++;
                }
                if (j < n && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
                    int k = j + 1;
                    if (k < n && (s.charAt(k) == '+' || s.charAt(k) == '-')) k++;
                    if (k < n && Character.isDigit(s.charAt(k))) {
                        j = k;
                        while (j < n && Character.isDigit(s.charAt(j))) j++;
                    }
                }
                out.add(new Token(Kind.NUMBER, s.substring(i, j)));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '$')) j++;
                String word = s.substring(i, j).toLowerCase(Locale.ROOT);
                if (j < n && s.charAt(j) == '\'') {
                    int[] end = new int[1];
                    String value = readQuoted(s, j, '\'', end);
                    i = end[0];
                    if (word.equals("b")) {
                        // MariaDB reports bit defaults as b'0' / b'1'
                        out.add(new Token(Kind.NUMBER, value.isEmpty() ? "0" : new BigInteger(value, 2).toString()));
                    } else if (word.equals("x")) {
                        out.add(new Token(Kind.NUMBER, value.isEmpty() ? "0" : new BigInteger(value, 16).toString()));
                    } else {
                        // E'..' (PostgreSQL), N'..' and MariaDB charset introducers such as _utf8mb4'..'
                        out.add(new Token(Kind.STRING, value));
                    }
                    continue;
                }
                out.add(new Token(Kind.WORD, word));
                i = j;
            } else {
                String two = i + 1 < n ? s.substring(i, i + 2) : "";
                if (Set.of("::", "<=", ">=", "<>", "!=", "==", "||").contains(two)) {
                    out.add(new Token(Kind.SYMBOL, two.equals("!=") ? "<>" : two.equals("==") ? "=" : two));
                    i += 2;
                } else {
                    out.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                    i++;
                }
            }
        }
        return out;
    }

    private static String readQuoted(String s, int start, char quote, int[] end) {
        StringBuilder sb = new StringBuilder();
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    sb.append(quote);
                    i += 2;
                    continue;
                }
                end[0] = i + 1;
                return sb.toString();
            }
            sb.append(c);
            i++;
        }
        end[0] = s.length(); // unterminated: take the rest
        return sb.toString();
    }

    /** Drops a {@code CHECK ( ... )} wrapper and a trailing {@code NOT VALID}. */
    private static List<Token> stripWrapper(List<Token> tokens) {
        List<Token> t = tokens;
        if (t.size() >= 2 && t.get(t.size() - 1).is("valid") && t.get(t.size() - 2).is("not")) {
            t = t.subList(0, t.size() - 2);
        }
        if (!t.isEmpty() && t.get(0).is("check")) {
            t = t.subList(1, t.size());
        }
        return t;
    }

    private static final Set<String> TYPE_WORDS = Set.of("varying", "precision", "with", "without", "time", "zone",
            "unsigned", "signed");

    /** The index just past a type name starting at {@code i} ({@code character varying(255)[]}, {@code text}). */
    static int skipTypeName(List<Token> tokens, int i) {
        if (i < tokens.size() && (tokens.get(i).kind() == Kind.WORD || tokens.get(i).kind() == Kind.IDENT)) {
            i++;
            if (i + 1 < tokens.size() && tokens.get(i).is(".") && tokens.get(i + 1).kind() != Kind.SYMBOL) i += 2;
            while (i < tokens.size() && tokens.get(i).kind() == Kind.WORD && TYPE_WORDS.contains(tokens.get(i).text())) i++;
            if (i < tokens.size() && tokens.get(i).is("(")) {
                int depth = 0;
                do {
                    if (tokens.get(i).is("(")) depth++;
                    if (tokens.get(i).is(")")) depth--;
                    i++;
                } while (i < tokens.size() && depth > 0);
            }
            while (i < tokens.size() && tokens.get(i).kind() == Kind.WORD && TYPE_WORDS.contains(tokens.get(i).text())) i++;
            while (i + 1 < tokens.size() && tokens.get(i).is("[")) {
                int j = i + 1;
                if (j < tokens.size() && tokens.get(j).kind() == Kind.NUMBER) j++;
                if (j < tokens.size() && tokens.get(j).is("]")) i = j + 1;
                else break;
            }
        }
        return i;
    }

    static String quote(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String number(String text) {
        try {
            BigDecimal d = new BigDecimal(text);
            if (d.signum() == 0) return "0";
            return d.stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return text;
        }
    }

    // ---------------------------------------------------------------- parser

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", ">", "<=", ">=");
    private static final Map<String, String> NEGATED = Map.of("=", "<>", "<>", "=", "<", ">=", ">=", "<", ">", "<=", "<=", ">");

    /** Recursive descent over the usual precedence: or, and, not, predicates, + - ||, * / %, unary, postfix. */
    private static final class Parser {
        private final List<Token> tokens;
        private int pos;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        boolean atEnd() {
            return pos >= tokens.size();
        }

        private Token peek() {
            return pos < tokens.size() ? tokens.get(pos) : null;
        }

        private Token peek(int ahead) {
            return pos + ahead < tokens.size() ? tokens.get(pos + ahead) : null;
        }

        private boolean accept(String symbolOrWord) {
            Token t = peek();
            if (t != null && t.is(symbolOrWord)) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(String symbolOrWord) {
            if (!accept(symbolOrWord)) throw new IllegalArgumentException("expected " + symbolOrWord + " at " + pos);
        }

        Node expression() {
            Node left = and();
            while (accept("or")) {
                left = logical("or", left, and());
            }
            return left;
        }

        private Node and() {
            Node left = not();
            while (accept("and")) {
                left = logical("and", left, not());
            }
            return left;
        }

        private Node not() {
            if (accept("not")) {
                return negate(not());
            }
            return predicate();
        }

        private Node predicate() {
            Node left = additive();
            while (true) {
                Token t = peek();
                if (t == null) return left;
                if (t.kind() == Kind.SYMBOL && COMPARISONS.contains(t.text())) {
                    pos++;
                    Token q = peek();
                    if (q != null && (q.is("any") || q.is("some") || q.is("all")) && peek(1) != null && peek(1).is("(")) {
                        pos++;
                        expect("(");
                        Node set = expression();
                        expect(")");
                        left = quantified(t.text(), q.text(), left, set);
                    } else {
                        left = new Binary(t.text(), left, additive());
                    }
                } else if (t.is("is")) {
                    pos++;
                    boolean negated = accept("not");
                    if (accept("null")) {
                        left = new IsNull(left, negated);
                    } else if (peek() != null && (peek().is("true") || peek().is("false"))) {
                        Literal value = new Literal(tokens.get(pos++).text());
                        left = new Binary(negated ? "<>" : "=", left, value);
                    } else {
                        throw new IllegalArgumentException("unsupported IS at " + pos);
                    }
                } else if (t.is("not") && peek(1) != null && (peek(1).is("in") || peek(1).is("between")
                        || peek(1).is("like") || peek(1).is("ilike"))) {
                    pos++;
                    left = negate(suffixPredicate(left));
                } else if (t.is("in") || t.is("between") || t.is("like") || t.is("ilike") || t.is("glob")
                        || t.is("regexp") || t.is("rlike")) {
                    left = suffixPredicate(left);
                } else {
                    return left;
                }
            }
        }

        private Node suffixPredicate(Node left) {
            Token t = tokens.get(pos++);
            switch (t.text()) {
                case "in" -> {
                    expect("(");
                    List<Node> items = new ArrayList<>();
                    if (!accept(")")) {
                        do {
                            items.add(expression());
                        } while (accept(","));
                        expect(")");
                    }
                    return in(left, items, false);
                }
                case "between" -> {
                    Node low = additive();
                    expect("and");
                    Node high = additive();
                    return logical("and", new Binary(">=", left, low), new Binary("<=", left, high));
                }
                default -> {
                    return new Binary(t.text(), left, additive());
                }
            }
        }

        private Node additive() {
            Node left = multiplicative();
            while (true) {
                Token t = peek();
                if (t != null && t.kind() == Kind.SYMBOL && (t.is("+") || t.is("-") || t.is("||"))) {
                    pos++;
                    left = new Binary(t.text(), left, multiplicative());
                } else {
                    return left;
                }
            }
        }

        private Node multiplicative() {
            Node left = unary();
            while (true) {
                Token t = peek();
                if (t != null && t.kind() == Kind.SYMBOL && (t.is("*") || t.is("/") || t.is("%"))) {
                    pos++;
                    left = new Binary(t.text(), left, unary());
                } else {
                    return left;
                }
            }
        }

        private Node unary() {
            if (accept("-")) {
                Node operand = unary();
                if (operand instanceof Literal l && !l.isString() && !l.isNull() && !l.text().equals("true")
                        && !l.text().equals("false")) {
                    return new Literal(number("-" + l.text()));
                }
                return new Unary("-", operand);
            }
            if (accept("+")) {
                return unary();
            }
            return postfix();
        }

        private Node postfix() {
            Node node = primary();
            while (true) {
                if (accept("::")) {
                    int next = skipTypeName(tokens, pos);
                    if (next == pos) throw new IllegalArgumentException("type expected at " + pos);
                    pos = next;
                } else if (peek() != null && peek().is("collate")) {
                    pos++;
                    if (atEnd()) throw new IllegalArgumentException("collation expected");
                    pos++;
                } else {
                    return node;
                }
            }
        }

        private Node primary() {
            Token t = peek();
            if (t == null) throw new IllegalArgumentException("unexpected end");
            pos++;
            switch (t.kind()) {
                case STRING -> {
                    return new Literal(quote(t.text()));
                }
                case NUMBER -> {
                    return new Literal(number(t.text()));
                }
                case IDENT -> {
                    return name(t.text());
                }
                case SYMBOL -> {
                    if (t.is("(")) {
                        List<Node> items = new ArrayList<>();
                        do {
                            items.add(expression());
                        } while (accept(","));
                        expect(")");
                        return items.size() == 1 ? items.get(0) : new Tuple(items);
                    }
                    throw new IllegalArgumentException("unexpected " + t.text());
                }
                default -> {
                    return word(t.text());
                }
            }
        }

        private Node word(String w) {
            switch (w) {
                case "null", "true", "false" -> {
                    return new Literal(w);
                }
                case "array" -> {
                    if (accept("[")) {
                        List<Node> items = new ArrayList<>();
                        if (!accept("]")) {
                            do {
                                items.add(expression());
                            } while (accept(","));
                            expect("]");
                        }
                        return new ArrayOf(items);
                    }
                }
                case "cast" -> {
                    if (accept("(")) {
                        Node inner = expression();
                        expect("as");
                        int next = skipTypeName(tokens, pos);
                        if (next == pos) throw new IllegalArgumentException("type expected at " + pos);
                        pos = next;
                        expect(")");
                        return inner;
                    }
                }
                case "case", "select", "exists" -> throw new IllegalArgumentException("unsupported " + w);
                default -> {
                }
            }
            Token next = peek();
            if (next != null && next.kind() == Kind.STRING) {
                // a typed literal: date '2020-01-01', timestamp '...', interval '1 day'
                pos++;
                return new Literal(quote(next.text()));
            }
            if (next != null && next.is("(")) {
                pos++;
                List<Node> args = new ArrayList<>();
                if (!accept(")")) {
                    if (accept("*")) {
                        args.add(new Name("*"));
                    } else {
                        do {
                            args.add(expression());
                        } while (accept(","));
                    }
                    expect(")");
                }
                return new Call(w, args);
            }
            return name(w);
        }

        /** A column reference; a qualified {@code t.col} compares as {@code col}. */
        private Node name(String first) {
            String last = first;
            while (peek() != null && peek().is(".") && peek(1) != null
                    && (peek(1).kind() == Kind.WORD || peek(1).kind() == Kind.IDENT)) {
                pos++;
                last = tokens.get(pos++).text();
            }
            return new Name(last);
        }
    }

    // ---------------------------------------------------------------- canonical constructors

    private static Node logical(String op, Node a, Node b) {
        List<Node> operands = new ArrayList<>();
        for (Node n : List.of(a, b)) {
            if (n instanceof Logical l && l.op().equals(op)) operands.addAll(l.operands());
            else operands.add(n);
        }
        return new Logical(op, operands);
    }

    private static Node in(Node subject, List<Node> items, boolean negated) {
        if (items.size() == 1) {
            // PostgreSQL stores a one-item IN as a comparison
            return new Binary(negated ? "<>" : "=", subject, items.get(0));
        }
        return new InList(subject, items, negated);
    }

    private static Node quantified(String op, String quantifier, Node left, Node set) {
        if (set instanceof ArrayOf array) {
            if (op.equals("=") && !quantifier.equals("all")) return in(left, array.items(), false);
            if (op.equals("<>") && quantifier.equals("all")) return in(left, array.items(), true);
        }
        return new Binary(op, left, new Call(quantifier, List.of(set)));
    }

    private static Node negate(Node node) {
        if (node instanceof InList i) return new InList(i.subject(), i.items(), !i.negated());
        if (node instanceof IsNull i) return new IsNull(i.subject(), !i.negated());
        if (node instanceof Unary u && u.op().equals("not")) return u.operand();
        if (node instanceof Binary b && COMPARISONS.contains(b.op())) return new Binary(negatedComparison(b.op()), b.left(), b.right());
        return new Unary("not", node);
    }

    private static String negatedComparison(String op) {
        return NEGATED.getOrDefault(op, op);
    }
}
