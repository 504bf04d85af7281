package dev.retort.revision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Revision histories for tests: in memory, or as migration sources in a folder. */
final class Histories {

    static final String PACKAGE = "db.migrations";

    private Histories() {
    }

    static RevisionInfo rev(String id, String... parents) {
        return new RevisionInfo(id, List.of(parents), "message of " + id, "2026-01-01T00:00:00Z", null,
                PACKAGE + ".R" + id);
    }

    static RevisionGraph graph(RevisionInfo... revisions) {
        return RevisionGraph.of(Arrays.asList(revisions));
    }

    /** a1 - b2 - c3 - d4 */
    static RevisionGraph linear() {
        return graph(rev("a1"), rev("b2", "a1"), rev("c3", "b2"), rev("d4", "c3"));
    }

    /** a1 - b1 < (c1 - d1) and (e1 - f1): a branch point at b1 and two heads */
    static RevisionGraph branched() {
        return graph(rev("a1"), rev("b1", "a1"), rev("c1", "b1"), rev("d1", "c1"), rev("e1", "b1"), rev("f1", "e1"));
    }

    /** {@link #branched()} merged again: m1 merges d1 and f1, n1 follows */
    static RevisionGraph merged() {
        return graph(rev("a1"), rev("b1", "a1"), rev("c1", "b1"), rev("d1", "c1"), rev("e1", "b1"), rev("f1", "e1"),
                rev("m1", "d1", "f1"), rev("n1", "m1"));
    }

    static List<String> ids(List<RevisionInfo> revisions) {
        return revisions.stream().map(RevisionInfo::id).toList();
    }

    /** "+a1" for an upgrade of a1, "-a1" for a downgrade. */
    static List<String> moves(List<Step> steps) {
        return steps.stream().map(step -> (step.upgrade() ? "+" : "-") + step.id()).toList();
    }

    /** Each step's version change, "-x-y+z" style, for exact comparison. */
    static List<String> changes(List<Step> steps) {
        List<String> out = new ArrayList<>();
        for (Step step : steps) {
            out.add(change(step.versionChange()));
        }
        return out;
    }

    static String change(VersionChange change) {
        return change.deleteRows().stream().map(row -> "-" + row).collect(Collectors.joining())
                + change.insertRows().stream().map(row -> "+" + row).collect(Collectors.joining());
    }

    /** Writes a migration source the way the renderer would, with an upgrade that runs {@code sql}. */
    static Path writeMigration(Path dir, String id, List<String> parents, String message, String sql) {
        String parentList = parents.stream().map(p -> "\"" + p + "\"").collect(Collectors.joining(", "));
        String source = """
                package %s;

                import dev.retort.ops.Migration;
                import dev.retort.ops.Operations;
                import dev.retort.ops.Revision;

                @Revision(id = "%s", parents = {%s}, message = "%s", created = "2026-03-01T10:00:00Z")
                public class R%s_migration extends Migration {

                    @Override
                    public void upgrade(Operations op) {
                        op.execute("%s");
                    }

                    @Override
                    public void downgrade(Operations op) {
                        op.execute("undo %s");
                    }
                }
                """.formatted(PACKAGE, id, parentList, message, id, sql, sql);
        return write(dir.resolve("R" + id + "_migration.java"), source);
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A linear history of {@code count} generated ids, oldest first. */
    static List<String> linearIds(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(RevisionId.generate());
        }
        return ids;
    }
}
