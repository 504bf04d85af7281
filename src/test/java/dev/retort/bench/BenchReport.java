package dev.retort.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.retort.bench.Benchmarks.Results;
import dev.retort.bench.Benchmarks.RevisionResult;
import dev.retort.bench.Benchmarks.SizeResult;
import dev.retort.bench.Benchmarks.Variant;
import dev.retort.model.DatabaseKind;

/** The benchmark's results as Markdown: the tables, then each target as met or missed. */
final class BenchReport {

    /** One target of the issue: what was measured against what limit; {@code met} is null when not measured. */
    record Target(String what, String measured, String limit, Boolean met) {
        String line() {
            String verdict = met == null ? "NOT MEASURED" : met ? "MET" : "MISSED";
            return "- **" + verdict + "** " + what + ": " + measured + " (target " + limit + ")";
        }
    }

    private BenchReport() {
    }

    static String markdown(Results r) {
        StringBuilder md = new StringBuilder();
        md.append("## Results ").append(r.started()).append(r.options().smoke() ? " (smoke run)" : "").append("\n\n");
        md.append("- Machine: ").append(r.machine()).append('\n');
        md.append("- Load average (1, 5, 15 min): ").append(r.loadBefore()).append(" before, ").append(r.loadAfter())
                .append(" after\n");
        md.append("- ").append(r.options().runs()).append(" timed run(s) of each process")
                .append(r.options().smoke() ? "" : " after an untimed one (class-data archives, caches)")
                .append("; figures in ms, median (min–max); CPU = user + system time of the process\n");
        for (String s : r.skipped()) md.append("- Not measured: ").append(s).append('\n');
        md.append('\n');
        for (DatabaseKind kind : r.options().databases()) {
            List<SizeResult> sizes = r.sizes().stream().filter(s -> s.kind == kind).toList();
            Optional<RevisionResult> revisions = r.revisions().stream().filter(x -> x.kind == kind).findFirst();
            if (sizes.isEmpty() && revisions.isEmpty()) continue;
            md.append("### ").append(kind.displayName()).append("\n\n");
            if (!sizes.isEmpty()) autogenerate(md, sizes);
            revisions.ifPresent(x -> revisions(md, x));
        }
        md.append("### Targets\n\n");
        for (Target t : targets(r)) md.append(t.line()).append('\n');
        return md.toString();
    }

