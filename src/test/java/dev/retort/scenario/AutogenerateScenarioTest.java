package dev.retort.scenario;

import dev.retort.model.Schema;
import dev.retort.model.Table;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every scenario on every database, the way a user works: autogenerate the first revision from the entities
 * and upgrade, fill in rows, change the entities, autogenerate again, upgrade, check, downgrade, upgrade.
 *
 * <p>After each upgrade {@code check} must be clean (no false positives); the rows in columns the change
 * leaves alone must survive both ways; the downgrade must give back exactly the schema the database had.
 */
class AutogenerateScenarioTest {

    static Stream<Arguments> scenarios() {
        return Scenarios.ALL.stream().flatMap(s -> Target.selected().map(t -> Arguments.of(s, t)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("scenarios")
    void upgradeCheckDowngradeUpgrade(Scenario scenario, Target target, @TempDir Path tmp) throws Exception {
        ScenarioProject p = new ScenarioProject(tmp, target);

        p.useEntities(scenario.before());
        assertNotNull(p.ok("autogenerate", "-m", "before").generated(), "the first revision is written");
        p.ok("upgrade", "head");
        p.checkClean("after the first upgrade");
        p.execute(scenario.seed());
        Snapshot before = p.snapshot();

        p.useEntities(scenario.before(), scenario.after());
        ScenarioProject.Result generated = p.ok("autogenerate", "-m", "after");
        // what autogenerate said is checked in full at the end, so one wrong line does not hide the rest
        List<String> problems = new ArrayList<>(detectionProblems(scenario, target, generated));
        assertNotNull(generated.generated(), generated::toString);
        String source = Files.readString(generated.generated());
        for (Scenario.Expected e : scenario.sources()) {
            if (e.appliesTo(target) && !matches(source, e.text())) {
                problems.add("the migration lacks " + e.text());
            }
        }
        for (Scenario.Expected e : scenario.warnings()) {
            if (e.appliesTo(target) && generated.warnings().stream().noneMatch(w -> matches(w, e.text()))) {
                problems.add("no warning " + e.text());
            }
        }

        p.ok("upgrade", "head");
        p.checkClean("after upgrading to the changed entities");
        Snapshot after = p.snapshot();
        assertRowsKept(before, after, target + ": upgrade");
        if (target == Target.SQLITE) {
            assertKeysAsModelled(p, after.schema());
        }
        probe(p, scenario, Scenario.Phase.AFTER_UPGRADE);

        p.ok("downgrade", "-1");
        Snapshot down = p.snapshot();
        assertSameSchema(target, before.schema(), down.schema(), target + ": downgrade -1 must restore the schema exactly");
        assertRowsKept(after, down, target + ": downgrade");
        assertRowsSurvive(before, after, down, target + ": upgrade and downgrade");
        probe(p, scenario, Scenario.Phase.AFTER_DOWNGRADE);

        p.ok("upgrade", "head");
        p.checkClean("after upgrading again");
        assertSameSchema(target, after.schema(), p.schema(), target + ": the second upgrade must build the same schema as the first");

        assertTrue(problems.isEmpty(), () -> target + ":\n  " + String.join("\n  ", problems) + "\n" + generated
                + "\n--- migration\n" + source);
    }

    /**
     * Hibernate's SQLite DDL has no foreign keys and no multi-column unique constraints; Retort creates them
     * inline and carries them through every batch rebuild: after the upgrade they are exactly the model's.
     */
    private static void assertKeysAsModelled(ScenarioProject p, Schema built) {
        Schema model = p.model();
        for (Table expected : model.tables()) {
            Table actual = built.tablesByKey().get(expected.name().key());
            assertNotNull(actual, expected.name() + " exists");
            assertEquals(SchemaDifference.foreignKeys(expected), SchemaDifference.foreignKeys(actual),
                    expected.name() + ": foreign keys after the SQLite upgrade");
            assertEquals(SchemaDifference.uniques(expected), SchemaDifference.uniques(actual),
                    expected.name() + ": unique constraints after the SQLite upgrade");
        }
    }

    /** Each expected change is detected, and nothing else is. */
    private static List<String> detectionProblems(Scenario scenario, Target target, ScenarioProject.Result generated) {
        List<Scenario.Expected> expected = scenario.detections().stream().filter(e -> e.appliesTo(target)).toList();
        List<String> lines = generated.detected();
        List<String> problems = new ArrayList<>();
        for (Scenario.Expected e : expected) {
            if (lines.stream().noneMatch(e::foundIn)) {
                problems.add("not detected: " + e.text());
            }
        }
        for (String line : lines) {
            if (expected.stream().noneMatch(e -> e.foundIn(line))) {
                problems.add("unexpected: " + line);
            }
        }
        return problems;
    }

    /**
     * Whether {@code text} contains {@code fragment}, ignoring case and MariaDB's backticks: names are compared
     * as the databases compare unquoted names, and PostgreSQL reports the names of what it holds folded to
     * lower case (a dropped table is spelled as the catalog spells it).
     */
    static boolean matches(String text, String fragment) {
        return text.toLowerCase(Locale.ROOT).replace("`", "").contains(fragment.toLowerCase(Locale.ROOT).replace("`", ""));
    }

    static void assertSameSchema(Target target, Schema expected, Schema actual, String message) {
        Schema a = SchemaDifference.normalised(target, expected);
        Schema b = SchemaDifference.normalised(target, actual);
        if (!a.equals(b)) {
            throw new AssertionError(message + ":\n" + SchemaDifference.between(a, b));
        }
    }

    /** Tables in both snapshots keep their rows in every column whose definition did not change. */
    private static void assertRowsKept(Snapshot from, Snapshot to, String message) {
        for (String table : from.rows().keySet()) {
            List<String> columns = from.untouchedColumns(table, to);
            if (columns.isEmpty()) {
                continue;
            }
            assertEquals(from.projection(table, columns), to.projection(table, columns), message + ", rows of " + table);
        }
    }

    /**
     * Rows that lived through the upgrade and the downgrade keep their values in the columns neither step
     * changed (a table or column dropped on the way loses its rows, as the warnings said).
     */
    private static void assertRowsSurvive(Snapshot before, Snapshot after, Snapshot down, String message) {
        for (String table : before.rows().keySet()) {
            List<String> columns = before.untouchedColumns(table, after).stream()
                    .filter(after.untouchedColumns(table, down)::contains).toList();
            if (columns.isEmpty()) {
                continue;
            }
            assertEquals(before.projection(table, columns), down.projection(table, columns), message + ", rows of " + table);
        }
    }

    /** Runs the probes of a phase in a transaction that is rolled back; foreign keys enforced on SQLite too. */
    private static void probe(ScenarioProject p, Scenario scenario, Scenario.Phase phase) throws SQLException {
        for (Scenario.Probe probe : scenario.probes()) {
            if (probe.phase() != phase || !probe.on().contains(p.target)) {
                continue;
            }
            Properties props = new Properties();
            if (p.target == Target.SQLITE) {
                props.setProperty("foreign_keys", "true");
            }
            try (Connection c = DriverManager.getConnection(p.url, props)) {
                c.setAutoCommit(false);
                String result;
                try (Statement s = c.createStatement()) {
                    result = run(s, probe);
                } finally {
                    c.rollback();
                }
                String where = p.target + " " + phase + ": " + probe.setup() + " then " + probe.query();
                if (probe.expected().equals("failed")) {
                    assertTrue(result.startsWith("failed: "), where + " should fail but gives " + result);
                } else {
                    assertEquals(probe.expected(), result, where);
                }
            }
        }
    }

    private static String run(Statement s, Scenario.Probe probe) throws SQLException {
        for (String sql : probe.setup()) {
            try {
                s.execute(sql);
            } catch (SQLException e) {
                return "failed: " + e.getMessage();
            }
        }
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(probe.query())) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return String.join("|", values);
    }
}
