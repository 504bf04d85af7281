package dev.retort.scenario;

import dev.retort.model.Schema;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model using every common Java type and mapping feature ({@code scenario/everything}): once its first
 * revision is upgraded, neither {@code check} (against the migrations or the database) nor a second
 * autogenerate may find anything — on every database.
 */
class NoFalsePositivesTest {

    static Stream<Target> targets() {
        return Target.selected();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void freshUpgradeLeavesNothingToDetect(Target target, @TempDir Path tmp) throws Exception {
        ScenarioProject p = new ScenarioProject(tmp, target);
        p.useEntities(Models.everything());
        ScenarioProject.Result first = p.ok("autogenerate", "-m", "initial");
        assertNotNull(first.generated(), first::toString);
        assertTrue(first.detected().size() >= 20, first::toString);
        p.ok("upgrade", "head");

        // every false positive is listed at the end, so the first one does not hide the others
        List<String> falsePositives = new ArrayList<>();
        for (String[] command : List.of(new String[]{"check"}, new String[]{"check", "--against-db"},
                new String[]{"autogenerate", "-m", "nothing"})) {
            ScenarioProject.Result r = p.run(command);
            assertTrue(r.code() == 0 || command[0].equals("check") && r.code() == 1, r::toString);
            if (!r.detected().isEmpty() || r.generated() != null || r.code() != 0) {
                falsePositives.add(String.join(" ", command) + ": " + r.detected()
                        + (r.generated() != null ? " (and wrote " + r.generated().getFileName() + ")" : ""));
                if (r.generated() != null) {
                    java.nio.file.Files.delete(r.generated());
                }
            }
        }

        Schema built = p.schema();
        p.ok("downgrade", "base");
        assertEquals(List.of(), p.schema().tables(), "downgrade base leaves no table of the model");
        assertEquals(List.of(), p.schema().sequences(), "downgrade base leaves no sequence of the model");
        p.ok("upgrade", "head");
        AutogenerateScenarioTest.assertSameSchema(target, built, p.schema(), target + ": upgrading again builds the same schema");

        assertTrue(falsePositives.isEmpty(), () -> target + ": false positives after a fresh upgrade:\n  "
                + String.join("\n  ", falsePositives));
    }
}
