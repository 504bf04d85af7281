package dev.retort.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The full benchmark, run by {@code mvn -B -Pbench verify} (the profile runs only this, with its output on the
 * console, after packaging the jar). Options come from {@code -Dbench.*} properties; see {@link Benchmarks}.
 */
@EnabledIfSystemProperty(named = "retort.bench", matches = "full")
class BenchmarkRun {

    @Test
    void benchmarks() throws Exception {
        Benchmarks.Results results = Benchmarks.runAndReport(Benchmarks.Options.parse(new String[0]), System.out);
        assertFalse(results.sizes().isEmpty(), "nothing was measured");
    }
}
