package dev.retort.revision;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The history of a project's migrations: revisions linked to their parents, validated to be complete and
 * acyclic, with Alembic's target grammar and Alembic's upgrade, downgrade and stamp plans.
 *
 * <p>Targets: {@code head} (the single head), {@code heads}, {@code base}, a full id, a unique id prefix,
 * {@code +N}/{@code -N} relative to the database's current revision(s) (upgrade/downgrade only),
 * {@code ID+N}/{@code ID-N}, {@code head-1}, and {@code ID@TARGET} to keep to the branch of {@code ID}
 * (e.g. {@code ae10@-1}, {@code ae10@head}). History ranges are {@code [start]:[end]}.
 *
 * <p>The "current" revisions are the rows of the version table: one per applied head.
 */
public final class RevisionGraph {

    private static final int BASE = -1;
    private static final Set<String> RESERVED = Set.of("head", "heads", "base", "current");

    /**
     * In creation order (then id): the order in which the revisions were written, which decides the
     * order of independent branches in plans and history. (Alembic uses its file order, which is id order
     * by default and creation order with a date file template.) All indices below point into this list.
     */
    private final List<RevisionInfo> revisions;
    /** All ids sorted, and the index of each, for prefix lookups. */
    private final String[] sortedIds;
    private final int[] sortedIdNodes;
    private final Map<String, Integer> index;
    private final int[][] parents;
    private final int[][] children;
    private final int[] heads;
    private final int[] bases;
    /** Parents before children. */
    private final int[] topological;
    /** Lazily: for each revision, itself and all its ancestors (volatile: safely shared once built). */
    private volatile BitSet[] ancestry;

    private RevisionGraph(List<RevisionInfo> revisions, Map<String, Integer> index, int[][] parents,
                          int[][] children, int[] topological) {
        this.revisions = revisions;
        this.sortedIds = new String[revisions.size()];
        for (int i = 0; i < sortedIds.length; i++) {
            sortedIds[i] = revisions.get(i).id();
        }
        Arrays.sort(sortedIds);
        this.sortedIdNodes = new int[sortedIds.length];
        for (int i = 0; i < sortedIds.length; i++) {
            sortedIdNodes[i] = index.get(sortedIds[i]);
        }
        this.index = index;
        this.parents = parents;
        this.children = children;
        this.topological = topological;
        int n = revisions.size();
        this.heads = withChildCount(children, 0, 0);
        this.bases = withChildCount(parents, 0, 0);
    }

