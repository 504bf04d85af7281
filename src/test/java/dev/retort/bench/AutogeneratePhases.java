package dev.retort.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import dev.retort.diff.SchemaComparator;
import dev.retort.inspect.SchemaInspector;
import dev.retort.metamodel.EntityClasses;
import dev.retort.metamodel.EntityLoader;
import dev.retort.metamodel.MetamodelReader;
import dev.retort.model.DatabaseKind;
import dev.retort.model.Schema;
import dev.retort.ops.Op;
import dev.retort.render.MigrationRenderer;
import dev.retort.render.RevisionHeader;
import dev.retort.revision.MigrationCompiler;

/**
 * Autogenerate against a database, stage by stage, timed: what {@code retort autogenerate --against-db} does
 * between reading its configuration and writing the file. Run as its own JVM it shows where a whole process spends
 * its time (the first stage pays for class loading); called repeatedly in one JVM it gives the warm costs.
 *
 * <pre>java -cp ... dev.retort.bench.AutogeneratePhases URL sqlite|postgresql ENTITIES</pre>
 */
public final class AutogeneratePhases {

    /**
     * Milliseconds per stage, wall clock and CPU time of the thread doing the work (the second moves less on a busy
     * machine); {@code jvmToMain} is from JVM start to this class's main (not set in process).
     */
    record Phases(long jvmToMain, long[] wall, long[] cpu, int ops, int sourceChars) {

        static final List<String> STAGES = List.of("load", "metadata", "inspect", "compare", "render");

        long loadEntities() { return wall[0]; }
        long metadata() { return wall[1]; }
        long inspect() { return wall[2]; }
        long compare() { return wall[3]; }
        long render() { return wall[4]; }

        String line() {
            StringBuilder s = new StringBuilder("phases jvm_to_main_ms=" + jvmToMain);
            for (int i = 0; i < STAGES.size(); i++) {
                s.append(' ').append(STAGES.get(i)).append("_ms=").append(wall[i])
                        .append(' ').append(STAGES.get(i)).append("_cpu_ms=").append(cpu[i]);
            }
            return s.append(" ops=").append(ops).append(" chars=").append(sourceChars).toString();
        }

        static Phases parse(String line) {
            java.util.Map<String, Long> values = new java.util.HashMap<>();
            for (String part : line.substring("phases ".length()).split(" ")) {
                String[] kv = part.split("=");
                values.put(kv[0], Long.parseLong(kv[1]));
            }
            long[] wall = new long[STAGES.size()];
            long[] cpu = new long[STAGES.size()];
            for (int i = 0; i < STAGES.size(); i++) {
                wall[i] = values.get(STAGES.get(i) + "_ms");
                cpu[i] = values.get(STAGES.get(i) + "_cpu_ms");
            }
            return new Phases(values.get("jvm_to_main_ms"), wall, cpu, values.get("ops").intValue(),
                    values.get("chars").intValue());
        }
    }

    private AutogeneratePhases() {
    }

    public static void main(String[] args) throws Exception {
        long jvmToMain = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        Phases p = measure(args[0], DatabaseKind.fromDialect(args[1]), Path.of(args[2]));
        System.out.println(new Phases(jvmToMain, p.wall(), p.cpu(), p.ops(), p.sourceChars()).line());
    }

    static Phases measure(String url, DatabaseKind kind, Path entities) throws SQLException {
        Clock clock = new Clock();
        Schema model;
        try (EntityClasses classes = EntityLoader.load(List.of(entities), List.of(),
                MigrationCompiler.defaultCacheDir().resolve("entities"))) {
            clock.lap();
            model = MetamodelReader.read(classes, kind, (String) null);
        }
        clock.lap();
        Schema database;
        try (Connection c = DriverManager.getConnection(url)) {
            database = SchemaInspector.inspect(c, kind, t -> !t.name().equalsIgnoreCase("retort_version"));
        }
        clock.lap();
        List<Op> ops = SchemaComparator.compare(model, database, kind);
        List<String> detected = SchemaComparator.describe(ops);
        List<String> warnings = SchemaComparator.warnings(ops);
        clock.lap();
        String source = new MigrationRenderer("bench.migrations")
                .render(new RevisionHeader("0123456789ab", List.of(), "bench", "2026-01-01T00:00:00Z"), ops, warnings)
                .toString();
        clock.lap();
        if (detected.size() != ops.size()) {
            throw new IllegalStateException("one detection line per op expected");
        }
        return new Phases(-1, clock.wall(), clock.cpu(), ops.size(), source.length());
    }

    /** Laps of wall-clock and thread CPU time. */
    private static final class Clock {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final long[] wall = new long[Phases.STAGES.size()];
        private final long[] cpu = new long[Phases.STAGES.size()];
        private int lap;
        private long lastWall = System.nanoTime();
        private long lastCpu = THREADS.getCurrentThreadCpuTime();

        void lap() {
            long w = System.nanoTime();
            long c = THREADS.getCurrentThreadCpuTime();
            wall[lap] = ms(w - lastWall);
            cpu[lap] = ms(c - lastCpu);
            lap++;
            lastWall = w;
            lastCpu = c;
        }

        long[] wall() {
            return wall;
        }

        long[] cpu() {
            return cpu;
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
