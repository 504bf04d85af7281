package dev.retort.scenario;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ForeignKey;
import dev.retort.model.UniqueKey;
import dev.retort.model.Schema;
import dev.retort.model.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Spells out how two schemas differ, part by part, so an assertion failure says what to look at. */
final class SchemaDifference {

    private static final Pattern CAST = Pattern.compile("::[a-z ]+(\\[\\])?");

    private SchemaDifference() {
    }

    /**
     * The schema with what a database may legitimately print differently after a round trip evened out.
     * A column a downgrade adds back goes to the end of its table on every database (PostgreSQL and MariaDB
     * cannot put it back in its place; Retort's SQLite batch does as they do), so columns are compared by
     * name, each with its full definition. PostgreSQL prints a check it parsed anew with other casts and
     * parentheses, so there checks are compared without them; SQLite keeps a check's text as written, so it
     * is compared exactly.
     */
    static Schema normalised(Target target, Schema schema) {
        List<Table> tables = new ArrayList<>();
        for (Table t : schema.tables()) {
            Table.Builder b = t.toBuilder()
                    .columns(t.columns().stream().sorted(Comparator.comparing(c -> c.name().toLowerCase(Locale.ROOT))).toList());
            if (target != Target.SQLITE) {
                b.checks(t.checks().stream().map(c -> new Check(c.name(), expression(c.expression())))
                        .sorted(Comparator.comparing(Check::expression)).toList());
            }
            tables.add(b.build());
        }
        return new Schema(tables, schema.sequences());
    }

    static String expression(String sql) {
        return CAST.matcher(sql.toLowerCase(Locale.ROOT)).replaceAll("").replaceAll("[()\\s]", "");
    }

    static String between(Schema expected, Schema actual) {
        List<String> lines = new ArrayList<>();
        Map<String, Table> left = expected.tablesByKey();
        Map<String, Table> right = actual.tablesByKey();
        TreeSet<String> keys = new TreeSet<>(left.keySet());
        keys.addAll(right.keySet());
        for (String key : keys) {
            Table a = left.get(key);
            Table b = right.get(key);
            if (a == null) {
                lines.add("unexpected table " + b.name());
            } else if (b == null) {
                lines.add("missing table " + a.name());
            } else if (!a.equals(b)) {
                table(a, b, lines);
            }
        }
        if (!expected.sequences().equals(actual.sequences())) {
            lines.add("sequences: expected " + expected.sequences() + " but was " + actual.sequences());
        }
        return String.join("\n", lines);
    }

    private static void table(Table a, Table b, List<String> lines) {
        String t = "table " + a.name() + ": ";
        if (!a.name().equals(b.name())) lines.add(t + "name spelled " + b.name());
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        a.columns().forEach(c -> names.add(c.name()));
        b.columns().forEach(c -> names.add(c.name()));
        for (String name : names) {
            Column x = a.column(name).orElse(null);
            Column y = b.column(name).orElse(null);
            if (!Objects.equals(x, y)) lines.add(t + "column " + name + ": expected " + x + " but was " + y);
        }
        List<String> order = b.columns().stream().map(Column::name).toList();
        if (!a.columns().stream().map(Column::name).toList().equals(order)) {
            lines.add(t + "column order expected " + a.columns().stream().map(Column::name).toList() + " but was " + order);
        }
        part(t + "primary key", a.primaryKey(), b.primaryKey(), lines);
        part(t + "foreign keys", a.foreignKeys(), b.foreignKeys(), lines);
        part(t + "indexes", a.indexes(), b.indexes(), lines);
        part(t + "unique keys", a.uniqueKeys(), b.uniqueKeys(), lines);
        part(t + "checks", a.checks(), b.checks(), lines);
        part(t + "comment", a.comment(), b.comment(), lines);
    }

    private static void part(String what, Object a, Object b, List<String> lines) {
        if (!Objects.equals(a, b)) {
            lines.add(what + ": expected " + a + " but was " + b);
        }
    }

    /** A table's foreign keys by what they do (columns, target, ON DELETE), names left out. */
    static Set<String> foreignKeys(Table t) {
        Set<String> set = new TreeSet<>();
        for (ForeignKey fk : t.foreignKeys()) {
            set.add(fk.columns() + " -> " + fk.referencedTable().key() + fk.referencedColumns() + " on delete " + fk.onDelete().sql());
        }
        return set;
    }

    /** A table's unique constraints as lists of column names in lower case. */
    static Set<List<String>> uniques(Table t) {
        Set<List<String>> set = new HashSet<>();
        for (UniqueKey u : t.uniqueKeys()) {
            set.add(u.columns().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList());
        }
        return set;
    }
}