    /**
     * The graph of {@code revisions}. Fails, naming the revisions and files at fault, on duplicate ids,
     * parents that do not exist, and cycles.
     */
    public static RevisionGraph of(Collection<RevisionInfo> revisions) {
        // plain loops, no streams or lambdas: this runs on every command, usually on a cold JVM
        Map<String, Integer> index = new HashMap<>(revisions.size() * 2);
        List<RevisionInfo> given = new ArrayList<>(revisions);
        String[] keys = new String[given.size()];
        Map<String, RevisionInfo> byKey = new HashMap<>(given.size() * 2);
        for (int i = 0; i < keys.length; i++) {
            RevisionInfo revision = given.get(i);
            String id = revision.id();
            if (!isValidId(id)) {
                throw new RevisionException(revision.origin() + ": invalid revision id '" + id + "'");
            }
            Integer previous = index.put(id, i);
            if (previous != null) {
                throw new RevisionException("duplicate revision id " + id + " in " + given.get(previous).origin()
                        + " and " + revision.origin());
            }
            // ISO-8601 timestamps sort as text; the id breaks ties (ids are unique, so keys are too)
            keys[i] = new StringBuilder(revision.created()).append('\0').append(id).toString();
            byKey.put(keys[i], revision);
        }
        Arrays.sort(keys);
        List<RevisionInfo> sorted = new ArrayList<>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            RevisionInfo revision = byKey.get(keys[i]);
            sorted.add(revision);
            index.put(revision.id(), i);
        }
        int n = sorted.size();
        int[][] parents = new int[n][];
        int[] childCount = new int[n];
        for (int i = 0; i < n; i++) {
            RevisionInfo revision = sorted.get(i);
            List<String> parentIds = revision.parents();
            parents[i] = new int[parentIds.size()];
            for (int p = 0; p < parentIds.size(); p++) {
                String parentId = parentIds.get(p);
                Integer parent = index.get(parentId);
                if (parent == null) {
                    throw new RevisionException("revision " + revision.id() + " (" + revision.origin()
                            + ") names parent " + parentId + ", which does not exist");
                }
                for (int q = 0; q < p; q++) {
                    if (parents[i][q] == parent) {
                        throw new RevisionException("revision " + revision.id() + " (" + revision.origin()
                                + ") lists parent " + parentId + " twice");
                    }
                }
                parents[i][p] = parent;
                childCount[parent]++;
            }
        }
        int[][] children = new int[n][];
        for (int i = 0; i < n; i++) {
            children[i] = new int[childCount[i]];
            childCount[i] = 0;
        }
        for (int i = 0; i < n; i++) {
            for (int parent : parents[i]) {
                children[parent][childCount[parent]++] = i;
            }
        }
        return new RevisionGraph(List.copyOf(sorted), index, parents, children, topologicalOrder(sorted, parents,
                children));
    }

    /** Kahn's algorithm; what is left over lies on or above a cycle, which we then trace to name it. */
    private static int[] topologicalOrder(List<RevisionInfo> revisions, int[][] parents, int[][] children) {
        int n = revisions.size();
        int[] pending = new int[n];
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            pending[i] = parents[i].length;
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[n];
        int count = 0;
        while (!ready.isEmpty()) {
            int node = ready.poll();
            order[count++] = node;
            for (int child : children[node]) {
                if (--pending[child] == 0) {
                    ready.add(child);
                }
            }
        }
        if (count == n) {
            return order;
        }
        int start = 0;
        while (pending[start] == 0) {
            start++;
        }
        // every left-over node has a left-over parent, so following them must come back round
        int[] seenAt = new int[n];
        Arrays.fill(seenAt, -1);
        List<Integer> path = new ArrayList<>();
        int node = start;
        while (seenAt[node] < 0) {
            seenAt[node] = path.size();
            path.add(node);
            for (int parent : parents[node]) {
                if (pending[parent] > 0) {
                    node = parent;
                    break;
                }
            }
        }
        List<Integer> cycle = path.subList(seenAt[node], path.size());
        StringBuilder message = new StringBuilder("the revisions form a cycle: ");
        for (int i = 0; i < cycle.size(); i++) {
            RevisionInfo revision = revisions.get(cycle.get(i));
            message.append(i == 0 ? "" : ", ").append(revision.id()).append(" (").append(revision.origin())
                    .append(") has parent ").append(revisions.get(cycle.get((i + 1) % cycle.size())).id());
        }
        throw new RevisionException(message.toString());
    }

    // ---------------------------------------------------------------- structure

    public int size() {
        return revisions.size();
    }

    /** All revisions, in creation order. */
    public List<RevisionInfo> revisions() {
        return revisions;
    }

    public boolean contains(String id) {
        return index.containsKey(id);
    }

    /** The revision with exactly this id. */
    public RevisionInfo get(String id) {
        return revisions.get(indexOf(id));
    }

    /** Revisions nothing follows, in creation order. */
    public List<String> heads() {
        return ids(heads);
    }

    /** Revisions without parents, in creation order. */
    public List<String> bases() {
        return ids(bases);
    }

    /** The revisions that name {@code id} as a parent, in creation order. */
    public List<String> children(String id) {
        return ids(children[indexOf(id)]);
    }

    /** Every revision {@code id} follows, directly or not (not {@code id} itself), in creation order. */
    public Set<String> ancestors(String id) {
        int node = indexOf(id);
        BitSet set = (BitSet) ancestry()[node].clone();
        set.clear(node);
        return idSet(set);
    }

    /** Every revision that follows {@code id}, directly or not (not {@code id} itself), in creation order. */
    public Set<String> descendants(String id) {
        int node = indexOf(id);
        BitSet set = descendantsOf(new int[]{node});
        set.clear(node);
        return idSet(set);
    }

    /** Revisions with several children, in creation order. */
    public List<String> branchPoints() {
        return ids(withChildCount(children, 2, Integer.MAX_VALUE));
    }

    public boolean isHead(String id) {
        return children[indexOf(id)].length == 0;
    }

    public boolean isMerge(String id) {
        return parents[indexOf(id)].length > 1;
    }

    public boolean isBranchPoint(String id) {
        return children[indexOf(id)].length > 1;
    }

    /**
     * The revisions named by the version-table rows {@code rows}, after checking that each exists and
     * that no row is an ancestor of another.
     */
    public List<RevisionInfo> current(Set<String> rows) {
        List<RevisionInfo> current = new ArrayList<>();
        for (int node : toIndices(currentSet(rows))) {
            current.add(revisions.get(node));
        }
        return current;
    }

    // ---------------------------------------------------------------- targets and history

    /**
     * The revisions {@code target} names: empty for {@code base}, several for {@code heads}. A bare
     * {@code -N} walks down from the head(s), as Alembic's {@code get_revisions} does; a bare {@code +N}
     * needs a current revision and is only valid as an upgrade target.
     */
    public Set<String> resolve(String target) {
        return idSet(toBitSet(resolveGeneric(Target.parse(target), null, false)));
    }

    /** All revisions, newest first, as {@code alembic history} lists them. */
    public List<RevisionInfo> history() {
        BitSet all = new BitSet();
        all.set(0, size());
        return infos(newestFirst(all, heads));
    }

    /**
     * The revisions of {@code range} ({@code start:end}, {@code start:}, {@code :end}; null for all),
     * newest first. Each end takes any target; {@code -N} counts down from the heads and stops at base;
     * {@code current} means {@code current}, the version-table rows (which may be null otherwise).
     */
    public List<RevisionInfo> history(String range, Set<String> current) {
        if (range == null) {
            return history();
        }
        int colon = range.indexOf(':');
        if (colon < 0 || range.indexOf(':', colon + 1) >= 0) {
            throw new RevisionException("history range '" + range + "' must be [start]:[end], [start]:, or :[end]");
        }
        String lowerText = range.substring(0, colon).strip();
        String upperText = range.substring(colon + 1).strip();
        BitSet rows = current == null ? null : currentSet(current);
        int[] upper = upperText.isEmpty() ? heads : resolveGeneric(Target.parse(upperText), rows, true);
        int[] lower = lowerText.isEmpty() ? new int[0] : resolveGeneric(Target.parse(lowerText), rows, true);
        BitSet wanted = ancestorsOf(upper);
        for (int node : lower) {
            if (!wanted.get(node)) {
                throw new RevisionException("requested range " + (lowerText.isEmpty() ? "base" : lowerText) + ":"
                        + (upperText.isEmpty() ? "heads" : upperText)
                        + " does not refer to ancestor/descendant revisions along the same branch");
            }
        }
        if (lower.length > 0) {
            wanted.and(descendantsOf(lower));
        }
        return infos(newestFirst(wanted, upper));
    }

    // ---------------------------------------------------------------- plans

    /**
     * The steps that bring a database whose version table holds {@code current} to {@code target}: every
     * revision the target needs that is not applied yet, parents before children.
     */
    public List<Step> upgradePlan(Set<String> current, String target) {
        BitSet rows = currentSet(current);
        int[] targets = upgradeTargets(Target.parse(target), rows, target);
        BitSet applied = ancestorsOf(toIndices(rows));
        for (int node : targets) {
            if (applied.get(node) && !rows.get(node)) {
                throw new RevisionException("destination " + target + " is not a valid upgrade target from current "
                        + "head(s) " + names(rows) + ": " + id(node) + " is already applied (use downgrade to go back)");
            }
        }
        if (targets.length == 0 && !rows.isEmpty()) {
            throw new RevisionException("destination " + target + " is not a valid upgrade target from current "
                    + "head(s) " + names(rows) + " (use downgrade to go back)");
        }
        BitSet needed = ancestorsOf(targets);
        needed.andNot(applied);
        List<Integer> order = newestFirst(needed, targets);
        Collections.reverse(order);
        List<Step> steps = new ArrayList<>(order.size());
        BitSet state = (BitSet) rows.clone();
        for (int node : order) {
            Set<String> delete = new TreeSet<>();
            for (int parent : parents[node]) {
                if (state.get(parent)) {
                    delete.add(id(parent));
                    state.clear(parent);
                }
            }
            state.set(node);
            steps.add(new Step(revisions.get(node), true, new VersionChange(delete, Set.of(id(node)))));
        }
        return steps;
    }

    /**
     * The steps that bring a database whose version table holds {@code current} down to {@code target}:
     * every applied revision that follows the target, children before parents. {@code base} reverts
     * everything; {@code -N} walks down from the current head, which must then be single (or chosen with
     * {@code ID@-N}).
     */
    public List<Step> downgradePlan(Set<String> current, String target) {
        BitSet rows = currentSet(current);
        Target parsed = Target.parse(target);
        int branch = parsed.branch == null ? BASE : single(parsed.branch, rows);
        int destination;
        if (parsed.relative != null && parsed.symbol == null) {
            if (parsed.relative >= 0) {
                throw new RevisionException("relative revision '" + parsed.text + "' counts up and cannot be a "
                        + "downgrade target (use upgrade)");
            }
            int[] candidates = filterLineage(toIndices(rows), branch);
            if (candidates.length == 0) {
                throw new RevisionException(branch == BASE
                        ? "relative revision '" + parsed.text + "' goes past base: the database is at base"
                        : "no current revision is on the branch of " + id(branch));
            }
            if (candidates.length > 1) {
                throw new RevisionException("downgrade " + parsed.text + " is ambiguous: the database has several "
                        + "current heads (" + names(candidates) + "); use '<revision>@" + parsed.text
                        + "' to step down one branch, or name the target revision");
            }
            destination = walk(candidates[0], parsed.relative, BASE, false, parsed.text);
            branch = candidates[0];
        } else if (parsed.relative != null) {
            destination = walkFromSymbol(parsed, rows, false);
        } else {
            int[] found = symbol(parsed.symbol, branch, rows, parsed.text);
            if (found.length > 1) {
                throw multipleHeads(parsed.text, found);
            }
            destination = found.length == 0 ? BASE : found[0];
        }

        int[] roots = destination == BASE ? bases : children[destination];
        if (branch != BASE && roots.length > 1) {
            BitSet onBranch = ancestry()[branch];
            roots = Arrays.stream(roots).filter(onBranch::get).toArray();
            if (roots.length == 0) {
                throw new RevisionException("destination " + target + " is not a valid downgrade target from "
                        + "current head(s) " + names(rows) + " on the branch of " + id(branch));
            }
        }
        BitSet doomed = descendantsOf(roots);
        int[] headRows = toIndices(rows);
        doomed.and(ancestorsOf(headRows));
        if (destination != BASE && doomed.isEmpty() && !rows.get(destination)) {
            throw new RevisionException("destination " + target + " is not a valid downgrade target from current "
                    + "head(s) " + (rows.isEmpty() ? "(none: the database is at base)" : names(rows))
                    + ": " + id(destination) + " is not applied");
        }
        List<Step> steps = new ArrayList<>();
        BitSet state = (BitSet) rows.clone();
        for (int node : newestFirst(doomed, headRows)) {
            state.clear(node);
            BitSet kept = ancestorsOf(toIndices(state));
            Set<String> insert = new TreeSet<>();
            for (int parent : parents[node]) {
                if (!kept.get(parent) && !isStrictAncestorOfAnother(parent, parents[node])) {
                    insert.add(id(parent));
                    state.set(parent);
                }
            }
            steps.add(new Step(revisions.get(node), false, new VersionChange(Set.of(id(node)), insert)));
        }
        return steps;
    }

    /**
     * How {@code stamp target} changes a version table holding {@code current}, without running anything:
     * each target revision replaces the rows on its own line of history (its ancestors or descendants);
     * a target on a line not yet represented is added; {@code base} empties the table ({@code REV@base}
     * only removes the rows on the line of {@code REV}).
     */
    public VersionChange stamp(Set<String> current, String target) {
        BitSet rows = currentSet(current);
        Target parsed = Target.parse(target);
        int[] targets = resolveGeneric(parsed, rows, false);
        BitSet after = (BitSet) rows.clone();
        if (targets.length == 0) {
            // base: every row goes, or with REV@base only the rows on the line of REV
            int branch = parsed.branch == null ? BASE : single(parsed.branch, rows);
            for (int row : toIndices(rows)) {
                if (branch == BASE || sharesLineage(row, branch)) {
                    after.clear(row);
                }
            }
        }
        for (int destination : targets) {
            if (after.get(destination)) {
                continue;
            }
            for (int row : toIndices(after)) {
                if (sharesLineage(row, destination)) {
                    after.clear(row);
                }
            }
            after.set(destination);
        }
        BitSet deleted = (BitSet) rows.clone();
        deleted.andNot(after);
        BitSet inserted = (BitSet) after.clone();
        inserted.andNot(rows);
        return new VersionChange(idSet(deleted), idSet(inserted));
    }

    // ---------------------------------------------------------------- resolution

    /** A target as written: {@code [branch@]symbol}, {@code [branch@][symbol]+N}, {@code [branch@][symbol]-N}. */
    private record Target(String text, String branch, String symbol, Integer relative) {

        private static final Pattern RELATIVE = Pattern.compile("(\\w+)?([+-]\\d+)");

        static Target parse(String text) {
            if (text == null || text.isBlank()) {
                throw new RevisionException("empty revision target");
            }
            String t = text.strip();
            String branch = null;
            int at = t.indexOf('@');
            if (at >= 0) {
                branch = t.substring(0, at);
                t = t.substring(at + 1);
                if (branch.isEmpty() || t.isEmpty()) {
                    throw new RevisionException("revision target '" + text + "' must be <revision>@<target>");
                }
            }
            Matcher relative = RELATIVE.matcher(t);
            if (relative.matches()) {
                int steps;
                try {
                    steps = Integer.parseInt(relative.group(2));
                } catch (NumberFormatException e) {
                    throw new RevisionException("relative revision '" + text + "' is out of range");
                }
                if (steps == 0) {
                    throw new RevisionException("relative revision '" + text + "' must move at least one step");
                }
                return new Target(text.strip(), branch, relative.group(1), steps);
            }
            return new Target(text.strip(), branch, t, null);
        }
    }

    /**
     * Alembic's {@code get_revisions}: symbols, ids and prefixes, {@code symbol±N}, and a bare {@code -N}
     * walking down from every head. {@code clamp} stops walks at base/head instead of failing.
     */
    private int[] resolveGeneric(Target target, BitSet current, boolean clamp) {
        int branch = target.branch == null ? BASE : single(target.branch, current);
        if (target.relative == null) {
            return symbol(target.symbol, branch, current, target.text);
        }
        if (target.symbol != null) {
            int node = walkFromSymbol(target, current, clamp);
            return node == BASE ? new int[0] : new int[]{node};
        }
        if (target.relative > 0) {
            throw new RevisionException("relative revision '" + target.text + "' counts from the current revision; "
                    + "here name the revision to count from, e.g. <revision>" + target.text);
        }
        TreeSet<Integer> found = new TreeSet<>();
        for (int head : filterLineage(heads, branch)) {
            int node = walk(head, target.relative, BASE, clamp, target.text);
            if (node != BASE) {
                found.add(node);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code symbol±N}: walks from the single revision the symbol names ({@code base+N} from base). */
    private int walkFromSymbol(Target target, BitSet current, boolean clamp) {
        int branch = target.branch == null ? BASE : single(target.branch, current);
        int[] start = symbol(target.symbol, branch, current, target.text);
        if (start.length > 1) {
            throw multipleHeads(target.symbol, start);
        }
        if (start.length == 0 && !target.symbol.equals("base")) {
            throw new RevisionException("'" + target.symbol + "' names no revision to count from in '" + target.text + "'");
        }
        return walk(start.length == 0 ? BASE : start[0], target.relative, branch, clamp, target.text);
    }

    /** Upgrade targets: as {@link #resolveGeneric}, but a bare {@code +N} walks up from the current head. */
    private int[] upgradeTargets(Target target, BitSet current, String text) {
        if (target.relative == null || target.symbol != null) {
            return resolveGeneric(target, current, false);
        }
        if (target.relative < 0) {
            throw new RevisionException("relative revision '" + text + "' counts down and cannot be an upgrade "
                    + "target (use downgrade)");
        }
        int branch = target.branch == null ? BASE : single(target.branch, current);
        int[] starts = filterLineage(toIndices(current), branch);
        if (branch != BASE && starts.length == 0) {
            // the branch is not applied up to a head: start from its newest applied revision, or from base
            BitSet applied = ancestorsOf(toIndices(current));
            BitSet onBranch = new BitSet();
            for (int node = applied.nextSetBit(0); node >= 0; node = applied.nextSetBit(node + 1)) {
                if (sharesLineage(node, branch)) {
                    onBranch.set(node);
                }
            }
            BitSet tips = (BitSet) onBranch.clone();
            for (int node = onBranch.nextSetBit(0); node >= 0; node = onBranch.nextSetBit(node + 1)) {
                for (int parent : parents[node]) {
                    tips.clear(parent);
                }
            }
            starts = toIndices(tips);
        }
        if (starts.length > 1) {
            throw new RevisionException("upgrade " + text + " is ambiguous: the database has several current heads ("
                    + names(starts) + "); use '<revision>@" + text + "' to step up one branch, or name the target "
                    + "revision");
        }
        return new int[]{walk(starts.length == 0 ? BASE : starts[0], target.relative, branch, false, text)};
    }

    /** What an absolute symbol names, kept to the line of {@code branch} when it is not BASE. */
    private int[] symbol(String symbol, int branch, BitSet current, String text) {
        switch (symbol) {
            case "heads":
                return filterLineage(heads, branch);
            case "head": {
                int[] found = filterLineage(heads, branch);
                if (found.length > 1) {
                    throw multipleHeads(text, found);
                }
                return found;
            }
            case "base":
                return new int[0];
            case "current":
                if (current == null) {
                    throw new RevisionException("'current' needs the database's current revision here");
                }
                return filterLineage(toIndices(current), branch);
            default:
                return new int[]{revision(symbol, branch)};
        }
    }

    /** A full id or a unique prefix, on the line of {@code branch} when it is not BASE. */
    private int revision(String ident, int branch) {
        Integer exact = index.get(ident);
        List<Integer> candidates = new ArrayList<>();
        if (exact != null) {
            candidates.add(exact);
        } else {
            // the matches of a prefix are contiguous among the sorted ids
            int from = Arrays.binarySearch(sortedIds, ident);
            for (int i = from < 0 ? -from - 1 : from; i < sortedIds.length && sortedIds[i].startsWith(ident); i++) {
                candidates.add(sortedIdNodes[i]);
            }
            candidates.sort(null);
        }
        if (candidates.isEmpty()) {
            throw new RevisionException("no revision matches '" + ident + "'");
        }
        if (branch != BASE) {
            candidates.removeIf(node -> !sharesLineage(node, branch));
            if (candidates.isEmpty()) {
                throw new RevisionException("revision '" + ident + "' is not on the branch of " + id(branch));
            }
        }
        if (candidates.size() > 1) {
            List<String> shown = candidates.stream().limit(10).map(this::id).toList();
            throw new RevisionException("ambiguous revision prefix '" + ident + "': it matches "
                    + String.join(", ", shown) + (candidates.size() > shown.size() ? ", ..." : ""));
        }
        return candidates.get(0);
    }

    /** A symbol that must name exactly one revision (a branch name, the start of a walk). */
    private int single(String symbol, BitSet current) {
        int[] found = symbol(symbol, BASE, current, symbol);
        if (found.length > 1) {
            throw multipleHeads(symbol, found);
        }
        if (found.length == 0) {
            throw new RevisionException("'" + symbol + "' names no revision");
        }
        return found[0];
    }

    private RevisionException multipleHeads(String argument, int[] found) {
        return new RevisionException("multiple heads (" + names(found) + ") for '" + argument
                + "'; use 'heads' or a specific revision (or '<revision>@head' for one branch)");
    }

    /**
     * Alembic's {@code _walk}: up (steps > 0) through children (only those on the line of {@code branch},
     * when it is not BASE), down through parents, one revision at a time; base is one step below a root.
     * A fork on the way is ambiguous; running out of revisions fails unless {@code clamp}.
     */
    private int walk(int start, int steps, int branch, boolean clamp, String text) {
        int at = start;
        for (int step = 0; step < Math.abs(steps); step++) {
            int[] next;
            if (steps > 0) {
                next = filterLineage(at == BASE ? bases : children[at], branch);
            } else if (at == BASE) {
                next = new int[0];
            } else {
                next = parents[at].length == 0 ? new int[]{BASE} : parents[at];
            }
            if (next.length == 0) {
                if (clamp) {
                    return at;
                }
                throw new RevisionException("relative revision '" + text + "' goes past "
                        + (steps > 0 ? "the head" : "base") + ": only " + step + " step(s) possible from "
                        + (start == BASE ? "base" : id(start)));
            }
            if (next.length > 1) {
                String from = at == BASE ? "base" : id(at);
                throw new RevisionException("relative revision '" + text + "' is ambiguous: " + (steps > 0
                        ? from + " is followed by " + names(next) + "; name the target revision or use "
                                + "'<revision>@+" + steps + "'"
                        : from + " merges " + names(next) + "; name the target revision"));
            }
            at = next[0];
        }
        return at;
    }

    // ---------------------------------------------------------------- order

    /**
     * Alembic's order: starting from {@code starts} (in creation order), walk down one line of history at a time,
     * emitting each revision of {@code todo} only once no other line still to be walked leads to it; so
     * every revision comes before its ancestors and branches stay together.
     */
    private List<Integer> newestFirst(BitSet todo, int[] starts) {
        BitSet remaining = (BitSet) todo.clone();
        List<Integer> lines = new ArrayList<>();
        List<BitSet> lineAncestry = new ArrayList<>();
        for (int start : starts) {
            if (remaining.get(start) && !lines.contains(start)) {
                lines.add(start);
                lineAncestry.add((BitSet) ancestry()[start].clone());
            }
        }
        List<Integer> out = new ArrayList<>(todo.cardinality());
        int current = 0;
        while (!lines.isEmpty()) {
            int candidate = lines.get(current);
            int waitFor = -1;
            for (int other = 0; other < lines.size(); other++) {
                if (other != current && lineAncestry.get(other).get(candidate)) {
                    waitFor = other;
                    break;
                }
            }
            if (waitFor >= 0) {
                current = waitFor;
                continue;
            }
            if (remaining.get(candidate)) {
                out.add(candidate);
                remaining.clear(candidate);
            }
            List<Integer> next = new ArrayList<>();
            for (int parent : parents[candidate]) {
                if (remaining.get(parent) && !lines.contains(parent)) {
                    next.add(parent);
                }
            }
            if (next.isEmpty()) {
                lines.remove(current);
                lineAncestry.remove(current);
                current = Math.max(current - 1, 0);
            } else if (parents[candidate].length == 1) {
                lines.set(current, next.get(0));
                lineAncestry.get(current).clear(candidate);
            } else {
                lines.set(current, next.get(0));
                lineAncestry.set(current, (BitSet) ancestry()[next.get(0)].clone());
                for (int extra : next.subList(1, next.size())) {
                    lines.add(extra);
                    lineAncestry.add((BitSet) ancestry()[extra].clone());
                }
            }
        }
        if (!remaining.isEmpty()) {
            throw new IllegalStateException("revisions not reachable from " + names(starts) + ": " + idSet(remaining));
        }
        return out;
    }

    // ---------------------------------------------------------------- sets

    private BitSet[] ancestry() {
        if (ancestry == null) {
            BitSet[] result = new BitSet[size()];
            for (int node : topological) {
                BitSet set = new BitSet(size());
                set.set(node);
                for (int parent : parents[node]) {
                    set.or(result[parent]);
                }
                result[node] = set;
            }
            ancestry = result;
        }
        return ancestry;
    }

    /** The nodes and all their ancestors. */
    private BitSet ancestorsOf(int[] nodes) {
        BitSet set = new BitSet(size());
        for (int node : nodes) {
            set.or(ancestry()[node]);
        }
        return set;
    }

    /** The nodes and all their descendants. */
    private BitSet descendantsOf(int[] nodes) {
        BitSet set = new BitSet(size());
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        for (int node : nodes) {
            if (!set.get(node)) {
                set.set(node);
                todo.add(node);
            }
        }
        while (!todo.isEmpty()) {
            for (int child : children[todo.poll()]) {
                if (!set.get(child)) {
                    set.set(child);
                    todo.add(child);
                }
            }
        }
        return set;
    }

    /** Whether one of the two is an ancestor of (or is) the other: they lie on one line of history. */
    private boolean sharesLineage(int a, int b) {
        return ancestry()[a].get(b) || ancestry()[b].get(a);
    }

    private int[] filterLineage(int[] nodes, int branch) {
        return branch == BASE ? nodes : Arrays.stream(nodes).filter(node -> sharesLineage(node, branch)).toArray();
    }

    private boolean isStrictAncestorOfAnother(int node, int[] others) {
        for (int other : others) {
            if (other != node && ancestry()[other].get(node)) {
                return true;
            }
        }
        return false;
    }

    /** Checks the version-table rows: each must be a known revision, none an ancestor of another. */
    private BitSet currentSet(Set<String> rows) {
        BitSet set = new BitSet(size());
        for (String row : rows) {
            Integer node = index.get(row);
            if (node == null) {
                throw new RevisionException("the version table names revision '" + row
                        + "', which is not among the migrations");
            }
            set.set(node);
        }
        for (int node = set.nextSetBit(0); node >= 0; node = set.nextSetBit(node + 1)) {
            BitSet below = (BitSet) ancestry()[node].clone();
            below.clear(node);
            below.and(set);
            if (!below.isEmpty()) {
                throw new RevisionException("the version table is inconsistent: " + id(below.nextSetBit(0))
                        + " is an ancestor of " + id(node) + ", but both are listed as current heads");
            }
        }
        return set;
    }

    private int indexOf(String id) {
        Integer node = index.get(id);
        if (node == null) {
            throw new RevisionException("no revision '" + id + "'");
        }
        return node;
    }

    private String id(int node) {
        return revisions.get(node).id();
    }

    private List<String> ids(int[] nodes) {
        List<String> ids = new ArrayList<>(nodes.length);
        for (int node : nodes) {
            ids.add(id(node));
        }
        return Collections.unmodifiableList(ids);
    }

    private Set<String> idSet(BitSet nodes) {
        Set<String> ids = new LinkedHashSet<>();
        for (int node = nodes.nextSetBit(0); node >= 0; node = nodes.nextSetBit(node + 1)) {
            ids.add(id(node));
        }
        return Collections.unmodifiableSet(ids);
    }

    private String names(int[] nodes) {
        return String.join(", ", ids(nodes));
    }

    private String names(BitSet nodes) {
        return nodes.isEmpty() ? "(base)" : String.join(", ", idSet(nodes));
    }

    private List<RevisionInfo> infos(List<Integer> nodes) {
        List<RevisionInfo> infos = new ArrayList<>(nodes.size());
        for (int node : nodes) {
            infos.add(revisions.get(node));
        }
        return Collections.unmodifiableList(infos);
    }

    private static int[] toIndices(BitSet set) {
        int[] out = new int[set.cardinality()];
        int count = 0;
        for (int node = set.nextSetBit(0); node >= 0; node = set.nextSetBit(node + 1)) {
            out[count++] = node;
        }
        return out;
    }

    private static BitSet toBitSet(int[] nodes) {
        BitSet set = new BitSet();
        for (int node : nodes) {
            set.set(node);
        }
        return set;
    }

    /** The nodes whose number of links (children, or parents) is within [min, max]. */
    private static int[] withChildCount(int[][] links, int min, int max) {
        int count = 0;
        for (int[] node : links) {
            if (node.length >= min && node.length <= max) {
                count++;
            }
        }
        int[] out = new int[count];
        count = 0;
        for (int i = 0; i < links.length; i++) {
            if (links[i].length >= min && links[i].length <= max) {
                out[count++] = i;
            }
        }
        return out;
    }

    /** Word characters only, so that ids never clash with the target grammar ({@code @ + - :}). */
    private static boolean isValidId(String id) {
        if (id.isEmpty() || RESERVED.contains(id)) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
