package dev.retort.scenario;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same migration source runs unchanged on every supported database: the two revisions a scenario
 * autogenerates on one database are copied, as they are, into projects on the others, which upgrade through
 * them (rows in between), find the entities in step, and downgrade to base.
 */
class PortableMigrationsTest {

    static Stream<Arguments> scenariosAndSources() {
        return Scenarios.ALL.stream().flatMap(s -> Target.selected().map(t -> Arguments.of(s, t)));
    }

    @ParameterizedTest(name = "{0} written on {1}")
    @MethodSource("scenariosAndSources")
    void migrationsRunUnchangedOnTheOtherDatabases(Scenario scenario, Target source, @TempDir Path tmp) throws Exception {
        List<Target> others = Target.selected().filter(t -> t != source).toList();
        Assumptions.assumeFalse(others.isEmpty(), "a run restricted to one database has nothing to carry the migrations to");
        ScenarioProject origin = new ScenarioProject(tmp.resolve("origin"), source);
        origin.useEntities(scenario.before());
        origin.ok("autogenerate", "-m", "before");
        origin.useEntities(scenario.before(), scenario.after());
        origin.ok("autogenerate", "-m", "after");

        List<String> problems = new ArrayList<>();
        for (Target target : others) {
            ScenarioProject p = new ScenarioProject(tmp.resolve(target.name()), target);
            copyMigrations(origin.migrations, p.migrations);
            p.useEntities(scenario.before(), scenario.after());
            try {
                step(p, problems, "upgrade", "+1");
                p.execute(scenario.seed());
                step(p, problems, "upgrade", "head");
                List<String> drift = p.run("check").detected().stream().filter(l -> !blindSpot(source, l)).toList();
                if (!drift.isEmpty()) {
                    problems.add(target + ": check after upgrade head finds " + drift);
                }
                step(p, problems, "downgrade", "-1");
                step(p, problems, "downgrade", "base");
            } catch (StepFailed e) {
                // the rest of this database's run depends on the failed step
            } catch (SQLException e) {
                problems.add(target + ": the seed rows do not fit the schema: " + e.getMessage());
            }
        }
        assertTrue(problems.isEmpty(), () -> "migrations written on " + source + " for " + scenario + ":\n  "
                + String.join("\n  ", problems));
    }

    /**
     * What autogenerate cannot see on the database it runs on, so a migration written there lacks it: SQLite
     * stores no comments, and keeps float and double alike (both 8-byte REAL).
     */
    private static boolean blindSpot(Target source, String detected) {
        return source == Target.SQLITE && (detected.contains("comment")
                || detected.matches(".*type change from (real|float) to float\\(53\\).*"));
    }

    private static final class StepFailed extends Exception {
    }

    private static void step(ScenarioProject p, List<String> problems, String... args) throws StepFailed {
        ScenarioProject.Result r = p.run(args);
        if (r.code() != 0) {
            String error = r.err().lines().filter(l -> l.startsWith("retort: error: ")).findFirst().orElse(r.err());
            problems.add(p.target + ": " + String.join(" ", args) + " fails: " + error);
            throw new StepFailed();
        }
    }

    private static void copyMigrations(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
