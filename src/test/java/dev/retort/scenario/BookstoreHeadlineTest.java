package dev.retort.scenario;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's headline flow on the repository's example: the bookstore is migrated without
 * {@code BookDetail.description}, the field is added back, and autogenerate writes exactly that change.
 */
class BookstoreHeadlineTest {

    static Stream<Target> targets() {
        return Target.selected();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void addingAFieldAutogeneratesAddColumn(Target target, @TempDir Path tmp) throws Exception {
        Path example = Models.bookstore();
        Path withoutDescription = tmp.resolve("without-description");
        Path detail = withoutDescription.resolve("bookstore/BookDetail.java");
        Files.createDirectories(detail.getParent());
        String source = Files.readString(example.resolve("bookstore/BookDetail.java"));
        // the field and its accessors are one line each in the example
        String stripped = source.lines().filter(l -> !l.contains("escription")).collect(Collectors.joining("\n", "", "\n"));
        assertTrue(source.contains("private String description;") && !stripped.contains("description"), stripped);
        Files.writeString(detail, stripped);

        ScenarioProject p = new ScenarioProject(tmp.resolve("project"), target);
        p.useEntities(example, withoutDescription);
        p.ok("autogenerate", "-m", "initial");
        p.ok("upgrade", "head");
        p.checkClean("after the initial revision");

        p.useEntities(example);
        ScenarioProject.Result added = p.ok("autogenerate", "-m", "add description");
        assertTrue(added.out().lines().anyMatch(l -> l.contains("added column 'BookDetail.description'")), added::toString);
        assertTrue(added.detected().size() == 1, () -> "only the new column is detected:\n" + added);
        assertNotNull(added.generated(), added::toString);
        String migration = Files.readString(added.generated());
        assertTrue(migration.contains("op.addColumn(\"BookDetail\", Column.of(\"description\", varchar(255)))"), migration);
        assertTrue(migration.contains("op.dropColumn(\"BookDetail\", Column.of(\"description\", varchar(255)))"), migration);
        assertTrue(added.generated().getFileName().toString().endsWith("_add_description.java"), added::toString);

        p.ok("upgrade", "head");
        p.checkClean("after adding the description");
        assertTrue(p.schema().table("BookDetail").orElseThrow().column("description").isPresent());
        p.ok("downgrade", "-1");
        assertTrue(p.schema().table("BookDetail").orElseThrow().column("description").isEmpty());
    }
}
