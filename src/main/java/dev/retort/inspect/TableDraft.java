package dev.retort.inspect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.FkAction;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.PrimaryKey;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;

/**
 * A table being assembled from catalog rows. {@link #build()} sorts everything but the columns (which keep
 * their position), so the same database always gives the same model whatever order the catalog used.
 */
final class TableDraft {

    private static final Comparator<String> NAMES_NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());

    final TableName name;
    String comment;
    PrimaryKey primaryKey;
    final List<Column> columns = new ArrayList<>();
    final List<ForeignKey> foreignKeys = new ArrayList<>();
    final List<Index> indexes = new ArrayList<>();
    final List<UniqueKey> uniqueKeys = new ArrayList<>();
    final List<Check> checks = new ArrayList<>();

    TableDraft(TableName name) {
        this.name = name;
    }

    Table build() {
        return new Table(name, columns, primaryKey,
                sorted(foreignKeys, Comparator.comparing(ForeignKey::name, NAMES_NULLS_LAST)
                        .thenComparing(fk -> fk.columns().toString())
                        .thenComparing(ForeignKey::referencedTable)),
                sorted(indexes, Comparator.comparing(Index::name, NAMES_NULLS_LAST)
                        .thenComparing(ix -> ix.columns().toString())),
                sorted(uniqueKeys, Comparator.comparing(UniqueKey::name, NAMES_NULLS_LAST)
                        .thenComparing(uk -> uk.columns().toString())),
                sorted(checks, Comparator.comparing(Check::name, NAMES_NULLS_LAST)
                        .thenComparing(Check::expression)),
                comment, List.of());
    }

    private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
        if (items.size() < 2) {
            return items; // most tables have no or one key, index, check: a stream each was 1.3 MB per 1,000 tables
        }
        return items.stream().sorted(order).toList();
    }

    /** Empty catalog text (MariaDB reports {@code ''} for "no comment") means none. */
    static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Same column names in the same order, ignoring case. */
    static boolean sameNames(List<String> a, List<String> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).equalsIgnoreCase(b.get(i))) return false;
        }
        return true;
    }

    /** A referential action as SQLite and information_schema spell it ({@code SET NULL}). */
    static FkAction action(String rule) {
        if (rule == null) return FkAction.NO_ACTION;
        return switch (rule.trim().toUpperCase(Locale.ROOT)) {
            case "CASCADE" -> FkAction.CASCADE;
            case "SET NULL" -> FkAction.SET_NULL;
            case "SET DEFAULT" -> FkAction.SET_DEFAULT;
            case "RESTRICT" -> FkAction.RESTRICT;
            default -> FkAction.NO_ACTION;
        };
    }
}
