package dev.retort.diff;

import dev.retort.diff.SqlExpression.Binary;
import dev.retort.diff.SqlExpression.Call;
import dev.retort.diff.SqlExpression.InList;
import dev.retort.diff.SqlExpression.Literal;
import dev.retort.diff.SqlExpression.Logical;
import dev.retort.diff.SqlExpression.Name;
import dev.retort.diff.SqlExpression.Node;
import dev.retort.model.Check;
import dev.retort.model.DatabaseKind;

/**
 * Check constraints compared by what they test, not by name or spelling.
 *
 * <p>Measured: Hibernate writes {@code st in ('DRAFT','PUBLISHED')}, {@code one in ('ONLY')} and
 * {@code ord between 0 and 2}; PostgreSQL 15 gives them back as
 * {@code CHECK (((st)::text = ANY ((ARRAY['DRAFT'::character varying, ...])::text[])))},
 * {@code CHECK (((one)::text = 'ONLY'::text))} and {@code CHECK (((ord >= 0) AND (ord <= 2)))}; MariaDB 10.11
 * as {@code `ord` between 0 and 2} and {@code length(x)} as {@code octet_length(`x`)}; SQLite as written. {@link SqlExpression} prints all pairs identically,
 * while an enum that gained a constant prints differently.
 */
final class CheckEquivalence {

    private CheckEquivalence() {
    }

    static String normalise(String expression, DatabaseKind kind) {
        return SqlExpression.canonical(expression, node -> rewrite(node, kind));
    }

    static boolean same(String a, String b, DatabaseKind kind) {
        return normalise(a, kind).equals(normalise(b, kind));
    }

    /** MariaDB reports {@code length(x)} as {@code octet_length(x)}: the same function there. */
    private static Node rewrite(Node node, DatabaseKind kind) {
        if (kind == DatabaseKind.MARIADB && node instanceof Call call && call.name().equals("octet_length")) {
            return new Call("length", call.args());
        }
        return node;
    }

    /**
     * Whether a check is one MariaDB adds by itself: a {@code json} column is a {@code longtext} with
     * {@code CHECK (json_valid(col))}, which the entities never declare.
     */
    static boolean isImplicit(Check check, DatabaseKind kind) {
        if (kind != DatabaseKind.MARIADB) return false;
        Node node = SqlExpression.parse(check.expression());
        return node instanceof Call call && call.name().equals("json_valid") && call.args().size() == 1
                && call.args().get(0) instanceof Name;
    }

    /**
     * A value the check allows for {@code column}, in SQL ({@code 'DRAFT'}, {@code 0}), when the check limits the
     * column to a list or a range (an enum); null otherwise.
     */
    static String allowedValue(String expression, String column) {
        Node node = SqlExpression.parse(expression);
        if (node == null) return null;
        return allowedValue(node, column);
    }

    private static String allowedValue(Node node, String column) {
        if (node instanceof InList in && !in.negated() && isColumn(in.subject(), column) && !in.items().isEmpty()
                && in.items().get(0) instanceof Literal first) {
            return first.text();
        }
        if (node instanceof Binary b && b.op().equals("=") && isColumn(b.left(), column) && b.right() instanceof Literal l) {
            return l.text();
        }
        if (node instanceof Binary b && b.op().equals(">=") && isColumn(b.left(), column) && b.right() instanceof Literal l) {
            return l.text();
        }
        if (node instanceof Logical l && l.op().equals("and")) {
            for (Node operand : l.operands()) {
                String value = allowedValue(operand, column);
                if (value != null) return value;
            }
        }
        return null;
    }

    private static boolean isColumn(Node node, String column) {
        return node instanceof Name name && name.name().equalsIgnoreCase(column);
    }
}
