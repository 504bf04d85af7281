package dev.retort.api;

import java.util.List;

/** The differences {@code check} found between the entities and the migrations (or the live database). */
public record CheckResult(List<String> differences) {
    public CheckResult {
        differences = List.copyOf(differences);
    }

    public boolean inSync() {
        return differences.isEmpty();
    }
}
