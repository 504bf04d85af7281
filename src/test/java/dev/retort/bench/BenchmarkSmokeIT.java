package dev.retort.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.retort.bench.Benchmarks.Results;
import dev.retort.bench.Benchmarks.RevisionResult;
import dev.retort.bench.Benchmarks.SizeResult;
import dev.retort.bench.Benchmarks.Variant;
import dev.retort.model.DatabaseKind;

/**
 * The benchmark harness in smoke mode (the smallest model, one run of everything, a short revision chain) on the
 * packaged jar and the launcher: it must run end to end, detect exactly the changes the synthetic model makes, and
 * produce figures for every measurement. Timings are printed, never asserted.
 */
class BenchmarkSmokeIT {

    @TempDir
    Path work;

    @Test
    void harnessRunsEndToEndAndDetectsTheChangesItMade() throws Exception {
        Path home = Path.of(System.getProperty("retort.home", ".")).toAbsolutePath();
        Benchmarks.Options options = new Benchmarks.Options(true, List.of(120), 1,
                List.of(DatabaseKind.SQLITE, DatabaseKind.POSTGRESQL), 20, work,
                Path.of(System.getProperty("retort.jar", home.resolve("target/retort.jar").toString())),
                home.resolve("retort"), null);
        Results results = new Benchmarks(options, System.out).run();
        System.out.println(BenchReport.markdown(results));

        assertFalse(results.sizes().isEmpty());
        for (SizeResult s : results.sizes()) {
            String where = s.kind + " N=" + s.n;
            assertEquals(7, s.expectedOps, where + ": six changes, one of them a new table with its index");
            assertEquals(s.expectedOps, s.detectedOps, where + ": the CLI's 'Detected' lines");
            assertEquals(s.expectedOps, s.phaseOps, where + ": the staged run's ops");
            assertTrue(s.peerStatements > 0, where + ": Hibernate's update writes at least the new table");
            for (Variant v : Variant.values()) {
                assertEquals(1, s.wall.get(v).count(), where + ": one timed run of " + v);
                assertTrue(s.wall.get(v).median() > 0, where + ": " + v);
            }
            assertTrue(s.heap.get(Variant.RETORT).median() > 0, where + ": the peak heap is read from the GC log");
            assertTrue(s.heap.get(Variant.PEER).median() > 0, where + ": the peer's peak heap");
            assertTrue(s.inspect.median() > 0 && s.floor.median() > 0, where + ": inspection and its floor");
            s.phases.forEach((phase, samples) -> assertTrue(samples.median() >= 0, where + ": stage " + phase));
        }
        for (RevisionResult r : results.revisions()) {
            assertEquals(20, r.historyLines, r.kind + ": history lists every revision");
            assertTrue(r.headOutput.endsWith(" (head)"), r.kind + ": " + r.headOutput);
            r.launcher.forEach((what, samples) -> assertTrue(samples.median() > 0, r.kind + ": ./retort " + what));
            assertTrue(r.floorJdbc.median() >= 0, r.kind + ": the bare SQL floor ran");
        }
        assertEquals(results.sizes().size(), results.revisions().size());
        String report = BenchReport.markdown(results);
        assertTrue(report.contains("### Targets"), report);
    }
}