    private static void autogenerate(StringBuilder md, List<SizeResult> sizes) {
        md.append("autogenerate --against-db with 5 % of the model changed, whole process (wall ms)\n\n");
        md.append("| N | ").append(String.join(" | ", List.of(Variant.RETORT.label, Variant.RETORT_SOURCES.label,
                "./retort, sources, first run after the change (compiles)", Variant.RETORT_PLAIN.label, Variant.PEER.label,
                Variant.PEER_PLAIN.label, "Retort / Hibernate (./retort vs launcher options)"))).append(" |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SizeResult s : sizes) {
            md.append(String.format("| %,d | %s | %s | %s | %s | %s | %s | %s |%n", s.n, s.wall.get(Variant.RETORT).millis(),
                    s.wall.get(Variant.RETORT_SOURCES).millis(), s.sourcesCold.millis(), s.wall.get(Variant.RETORT_PLAIN).millis(),
                    s.wall.get(Variant.PEER).millis(), s.wall.get(Variant.PEER_PLAIN).millis(),
                    Samples.ratio(s.wall.get(Variant.RETORT), s.wall.get(Variant.PEER))));
        }
        md.append("\nCPU time of the same processes (ms, median), what each detected, peak heap\n\n");
        md.append("| N | ./retort, classes | ./retort, sources | java -jar | Hibernate, launcher options | Hibernate, java defaults"
                + " | changes detected by Retort (expected) | statements Hibernate's update writes | peak heap ./retort | peak heap Hibernate |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SizeResult s : sizes) {
            md.append(String.format("| %,d | %s | %s | %s | %s | %s | %d (%d) | %d | %s | %s |%n", s.n,
                    median(s.cpu.get(Variant.RETORT)), median(s.cpu.get(Variant.RETORT_SOURCES)),
                    median(s.cpu.get(Variant.RETORT_PLAIN)), median(s.cpu.get(Variant.PEER)),
                    median(s.cpu.get(Variant.PEER_PLAIN)), s.detectedOps, s.expectedOps, s.peerStatements,
                    s.heap.get(Variant.RETORT).megabytes(), s.heap.get(Variant.PEER).megabytes()));
        }
        md.append("\nWhere the time goes: the same work staged in one JVM per run (launcher's options + AppCDS; wall ms, median,"
                + " and in brackets the CPU time of the thread doing it)\n\n");
        md.append("| N | ").append(String.join(" | ", sizes.get(0).phases.keySet()))
                .append(" | total of the stages | Hibernate peer: boot | Hibernate peer: SchemaMigrator |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SizeResult s : sizes) {
            md.append(String.format("| %,d |", s.n));
            long total = 0;
            for (Map.Entry<String, Samples> e : s.phases.entrySet()) {
                Samples cpu = s.phaseCpu.get(e.getKey());
                md.append(' ').append(median(e.getValue())).append(cpu.isEmpty() ? "" : " (" + median(cpu) + ")").append(" |");
                if (!e.getKey().startsWith("JVM")) total += Math.max(0, e.getValue().median());
            }
            md.append(String.format(" %,d | %s | %s |%n", total, median(s.peerBoot), median(s.peerMigrate)));
        }
        md.append("\nInspection against the cheapest complete read of the same catalog, in process, warm (ms)\n\n");
        md.append("| N | inspection | catalog floor (three bulk queries) | ratio |\n|---:|---:|---:|---:|\n");
        for (SizeResult s : sizes) {
            md.append(String.format("| %,d | %s | %s | %s |%n", s.n, s.inspect.microsAsMillis(), s.floor.microsAsMillis(),
                    Samples.ratio(s.inspect, s.floor)));
        }
        md.append('\n');
    }

    private static void revisions(StringBuilder md, RevisionResult r) {
        md.append(String.format("%,d revisions, whole process (wall ms; CPU ms median for ./retort)%n%n", r.revisions));
        md.append("| command | ./retort | CPU | java -jar |\n|---|---:|---:|---:|\n");
        for (String what : r.launcher.keySet()) {
            md.append(String.format("| %s | %s | %s | %s |%n", what, r.launcher.get(what).millis(), median(r.launcherCpu.get(what)),
                    r.plain.get(what).millis()));
        }
        md.append(String.format("| bare SQL of the upgrade, database's own client, one commit per revision | %s | | |%n",
                r.floorClient.millis()));
        md.append(String.format("| bare SQL of the upgrade, JDBC in a warm JVM, one commit per revision | %s | | |%n",
                r.floorJdbc.millis()));
        if (!r.floorJdbcOneTransaction.isEmpty()) {
            md.append(String.format("| bare SQL of the upgrade, JDBC in a warm JVM, one transaction (as Retort on SQLite) | %s | | |%n",
                    r.floorJdbcOneTransaction.millis()));
        }
        md.append('\n');
    }

