package dev.retort.inspect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A check condition as PostgreSQL prints it back ({@code pg_get_constraintdef}), in a form the other databases
 * parse too. PostgreSQL stores what it parsed, so {@code status in ('A','B')} comes back as
 * {@code ((status)::text = ANY ((ARRAY['A'::character varying, 'B'::character varying])::text[]))}. A
 * migration that drops such a check re-adds it on downgrade, on whatever database it runs, and SQLite and
 * MariaDB reject the casts and the array. This turns it back into {@code status IN ('A', 'B')}.
 *
 * <p>Only rewrites that cannot change what PostgreSQL means are made, which is why the column types are needed:
 * a cast to {@code text} is dropped from a {@code varchar} or {@code text} column (from {@code char(n)} it strips
 * trailing blanks, so there it stays); a literal loses its cast where it is compared with a column (or a text
 * function, or a concatenation of text) of its type, since an untyped literal takes the type of what it is
 * compared with — for numbers: integers and decimals against exact numeric types, plain numbers against
 * {@code double precision}, small integers against {@code real}; {@code = ANY (ARRAY[...])} and
 * {@code <> ALL (ARRAY[...])} over such literals become {@code IN} and {@code NOT IN}; {@code ~~} and
 * {@code !~~} become {@code LIKE} and {@code NOT LIKE}. Parentheses are printed where precedence needs them and
 * around nested operators whose precedence differs between databases. Casts that must stay are printed as
 * PostgreSQL printed them, and text this does not parse (a {@code CASE}, a subscript, {@code COLLATE}, an
 * operator it does not know) is returned as PostgreSQL printed it.
 *
 * <p>One instance serves one catalog read: it remembers what it rewrote.
 */
final class PostgresCheck {

    /**
     * What was parsed and printed, by definition: a schema repeats its checks (every table of an enum type,
     * {@code x >= 0}), and rewriting each anew was a good part of reading a large catalog.
     */
    private final Map<String, Parsed> parsed = new HashMap<>();

    /**
     * A definition's tree and the columns it names, or {@code tree == null} when it stays verbatim; and what it
     * was printed as for the types those columns had (the rewrite depends on nothing else).
     */
    private record Parsed(Expr tree, List<String> columns, List<Printed> printed) {
    }

    private record Printed(String[] columnTypes, String text) {
    }

    /**
     * The expression of {@code definition} ({@code CHECK (...)}, optionally {@code NOT VALID}), rewritten where
     * that is safe; {@code columnType} gives a column's type as {@code format_type} prints it, or null.
     */
    String portable(String definition, Function<String, String> columnType) {
        Parsed p = parsed.computeIfAbsent(definition, PostgresCheck::parse);
        if (p.tree() == null) return expression(definition);
        String[] types = new String[p.columns().size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = columnType.apply(p.columns().get(i));
        }
        for (Printed done : p.printed()) {
            if (Arrays.equals(done.columnTypes(), types)) return done.text();
        }
        String text;
        try {
            text = print(new Rewrite(columnType).apply(p.tree()), 0);
        } catch (RuntimeException e) {
            text = expression(definition); // a shape the rewrite did not foresee: better verbatim than no catalog
        }
        p.printed().add(new Printed(types, text));
        return text;
    }

    private static Parsed parse(String definition) {
        try {
            List<Token> tokens = tokens(definition);
            int from = !tokens.isEmpty() && tokens.get(0).isWord("check") ? 1 : 0;
            int to = tokens.size();
            while (to - from >= 2 && (tokens.get(to - 1).isWord("valid") && tokens.get(to - 2).isWord("not")
                    || tokens.get(to - 1).isWord("inherit") && tokens.get(to - 2).isWord("no"))) {
                to -= 2;
            }
            Parser parser = new Parser(tokens.subList(from, to));
            Expr tree = parser.expression();
            if (parser.atEnd()) return new Parsed(tree, parser.columns.stream().distinct().toList(), new ArrayList<>());
        } catch (RuntimeException e) {
            // Unsupported, or text malformed in a way this parser did not foresee: kept as PostgreSQL printed it
        }
        return new Parsed(null, List.of(), List.of());
    }

