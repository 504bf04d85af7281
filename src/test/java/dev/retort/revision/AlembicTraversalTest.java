package dev.retort.revision;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.retort.revision.Histories.moves;
import static dev.retort.revision.RevisionGraphTest.fails;
import static dev.retort.revision.RevisionGraphTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The traversal scenarios of Alembic's own test suite ({@code tests/test_version_traversal.py}), expressed
 * against Retort: same histories, same targets, same expected steps and version-table rows. Alembic's
 * branch labels become revision ids used as branch names ({@code c2@+1} for {@code c2branch@+1}).
 * Revisions are created in the order written, as in Alembic's staging environment.
 */
class AlembicTraversalTest {

    /** Builds a history whose creation order is the order of the calls. */
    static final class History {
        private final List<RevisionInfo> revisions = new ArrayList<>();

        History add(String id, String... parents) {
            String created = String.format("2026-01-01T00:00:%02dZ", revisions.size());
            revisions.add(new RevisionInfo(id, List.of(parents), id, created, null, "db.R" + id));
            return this;
        }

        RevisionGraph graph() {
            return RevisionGraph.of(revisions);
        }
    }

    static void upgrade(RevisionGraph graph, String target, Set<String> from, List<String> expected, Set<String> rows) {
        List<Step> steps = graph.upgradePlan(from, target);
        assertEquals(expected.stream().map(id -> "+" + id).toList(), moves(steps));
        assertEquals(rows, run(from, steps));
    }

    static void downgrade(RevisionGraph graph, String target, Set<String> from, List<String> expected, Set<String> rows) {
        List<Step> steps = graph.downgradePlan(from, target);
        assertEquals(expected.stream().map(id -> "-" + id).toList(), moves(steps));
        assertEquals(rows, run(from, steps));
    }

    /** a - b - c - d - e */
    @Nested
    class RevisionPath {
        final RevisionGraph g = new History().add("a").add("b", "a").add("c", "b").add("d", "c").add("e", "d").graph();

        @Test
        void downgradeBaseWithNoVersion() {
            downgrade(g, "base", Set.of(), List.of(), Set.of());
        }

        @Test
        void downgradeToExisting() {
            downgrade(g, "a", Set.of("a"), List.of(), Set.of("a"));
            downgrade(g, "e", Set.of("e"), List.of(), Set.of("e"));
        }

        @Test
        void upgradePath() {
            upgrade(g, "e", Set.of("c"), List.of("d", "e"), Set.of("e"));
            upgrade(g, "c", Set.of(), List.of("a", "b", "c"), Set.of("c"));
        }

        @Test
        void relativeUpgradePath() {
            upgrade(g, "+2", Set.of("a"), List.of("b", "c"), Set.of("c"));
            upgrade(g, "+1", Set.of("a"), List.of("b"), Set.of("b"));
            upgrade(g, "+3", Set.of("b"), List.of("c", "d", "e"), Set.of("e"));
            upgrade(g, "b+2", Set.of("a"), List.of("b", "c", "d"), Set.of("d"));
            upgrade(g, "d-2", Set.of("a"), List.of("b"), Set.of("b"));
        }

        @Test
        void invalidRelativeUpgradePath() {
            fails(() -> g.upgradePlan(Set.of("b"), "-2"), "'-2'");
            fails(() -> g.upgradePlan(Set.of("b"), "+5"), "'+5' goes past the head");
        }

        @Test
        void downgradePath() {
            downgrade(g, "c", Set.of("e"), List.of("e", "d"), Set.of("c"));
            downgrade(g, "base", Set.of("c"), List.of("c", "b", "a"), Set.of());
        }

        @Test
        void relativeDowngradePath() {
            downgrade(g, "-1", Set.of("c"), List.of("c"), Set.of("b"));
            downgrade(g, "-3", Set.of("e"), List.of("e", "d", "c"), Set.of("b"));
            downgrade(g, "a+2", Set.of("d"), List.of("d"), Set.of("c"));
            downgrade(g, "c-2", Set.of("d"), List.of("d", "c", "b"), Set.of("a"));
        }

        @Test
        void invalidRelativeDowngradePath() {
            fails(() -> g.downgradePlan(Set.of("b"), "-5"), "'-5' goes past base");
            fails(() -> g.downgradePlan(Set.of("b"), "+2"), "'+2'");
        }

