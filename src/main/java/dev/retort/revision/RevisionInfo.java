package dev.retort.revision;

import java.io.IOException;
import java.nio.file.Files;
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
 * @param text      the source as it was read when the folder was scanned, or {@code null} (then the file is read
 *                  when it is needed); a copy of the file, so not part of equality
 */
public record RevisionInfo(String id, List<String> parents, String message, String created, Path source,
                           String className, SourceText text) {

    /** A revision whose source, if any, is read when it is needed. */
    public RevisionInfo(String id, List<String> parents, String message, String created, Path source, String className) {
        this(id, parents, message, created, source, className, null);
    }

    public RevisionInfo {
        Objects.requireNonNull(id, "id");
        parents = List.copyOf(parents);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(className, "className");
    }

    /** The source's bytes (not to be modified): as scanned, or read now; null for a precompiled class. */
    public byte[] sourceBytes() throws IOException {
        if (text != null) {
            return text.bytes();
        }
        return source == null ? null : Files.readAllBytes(source);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RevisionInfo r && id.equals(r.id) && parents.equals(r.parents) && message.equals(r.message)
                && created.equals(r.created) && Objects.equals(source, r.source) && className.equals(r.className);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, parents, message, created, source, className);
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