    /** {@code CHECK ((price > 0)) NOT VALID} -> {@code price > 0}: the expression alone, verbatim. */
    static String expression(String definition) {
        String s = definition.trim();
        if (s.regionMatches(true, 0, "CHECK", 0, 5)) s = s.substring(5).trim();
        for (String tail : List.of(" NOT VALID", " NO INHERIT")) {
            if (s.endsWith(tail)) s = s.substring(0, s.length() - tail.length()).trim();
        }
        for (int i = 0; i < 2 && enclosed(s); i++) {
            s = s.substring(1, s.length() - 1).trim();
        }
        return s;
    }

    /** Whether the whole text is one parenthesised group (strings respected). */
    private static boolean enclosed(String s) {
        if (!s.startsWith("(") || !s.endsWith(")")) return false;
        List<SqlTokens.Token> tokens = SqlTokens.of(s);
        return SqlTokens.closing(tokens, 0) == tokens.size() - 1;
    }

    /** Text this class does not rewrite: the caller keeps it verbatim. */
    private static final class Unsupported extends RuntimeException {
        Unsupported() {
            super(null, null, false, false);
        }
    }

    // ---------------------------------------------------------------------------------------------- tokens

    private enum Kind { WORD, QUOTED_NAME, STRING, NUMBER, OPERATOR, CAST, OPEN, CLOSE, OPEN_BRACKET, CLOSE_BRACKET,
        COMMA, DOT }

    /** {@code text} is the token as written (quotes included). */
    private record Token(Kind kind, String text) {
        boolean isWord(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }

        boolean is(Kind k, String s) {
            return kind == k && text.equals(s);
        }
    }

    private static final String OPERATOR_CHARS = "+-*/<>=~!@#%^&|`?";