    static List<Target> targets(Results r) {
        List<Target> targets = new ArrayList<>();
        for (DatabaseKind kind : r.options().databases()) {
            String db = kind.displayName();
            Optional<SizeResult> n1000 = size(r, kind, 1000);
            Optional<SizeResult> n2000 = size(r, kind, 2000);
            if (r.sizes().stream().noneMatch(s -> s.kind == kind) && r.revisions().stream().noneMatch(x -> x.kind == kind)) {
                continue;
            }
            targets.add(n1000.map(s -> new Target(db + ": autogenerate at 1,000 tables, whole process (./retort)",
                    ms(s.wall.get(Variant.RETORT)), "<= 4,300 ms", s.wall.get(Variant.RETORT).median() <= 4300))
                    .orElse(notMeasured(db + ": autogenerate at 1,000 tables", "<= 4,300 ms")));
            targets.add(n1000.map(s -> {
                double ratio = Samples.ratioValue(s.wall.get(Variant.RETORT), s.wall.get(Variant.PEER));
                return new Target(db + ": autogenerate at 1,000 tables against Hibernate's SchemaMigrator, same JVM options",
                        String.format("%.2fx (%s vs %s; with java defaults %s vs %s, %s); Retort detected %d changes, Hibernate's "
                                        + "update writes %d statements", ratio, ms(s.wall.get(Variant.RETORT)), ms(s.wall.get(Variant.PEER)),
                                ms(s.wall.get(Variant.RETORT_PLAIN)), ms(s.wall.get(Variant.PEER_PLAIN)),
                                Samples.ratio(s.wall.get(Variant.RETORT_PLAIN), s.wall.get(Variant.PEER_PLAIN)),
                                s.detectedOps, s.peerStatements),
                        "<= 1.0x", ratio <= 1.0);
            }).orElse(notMeasured(db + ": autogenerate against Hibernate's SchemaMigrator", "<= 1.0x")));
            targets.add(n1000.map(s -> {
                double ratio = Samples.ratioValue(s.inspect, s.floor);
                return new Target(db + ": inspection of 1,000 tables in process against the cheapest complete catalog read",
                        String.format("%.2fx (%s ms vs %s ms)", ratio, s.inspect.median() / 1000.0, s.floor.median() / 1000.0),
                        "<= 1.5x", ratio <= 1.5);
            }).orElse(notMeasured(db + ": inspection against the catalog floor", "<= 1.5x")));
            if (n1000.isPresent() && n2000.isPresent()) {
                double ratio = Samples.ratioValue(n2000.get().wall.get(Variant.RETORT), n1000.get().wall.get(Variant.RETORT));
                targets.add(new Target(db + ": autogenerate at 2,000 tables against 1,000, whole process (./retort)",
                        String.format("%.2fx (%s vs %s)", ratio, ms(n2000.get().wall.get(Variant.RETORT)),
                                ms(n1000.get().wall.get(Variant.RETORT))), "<= 2.2x", ratio <= 2.2));
                Samples heap = n2000.get().heap.get(Variant.RETORT);
                targets.add(new Target(db + ": peak heap of autogenerate at 2,000 tables (./retort)",
                        String.format("%,d MB (largest of %d runs)", heap.max() >> 20, heap.count()), "<= 512 MB",
                        heap.max() >= 0 && heap.max() <= 512L << 20));
            } else {
                targets.add(notMeasured(db + ": 2,000 tables against 1,000", "<= 2.2x"));
                targets.add(notMeasured(db + ": peak heap at 2,000 tables", "<= 512 MB"));
            }
            Optional<RevisionResult> revisions = r.revisions().stream().filter(x -> x.kind == kind).findFirst();
            boolean thousand = revisions.isPresent() && revisions.get().revisions == 1000;
            targets.add(thousand ? new Target(db + ": upgrade from base through 1,000 revisions, warm compile cache, whole process (./retort)",
                    ms(revisions.get().launcher.get("upgrade, warm compile cache")), "<= 2,500 ms",
                    revisions.get().launcher.get("upgrade, warm compile cache").median() <= 2500)
                    : notMeasured(db + ": upgrade through 1,000 revisions", "<= 2,500 ms"));
            targets.add(thousand ? new Target(db + ": heads over 1,000 revisions, whole process (./retort)",
                    ms(revisions.get().launcher.get("heads")), "<= 500 ms", revisions.get().launcher.get("heads").median() <= 500)
                    : notMeasured(db + ": heads over 1,000 revisions", "<= 500 ms"));
        }
        return targets;
    }

    private static Optional<SizeResult> size(Results r, DatabaseKind kind, int n) {
        return r.sizes().stream().filter(s -> s.kind == kind && s.n == n && !s.wall.get(Variant.RETORT).isEmpty()).findFirst();
    }

    private static Target notMeasured(String what, String limit) {
        return new Target(what, "not in this run", limit, null);
    }

    private static String ms(Samples s) {
        return s.millis() + " ms";
    }

    private static String median(Samples s) {
        return s.isEmpty() ? "–" : String.format("%,d", s.median());
    }
}
