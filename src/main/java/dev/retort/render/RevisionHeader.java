package dev.retort.render;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What identifies a revision: its id (12 lowercase hex digits), its parents (none for the first revision,
 * several for a merge), the message it was created with and when ({@code created}, an ISO-8601 instant).
 * The id becomes part of a class name, so it is checked here rather than trusted.
 */
public record RevisionHeader(String id, List<String> parents, String message, String created) {

    private static final Pattern REVISION_ID = Pattern.compile("[0-9a-f]{12}");

    public RevisionHeader {
        requireRevisionId(id, "id");
        parents = List.copyOf(parents);
        parents.forEach(parent -> requireRevisionId(parent, "parent"));
        message = message == null ? "" : message;
        Objects.requireNonNull(created, "created");
    }

    static void requireRevisionId(String value, String what) {
        if (value == null || !REVISION_ID.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 12 lowercase hex digits: " + value);
        }
    }
}
