package dev.retort.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What autogenerate found and wrote: one line per detected change ({@code added column 'BookDetail.description'}),
 * warnings about unsafe operations, and the written file (null when nothing was written).
 */
public record AutogenerateResult(List<String> detected, List<String> warnings, Path file) {
    public AutogenerateResult {
        detected = List.copyOf(detected);
        warnings = List.copyOf(warnings);
    }
}