        @Test
        void invalidMoves() {
            fails(() -> g.downgradePlan(Set.of(), "b"), "destination b is not a valid downgrade target");
            fails(() -> g.downgradePlan(Set.of("b"), "c"), "destination c is not a valid downgrade target");
        }

        @Test
        void stampToBase() {
            assertEquals(new VersionChange(Set.of("d"), Set.of()), g.stamp(Set.of("d"), "base"));
        }
    }

    /** a - b, then b - c1 - d1 and b - c2 - d2 */
    @Nested
    class BranchedPath {
        final RevisionGraph g = new History().add("a").add("b", "a").add("c1", "b").add("d1", "c1").add("c2", "b")
                .add("d2", "c2").graph();

        @Test
        void stamps() {
            assertEquals(new VersionChange(Set.of("d1", "c2"), Set.of("b")), g.stamp(Set.of("d1", "c2"), "b"));
            assertEquals(new VersionChange(Set.of("d1"), Set.of()), g.stamp(Set.of("d1", "c2"), "c1@base"));
            assertEquals(new VersionChange(Set.of("c2"), Set.of("d2")), g.stamp(Set.of("d1", "c2"), "c2@head"));
        }

        @Test
        void upgradeBranches() {
            upgrade(g, "d1", Set.of("b"), List.of("c1", "d1"), Set.of("d1"));
            upgrade(g, "heads", Set.of("a"), List.of("b", "c2", "d2", "c1", "d1"), Set.of("d1", "d2"));
        }

        @Test
        void downgradeBranches() {
            downgrade(g, "a", Set.of("d1", "d2"), List.of("d1", "c1", "d2", "c2", "b"), Set.of("a"));
        }

        @Test
        void relativeUpgradeOnABranch() {
            upgrade(g, "c2@head-1", Set.of("b"), List.of("c2"), Set.of("c2"));
        }

        @Test
        void relativeDowngradeFromBase() {
            downgrade(g, "base+2", Set.of("d2", "d1"), List.of("d1", "c1", "d2", "c2"), Set.of("b"));
            downgrade(g, "c2@base+2", Set.of("d2", "d1"), List.of("d2", "c2"), Set.of("d1"));
            downgrade(g, "c2", Set.of("d2", "d1"), List.of("d2"), Set.of("d1", "c2"));
            downgrade(g, "c2@base+3", Set.of("d2", "d1"), List.of("d2"), Set.of("d1", "c2"));
        }

        @Test
        void downgradeMinusOneFromSeveralHeadsIsRefused() {
            // Alembic warns ("will be disallowed in a future release") and picks the first head
            fails(() -> g.downgradePlan(Set.of("d2", "d1"), "-1"), "ambiguous");
            downgrade(g, "c1@-1", Set.of("d1", "d2"), List.of("d1"), Set.of("c1", "d2"));
        }

        @Test
        void relativeToARevisionOnOneBranch() {
            downgrade(g, "d2-1", Set.of("d2", "c1"), List.of("d2"), Set.of("c1", "c2"));
        }

        @Test
        void downgradeOneBranchNamedByARevision() {
            downgrade(g, "c1@b", Set.of("c1", "d2"), List.of("c1"), Set.of("d2"));
            downgrade(g, "c2@b", Set.of("c1", "d2"), List.of("d2", "c2"), Set.of("c1"));
            downgrade(g, "c2@b", Set.of("d1", "d2"), List.of("d2", "c2"), Set.of("d1"));
            downgrade(g, "d1@b", Set.of("d1", "d2"), List.of("d1", "c1"), Set.of("d2"));
            downgrade(g, "c1@head-1", Set.of("d1", "d2"), List.of("d1"), Set.of("c1", "d2"));
        }

        @Test
        void upgradeOneBranchRelatively() {
            upgrade(g, "c2@+1", Set.of("c1"), List.of("c2"), Set.of("c1", "c2"));
            upgrade(g, "c2@+1", Set.of("c1", "c2"), List.of("d2"), Set.of("c1", "d2"));
            fails(() -> g.upgradePlan(Set.of("c1", "c2"), "+1"), "ambiguous");
        }

        @Test
        void fromBase() {
            upgrade(g, "base+1", Set.of(), List.of("a"), Set.of("a"));
            upgrade(g, "+1", Set.of(), List.of("a"), Set.of("a"));
            downgrade(g, "-1", Set.of("a"), List.of("a"), Set.of());
            fails(() -> g.downgradePlan(Set.of(), "-1"), "'-1'");
        }