    private static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char ch = s.charAt(i);
            int start = i;
            if (Character.isWhitespace(ch)) {
                i++;
                continue;
            }
            if (ch == '\'' || ch == '"') {
                i = closingQuote(s, i, ch);
                out.add(new Token(ch == '\'' ? Kind.STRING : Kind.QUOTED_NAME, s.substring(start, i)));
            } else if (Character.isDigit(ch) || ch == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
                while (i < n && Character.isDigit(s.charAt(i))) i++;
                if (i < n && s.charAt(i) == '.') {
                    i++;
                    while (i < n && Character.isDigit(s.charAt(i))) i++;
                }
                if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                    i++;
                    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
                    while (i < n && Character.isDigit(s.charAt(i))) i++;
                }
                if (i < n && (Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) throw new Unsupported();
                out.add(new Token(Kind.NUMBER, s.substring(start, i)));
            } else if (Character.isLetter(ch) || ch == '_') {
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) i++;
                // E'...', B'...', U&'...': string syntaxes of PostgreSQL's own
                if (i < n && (s.charAt(i) == '\'' || s.charAt(i) == '&')) throw new Unsupported();
                out.add(new Token(Kind.WORD, s.substring(start, i)));
            } else if (ch == ':') {
                if (i + 1 >= n || s.charAt(i + 1) != ':') throw new Unsupported();
                i += 2;
                out.add(new Token(Kind.CAST, "::"));
            } else if (OPERATOR_CHARS.indexOf(ch) >= 0) {
                while (i < n && OPERATOR_CHARS.indexOf(s.charAt(i)) >= 0) i++;
                String op = s.substring(start, i);
                if (op.contains("--") || op.contains("/*")) throw new Unsupported(); // comments
                out.add(new Token(Kind.OPERATOR, op));
            } else {
                i++;
                Kind kind = switch (ch) {
                    case '(' -> Kind.OPEN;
                    case ')' -> Kind.CLOSE;
                    case '[' -> Kind.OPEN_BRACKET;
                    case ']' -> Kind.CLOSE_BRACKET;
                    case ',' -> Kind.COMMA;
                    case '.' -> Kind.DOT;
                    default -> throw new Unsupported();
                };
                out.add(new Token(kind, String.valueOf(ch)));
            }
        }
        return out;
    }

    /** Just past the quote closing the one at {@code start}; a doubled quote stands for itself. */
    private static int closingQuote(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new Unsupported();
    }

    // ---------------------------------------------------------------------------------------------- tree

    private sealed interface Expr permits Literal, ColumnRef, Cast, Call, Negate, Binary, Logical, Not, NullTest,
            Quantified, ArrayOf, InList {
    }

    /** {@code text} as written: {@code 'it''s'}, {@code 12.5}, {@code NULL}, {@code true}. */
    private record Literal(String text, boolean string, boolean number) implements Expr {
        /** The value of a string literal. */
        String value() {
            return text.substring(1, text.length() - 1).replace("''", "'");
        }
    }

    /** {@code text} as written, {@code name} the column name it spells. */
    private record ColumnRef(String text, String name) implements Expr {
    }

    private record Cast(Expr operand, Type type) implements Expr {
    }

    private record Call(String name, List<Expr> args) implements Expr {
    }

    private record Negate(Expr operand) implements Expr {
    }

    /** Comparisons, {@code ~~}, arithmetic and {@code ||}. */
    private record Binary(String op, Expr left, Expr right) implements Expr {
    }

    private record Logical(String op, List<Expr> operands) implements Expr {
    }

    private record Not(Expr operand) implements Expr {
    }

    private record NullTest(Expr operand, boolean negated) implements Expr {
    }

    /** {@code left op ANY (array)}, {@code left op ALL (array)}. */
    private record Quantified(String op, String quantifier, Expr left, Expr array) implements Expr {
    }

    private record ArrayOf(List<Expr> items) implements Expr {
    }

    private record InList(Expr subject, List<Expr> items, boolean negated) implements Expr {
    }

    /**
     * A type name: {@code base} lower case without modifiers ({@code timestamp without time zone}), whether it
     * had a modifier ({@code (6)}), and {@code text} as written.
     */
    private record Type(String base, boolean modified, boolean array, String text) {
        static Type of(String text) {
            // runs for every cast and column of every check: no regular expressions
            StringBuilder base = new StringBuilder(text.length());
            boolean modified = false;
            boolean array = false;
            boolean space = false;
            int depth = 0;
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch == '(') {
                    depth++;
                    modified = true;
                } else if (ch == ')') {
                    depth--;
                } else if (depth > 0) {
                    continue;
                } else if (ch == '[' || ch == ']') {
                    array = true;
                } else if (Character.isWhitespace(ch)) {
                    space = base.length() > 0;
                } else {
                    if (space) base.append(' ');
                    space = false;
                    base.append(Character.toLowerCase(ch));
                }
            }
            String b = base.toString();
            return new Type(ALIASES.getOrDefault(b, b), modified, array, text);
        }

        boolean isText() {
            return !array && (base.equals("text") || base.equals("character varying"));
        }

        boolean isExactNumber() {
            return !array && EXACT_NUMBERS.contains(base);
        }
    }

    private static final Set<String> EXACT_NUMBERS = Set.of("smallint", "integer", "bigint", "numeric");

    /** The internal and short names of types, as format_type spells them. */
    private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("bpchar", "character"),
            Map.entry("char", "character"), Map.entry("varchar", "character varying"), Map.entry("int2", "smallint"),
            Map.entry("int4", "integer"), Map.entry("int", "integer"), Map.entry("int8", "bigint"),
            Map.entry("decimal", "numeric"), Map.entry("bool", "boolean"), Map.entry("float8", "double precision"),
            Map.entry("float4", "real"), Map.entry("timestamp", "timestamp without time zone"),
            Map.entry("timestamptz", "timestamp with time zone"), Map.entry("time", "time without time zone"),
            Map.entry("timetz", "time with time zone"));

    // ---------------------------------------------------------------------------------------------- parser

    private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", ">", "<=", ">=");
    private static final Set<String> PATTERN_MATCHES = Set.of("~~", "!~~", "~~*", "!~~*");
    private static final Set<String> TYPE_WORDS = Set.of("varying", "precision", "with", "without", "time", "zone");
    /** Words that cannot start an operand in what this class understands. */
    private static final Set<String> RESERVED = Set.of("and", "or", "not", "is", "in", "like", "ilike", "similar",
            "between", "any", "all", "some", "case", "when", "then", "else", "end", "select", "exists", "from",
            "as", "collate", "cast", "row", "distinct", "interval", "array", "over", "filter", "within", "escape",
            "overlaps", "at", "unique", "null", "true", "false");

    /** Recursive descent over PostgreSQL's precedence; PostgreSQL parenthesises every operator it prints anyway. */
    private static final class Parser {
        private final List<Token> tokens;
        private int pos;
        /** The names of the columns referenced. */
        final List<String> columns = new ArrayList<>();

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        boolean atEnd() {
            return pos >= tokens.size();
        }

        private Token peek(int ahead) {
            return pos + ahead < tokens.size() ? tokens.get(pos + ahead) : null;
        }

        private boolean acceptWord(String word) {
            Token t = peek(0);
            if (t != null && t.isWord(word)) {
                pos++;
                return true;
            }
            return false;
        }

        private boolean accept(Kind kind) {
            Token t = peek(0);
            if (t != null && t.kind() == kind) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(Kind kind) {
            if (!accept(kind)) throw new Unsupported();
        }

        Expr expression() {
            Expr first = and();
            if (peek(0) == null || !peek(0).isWord("or")) return first;
            List<Expr> operands = new ArrayList<>(List.of(first));
            while (acceptWord("or")) operands.add(and());
            return new Logical("OR", operands);
        }

        private Expr and() {
            Expr first = not();
            if (peek(0) == null || !peek(0).isWord("and")) return first;
            List<Expr> operands = new ArrayList<>(List.of(first));
            while (acceptWord("and")) operands.add(not());
            return new Logical("AND", operands);
        }

        private Expr not() {
            if (acceptWord("not")) return new Not(not());
            return isTest();
        }

        private Expr isTest() {
            Expr e = comparison();
            while (acceptWord("is")) {
                boolean negated = acceptWord("not");
                if (!acceptWord("null")) throw new Unsupported(); // IS TRUE, IS DISTINCT FROM ...
                e = new NullTest(e, negated);
            }
            return e;
        }

        private Expr comparison() {
            Expr left = concatenation();
            Token t = peek(0);
            if (t == null || t.kind() != Kind.OPERATOR) return left;
            String op = t.text();
            if (!COMPARISONS.contains(op) && !PATTERN_MATCHES.contains(op)) throw new Unsupported();
            pos++;
            Token q = peek(0);
            if (COMPARISONS.contains(op) && q != null && (q.isWord("any") || q.isWord("some") || q.isWord("all"))
                    && peek(1) != null && peek(1).kind() == Kind.OPEN) {
                pos += 2;
                Expr array = expression();
                expect(Kind.CLOSE);
                return new Quantified(op, q.text().toUpperCase(Locale.ROOT), left, array);
            }
            return new Binary(op, left, concatenation());
        }

        private Expr concatenation() {
            Expr left = additive();
            while (peek(0) != null && peek(0).is(Kind.OPERATOR, "||")) {
                pos++;
                left = new Binary("||", left, additive());
            }
            return left;
        }

        private Expr additive() {
            Expr left = multiplicative();
            while (peek(0) != null && (peek(0).is(Kind.OPERATOR, "+") || peek(0).is(Kind.OPERATOR, "-"))) {
                String op = tokens.get(pos++).text();
                left = new Binary(op, left, multiplicative());
            }
            return left;
        }

        private Expr multiplicative() {
            Expr left = unary();
            while (peek(0) != null && (peek(0).is(Kind.OPERATOR, "*") || peek(0).is(Kind.OPERATOR, "/")
                    || peek(0).is(Kind.OPERATOR, "%"))) {
                String op = tokens.get(pos++).text();
                left = new Binary(op, left, unary());
            }
            return left;
        }

        private Expr unary() {
            Token t = peek(0);
            if (t != null && t.is(Kind.OPERATOR, "-")) {
                pos++;
                return new Negate(unary());
            }
            return postfix();
        }

        private Expr postfix() {
            Expr e = primary();
            while (accept(Kind.CAST)) {
                e = new Cast(e, type());
            }
            Token t = peek(0);
            if (t != null && (t.kind() == Kind.OPEN_BRACKET || t.kind() == Kind.DOT || t.isWord("collate"))) {
                throw new Unsupported();
            }
            return e;
        }

        private Type type() {
            int start = pos;
            StringBuilder text = new StringBuilder(name());
            if (accept(Kind.DOT)) text.append('.').append(name());
            words(text);
            if (accept(Kind.OPEN)) {
                text.append('(');
                do {
                    Token n = peek(0);
                    if (n == null || n.kind() != Kind.NUMBER) throw new Unsupported();
                    pos++;
                    text.append(n.text());
                    if (peek(0) != null && peek(0).kind() == Kind.COMMA) text.append(',');
                } while (accept(Kind.COMMA));
                expect(Kind.CLOSE);
                text.append(')');
            }
            words(text);
            while (accept(Kind.OPEN_BRACKET)) {
                expect(Kind.CLOSE_BRACKET);
                text.append("[]");
            }
            if (pos == start) throw new Unsupported();
            return Type.of(text.toString());
        }

        private String name() {
            Token t = peek(0);
            if (t == null || (t.kind() != Kind.WORD && t.kind() != Kind.QUOTED_NAME)) throw new Unsupported();
            pos++;
            return t.text();
        }

        private void words(StringBuilder text) {
            while (peek(0) != null && peek(0).kind() == Kind.WORD
                    && TYPE_WORDS.contains(peek(0).text().toLowerCase(Locale.ROOT))) {
                text.append(' ').append(tokens.get(pos++).text());
            }
        }

        private Expr primary() {
            Token t = peek(0);
            if (t == null) throw new Unsupported();
            pos++;
            switch (t.kind()) {
                case STRING:
                    return new Literal(t.text(), true, false);
                case NUMBER:
                    return new Literal(t.text(), false, true);
                case OPEN: {
                    Expr inner = expression();
                    expect(Kind.CLOSE); // a row constructor (a, b) ends up here too, and stays verbatim
                    return inner;
                }
                case QUOTED_NAME: {
                    if (peek(0) != null && peek(0).kind() == Kind.OPEN) return call(t.text());
                    String name = t.text().substring(1, t.text().length() - 1).replace("\"\"", "\"");
                    columns.add(name);
                    return new ColumnRef(t.text(), name);
                }
                case WORD:
                    return word(t);
                default:
                    throw new Unsupported();
            }
        }

        private Expr word(Token t) {
            String w = t.text().toLowerCase(Locale.ROOT);
            switch (w) {
                case "null", "true", "false":
                    return new Literal(t.text(), false, false);
                case "array": {
                    if (!accept(Kind.OPEN_BRACKET)) throw new Unsupported();
                    List<Expr> items = new ArrayList<>();
                    if (!accept(Kind.CLOSE_BRACKET)) {
                        do {
                            items.add(expression());
                        } while (accept(Kind.COMMA));
                        expect(Kind.CLOSE_BRACKET);
                    }
                    return new ArrayOf(items);
                }
                default:
                    break;
            }
            if (RESERVED.contains(w)) throw new Unsupported();
            if (peek(0) != null && peek(0).kind() == Kind.DOT) {
                // a schema-qualified function; a qualified column does not occur in a table's check
                pos++;
                String name = t.text() + "." + name();
                if (peek(0) == null || peek(0).kind() != Kind.OPEN) throw new Unsupported();
                return call(name);
            }
            if (peek(0) != null && peek(0).kind() == Kind.OPEN) return call(t.text());
            columns.add(t.text());
            return new ColumnRef(t.text(), t.text());
        }

        private Expr call(String name) {
            expect(Kind.OPEN);
            List<Expr> args = new ArrayList<>();
            if (!accept(Kind.CLOSE)) {
                do {
                    args.add(expression());
                } while (accept(Kind.COMMA));
                expect(Kind.CLOSE); // FROM, ORDER BY, VARIADIC ... inside a call: unsupported
            }
            return new Call(name, args);
        }
    }

    // ---------------------------------------------------------------------------------------------- rewrite

    /** Functions whose result type is needed to drop a literal's cast in a comparison with them. */
    private static final Set<String> TEXT_FUNCTIONS = Set.of("lower", "upper", "btrim", "ltrim", "rtrim", "substr",
            "substring", "replace", "concat", "left", "right", "lpad", "rpad");
    private static final Set<String> INTEGER_FUNCTIONS = Set.of("length", "char_length", "character_length",
            "octet_length");

    private static final class Rewrite {
        private final Function<String, String> columnType;

        Rewrite(Function<String, String> columnType) {
            this.columnType = columnType;
        }

        Expr apply(Expr e) {
            if (e instanceof Cast c) {
                Expr operand = apply(c.operand());
                // varchar to text is a relabelling: the column means the same without it
                if (operand instanceof ColumnRef && c.type().isText() && !c.type().modified()
                        && typeOf(operand) != null && typeOf(operand).isText()) {
                    return operand;
                }
                // PostgreSQL quotes negative constants ('-1'::integer, '-1.5'::numeric); bare, -1 is an integer
                // and -1.5 a numeric constant all the same
                if (operand instanceof Literal l && l.string() && !c.type().modified() && !c.type().array()) {
                    String value = l.value();
                    boolean integer = c.type().base().equals("integer") && value.matches("-?\\d{1,9}");
                    boolean numeric = c.type().base().equals("numeric") && value.matches("-?\\d+\\.\\d+");
                    if (integer || numeric) return new Literal(value, false, true);
                }
                return new Cast(operand, c.type());
            }
            if (e instanceof Binary b) {
                Expr left = apply(b.left());
                Expr right = apply(b.right());
                boolean compares = COMPARISONS.contains(b.op()) || PATTERN_MATCHES.contains(b.op());
                if (compares) {
                    Expr l = bare(left, right);
                    right = bare(right, left);
                    left = l;
                }
                String op = switch (b.op()) {
                    case "!=" -> "<>";
                    case "~~" -> "LIKE";
                    case "!~~" -> "NOT LIKE";
                    default -> b.op();
                };
                return new Binary(op, left, right);
            }
            if (e instanceof Quantified q) {
                Expr left = apply(q.left());
                Expr array = apply(q.array());
                boolean in = q.op().equals("=") && !q.quantifier().equals("ALL");
                boolean notIn = q.op().equals("<>") && q.quantifier().equals("ALL");
                List<Expr> items = (in || notIn) ? literalItems(left, array) : null;
                if (items != null) return new InList(left, items, notIn);
                return new Quantified(q.op(), q.quantifier(), left, array);
            }
            if (e instanceof Call c) return new Call(c.name(), c.args().stream().map(this::apply).toList());
            if (e instanceof Negate n) return new Negate(apply(n.operand()));
            if (e instanceof Logical l) return new Logical(l.op(), l.operands().stream().map(this::apply).toList());
            if (e instanceof Not n) return new Not(apply(n.operand()));
            if (e instanceof NullTest t) return new NullTest(apply(t.operand()), t.negated());
            if (e instanceof ArrayOf a) return new ArrayOf(a.items().stream().map(this::apply).toList());
            return e; // literals, column references
        }

        /**
         * The items of {@code ARRAY[...]} (or {@code ARRAY[...]::type[]} of the subject's kind) as plain literals
         * compared with {@code subject}, or null when one of them would keep a cast or is not a literal.
         */
        private List<Expr> literalItems(Expr subject, Expr array) {
            Type subjectType = typeOf(subject);
            if (subjectType == null) return null;
            if (array instanceof Cast c) {
                Type t = c.type();
                boolean sameKind = t.array() && (subjectType.isText() ? Type.of(t.base()).isText()
                        : t.base().equals(subjectType.base()));
                if (!sameKind) return null;
                array = c.operand();
            }
            if (!(array instanceof ArrayOf a) || a.items().isEmpty()) return null;
            List<Expr> items = new ArrayList<>();
            for (Expr item : a.items()) {
                Expr bare = bare(item, subject);
                if (!(bare instanceof Literal l) || (!l.string() && !l.number())) return null;
                if (l.string() && !subjectType.isText() && !(item instanceof Cast)) return null;
                items.add(bare);
            }
            return items;
        }

        /**
         * {@code candidate} without its cast when it is a literal cast to what {@code other} is, so that it means
         * the same bare: an untyped literal compared with a column takes the column's type.
         */
        private Expr bare(Expr candidate, Expr other) {
            if (!(candidate instanceof Cast c) || !(c.operand() instanceof Literal lit)) return candidate;
            if (!lit.string() && !lit.number()) return candidate;
            Type target = c.type();
            Type otherType = typeOf(other);
            if (otherType == null || target.array() || otherType.array()) return candidate;
            if (target.isText() && !target.modified() && otherType.isText()) {
                return lit.string() ? lit : candidate;
            }
            String number = lit.string() ? lit.value().strip() : lit.text();
            int digits = 0;
            int points = 0;
            for (int i = number.startsWith("-") ? 1 : 0; i < number.length() && digits >= 0; i++) {
                char ch = number.charAt(i);
                if (ch >= '0' && ch <= '9') digits++;
                else if (ch == '.') points++;
                else digits = -1; // an exponent, a blank, not a number: not worth the doubt
            }
            boolean integral = digits > 0 && points == 0;
            boolean decimal = digits > 0 && points == 1;
            if (target.isExactNumber() && otherType.isExactNumber()) {
                // exact values compare the same whatever exact type holds them
                boolean toNumeric = target.base().equals("numeric") && !target.modified();
                return integral || decimal && toNumeric ? new Literal(number, false, true) : candidate;
            }
            if (!lit.string() && (target.base().equals(otherType.base())
                    || target.base().equals("double precision") && otherType.base().equals("real"))) {
                // (0)::double precision with a double precision or a real column is what PostgreSQL makes of a
                // bare 0 there; (1)::real only for integers a real holds exactly (bare, it would be a double)
                boolean exact = target.base().equals("double precision") ? (integral || decimal) && digits <= 15
                        : target.base().equals("real") && integral && digits <= 6;
                return exact ? new Literal(number, false, true) : candidate;
            }
            if (lit.string() && target.base().equals(otherType.base()) && !target.modified()) {
                return lit; // 'A'::bpchar with a char(n) column, '2020-01-01'::date with a date column
            }
            return candidate;
        }

        /** The type of a column, of a cast, or of a few text and length functions; null when not known. */
        private Type typeOf(Expr e) {
            if (e instanceof ColumnRef c) {
                String t = columnType.apply(c.name());
                return t == null ? null : Type.of(t);
            }
            if (e instanceof Cast c) return c.type();
            if (e instanceof Binary b && b.op().equals("||")) {
                // || of two strings is text; of arrays or json something else
                Type l = typeOf(b.left());
                Type r = typeOf(b.right());
                return l != null && r != null && l.isText() && r.isText() ? Type.of("text") : null;
            }
            if (e instanceof Call c) {
                String name = c.name().toLowerCase(Locale.ROOT);
                if (TEXT_FUNCTIONS.contains(name)) return Type.of("text");
                if (INTEGER_FUNCTIONS.contains(name)) return Type.of("integer");
            }
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------- printing

    private static final int OR = 1;
    private static final int AND = 2;
    private static final int NOT = 3;
    private static final int PREDICATE = 4;
    private static final int CONCAT = 5;
    private static final int ADD = 6;
    private static final int MULTIPLY = 7;
    private static final int NEGATE = 8;
    private static final int ATOM = 10;

    private static int level(Expr e) {
        if (e instanceof Logical l) return l.op().equals("OR") ? OR : AND;
        if (e instanceof Not) return NOT;
        if (e instanceof NullTest || e instanceof InList || e instanceof Quantified) return PREDICATE;
        if (e instanceof Binary b) {
            return switch (b.op()) {
                case "||" -> CONCAT;
                case "+", "-" -> ADD;
                case "*", "/", "%" -> MULTIPLY;
                default -> PREDICATE;
            };
        }
        if (e instanceof Negate) return NEGATE;
        if (e instanceof Literal l && l.text().startsWith("-")) return NEGATE;
        return ATOM; // literals, columns, calls, arrays; a cast binds tighter than anything printed around it
    }

    /**
     * {@code e} printed, in parentheses when its level is below {@code min}. The levels follow the precedence the
     * three databases share; operands of a predicate are never predicates or logic unparenthesised, because
     * PostgreSQL, SQLite and MariaDB rank {@code IS}, {@code IN}, {@code LIKE} and {@code =} differently.
     */
    private static String print(Expr e, int min) {
        String text = print(e);
        return level(e) < min ? "(" + text + ")" : text;
    }

    private static String print(Expr e) {
        if (e instanceof Literal l) return l.text();
        if (e instanceof ColumnRef c) return c.text();
        if (e instanceof Cast c) return print(c.operand(), ATOM) + "::" + c.type().text();
        if (e instanceof Call c) {
            return c.name() + "(" + String.join(", ", c.args().stream().map(a -> print(a, 0)).toList()) + ")";
        }
        if (e instanceof Negate n) return "-" + print(n.operand(), ATOM);
        if (e instanceof Binary b) {
            int level = level(e);
            if (level == PREDICATE) {
                return print(b.left(), CONCAT) + " " + b.op() + " " + print(b.right(), CONCAT);
            }
            if (level == CONCAT) {
                // SQLite ranks || above * and +, PostgreSQL below them: only what binds tighter everywhere goes bare
                return print(b.left(), b.left() instanceof Binary l && l.op().equals("||") ? CONCAT : NEGATE)
                        + " || " + print(b.right(), NEGATE);
            }
            // left-associative: the left operand may be the same operator, the right one is parenthesised,
            // and so is a negative right operand, for whoever reads a - (-b)
            int right = level(b.right()) == NEGATE ? ATOM : level + 1;
            return print(b.left(), level) + " " + b.op() + " " + print(b.right(), right);
        }
        if (e instanceof Logical l) {
            // AND inside OR is parenthesised too, for whoever reads it
            return String.join(" " + l.op() + " ", l.operands().stream().map(o -> print(o, NOT)).toList());
        }
        if (e instanceof Not n) return "NOT " + print(n.operand(), CONCAT);
        if (e instanceof NullTest t) return print(t.operand(), CONCAT) + (t.negated() ? " IS NOT NULL" : " IS NULL");
        if (e instanceof Quantified q) {
            return print(q.left(), CONCAT) + " " + q.op() + " " + q.quantifier() + " (" + print(q.array(), 0) + ")";
        }
        if (e instanceof ArrayOf a) {
            return "ARRAY[" + String.join(", ", a.items().stream().map(i -> print(i, 0)).toList()) + "]";
        }
        InList in = (InList) e;
        return print(in.subject(), CONCAT) + (in.negated() ? " NOT IN (" : " IN (")
                + String.join(", ", in.items().stream().map(i -> print(i, 0)).toList()) + ")";
    }
}
