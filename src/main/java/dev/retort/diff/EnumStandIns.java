package dev.retort.diff;

import dev.retort.ddl.NativeEnum;
import dev.retort.diff.SqlExpression.Binary;
import dev.retort.diff.SqlExpression.InList;
import dev.retort.diff.SqlExpression.Literal;
import dev.retort.diff.SqlExpression.Name;
import dev.retort.diff.SqlExpression.Node;
import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import dev.retort.model.Table;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * On MariaDB, the checked character columns that stand for the model's native enum columns. Hibernate maps an
 * {@code @Enumerated(STRING)} column to {@code enum('A','B')} there, but to a varchar and a check
 * {@code col in ('A','B')} on SQLite and PostgreSQL; a migration written on those creates the latter on MariaDB
 * too. Both hold exactly the same values, so such a column is the model's enum column, and its check is the
 * enum's, not a check the model lacks. Anything else (other labels, a check on more, a column too short for a
 * label) stays a difference.
 */
final class EnumStandIns {

    private static final Pattern SIZED_CHARACTER = Pattern.compile("(?:var)?char\\((\\d+)\\)");
    private static final Set<String> TEXT = Set.of("tinytext", "text", "mediumtext", "longtext");

    private EnumStandIns() {
    }

    /** By lower-case column name, the check of {@code current} that makes the column the model's enum column. */
    static Map<String, Check> of(Table target, Table current, DatabaseKind kind) {
        if (kind != DatabaseKind.MARIADB) return Map.of();
        Set<String> modelChecks = new HashSet<>();
        for (Check check : target.checks()) modelChecks.add(CheckEquivalence.normalise(check.expression(), kind));
        // a check the model declares itself is the model's, whatever else it could stand for
        List<Check> free = new ArrayList<>(current.checks().stream()
                .filter(c -> !modelChecks.contains(CheckEquivalence.normalise(c.expression(), kind))).toList());
        Map<String, Check> found = new LinkedHashMap<>();
        for (Column wanted : target.columns()) {
            NativeEnum values = NativeEnum.of(wanted.type()).orElse(null);
            Column existing = values == null ? null : current.column(wanted.name()).orElse(null);
            if (existing == null || !holdsEvery(existing.type(), values.labels())) continue;
            Set<String> labels = Set.copyOf(values.labels());
            Check check = free.stream().filter(c -> labels.equals(allowed(c, wanted.name()))).findFirst().orElse(null);
            if (check != null) {
                free.remove(check);
                found.put(TableComparison.lower(wanted.name()), check);
            }
        }
        return found;
    }

    /**
     * The previous type of a column whose type changes: as the database reports it, except that a native enum
     * takes the varchar length the model's enum carries, if any ({@link NativeEnum#length()}). MariaDB cannot show
     * that length, and the reverse op must not shorten or widen the varchar that stands for it elsewhere.
     */
    static ColumnType previousType(ColumnType existing, ColumnType wanted) {
        if (existing.length() != null || wanted.length() == null
                || NativeEnum.of(existing).isEmpty() || NativeEnum.of(wanted).isEmpty()) {
            return existing;
        }
        return new ColumnType(existing.code(), wanted.length(), existing.precision(), existing.scale(), existing.definition());
    }

    /** Whether a MariaDB column of that type stores every label as it is: a long enough char/varchar, or text. */
    private static boolean holdsEvery(ColumnType type, List<String> labels) {
        String name = TypeEquivalence.normalise(TypeEquivalence.render(type, DatabaseKind.MARIADB), DatabaseKind.MARIADB);
        if (TEXT.contains(name)) return true;
        Matcher sized = SIZED_CHARACTER.matcher(name);
        if (!sized.matches()) return false;
        long length = Long.parseLong(sized.group(1));
        return labels.stream().allMatch(label -> label.codePointCount(0, label.length()) <= length);
    }

    /** The values a check limits {@code column} to, when that is all it does ({@code col in ('A','B')}); else null. */
    private static Set<String> allowed(Check check, String column) {
        Node node = SqlExpression.parse(check.expression());
        List<Node> items;
        if (node instanceof InList in && !in.negated() && isColumn(in.subject(), column)) {
            items = in.items();
        } else if (node instanceof Binary b && b.op().equals("=") && isColumn(b.left(), column)) {
            items = List.of(b.right());
        } else {
            return null;
        }
        Set<String> values = new HashSet<>();
        for (Node item : items) {
            if (!(item instanceof Literal literal) || !literal.isString()) return null;
            values.add(literal.stringValue());
        }
        return values;
    }

    private static boolean isColumn(Node node, String column) {
        return node instanceof Name name && name.name().equalsIgnoreCase(column);
    }
}
