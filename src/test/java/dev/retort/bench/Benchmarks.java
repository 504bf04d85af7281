package dev.retort.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.retort.inspect.SchemaInspector;
import dev.retort.model.DatabaseKind;
import dev.retort.testing.PostgresServer;

/**
 * The benchmark harness: Retort at scale next to Hibernate's own schema tooling and the bare floors, in one run.
 *
 * <p>For each database and each model size N it generates the synthetic model ({@link SyntheticModel}), builds the
 * database at the state before the change, and times in turn, whole processes each: {@code ./retort autogenerate
 * --against-db} with the entities as classes and as sources, the same with plain {@code java -jar}, Hibernate's
 * {@code SchemaMigrator} ({@link HibernatePeer}) with the launcher's JVM options and with Java's defaults, and
 * {@link AutogeneratePhases} for where the time goes; then, in this JVM, inspection against the cheapest complete
 * read of the same catalog ({@link CatalogFloor}). For each database it also times {@code upgrade} from base through
 * a chain of revisions (cold and warm compile cache) against the same SQL run bare ({@link BareSqlFloor}), and
 * {@code current}, {@code heads} and {@code history}. Every process runs several times, variants interleaved so
 * that a busy spell of the machine spreads over all of them; the report gives medians, spreads and the targets.
 *
 * <pre>
 * mvn -B -Pbench verify                                   # everything, about 15 minutes on 2 cores
 * mvn -B -Pbench verify -Dbench.sizes=1000 -Dbench.runs=5  # one size, more runs
 * </pre>
 *
 * Options (arguments {@code --name value} or system properties {@code bench.name}): {@code sizes} (100,500,1000,2000),
 * {@code runs} (3), {@code databases} (sqlite,postgresql), {@code revisions} (1000), {@code work} (a temp folder),
 * {@code report} (a Markdown file to write), {@code smoke} (smallest everything, one run); {@code retort.jar} and
 * {@code retort.home} (where the jar and the {@code retort} launcher are).
 */
public final class Benchmarks {

