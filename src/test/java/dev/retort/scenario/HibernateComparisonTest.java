package dev.retort.scenario;

import dev.retort.inspect.SchemaInspector;
import dev.retort.metamodel.EntityClasses;
import dev.retort.metamodel.EntityLoader;
import dev.retort.metamodel.MetamodelReader;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.Index;
import dev.retort.model.Schema;
import dev.retort.model.Table;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The schema Retort builds for a model (autogenerate + upgrade head) against the one Hibernate itself
 * creates for it ({@code hbm2ddl create-only} on a second fresh database), both read back by the inspector:
 * the same tables, columns, types, nullability, defaults, keys, indexes and checks. On SQLite Retort does
 * better than Hibernate, whose DDL there has no foreign keys and no multi-column unique constraints at all.
 * Finally the application stores and reads back every entity in the schema Retort built.
 */
class HibernateComparisonTest {

    static Stream<Arguments> modelsAndTargets() {
        return Stream.of("everything", "bookstore").flatMap(m -> Target.selected().map(t -> Arguments.of(m, t)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("modelsAndTargets")
    void retortBuildsWhatHibernateBuilds(String model, Target target, @TempDir Path tmp) throws Exception {
        ScenarioProject p = new ScenarioProject(tmp.resolve("retort"), target);
        p.useEntities(model.equals("everything") ? Models.everything() : Models.bookstore());
        p.ok("autogenerate", "-m", "initial");
        p.ok("upgrade", "head");
        Schema ours = p.schema();

        String hibernateUrl = target.freshUrl(tmp, "hibernate");
        try (EntityClasses entities = EntityLoader.load(List.of(p.entities))) {
            HibernateApp.createSchema(entities, target, hibernateUrl);
            Schema theirs;
            try (Connection c = DriverManager.getConnection(hibernateUrl)) {
                // HT_ and HTE_ tables are Hibernate's runtime scratch tables for multi-table mutations, not the model's
                theirs = SchemaInspector.inspect(c, target.kind, t -> !t.name().toLowerCase(Locale.ROOT).matches("hte?_.*"));
            }
            List<String> problems = new ArrayList<>();
            compare(ours, theirs, target, problems);
            if (target == Target.SQLITE) {
                assertBetterThanHibernateOnSqlite(ours, theirs, MetamodelReader.read(entities, target.kind));
            }
            // the proof that matters most: the application works on the schema Retort built as well as on its own
            List<String> onHibernates = HibernateApp.persistSamples(entities, target, hibernateUrl).stream()
                    .map(f -> f.substring(0, f.indexOf(':'))).toList();
            for (String failure : HibernateApp.persistSamples(entities, target, p.url)) {
                if (!onHibernates.contains(failure.substring(0, failure.indexOf(':')))) {
                    problems.add("the application cannot store " + failure);
                }
            }
            assertTrue(problems.isEmpty(), () -> target + ", " + model + ": Retort's schema differs from Hibernate's:\n  "
                    + String.join("\n  ", problems));
        }
    }

    private static void compare(Schema ours, Schema theirs, Target target, List<String> problems) {
        Set<String> ourTables = new TreeSet<>(ours.tablesByKey().keySet());
        Set<String> theirTables = new TreeSet<>(theirs.tablesByKey().keySet());
        if (!ourTables.equals(theirTables)) {
            problems.add("tables: Retort " + ourTables + ", Hibernate " + theirTables);
        }
        for (Table mine : ours.tables()) {
            Table hib = theirs.tablesByKey().get(mine.name().key());
            if (hib == null) {
                continue;
            }
            String t = mine.name() + ": ";
            if (!mine.name().equals(hib.name())) {
                problems.add(t + "spelled " + mine.name() + " by Retort, " + hib.name() + " by Hibernate");
            }
            // columns by name: Hibernate orders them by its ColumnOrderingStrategy when it creates the schema
            for (Column column : mine.columns()) {
                Column other = hib.column(column.name()).orElse(null);
                if (!comparable(column, target).equals(other == null ? null : comparable(other, target))) {
                    problems.add(t + "column Retort " + column + ", Hibernate " + other);
                }
            }
            if (mine.columns().size() != hib.columns().size()) {
                problems.add(t + "columns Retort " + names(mine) + ", Hibernate " + names(hib));
            }
            if (!columnsOf(mine.primaryKey()).equals(columnsOf(hib.primaryKey()))) {
                problems.add(t + "primary key Retort " + mine.primaryKey() + ", Hibernate " + hib.primaryKey());
            }
            if (!sortedIndexes(mine).equals(sortedIndexes(hib))) {
                problems.add(t + "indexes Retort " + sortedIndexes(mine) + ", Hibernate " + sortedIndexes(hib));
            }
            if (!checks(mine).equals(checks(hib))) {
                problems.add(t + "checks Retort " + mine.checks() + ", Hibernate " + hib.checks());
            }
            if (target != Target.SQLITE) {
                // where Hibernate creates them, the same foreign keys and unique constraints
                if (!SchemaDifference.foreignKeys(mine).equals(SchemaDifference.foreignKeys(hib))) {
                    problems.add(t + "foreign keys Retort " + SchemaDifference.foreignKeys(mine) + ", Hibernate " + SchemaDifference.foreignKeys(hib));
                }
                if (!SchemaDifference.uniques(mine).equals(SchemaDifference.uniques(hib))) {
                    problems.add(t + "unique keys Retort " + SchemaDifference.uniques(mine) + ", Hibernate " + SchemaDifference.uniques(hib));
                }
            } else if (!SchemaDifference.uniques(mine).containsAll(SchemaDifference.uniques(hib))) {
                problems.add(t + "unique keys Retort " + SchemaDifference.uniques(mine) + " lack some of Hibernate's " + SchemaDifference.uniques(hib));
            }
            if (!java.util.Objects.equals(mine.comment(), hib.comment())) {
                problems.add(t + "comment Retort " + mine.comment() + ", Hibernate " + hib.comment());
            }
        }
        if (!ours.sequences().equals(theirs.sequences())) {
            problems.add("sequences Retort " + ours.sequences() + ", Hibernate " + theirs.sequences());
        }
    }

    /** Hibernate's SQLite DDL has no foreign keys and no multi-column unique constraints; Retort's has both. */
    private static void assertBetterThanHibernateOnSqlite(Schema ours, Schema theirs, Schema model) {
        assertTrue(theirs.tables().stream().allMatch(t -> t.foreignKeys().isEmpty()),
                "Hibernate is known to create no foreign keys on SQLite; if it does now, compare them");
        assertTrue(theirs.tables().stream().allMatch(t -> t.uniqueKeys().stream().allMatch(u -> u.columns().size() == 1)),
                "Hibernate is known to create no multi-column unique constraints on SQLite");
        int keys = 0;
        int multiColumnUniques = 0;
        for (Table expected : model.tables()) {
            Table mine = ours.tablesByKey().get(expected.name().key());
            assertEquals(SchemaDifference.foreignKeys(expected), SchemaDifference.foreignKeys(mine), expected.name() + ": Retort creates the model's foreign keys on SQLite");
            assertEquals(SchemaDifference.uniques(expected), SchemaDifference.uniques(mine), expected.name() + ": Retort creates the model's unique constraints on SQLite");
            keys += expected.foreignKeys().size();
            multiColumnUniques += (int) expected.uniqueKeys().stream().filter(u -> u.columns().size() > 1).count();
        }
        assertTrue(keys > 0, "the model has foreign keys to compare");
        if (model.table("customer").isPresent()) {
            assertTrue(multiColumnUniques > 0, "the model has multi-column unique constraints to compare");
        }
    }

    /**
     * A column with what does not count evened out: {@code char} is {@code char(1)} in SQL, and Hibernate's
     * SQLite identity column has no declared type at all (Retort's is {@code integer}, the rowid alias).
     */
    private static Column comparable(Column c, Target target) {
        ColumnType type = c.type();
        if (type.code() == Types.CHAR && type.length() == null && !type.isVerbatim()) {
            type = ColumnType.character(1);
        }
        boolean sqliteKey = target == Target.SQLITE && (c.identity() || type.code() == Types.OTHER && type.definition() == null);
        return sqliteKey ? new Column(c.name(), ColumnType.integer(), false, c.defaultValue(), c.comment(), true)
                : c.withType(type);
    }

    /** Check expressions as the database printed them, up to parentheses, casts, spacing and case. */
    private static Set<String> checks(Table t) {
        return new TreeSet<>(t.checks().stream().map(c -> SchemaDifference.expression(c.expression())).toList());
    }

    private static List<String> names(Table t) {
        return t.columns().stream().map(c -> c.name()).toList();
    }

    private static List<String> columnsOf(dev.retort.model.PrimaryKey key) {
        return key == null ? List.of() : key.columns().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
    }

    private static Set<String> sortedIndexes(Table t) {
        Set<String> set = new TreeSet<>();
        for (Index i : t.indexes()) {
            set.add((i.unique() ? "unique " : "") + i.name() + " " + i.columns());
        }
        return set;
    }

}
