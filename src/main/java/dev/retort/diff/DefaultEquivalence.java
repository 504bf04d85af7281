package dev.retort.diff;

import dev.retort.diff.SqlExpression.Call;
import dev.retort.diff.SqlExpression.Literal;
import dev.retort.diff.SqlExpression.Name;
import dev.retort.diff.SqlExpression.Node;
import dev.retort.model.DatabaseKind;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether two column defaults are the same once each database's way of reporting them is undone.
 *
 * <p>Measured: PostgreSQL 15 reports {@code 'draft'::character varying}, {@code '-1'::integer},
 * {@code '2020-01-02'::date}, {@code CURRENT_TIMESTAMP}, {@code NULL::character varying} for an explicit null;
 * MariaDB 10.11 reports {@code 1.50} for {@code 1.5} in a {@code decimal(38,2)}, {@code b'0'} / {@code b'1'} for
 * {@code false} / {@code true} in a {@code bit}, {@code current_timestamp(6)}, and the word {@code NULL} for
 * "no default"; SQLite reports the text as written. All of these compare equal to what Hibernate wrote.
 */
final class DefaultEquivalence {

    private static final Set<String> NOW = Set.of("now", "current_timestamp", "transaction_timestamp", "localtimestamp");
    private static final Pattern NUMERIC = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private DefaultEquivalence() {
    }

    static boolean same(String target, String current, DatabaseKind kind) {
        return Objects.equals(normalise(target, kind), normalise(current, kind));
    }

    /** The canonical form of a default, or null for "no default" (absent, blank, or {@code NULL}). */
    static String normalise(String expression, DatabaseKind kind) {
        if (expression == null || expression.isBlank()) return null;
        String canonical = SqlExpression.canonical(expression, node -> rewrite(node, kind));
        return canonical.equals("null") ? null : canonical;
    }

    /** Whether a default is a sequence's {@code nextval(...)}: how an identity or serial column shows up. */
    static boolean isSequenceDefault(String expression) {
        if (expression == null) return false;
        Node node = SqlExpression.parse(expression);
        return node instanceof Call call && call.name().equals("nextval");
    }

    /**
     * The sequence a {@code nextval('...')} default draws from, lower-cased and without schema or quotes
     * ({@code nextval('public."Book_id_seq"'::regclass)} gives {@code book_id_seq}); null for other defaults.
     */
    static String sequenceName(String expression) {
        if (expression == null) return null;
        Node node = SqlExpression.parse(expression);
        if (node instanceof Call call && call.name().equals("nextval") && call.args().size() == 1
                && call.args().get(0) instanceof Literal literal && literal.isString()) {
            String name = literal.stringValue();
            name = name.substring(name.lastIndexOf('.') + 1).replace("\"", "");
            return name.toLowerCase(java.util.Locale.ROOT);
        }
        return null;
    }

    private static Node rewrite(Node node, DatabaseKind kind) {
        if (node instanceof Call call && NOW.contains(call.name())) {
            // now(), current_timestamp(6) (MariaDB) and current_timestamp are one thing
            return new Name(call.name().equals("localtimestamp") ? "localtimestamp" : "current_timestamp");
        }
        if (node instanceof Name name && name.name().equals("now")) {
            return new Name("current_timestamp");
        }
        if (node instanceof Literal literal) {
            if (literal.isString() && NUMERIC.matcher(literal.stringValue()).matches()) {
                // PostgreSQL quotes negative numbers ('-1'::integer); a quoted number stores the same value
                return new Literal(SqlExpression.number(literal.stringValue()));
            }
            if (kind != DatabaseKind.POSTGRESQL && (literal.text().equals("true") || literal.text().equals("false"))) {
                // SQLite and MariaDB store booleans as 1 and 0
                return new Literal(literal.text().equals("true") ? "1" : "0");
            }
        }
        return node;
    }
}