    /** What one benchmark run covers. */
    record Options(boolean smoke, List<Integer> sizes, int runs, List<DatabaseKind> databases, int revisions, Path work,
                   Path jar, Path launcher, Path report) {

        static Options parse(String[] args) throws IOException {
            Map<String, String> given = new HashMap<>();
            for (String key : List.of("sizes", "runs", "databases", "revisions", "work", "report", "smoke")) {
                String value = System.getProperty("bench." + key);
                if (value != null && !value.isBlank()) given.put(key, value);
            }
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
                String key = args[i].substring(2);
                if (key.equals("smoke")) given.put(key, "true");
                else if (i + 1 < args.length) given.put(key, args[++i]);
                else throw new IllegalArgumentException("--" + key + " needs a value");
            }
            boolean smoke = Boolean.parseBoolean(given.getOrDefault("smoke", "false"));
            List<Integer> sizes = Arrays.stream(given.getOrDefault("sizes", smoke ? "120" : "100,500,1000,2000").split(","))
                    .map(String::trim).map(Integer::parseInt).toList();
            int runs = Integer.parseInt(given.getOrDefault("runs", smoke ? "1" : "3"));
            List<DatabaseKind> databases = Arrays.stream(given.getOrDefault("databases", "sqlite,postgresql").split(","))
                    .map(String::trim).map(DatabaseKind::fromDialect).toList();
            int revisions = Integer.parseInt(given.getOrDefault("revisions", smoke ? "40" : "1000"));
            Path work = given.containsKey("work") ? Path.of(given.get("work")) : Files.createTempDirectory("retort-bench-");
            Path home = Path.of(System.getProperty("retort.home", ".")).toAbsolutePath().normalize();
            Path jar = Path.of(System.getProperty("retort.jar", home.resolve("target/retort.jar").toString())).toAbsolutePath();
            Path report = given.containsKey("report") ? Path.of(given.get("report")).toAbsolutePath() : null;
            return new Options(smoke, sizes, runs, databases, revisions, work.toAbsolutePath(), jar,
                    home.resolve("retort"), report);
        }
    }

    /** The whole processes timed for each model size. */
    enum Variant {
        RETORT("./retort, entities as classes"),
        RETORT_SOURCES("./retort, entities as sources (compile cache warm)"),
        RETORT_PLAIN("java -jar, entities as classes"),
        PEER("Hibernate SchemaMigrator, launcher's JVM options + AppCDS"),
        PEER_PLAIN("Hibernate SchemaMigrator, java defaults"),
        PHASES("stages (launcher's JVM options + AppCDS)");

        final String label;

        Variant(String label) {
            this.label = label;
        }
    }

    /** Figures for one model size on one database. */
    static final class SizeResult {
        final DatabaseKind kind;
        final int n;
        int expectedOps;
        int detectedOps = -1;
        int phaseOps = -1;
        int peerStatements = -1;
        final Map<Variant, Samples> wall = new EnumMap<>(Variant.class);
        final Map<Variant, Samples> cpu = new EnumMap<>(Variant.class);
        final Map<Variant, Samples> heap = new EnumMap<>(Variant.class);
        final Samples sourcesCold = new Samples();
        final Map<String, Samples> phases = new LinkedHashMap<>();
        final Map<String, Samples> phaseCpu = new LinkedHashMap<>();
        final Samples peerBoot = new Samples();
        final Samples peerMigrate = new Samples();
        /** Microseconds. */
        final Samples inspect = new Samples();
        /** Microseconds. */
        final Samples floor = new Samples();

        SizeResult(DatabaseKind kind, int n) {
            this.kind = kind;
            this.n = n;
            for (Variant v : Variant.values()) {
                wall.put(v, new Samples());
                cpu.put(v, new Samples());
                heap.put(v, new Samples());
            }
            for (String phase : List.of("JVM start to main", "load entities", "metadata (Hibernate boot)", "inspection",
                    "comparison", "rendering")) {
                phases.put(phase, new Samples());
                phaseCpu.put(phase, new Samples());
            }
        }
    }

    /** Figures for the revision chain on one database. */
    static final class RevisionResult {
        final DatabaseKind kind;
        final int revisions;
        final Map<String, Samples> launcher = new LinkedHashMap<>();
        final Map<String, Samples> plain = new LinkedHashMap<>();
        final Map<String, Samples> launcherCpu = new LinkedHashMap<>();
        final Samples floorClient = new Samples();
        final Samples floorJdbc = new Samples();
        final Samples floorJdbcOneTransaction = new Samples();
        String headOutput;
        int historyLines = -1;

        RevisionResult(DatabaseKind kind, int revisions) {
            this.kind = kind;
            this.revisions = revisions;
            for (String what : List.of("upgrade, cold compile cache", "upgrade, warm compile cache", "current", "heads",
                    "history")) {
                launcher.put(what, new Samples());
                plain.put(what, new Samples());
                launcherCpu.put(what, new Samples());
            }
        }
    }

    /** Everything one run measured. */
    record Results(Options options, String machine, String loadBefore, String loadAfter, Instant started,
                   List<SizeResult> sizes, List<RevisionResult> revisions, List<String> skipped) {
    }

    /** Hibernate logs its boot at INFO (the in-process model reads); the CLI silences it the same way. */
    private static final java.util.logging.Logger HIBERNATE_LOG = java.util.logging.Logger.getLogger("org.hibernate");
    private static final Pattern LAUNCHER_OPTS = Pattern.compile("(?m)^opts=\"([^\"]*)\"");

    private final Options options;
    private final PrintStream log;
    private final List<String> jvmOptions;
    private Path tools;

    Benchmarks(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
        this.jvmOptions = launcherOptions(options.launcher());
    }

    public static void main(String[] args) throws Exception {
        runAndReport(Options.parse(args), System.out);
    }

    /** Runs everything, prints the report to {@code out} and writes it to the report file, if one is set. */
    static Results runAndReport(Options options, PrintStream out) throws Exception {
        Results results = new Benchmarks(options, out).run();
        String report = BenchReport.markdown(results);
        out.println();
        out.println(report);
        if (options.report() != null) {
            Files.createDirectories(options.report().getParent());
            Files.writeString(options.report(), report);
            out.println("Report written to " + options.report());
        }
        return results;
    }

    /**
     * The JVM options the launcher gives Retort, read from the launcher itself so that the peer's JVM gets exactly
     * the same; class-data sharing is added per JVM.
     */
    static List<String> launcherOptions(Path launcher) {
        try {
            Matcher m = LAUNCHER_OPTS.matcher(Files.readString(launcher));
            if (m.find()) {
                return List.of(m.group(1).trim().split("\\s+"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the launcher " + launcher, e);
        }
        throw new IllegalStateException("no opts=\"...\" line in " + launcher);
    }

    Results run() throws Exception {
        HIBERNATE_LOG.setLevel(java.util.logging.Level.WARNING);
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String loadBefore = Machine.load();
        log.printf("Retort benchmarks: %s%nwork folder %s, load %s%n", Machine.describe(), options.work(), loadBefore);
        if (!Files.isRegularFile(options.jar())) {
            throw new IllegalStateException("no " + options.jar() + ": run 'mvn -B -DskipTests package' first");
        }
        Files.createDirectories(options.work());
        tools = benchToolsJar(options.work());
        List<SizeResult> sizes = new ArrayList<>();
        List<RevisionResult> revisions = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (DatabaseKind kind : options.databases()) {
            if (kind == DatabaseKind.POSTGRESQL) {
                try {
                    PostgresServer.get();
                } catch (RuntimeException e) {
                    if ("true".equals(System.getenv("CI"))) throw e;
                    skipped.add("PostgreSQL: " + e.getMessage());
                    log.println("skipped PostgreSQL: " + e.getMessage());
                    continue;
                }
            }
            Path dbWork = options.work().resolve(name(kind));
            Files.createDirectories(dbWork);
            // a jar per database, so that the launcher's class-data archives are what a user of that database gets
            Path jar = dbWork.resolve("retort.jar");
            Files.copy(options.jar(), jar, StandardCopyOption.REPLACE_EXISTING);
            for (int n : options.sizes()) {
                try {
                    sizes.add(measureSize(kind, n, dbWork, jar));
                } catch (Exception | AssertionError e) {
                    failed(skipped, kind.displayName() + " N=" + n, e);
                }
            }
            try {
                revisions.add(measureRevisions(kind, dbWork, jar));
            } catch (Exception | AssertionError e) {
                failed(skipped, kind.displayName() + " revisions", e);
            }
        }
        return new Results(options, Machine.describe(), loadBefore, Machine.load(), started, sizes, revisions, skipped);
    }

    /** A long run goes on after a failure (the report names it); the smoke run, a test, fails on the first. */
    private void failed(List<String> problems, String what, Throwable e) throws Exception {
        if (options.smoke()) {
            if (e instanceof Exception ex) throw ex;
            throw (Error) e;
        }
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        problems.add(what + " failed: " + e.getClass().getSimpleName() + ": " + message);
        log.println(what + " FAILED:");
        e.printStackTrace(log);
    }

    // ------------------------------------------------------------------------------------------------ autogenerate

    private SizeResult measureSize(DatabaseKind kind, int n, Path dbWork, Path jar) throws Exception {
        SizeResult result = new SizeResult(kind, n);
        Path dir = dbWork.resolve("n" + n);
        long t0 = System.nanoTime();
        BenchProject project = BenchProject.create(dir, n, kind, newDatabase(kind, null));
        result.expectedOps = project.model().expectedOps();
        log.printf("%n%s N=%d: project generated and database built in %,d ms (%d changes, %d ops expected), load %s%n",
                kind.displayName(), n, (System.nanoTime() - t0) / 1_000_000, project.model().changes().size(),
                result.expectedOps, Machine.load());
        Map<String, String> env = Map.of("RETORT_JAR", jar.toString(), "RETORT_CACHE_DIR", dbWork.resolve("cache").toString());

        List<Variant> variants = new ArrayList<>(List.of(Variant.RETORT, Variant.RETORT_SOURCES, Variant.PEER, Variant.PHASES));
        if (n == 1000 || options.smoke() || options.sizes().size() == 1) {
            variants.addAll(List.of(Variant.RETORT_PLAIN, Variant.PEER_PLAIN));
        }
        if (!options.smoke()) {
            // untimed: creates the class-data archives, fills the entity compile cache (that first run is the cold
            // figure for sources) and the OS file cache
            for (Variant v : variants) {
                ProcessRun warm = runVariant(v, project, jar, env, result, false);
                if (v == Variant.RETORT_SOURCES) result.sourcesCold.add(warm.millis());
            }
        }
        for (int round = 0; round < options.runs(); round++) {
            List<Variant> order = new ArrayList<>(variants);
            java.util.Collections.rotate(order, round);
            StringBuilder line = new StringBuilder(String.format("  round %d/%d:", round + 1, options.runs()));
            for (Variant v : order) {
                ProcessRun run = runVariant(v, project, jar, env, result, true);
                line.append(String.format(" %s %,d ms;", v.name().toLowerCase(Locale.ROOT), run.millis()));
            }
            log.println(line + " load " + Machine.load());
        }
        measureInspection(project, result);
        log.printf("  in process, warm: inspection %s ms, catalog floor %s ms (%s)%n", result.inspect.microsAsMillis(),
                result.floor.microsAsMillis(), Samples.ratio(result.inspect, result.floor));
        return result;
    }

    private ProcessRun runVariant(Variant v, BenchProject project, Path jar, Map<String, String> env, SizeResult result,
                                  boolean record) {
        Path scratch = project.dir().resolve("scratch");
        Path gcLog = ProcessRun.tempFile(scratch, "gc-", ".log");
        String gc = ProcessRun.gcLogOption(gcLog);
        String kind = name(project.kind());
        List<String> autogenerate = List.of("autogenerate", "-m", "bench", "--against-db");
        ProcessRun run = switch (v) {
            case RETORT, RETORT_SOURCES -> {
                List<String> command = new ArrayList<>(List.of("sh", options.launcher().toString(), "-c",
                        v == Variant.RETORT ? BenchProject.CLASSES_CONFIG : BenchProject.SOURCES_CONFIG));
                command.addAll(autogenerate);
                Map<String, String> withGc = new HashMap<>(env);
                withGc.put("RETORT_JAVA_OPTS", gc);
                yield ProcessRun.run(command, project.dir(), withGc, scratch, gcLog);
            }
            case RETORT_PLAIN -> {
                List<String> command = new ArrayList<>(List.of(java(), gc, "-jar", jar.toString(), "-c", BenchProject.CLASSES_CONFIG));
                command.addAll(autogenerate);
                yield ProcessRun.run(command, project.dir(), env, scratch, gcLog);
            }
            case PEER, PEER_PLAIN -> {
                List<String> command = new ArrayList<>(List.of(java()));
                if (v == Variant.PEER) command.addAll(tuned(project.dir().getParent().resolve("cds").resolve("peer.jsa")));
                command.add(gc); // after the launcher's options, whose -Xlog:disable would turn it off
                command.addAll(List.of("-cp", jar + java.io.File.pathSeparator + tools, HibernatePeer.class.getName(),
                        project.url(), kind, project.classes().toString(), project.dir().resolve("peer.sql").toString()));
                yield ProcessRun.run(command, project.dir(), env, scratch, gcLog);
            }
            case PHASES -> {
                List<String> command = new ArrayList<>(List.of(java()));
                command.addAll(tuned(project.dir().getParent().resolve("cds").resolve("phases.jsa")));
                command.addAll(List.of("-cp", jar + java.io.File.pathSeparator + tools, AutogeneratePhases.class.getName(),
                        project.url(), kind, project.classes().toString()));
                yield ProcessRun.run(command, project.dir(), env, scratch, null);
            }
        };
        run.requireSuccess();
        switch (v) {
            case RETORT, RETORT_SOURCES, RETORT_PLAIN -> {
                int detected = (int) run.stdoutLines().stream().filter(l -> l.startsWith("Detected ")).count();
                run.line("Generating ");
                result.detectedOps = detected;
                if (detected != result.expectedOps) {
                    throw new IllegalStateException(v + " detected " + detected + " changes, expected " + result.expectedOps
                            + ":\n" + run.stdout());
                }
                project.clearMigrations();
            }
            case PEER, PEER_PLAIN -> {
                Map<String, Long> figures = figures(run.line("peer "), "peer ");
                result.peerStatements = figures.get("statements").intValue();
                if (record && v == Variant.PEER) {
                    result.peerBoot.add(figures.get("boot_ms"));
                    result.peerMigrate.add(figures.get("migrate_ms"));
                }
            }
            case PHASES -> {
                AutogeneratePhases.Phases p = AutogeneratePhases.Phases.parse(run.line("phases "));
                result.phaseOps = p.ops();
                if (record) {
                    result.phases.get("JVM start to main").add(p.jvmToMain());
                    int i = 0;
                    for (Map.Entry<String, Samples> e : result.phases.entrySet()) {
                        if (e.getKey().startsWith("JVM")) continue;
                        e.getValue().add(p.wall()[i]);
                        result.phaseCpu.get(e.getKey()).add(p.cpu()[i]);
                        i++;
                    }
                }
            }
        }
        if (record) {
            result.wall.get(v).add(run.millis());
            result.cpu.get(v).add(run.cpuMillis());
            result.heap.get(v).add(run.peakHeapBytes());
        }
        return run;
    }

    /** The launcher's JVM options and class-data sharing through {@code archive} (recorded by the first run). */
    private List<String> tuned(Path archive) {
        List<String> command = new ArrayList<>(jvmOptions);
        try {
            Files.createDirectories(archive.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        command.add(Files.isRegularFile(archive) ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + archive);
        return command;
    }

    private void measureInspection(BenchProject project, SizeResult result) throws SQLException {
        // warm: the inspector has more code than the floor's loop for the JIT to finish compiling
        int iterations = options.smoke() ? 2 : 30;
        int warmups = options.smoke() ? 1 : 10;
        try (Connection c = DriverManager.getConnection(project.url())) {
            for (int i = 0; i < warmups; i++) {
                SchemaInspector.inspect(c, project.kind(), t -> true);
                CatalogFloor.read(c, project.kind());
            }
            for (int i = 0; i < iterations; i++) {
                // alternate who goes first: a page cache or a JIT that favours the second would show
                for (int k = 0; k < 2; k++) {
                    long t0 = System.nanoTime();
                    if ((i + k) % 2 == 0) {
                        SchemaInspector.inspect(c, project.kind(), t -> true);
                        result.inspect.add((System.nanoTime() - t0) / 1_000);
                    } else {
                        CatalogFloor.read(c, project.kind());
                        result.floor.add((System.nanoTime() - t0) / 1_000);
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ revisions

    private RevisionResult measureRevisions(DatabaseKind kind, Path dbWork, Path jar) throws Exception {
        RevisionResult result = new RevisionResult(kind, options.revisions());
        Path dir = dbWork.resolve("revisions");
        String head = RevisionChain.write(dir.resolve("migrations"), options.revisions());
        Files.writeString(dir.resolve("retort.properties"), String.join("\n",
                "# generated by dev.retort.bench: a chain of " + options.revisions() + " small revisions",
                "dialect=" + name(kind), "migrations=migrations", "migrations-package=" + RevisionChain.PACKAGE, ""));
        Path scratch = dir.resolve("scratch");
        Path warmCache = dir.resolve("cache-warm");
        log.printf("%n%s, %d revisions, load %s%n", kind.displayName(), options.revisions(), Machine.load());
        int[] databases = {0};

        // untimed: the launcher's class-data archive for 'upgrade', and the warm compile cache
        if (!options.smoke()) {
            upgrade(true, kind, dir, jar, warmCache, newDatabase(kind, dir.resolve("db-" + databases[0]++ + ".sqlite")), scratch);
        }
        int coldRuns = Math.max(1, Math.min(options.runs(), 3));
        for (int i = 0; i < coldRuns; i++) {
            Path cold = dir.resolve("cache-cold-" + i);
            ProcessRun run = upgrade(true, kind, dir, jar, cold, newDatabase(kind, dir.resolve("db-" + databases[0]++ + ".sqlite")), scratch);
            record(result, "upgrade, cold compile cache", true, run);
            log.printf("  upgrade, cold compile cache: %,d ms%n", run.millis());
        }
        String atHead = null;
        for (int i = 0; i < options.runs(); i++) {
            for (boolean launcher : new boolean[] {i % 2 == 0, i % 2 != 0}) {
                String url = newDatabase(kind, dir.resolve("db-" + databases[0]++ + ".sqlite"));
                ProcessRun run = upgrade(launcher, kind, dir, jar, warmCache, url, scratch);
                record(result, "upgrade, warm compile cache", launcher, run);
                atHead = url;
            }
        }
        log.printf("  upgrade, warm compile cache: ./retort %s ms, java -jar %s ms%n",
                result.launcher.get("upgrade, warm compile cache").millis(), result.plain.get("upgrade, warm compile cache").millis());

        Map<String, String> env = Map.of("RETORT_JAR", jar.toString(), "RETORT_CACHE_DIR", warmCache.toString());
        for (String command : List.of("current", "heads", "history")) {
            if (!options.smoke()) {
                retort(true, dir, jar, env, scratch, "--url", atHead, command).requireSuccess();
            }
            for (int i = 0; i < options.runs(); i++) {
                for (boolean launcher : new boolean[] {i % 2 == 0, i % 2 != 0}) {
                    ProcessRun run = retort(launcher, dir, jar, env, scratch, "--url", atHead, command).requireSuccess();
                    record(result, command, launcher, run);
                    switch (command) {
                        case "current", "heads" -> {
                            result.headOutput = run.stdout().strip();
                            if (!result.headOutput.equals(head + " (head)")) {
                                throw new IllegalStateException(command + " printed '" + result.headOutput + "', expected " + head);
                            }
                        }
                        default -> result.historyLines = run.stdoutLines().size();
                    }
                }
            }
            log.printf("  %s: ./retort %s ms, java -jar %s ms%n", command, result.launcher.get(command).millis(),
                    result.plain.get(command).millis());
        }
        if (result.historyLines != options.revisions()) {
            throw new IllegalStateException("history listed " + result.historyLines + " revisions of " + options.revisions());
        }

        // the floors: the same SQL, bare
        ProcessRun offline = retort(true, dir, jar, env, scratch, "upgrade", "head", "--sql").requireSuccess();
        Path script = dir.resolve("upgrade.sql");
        Files.writeString(script, offline.stdout());
        List<List<String>> transactions = BareSqlFloor.transactions(offline.stdout());
        for (int i = 0; i < options.runs(); i++) {
            ProcessRun client = BareSqlFloor.client(kind, newDatabase(kind, dir.resolve("db-" + databases[0]++ + ".sqlite")),
                    script, dir, scratch);
            if (client != null) result.floorClient.add(client.millis());
            result.floorJdbc.add(BareSqlFloor.jdbc(newDatabase(kind, dir.resolve("db-" + databases[0]++ + ".sqlite")),
                    transactions, false));
            if (kind == DatabaseKind.SQLITE) {
                result.floorJdbcOneTransaction.add(BareSqlFloor.jdbc(newDatabase(kind, dir.resolve("db-" + databases[0]++ + ".sqlite")),
                        transactions, true));
            }
        }
        log.printf("  bare SQL: client %s ms, JDBC one commit per revision %s ms, JDBC one transaction %s ms%n",
                result.floorClient.millis(), result.floorJdbc.millis(), result.floorJdbcOneTransaction.millis());
        return result;
    }

    private ProcessRun upgrade(boolean launcher, DatabaseKind kind, Path dir, Path jar, Path cache, String url, Path scratch) {
        Map<String, String> env = Map.of("RETORT_JAR", jar.toString(), "RETORT_CACHE_DIR", cache.toString());
        ProcessRun run = retort(launcher, dir, jar, env, scratch, "--url", url, "upgrade", "head").requireSuccess();
        long ran = run.stdoutLines().stream().filter(l -> l.startsWith("Running upgrade ")).count();
        if (ran != options.revisions()) {
            throw new IllegalStateException("upgrade ran " + ran + " revisions of " + options.revisions() + ":\n"
                    + run.stdout() + run.stderr());
        }
        return run;
    }

    private ProcessRun retort(boolean launcher, Path dir, Path jar, Map<String, String> env, Path scratch, String... args) {
        Path gcLog = ProcessRun.tempFile(scratch, "gc-", ".log");
        List<String> command = new ArrayList<>();
        Map<String, String> environment = new HashMap<>(env);
        if (launcher) {
            command.addAll(List.of("sh", options.launcher().toString()));
            environment.put("RETORT_JAVA_OPTS", ProcessRun.gcLogOption(gcLog));
        } else {
            command.addAll(List.of(java(), ProcessRun.gcLogOption(gcLog), "-jar", jar.toString()));
        }
        command.addAll(Arrays.asList(args));
        return ProcessRun.run(command, dir, environment, scratch, gcLog);
    }

    private static void record(RevisionResult result, String what, boolean launcher, ProcessRun run) {
        (launcher ? result.launcher : result.plain).get(what).add(run.millis());
        if (launcher) result.launcherCpu.get(what).add(run.cpuMillis());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** An empty database: a new PostgreSQL database, or the given SQLite file (a file in the project when null). */
    private static String newDatabase(DatabaseKind kind, Path sqliteFile) {
        if (kind == DatabaseKind.POSTGRESQL) {
            return PostgresServer.get().createDatabase();
        }
        return sqliteFile == null ? null : "jdbc:sqlite:" + sqliteFile;
    }

    static String name(DatabaseKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Map<String, Long> figures(String line, String prefix) {
        Map<String, Long> values = new HashMap<>();
        for (String part : line.substring(prefix.length()).trim().split("\\s+")) {
            String[] kv = part.split("=");
            values.put(kv[0], Long.parseLong(kv[1]));
        }
        return values;
    }

    /**
     * The benchmark's own classes as a jar: the peer's and the stage timer's JVMs need them, and class-data sharing
     * archives classes from jars only (a class folder on the class path disables it).
     */
    private static Path benchToolsJar(Path work) throws IOException {
        Path root;
        try {
            root = Path.of(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isRegularFile(root)) {
            return root;
        }
        Path jar = work.resolve("bench-tools.jar");
        Path bench = root.resolve("dev/retort/bench");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out);
             Stream<Path> files = Files.walk(bench)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(root.relativize(f).toString().replace(java.io.File.separatorChar, '/')));
                zip.write(Files.readAllBytes(f));
                zip.closeEntry();
            }
        }
        return jar;
    }
}
