package dev.retort.revision;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static dev.retort.revision.Histories.branched;
import static dev.retort.revision.Histories.change;
import static dev.retort.revision.Histories.changes;
import static dev.retort.revision.Histories.graph;
import static dev.retort.revision.Histories.ids;
import static dev.retort.revision.Histories.linear;
import static dev.retort.revision.Histories.merged;
import static dev.retort.revision.Histories.moves;
import static dev.retort.revision.Histories.rev;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RevisionGraphTest {

    static void fails(Executable action, String... fragments) {
        RevisionException error = assertThrows(RevisionException.class, action);
        for (String fragment : fragments) {
            assertTrue(error.getMessage().contains(fragment),
                    () -> "expected '" + fragment + "' in: " + error.getMessage());
        }
        assertFalse(error.getMessage().contains("\n"), "one line: " + error.getMessage());
    }

    /** Runs the steps' version changes from {@code current} and returns the rows at the end. */
    static Set<String> run(Set<String> current, List<Step> steps) {
        Set<String> rows = current;
        for (Step step : steps) {
            rows = step.applyTo(rows);
        }
        return rows;
    }

    @Nested
    class Validation {

        @Test
        void duplicateIdsNameBothFiles() {
            RevisionInfo one = new RevisionInfo("a1", List.of(), "m", "c", Path.of("x/Ra1_one.java"), "p.Ra1_one");
            RevisionInfo two = new RevisionInfo("a1", List.of(), "m", "c", Path.of("x/Ra1_two.java"), "p.Ra1_two");
            fails(() -> RevisionGraph.of(List.of(one, two)), "duplicate revision id a1", "Ra1_one.java", "Ra1_two.java");
        }

        @Test
        void missingParentNamesRevisionAndParent() {
            fails(() -> graph(rev("a1"), rev("b2", "zz9")), "revision b2", "names parent zz9", "does not exist");
        }

        @Test
        void cycleNamesItsRevisions() {
            fails(() -> graph(rev("a1"), rev("b2", "a1", "d4"), rev("c3", "b2"), rev("d4", "c3")),
                    "cycle", "b2", "c3", "d4");
        }

        @Test
        void selfLoopIsACycle() {
            fails(() -> graph(rev("a1", "a1")), "cycle", "a1 (db.migrations.Ra1) has parent a1");
        }

        @Test
        void parentListedTwice() {
            fails(() -> graph(rev("a1"), rev("b2", "a1", "a1")), "lists parent a1 twice");
        }

        @Test
        void reservedWordsAreNotIds() {
            fails(() -> graph(rev("head")), "invalid revision id 'head'");
            fails(() -> graph(rev("a-1")), "invalid revision id 'a-1'");
        }

        @Test
        void emptyHistoryIsValid() {
            RevisionGraph empty = graph();
            assertEquals(List.of(), empty.heads());
            assertEquals(Set.of(), empty.resolve("head"));
            assertEquals(List.of(), empty.upgradePlan(Set.of(), "heads"));
        }
    }

    @Nested
    class Structure {

        @Test
        void linearHistory() {
            RevisionGraph graph = linear();
            assertEquals(List.of("d4"), graph.heads());
            assertEquals(List.of("a1"), graph.bases());
            assertEquals(List.of("c3"), graph.children("b2"));
            assertEquals(Set.of("a1", "b2"), graph.ancestors("c3"));
            assertEquals(Set.of("c3", "d4"), graph.descendants("b2"));
            assertEquals(List.of(), graph.branchPoints());
            assertTrue(graph.isHead("d4"));
            assertFalse(graph.isMerge("c3"));
        }

        @Test
        void branchesAndMerges() {
            RevisionGraph graph = merged();
            assertEquals(List.of("n1"), graph.heads());
            assertEquals(List.of("b1"), graph.branchPoints());
            assertTrue(graph.isBranchPoint("b1"));
            assertTrue(graph.isMerge("m1"));
            assertEquals(List.of("c1", "e1"), graph.children("b1"));
            assertEquals(Set.of("a1", "b1", "c1", "d1", "e1", "f1"), graph.ancestors("m1"));
            assertEquals(List.of("d1", "f1"), branched().heads());
        }

        @Test
        void unknownIdIsAnError() {
            fails(() -> linear().get("zz"), "no revision 'zz'");
        }

        @Test
        void currentRowsAreChecked() {
            assertEquals(List.of("b2"), ids(linear().current(Set.of("b2"))));
            fails(() -> linear().current(Set.of("ffff")), "version table names revision 'ffff'");
            fails(() -> linear().current(Set.of("a1", "c3")), "inconsistent", "a1 is an ancestor of c3");
        }
    }

    @Nested
    class Targets {

        final RevisionGraph prefixes = graph(rev("ae1001"), rev("ae1002", "ae1001"), rev("bf3000", "ae1002"));

        @Test
        void symbols() {
            assertEquals(Set.of("d4"), linear().resolve("head"));
            assertEquals(Set.of("d4"), linear().resolve("heads"));
            assertEquals(Set.of(), linear().resolve("base"));
            assertEquals(Set.of("d1", "f1"), branched().resolve("heads"));
        }

        @Test
        void headWithSeveralHeadsNamesThem() {
            fails(() -> branched().resolve("head"), "multiple heads (d1, f1)", "use 'heads' or a specific revision");
        }

        @Test
        void fullIdsAndUniquePrefixes() {
            assertEquals(Set.of("ae1002"), prefixes.resolve("ae1002"));
            assertEquals(Set.of("bf3000"), prefixes.resolve("bf"));
            assertEquals(Set.of("bf3000"), prefixes.resolve("b"));
        }

        @Test
        void ambiguousPrefixNamesTheCandidates() {
            fails(() -> prefixes.resolve("ae1"), "ambiguous revision prefix 'ae1'", "ae1001, ae1002");
        }

        @Test
        void unknownPrefixIsNamed() {
            fails(() -> prefixes.resolve("ccc"), "no revision matches 'ccc'");
        }

        @Test
        void relativeToARevision() {
            assertEquals(Set.of("c3"), linear().resolve("a1+2"));
            assertEquals(Set.of("b2"), linear().resolve("d4-2"));
            assertEquals(Set.of("c3"), linear().resolve("head-1"));
            assertEquals(Set.of("a1"), linear().resolve("base+1"));
            assertEquals(Set.of(), linear().resolve("a1-1"));
            assertEquals(Set.of("ae1002"), prefixes.resolve("bf-1"));
        }

        @Test
        void bareMinusWalksDownFromEveryHead() {
            assertEquals(Set.of("c3"), linear().resolve("-1"));
            assertEquals(Set.of("c1", "e1"), branched().resolve("-1"));
        }

        @Test
        void bareMinusOnOneBranch() {
            assertEquals(Set.of("e1"), branched().resolve("f1@-1"));
            assertEquals(Set.of("f1"), branched().resolve("e1@head"));
        }

        @Test
        void walkingPastTheEndsFails() {
            fails(() -> linear().resolve("b2+3"), "'b2+3' goes past the head", "only 2 step(s) possible from b2");
            fails(() -> linear().resolve("b2-3"), "'b2-3' goes past base", "only 2 step(s) possible from b2");
        }

        @Test
        void walkingThroughAForkIsAmbiguous() {
            fails(() -> branched().resolve("a1+2"), "ambiguous", "b1 is followed by c1, e1");
            fails(() -> merged().resolve("n1-2"), "ambiguous", "m1 merges d1, f1");
        }

        @Test
        void bareRelativeNeedsTheDatabase() {
            fails(() -> linear().resolve("+1"), "counts from the current revision");
        }

        @Test
        void revisionOnAnotherBranch() {
            fails(() -> branched().resolve("d1@f1"), "'f1' is not on the branch of d1");
        }

        @Test
        void malformedTargets() {
            fails(() -> linear().resolve(" "), "empty revision target");
            fails(() -> linear().resolve("@head"), "must be <revision>@<target>");
            fails(() -> linear().resolve("a1+0"), "at least one step");
        }
    }

    @Nested
    class History {

        @Test
        void newestFirst() {
            assertEquals(List.of("d4", "c3", "b2", "a1"), ids(linear().history()));
        }

        @Test
        void branchesStayTogetherAsInAlembic() {
            assertEquals(List.of("d1", "c1", "f1", "e1", "b1", "a1"), ids(branched().history()));
            assertEquals(List.of("n1", "m1", "d1", "c1", "f1", "e1", "b1", "a1"), ids(merged().history()));
        }

        @Test
        void orderDoesNotDependOnInputOrder() {
            List<RevisionInfo> revisions = new ArrayList<>(merged().revisions());
            Collections.reverse(revisions);
            assertEquals(ids(merged().history()), ids(RevisionGraph.of(revisions).history()));
        }

        @Test
        void ranges() {
            RevisionGraph graph = linear();
            assertEquals(List.of("d4", "c3", "b2"), ids(graph.history("b2:", null)));
            assertEquals(List.of("c3", "b2", "a1"), ids(graph.history(":c3", null)));
            assertEquals(List.of("c3", "b2"), ids(graph.history("b2:c3", null)));
            assertEquals(List.of("d4", "c3", "b2", "a1"), ids(graph.history(":", null)));
            assertEquals(List.of("d4", "c3", "b2"), ids(graph.history("-2:", null)));
            assertEquals(List.of("d4", "c3", "b2", "a1"), ids(graph.history("-10:", null)));
            assertEquals(List.of("c3", "b2", "a1"), ids(graph.history(":head-1", null)));
            assertEquals(List.of("d4", "c3"), ids(graph.history("current:", Set.of("c3"))));
            assertEquals(List.of("f1", "e1"), ids(branched().history("e1:", null)));
            assertEquals(List.of("d1", "c1", "f1", "e1", "b1"), ids(branched().history("b1:heads", null)));
        }

        @Test
        void rangeOffTheLineFails() {
            fails(() -> linear().history("c3:a1", null), "range c3:a1 does not refer to ancestor/descendant");
            fails(() -> branched().history("c1:f1", null), "range c1:f1");
        }

        @Test
        void rangeSyntax() {
            fails(() -> linear().history("c3", null), "must be [start]:[end]");
            fails(() -> linear().history("current:", null), "'current' needs the database");
        }
    }

    @Nested
    class Upgrade {

        @Test
        void fromBaseToHead() {
            List<Step> steps = linear().upgradePlan(Set.of(), "head");
            assertEquals(List.of("+a1", "+b2", "+c3", "+d4"), moves(steps));
            assertEquals(List.of("+a1", "-a1+b2", "-b2+c3", "-c3+d4"), changes(steps));
            assertEquals("upgrade  -> a1, message of a1", steps.get(0).toString());
            assertEquals("upgrade a1 -> b2, message of b2", steps.get(1).toString());
        }

        @Test
        void relativeFromCurrent() {
            assertEquals(List.of("+c3", "+d4"), moves(linear().upgradePlan(Set.of("b2"), "+2")));
            assertEquals(List.of("+a1"), moves(linear().upgradePlan(Set.of(), "+1")));
            fails(() -> linear().upgradePlan(Set.of("b2"), "+3"), "goes past the head", "only 2 step(s) possible");
        }

        @Test
        void relativeToARevisionAndPrefixes() {
            assertEquals(List.of("+a1", "+b2", "+c3"), moves(linear().upgradePlan(Set.of(), "a1+2")));
            assertEquals(List.of("+a1", "+b2"), moves(linear().upgradePlan(Set.of(), "b")));
        }

        @Test
        void alreadyThereIsNothingToDo() {
            assertEquals(List.of(), linear().upgradePlan(Set.of("d4"), "head"));
            assertEquals(List.of(), linear().upgradePlan(Set.of(), "base"));
        }

        @Test
        void olderTargetIsRefused() {
            fails(() -> linear().upgradePlan(Set.of("c3"), "a1"),
                    "destination a1 is not a valid upgrade target from current head(s) c3", "already applied");
            fails(() -> linear().upgradePlan(Set.of("c3"), "base"), "destination base is not a valid upgrade target");
        }

        @Test
        void minusIsNotAnUpgrade() {
            fails(() -> linear().upgradePlan(Set.of("c3"), "-1"), "counts down", "use downgrade");
        }

        @Test
        void headsOfABranchedHistory() {
            List<Step> steps = branched().upgradePlan(Set.of(), "heads");
            assertEquals(List.of("+a1", "+b1", "+e1", "+f1", "+c1", "+d1"), moves(steps));
            // c1 starts a second row: its parent b1 is no longer a head, e1 replaced it
            assertEquals(List.of("+a1", "-a1+b1", "-b1+e1", "-e1+f1", "+c1", "-c1+d1"), changes(steps));
            assertEquals(Set.of("d1", "f1"), run(Set.of(), steps));
        }

        @Test
        void headIsAmbiguousOnABranchedHistory() {
            fails(() -> branched().upgradePlan(Set.of(), "head"), "multiple heads (d1, f1)");
        }

        @Test
        void oneBranchThenTheOther() {
            List<Step> first = branched().upgradePlan(Set.of(), "d1");
            assertEquals(List.of("+a1", "+b1", "+c1", "+d1"), moves(first));
            List<Step> second = branched().upgradePlan(Set.of("d1"), "f1");
            assertEquals(List.of("+e1", "-e1+f1"), changes(second));
            assertEquals(Set.of("d1", "f1"), run(Set.of("d1"), second));
        }

        @Test
        void relativeWithSeveralCurrentHeads() {
            fails(() -> branched().upgradePlan(Set.of("c1", "e1"), "+1"), "ambiguous", "several current heads (c1, e1)",
                    "<revision>@+1");
            assertEquals(List.of("-c1+d1"), changes(branched().upgradePlan(Set.of("c1", "e1"), "c1@+1")));
            assertEquals(List.of("-e1+f1"), changes(branched().upgradePlan(Set.of("c1", "e1"), "f1@+1")));
        }

        @Test
        void relativeOnABranchNotYetStarted() {
            // the database is on c1; e1@+1 starts the other branch from the branch point b1
            assertEquals(List.of("+e1"), changes(branched().upgradePlan(Set.of("c1"), "e1@+1")));
        }

        @Test
        void relativeThroughABranchPointIsAmbiguous() {
            fails(() -> branched().upgradePlan(Set.of("b1"), "+1"), "ambiguous", "b1 is followed by c1, e1");
        }

        @Test
        void mergeDeletesItsParentsRows() {
            List<Step> steps = merged().upgradePlan(Set.of(), "head");
            assertEquals(List.of("+a1", "+b1", "+e1", "+f1", "+c1", "+d1", "+m1", "+n1"), moves(steps));
            assertEquals("-d1-f1+m1", changes(steps).get(6));
            assertEquals("upgrade d1, f1 -> m1, message of m1", steps.get(6).toString());
            assertEquals(Set.of("n1"), run(Set.of(), steps));
        }

        @Test
        void mergeWithOneParentStillToApply() {
            List<Step> steps = merged().upgradePlan(Set.of("d1", "e1"), "m1");
            assertEquals(List.of("-e1+f1", "-d1-f1+m1"), changes(steps));
        }
    }

    @Nested
    class Downgrade {

        @Test
        void oneStep() {
            List<Step> steps = linear().downgradePlan(Set.of("d4"), "-1");
            assertEquals(List.of("-d4"), moves(steps));
            assertEquals(List.of("-d4+c3"), changes(steps));
            assertEquals("downgrade d4 -> c3, message of d4", steps.get(0).toString());
        }

        @Test
        void toBase() {
            List<Step> steps = linear().downgradePlan(Set.of("c3"), "base");
            assertEquals(List.of("-c3", "-b2", "-a1"), moves(steps));
            assertEquals(List.of("-c3+b2", "-b2+a1", "-a1"), changes(steps));
            assertEquals("downgrade a1 -> , message of a1", steps.get(2).toString());
        }

        @Test
        void toARevisionAndRelativeForms() {
            assertEquals(List.of("-d4", "-c3"), moves(linear().downgradePlan(Set.of("d4"), "b2")));
            assertEquals(List.of("-d4", "-c3"), moves(linear().downgradePlan(Set.of("d4"), "-2")));
            assertEquals(List.of("-d4"), moves(linear().downgradePlan(Set.of("d4"), "head-1")));
            assertEquals(List.of("-d4", "-c3", "-b2", "-a1"), moves(linear().downgradePlan(Set.of("d4"), "-4")));
            assertEquals(List.of(), linear().downgradePlan(Set.of("c3"), "c3"));
        }

        @Test
        void pastBase() {
            fails(() -> linear().downgradePlan(Set.of("d4"), "-5"), "'-5' goes past base", "only 4 step(s) possible");
            fails(() -> linear().downgradePlan(Set.of(), "-1"), "the database is at base");
        }

        @Test
        void plusIsNotADowngrade() {
            fails(() -> linear().downgradePlan(Set.of("b2"), "+1"), "counts up", "use upgrade");
        }

        @Test
        void targetThatIsNotApplied() {
            fails(() -> linear().downgradePlan(Set.of("b2"), "d4"),
                    "destination d4 is not a valid downgrade target from current head(s) b2");
            fails(() -> branched().downgradePlan(Set.of("d1"), "e1"), "destination e1 is not a valid downgrade target");
            fails(() -> linear().downgradePlan(Set.of(), "a1"), "the database is at base");
        }

        @Test
        void relativeWithSeveralCurrentHeadsMustNameABranch() {
            fails(() -> branched().downgradePlan(Set.of("d1", "f1"), "-1"), "downgrade -1 is ambiguous",
                    "several current heads (d1, f1)", "'<revision>@-1'");
            List<Step> steps = branched().downgradePlan(Set.of("d1", "f1"), "d1@-1");
            assertEquals(List.of("-d1+c1"), changes(steps));
            // down to the branch point: the sibling row f1 stays, so b1 is not inserted
            List<Step> more = branched().downgradePlan(Set.of("d1", "f1"), "d1@-2");
            assertEquals(List.of("-d1+c1", "-c1"), changes(more));
            assertEquals(Set.of("f1"), run(Set.of("d1", "f1"), more));
        }

        @Test
        void toTheBranchPointRevertsBothBranches() {
            List<Step> steps = branched().downgradePlan(Set.of("d1", "f1"), "b1");
            assertEquals(List.of("-d1", "-c1", "-f1", "-e1"), moves(steps));
            assertEquals(List.of("-d1+c1", "-c1", "-f1+e1", "-e1+b1"), changes(steps));
            assertEquals(Set.of("b1"), run(Set.of("d1", "f1"), steps));
        }

        @Test
        void throughAMergeUnmerges() {
            List<Step> steps = merged().downgradePlan(Set.of("n1"), "d1");
            assertEquals(List.of("-n1+m1", "-m1+d1+f1"), changes(steps));
            assertEquals("downgrade m1 -> d1, f1, message of m1", steps.get(1).toString());
            // two steps down from n1 would be below the merge: which parent is meant?
            fails(() -> merged().downgradePlan(Set.of("n1"), "-2"), "ambiguous", "m1 merges d1, f1");
            assertEquals(List.of("-n1+m1", "-m1+d1+f1", "-d1+c1"), changes(merged().downgradePlan(Set.of("n1"), "c1")));
        }

        @Test
        void baseRevertsEverything() {
            List<Step> steps = merged().downgradePlan(Set.of("n1"), "base");
            assertEquals(8, steps.size());
            assertEquals(Set.of(), run(Set.of("n1"), steps));
        }
    }

    @Nested
    class Stamp {

        @Test
        void linearStamps() {
            assertEquals("+d4", change(linear().stamp(Set.of(), "head")));
            assertEquals("-b2+d4", change(linear().stamp(Set.of("b2"), "d4")));
            assertEquals("-c3+a1", change(linear().stamp(Set.of("c3"), "a1")));
            assertEquals("-c3", change(linear().stamp(Set.of("c3"), "base")));
            assertTrue(linear().stamp(Set.of("c3"), "c3").isEmpty());
        }

        @Test
        void branchedStamps() {
            assertEquals("-d1-f1+b1", change(branched().stamp(Set.of("d1", "f1"), "b1")));
            assertEquals("-b1+d1+f1", change(branched().stamp(Set.of("b1"), "heads")));
            assertEquals("+f1", change(branched().stamp(Set.of("d1"), "f1")));
            assertEquals("-d1-f1+m1", change(merged().stamp(Set.of("d1", "f1"), "m1")));
        }

        @Test
        void stampNeedsAKnownTarget() {
            fails(() -> linear().stamp(Set.of(), "zz"), "no revision matches 'zz'");
            fails(() -> branched().stamp(Set.of(), "head"), "multiple heads");
        }
    }

    /**
     * On random histories: from any consistent database state, upgrading to heads and downgrading to base
     * must keep the version table equal to the applied heads after every step.
     */
    @Test
    void randomHistoriesKeepTheVersionTableExact() {
        Random random = new Random(20260301);
        for (int round = 0; round < 200; round++) {
            List<RevisionInfo> revisions = new ArrayList<>();
            int size = 1 + random.nextInt(14);
            for (int i = 0; i < size; i++) {
                List<String> parents = new ArrayList<>();
                if (i > 0 && random.nextInt(6) > 0) {
                    parents.add(String.format("r%02d", random.nextInt(i)));
                    if (random.nextInt(4) == 0) {
                        String other = String.format("r%02d", random.nextInt(i));
                        if (!parents.contains(other)) {
                            parents.add(other);
                        }
                    }
                }
                revisions.add(rev(String.format("r%02d", i), parents.toArray(String[]::new)));
            }
            RevisionGraph graph = RevisionGraph.of(revisions);
            Set<String> applied = randomAncestorClosedSet(graph, random);
            Set<String> current = headsOf(graph, applied);

            List<Step> up = graph.upgradePlan(current, "heads");
            Set<String> rows = current;
            Set<String> done = new java.util.HashSet<>(applied);
            for (Step step : up) {
                assertTrue(done.containsAll(step.revision().parents()), "parents first: " + step);
                done.add(step.id());
                rows = step.applyTo(rows);
                assertEquals(headsOf(graph, done), rows, "after " + step + " in " + graph.revisions());
            }
            assertEquals(Set.copyOf(graph.heads()), rows);

            List<Step> down = graph.downgradePlan(rows, "base");
            for (Step step : down) {
                done.remove(step.id());
                for (String child : graph.children(step.id())) {
                    assertFalse(done.contains(child), "children first: " + step);
                }
                rows = step.applyTo(rows);
                assertEquals(headsOf(graph, done), rows, "after " + step + " in " + graph.revisions());
            }
            assertEquals(Set.of(), rows);
        }
    }

    private static Set<String> randomAncestorClosedSet(RevisionGraph graph, Random random) {
        Set<String> applied = new java.util.TreeSet<>();
        for (RevisionInfo revision : graph.revisions()) {
            if (random.nextBoolean()) {
                applied.add(revision.id());
                applied.addAll(graph.ancestors(revision.id()));
            }
        }
        return applied;
    }

    private static Set<String> headsOf(RevisionGraph graph, Set<String> applied) {
        Set<String> heads = new java.util.TreeSet<>(applied);
        for (String id : applied) {
            heads.removeAll(graph.ancestors(id));
        }
        return heads;
    }
}
