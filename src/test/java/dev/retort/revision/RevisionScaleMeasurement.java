package dev.retort.revision;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static dev.retort.revision.Histories.PACKAGE;
import static dev.retort.revision.Histories.writeMigration;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Measures the revision room on 1,000 migrations and prints the numbers; it asserts only behaviour. Run
 * with {@code -Dretort.measure=true}: the cold compile takes a while.
 */
@EnabledIfSystemProperty(named = "retort.measure", matches = "true")
class RevisionScaleMeasurement {

    @TempDir
    Path dir;

    @Test
    void thousandRevisions() {
        List<String> ids = Histories.linearIds(1000);
        Path migrations = dir.resolve("migrations");
        for (int i = 0; i < ids.size(); i++) {
            writeMigration(migrations, ids.get(i), i == 0 ? List.of() : List.of(ids.get(i - 1)), "step " + i, "sql " + i);
        }

        long t0 = System.nanoTime();
        List<RevisionInfo> scanned = MigrationScanner.scan(migrations, PACKAGE);
        long t1 = System.nanoTime();
        RevisionGraph graph = RevisionGraph.of(scanned);
        List<String> heads = graph.heads();
        long t2 = System.nanoTime();
        List<RevisionInfo> history = graph.history();
        long t3 = System.nanoTime();
        List<Step> plan = graph.upgradePlan(Set.of(), "head");
        long t4 = System.nanoTime();
        // the same again, now that the JIT has seen it (a long-running host, e.g. the Maven plugin daemon)
        RevisionGraph.of(MigrationScanner.scan(migrations, PACKAGE)).history();
        long t5 = System.nanoTime();

        assertEquals(List.of(ids.get(999)), heads);
        assertEquals(1000, history.size());
        assertEquals(1000, plan.size());

        MigrationCompiler cold = new MigrationCompiler(dir.resolve("cache"));
        long c0 = System.nanoTime();
        long cpu0 = cpu();
        MigrationClasses compiled = cold.compile(scanned);
        long c1 = System.nanoTime();
        long cpu1 = cpu();
        compiled.all();
        long c2 = System.nanoTime();

        MigrationCompiler warm = new MigrationCompiler(dir.resolve("cache"));
        long w0 = System.nanoTime();
        long cpu2 = cpu();
        MigrationClasses cached = warm.compile(scanned);
        long w1 = System.nanoTime();
        long cpu3 = cpu();
        cached.all();
        for (String id : ids) {
            cached.instantiate(id);
        }
        long w2 = System.nanoTime();

        assertEquals(1, cold.javacRuns());
        assertEquals(0, warm.javacRuns());

        System.out.printf("scan 1000 files: %d ms; graph+heads: %d ms; history: %d ms; upgrade plan: %d ms; "
                        + "scan+graph+history again: %d ms%n", ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), ms(t4 - t3),
                ms(t5 - t4));
        System.out.printf("cold compile 1000 (one javac): %d ms (cpu %d ms); load 1000 classes: %d ms%n", ms(c1 - c0),
                ms(cpu1 - cpu0), ms(c2 - c1));
        System.out.printf("warm cache read 1000: %d ms (cpu %d ms); load + instantiate 1000: %d ms%n", ms(w1 - w0),
                ms(cpu3 - cpu2), ms(w2 - w1));
        System.out.printf("load average: %.1f on %d cores%n",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