        @Test
        void downgradeWithNoEffect() {
            downgrade(g, "c2", Set.of("d1", "c2"), List.of(), Set.of("d1", "c2"));
            downgrade(g, "d1", Set.of("d1", "c2"), List.of(), Set.of("d1", "c2"));
        }
    }

    /** a1 - b1 - c1 and a2 - b2 - c2; d1 merges c1 and c2; d2 continues c2 */
    @Nested
    class BranchFromMergepoint {
        final RevisionGraph g = new History().add("a1").add("b1", "a1").add("c1", "b1").add("a2").add("b2", "a2")
                .add("c2", "b2").add("d1", "c1", "c2").add("d2", "c2").graph();

        @Test
        void mergepointToOnlyOneSide() {
            upgrade(g, "d1", Set.of("d2", "b1"), List.of("c1", "d1"), Set.of("d2", "d1"));
            downgrade(g, "b1", Set.of("d2", "d1"), List.of("d1", "c1"), Set.of("d2", "b1"));
        }
    }

    /** three roots a1.., a2.., a3..; d1 merges c1, c2, c3; d2 continues c2; d3 continues c3 */
    @Nested
    class BranchFrom3WayMergepoint {
        final RevisionGraph g = new History().add("a1").add("b1", "a1").add("c1", "b1").add("a2").add("b2", "a2")
                .add("c2", "b2").add("a3").add("b3", "a3").add("c3", "b3").add("d1", "c1", "c2", "c3")
                .add("d2", "c2").add("d3", "c3").graph();

        @Test
        void mergepointToOneSide() {
            upgrade(g, "d1", Set.of("d3", "d2", "b1"), List.of("c1", "d1"), Set.of("d3", "d2", "d1"));
            downgrade(g, "b1", Set.of("d3", "d2", "d1"), List.of("d1", "c1"), Set.of("d3", "d2", "b1"));
        }

        @Test
        void mergepointToTwoSides() {
            upgrade(g, "d1", Set.of("d3", "b2", "b1"), List.of("c2", "c1", "d1"), Set.of("d3", "d1"));
            // b2's line breaks out again when continued
            upgrade(g, "d2", Set.of("d3", "d1"), List.of("d2"), Set.of("d3", "d2", "d1"));
        }
    }

    /** a branches into b1, b2, b3; c1 and c2 both merge all three; d1, d2 follow */
    @Nested
    class TwinMerge {
        final RevisionGraph g = new History().add("a").add("b1", "a").add("b2", "a").add("b3", "a")
                .add("c1", "b1", "b2", "b3").add("c2", "b1", "b2", "b3").add("d1", "c1").add("d2", "c2").graph();

        @Test
        void upgradeKeepsOneRowPerHead() {
            List<Step> steps = g.upgradePlan(Set.of("a"), "heads");
            assertEquals(List.of("+b3", "+b2", "+b1", "+c2", "+d2", "+c1", "+d1"), moves(steps));
            List<Set<String>> rows = new ArrayList<>();
            Set<String> current = Set.of("a");
            for (Step step : steps) {
                current = step.applyTo(current);
                rows.add(current);
            }
            // as in Alembic: the second merge finds its parents merged away already and starts a row of its own
            assertEquals(List.of(Set.of("b3"), Set.of("b2", "b3"), Set.of("b1", "b2", "b3"), Set.of("c2"), Set.of("d2"),
                    Set.of("c1", "d2"), Set.of("d1", "d2")), rows);
        }
    }

    /** a branches into b1, b2, b3; c1 merges b1, b2; c2 merges b2, b3 */
    @Nested
    class NotQuiteTwinMerge {
        final RevisionGraph g = new History().add("a").add("b1", "a").add("b2", "a").add("b3", "a")
                .add("c1", "b1", "b2").add("c2", "b2", "b3").add("d1", "c1").add("d2", "c2").graph();

        @Test
        void upgradeKeepsOneRowPerHead() {
            List<Step> steps = g.upgradePlan(Set.of("a"), "heads");
            assertEquals(Set.of("d1", "d2"), run(Set.of("a"), steps));
            downgrade(g, "a", Set.of("d1", "d2"), List.of("d1", "c1", "b1", "d2", "c2", "b3", "b2"), Set.of("a"));
        }
    }
}
