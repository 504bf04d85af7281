package dev.retort.revision;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a migration says about itself in its {@code @Revision} annotation, plus where it came from.
 *
 * @param id        the revision id
 * @param parents   the revisions this one follows: none for a base, several for a merge
 * @param message   the message it was created with
 * @param created   when it was created (ISO-8601, as written in the annotation)
 * @param source    the {@code .java} file, or {@code null} for a precompiled class
 * @param className the fully qualified name of the migration class
 */
public record RevisionInfo(String id, List<String> parents, String message, String created, Path source,
                           String className) {

    public RevisionInfo {
        Objects.requireNonNull(id, "id");
        parents = List.copyOf(parents);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(className, "className");
    }

    /** Where the revision is defined: its file if it has one, else its class; for messages. */
    public String origin() {
        return source != null ? source.toString() : className;
    }

    @Override
    public String toString() {
        return id + (parents.isEmpty() ? "" : " <- " + String.join(", ", parents)) + ", " + message;
    }
}
