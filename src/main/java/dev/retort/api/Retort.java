package dev.retort.api;

import com.palantir.javapoet.JavaFile;
import dev.retort.ddl.ServerVersion;
import dev.retort.ddl.TypeNames;
import dev.retort.diff.SchemaComparator;
import dev.retort.inspect.SchemaInspector;
import dev.retort.metamodel.EntityClasses;
import dev.retort.metamodel.EntityLoader;
import dev.retort.metamodel.MetamodelReader;
import dev.retort.model.DatabaseKind;
import dev.retort.model.Schema;
import dev.retort.model.TableName;
import dev.retort.ops.Op;
import dev.retort.render.MigrationRenderer;
import dev.retort.render.RevisionHeader;
import dev.retort.revision.MigrationClasses;
import dev.retort.revision.MigrationCompiler;
import dev.retort.revision.MigrationScanner;
import dev.retort.revision.RevisionException;
import dev.retort.revision.RevisionGraph;
import dev.retort.revision.RevisionId;
import dev.retort.revision.RevisionInfo;
import dev.retort.revision.Step;
import dev.retort.revision.VersionChange;
import dev.retort.runtime.AppliedChecksums;
import dev.retort.runtime.ChangedMigrationException;
import dev.retort.runtime.Checksum;
import dev.retort.runtime.Database;
import dev.retort.runtime.DatabaseException;
import dev.retort.runtime.HistoryEntry;
import dev.retort.runtime.Migrator;
import dev.retort.runtime.ScratchDatabase;
import dev.retort.runtime.ScriptWriter;
import dev.retort.runtime.Secrets;
import dev.retort.runtime.VersionTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * Retort's entry point: every command of the CLI is one method here, and applications call the same
 * methods ({@code new Retort(Config.load(path, Overrides.NONE)).upgrade("head", ...)}).
 */
public final class Retort {

    private final Config config;
    private RevisionGraph graph;
    /** Precompiled migrations from the application's classpath, instead of compiling the sources. */
    private MigrationClasses classesOverride;

    public Retort(Config config) {
        this.config = config;
    }

    /**
     * A Retort that runs migrations precompiled into the application (package {@code migrations-package}
     * on {@code loader}) instead of compiling the sources in {@code migrations}.
     */
    public static Retort fromClasspath(Config config, ClassLoader loader) {
        Retort r = new Retort(config);
        List<RevisionInfo> infos = MigrationScanner.fromClasses(MigrationScanner.findClasses(loader, config.migrationsPackage()));
        r.graph = RevisionGraph.of(infos);
        r.classesOverride = MigrationClasses.of(loader, infos);
        return r;
    }

    public Config config() {
        return config;
    }

    // ----------------------------------------------------------------------------------------------
    // init

    /** Creates {@code dir/retort.properties} and {@code dir/migrations/}; returns what it created. */
    public static List<Path> init(Path dir, String url) {
        Path properties = dir.resolve(Config.DEFAULT_FILE);
        if (Files.exists(properties)) {
            throw new RetortException(properties + " already exists; not overwriting it");
        }
        List<Path> created = new ArrayList<>();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                created.add(dir);
            }
            Path migrations = dir.resolve("migrations");
            if (!Files.isDirectory(migrations)) {
                Files.createDirectories(migrations);
                created.add(migrations);
            }
            String text = """
                    # Retort configuration. Relative paths resolve against this file's folder.
                    # RETORT_URL, RETORT_USER, RETORT_PASSWORD and --url override the values here.
                    url=%s
                    user=
                    password=
                    # dialect=sqlite | postgresql | mariadb (optional: detected from the url)
                    # Folders of .java entity sources, folders of compiled classes, or jars (comma separated).
                    entities=src/main/java
                    # entity-packages=com.example.domain
                    migrations=migrations
                    migrations-package=migrations
                    version-table=retort_version
                    # Seconds 'upgrade' waits for another process migrating the same database.
                    lock-timeout=60
                    """.formatted(url == null ? "jdbc:sqlite:database.sqlite" : Secrets.withoutPassword(url));
            Files.writeString(properties, text, StandardCharsets.UTF_8);
            created.add(properties);
        } catch (IOException e) {
            throw new RetortException("cannot create " + dir + ": " + e.getMessage());
        }
        return created;
    }

    // ----------------------------------------------------------------------------------------------
    // the revision graph (no database needed)

    /** The revisions in the migrations folder, read from their {@code @Revision} annotations (no compiling). */
    public RevisionGraph graph() {
        if (graph == null) {
            if (Files.exists(config.migrations()) && !Files.isDirectory(config.migrations())) {
                throw new RetortException("migrations folder " + config.migrations() + " is not a folder");
            }
            graph = RevisionGraph.of(Files.isDirectory(config.migrations())
                    ? MigrationScanner.scan(config.migrations(), config.migrationsPackage())
                    : List.of());
        }
        return graph;
    }

    /** Revisions newest first, optionally within {@code range} ({@code A:B}, either side optional). */
    public List<RevisionInfo> history(String range) {
        if (range == null || range.isBlank()) {
            return graph().history();
        }
        Set<String> current = range.contains("current") ? current() : Set.of();
        return graph().history(range, current);
    }

    /** The revisions {@code rev} names: an id, a prefix, {@code head}, {@code heads} or {@code current}. */
    public List<RevisionInfo> show(String rev) {
        Set<String> ids = "current".equals(rev) ? current() : graph().resolve(rev);
        if (ids.isEmpty()) {
            throw new RetortException("'" + rev + "' names no revision");
        }
        return ids.stream().sorted().map(graph()::get).toList();
    }

    /** Writes an empty migration to fill in by hand; returns its path. */
    public Path revision(String message, String revId, String head) {
        return write(header(message, revId, parentsFor(head)), List.of(), List.of());
    }

    /** Writes a merge revision whose parents are the given revisions (or all heads); returns its path. */
    public Path merge(String message, String revId, List<String> revisions) {
        Set<String> parents = new LinkedHashSet<>();
        for (String r : revisions) {
            parents.addAll(graph().resolve(r));
        }
        if (parents.size() < 2) {
            throw new RetortException("merge needs at least two revisions to merge; got " + (parents.isEmpty() ? "none" : String.join(", ", parents)));
        }
        return write(header(message, revId, List.copyOf(parents)), List.of(), List.of());
    }

    private List<String> parentsFor(String head) {
        if (head != null) {
            Set<String> ids = graph().resolve(head);
            return List.copyOf(ids);
        }
        List<String> heads = graph().heads();
        if (heads.size() > 1) {
            throw new RetortException("multiple heads (" + String.join(", ", heads)
                    + "): pass --head REV to choose one, or merge them first with 'retort merge -m MSG heads'");
        }
        return heads;
    }

    private RevisionHeader header(String message, String revId, List<String> parents) {
        String id = revId == null ? RevisionId.generate() : revId;
        if (!RevisionId.isValid(id)) {
            throw new RetortException("revision id '" + id + "' must be 12 lowercase hex digits");
        }
        if (graph().contains(id)) {
            throw new RetortException("revision id " + id + " already exists: " + graph().get(id).origin());
        }
        return new RevisionHeader(id, parents, message, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private Path write(RevisionHeader header, List<Op> ops, List<String> warnings) {
        JavaFile file = new MigrationRenderer(config.migrationsPackage()).render(header, ops, warnings);
        Path target = config.migrations().resolve(MigrationRenderer.className(header.id(), header.message()) + ".java");
        try {
            Files.createDirectories(config.migrations());
            Files.writeString(target, file.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RetortException("cannot write " + target + ": " + e.getMessage());
        }
        graph = null;
        return target;
    }

    // ----------------------------------------------------------------------------------------------
    // running migrations

    private VersionTable versionTable() {
        return new VersionTable(config.versionTable(), config.databaseKind());
    }

    private Connection connect() {
        Connection c = Database.open(config.requireUrl(), config.user(), config.password(), config.databaseKind());
        useServerVersionOf(c);
        return c;
    }

    /**
     * Renders types as Hibernate does connected to this server (MariaDB 10.7+: uuid, not binary(16)); the model is
     * read for the same version ({@link #readModel}). A process talks to one server per kind.
     */
    private void useServerVersionOf(Connection c) {
        DatabaseKind kind = config.databaseKind();
        if (!ServerVersion.appliesTo(kind)) {
            return;
        }
        try {
            TypeNames.useServerVersion(kind, ServerVersion.of(c.getMetaData()));
        } catch (SQLException e) {
            // without it, Hibernate's oldest supported version, as before
        }
    }

    /**
     * Learns the server's version before the model is read and the migrations replayed, on two threads; returns the
     * connection that learned it when {@code keep} (the database is read next), else closes it. Null when the kind
     * has no versions to learn (SQLite).
     */
    private Connection learnServerVersion(boolean keep) {
        if (!ServerVersion.appliesTo(config.databaseKind()) || config.url() == null) {
            return null;
        }
        Connection c = connect(); // connect() learns it
        if (keep) {
            return c;
        }
        closeQuietly(c);
        return null;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing was done on it that closing could lose
        }
    }

    private Migrator migrator(Connection c) {
        return new Migrator(c, config.databaseKind(), versionTable(), config.lockTimeout());
    }

    /** The revision's checksum as it is now: of its source, or of its precompiled class. */
    private String checksum(RevisionInfo revision) {
        return Checksum.of(revision, classesOverride == null ? null : classesOverride.classLoader());
    }

    /**
     * On a database without transactional DDL, what a migration that stopped half way left and how to resume or
     * repair it; null when none did.
     */
    public String unfinished() {
        if (config.databaseKind().transactionalDdl()) {
            return null;
        }
        try (Connection c = connect()) {
            return versionTable().progress().describeUnfinished(c);
        } catch (SQLException e) {
            throw new DatabaseException("cannot read the progress table: " + Database.firstLine(e.getMessage()), e);
        }
    }

    /** The revisions the database is at: the rows of the version table. */
    public Set<String> current() {
        try (Connection c = connect()) {
            Set<String> rows = versionTable().read(c);
            for (String id : rows) {
                if (!graph().contains(id)) {
                    throw notInGraph(id);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new DatabaseException("cannot read the version table: " + e.getMessage(), e);
        }
    }

    private RetortException notInGraph(String id) {
        return new RetortException("the database is at revision " + id + ", which is not in " + config.migrations()
                + (Files.isDirectory(config.migrations()) ? "" : " (that folder does not exist)"));
    }

    /** The applied revisions: the version-table rows and everything they follow, in the graph's order. */
    private Set<String> applied(Set<String> rows) {
        Set<String> applied = new HashSet<>();
        for (String id : rows) {
            if (!graph().contains(id)) {
                throw notInGraph(id);
            }
            applied.add(id);
            applied.addAll(graph().ancestors(id));
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (RevisionInfo r : graph().revisions()) {
            if (applied.contains(r.id())) {
                ordered.add(r.id());
            }
        }
        return ordered;
    }

    /**
     * Every revision with what the database says about it: applied or pending, when it was applied and whether
     * its source is still the one that was applied. Newest first, as {@code history} lists them.
     */
    public Map<String, RevisionState> status() {
        try (Connection c = connect()) {
            VersionTable vt = versionTable();
            Set<String> rows = vt.read(c);
            Set<String> applied = applied(rows);
            AppliedChecksums recorded = AppliedChecksums.of(vt.history().read(c));
            Map<String, RevisionState> states = new LinkedHashMap<>();
            for (RevisionInfo r : graph().history()) {
                boolean isApplied = applied.contains(r.id());
                String now = isApplied ? checksum(r) : null;
                states.put(r.id(), new RevisionState(r, isApplied, rows.contains(r.id()), recorded.lastApplied(r.id()),
                        now, isApplied ? recorded.state(r.id(), now) : null, isApplied ? recorded.recorded(r.id(), now) : null));
            }
            return states;
        } catch (SQLException e) {
            throw new DatabaseException("cannot read the version table: " + Database.firstLine(e.getMessage()), e);
        }
    }

    /** The compiled migrations of these steps only: an old, broken migration does not block a short upgrade. */
    private MigrationClasses classes(List<Step> steps) {
        if (classesOverride != null) {
            return classesOverride;
        }
        return new MigrationCompiler(MigrationCompiler.defaultCacheDir())
                .compile(steps.stream().map(Step::revision).distinct().toList());
    }

    /**
     * Upgrades to {@code target}; returns the steps that ran (none when another process got there first). Refuses
     * when an applied migration's source changed since it was applied ({@link ChangedMigrationException}).
     */
    public List<Step> upgrade(String target, Consumer<String> info, Consumer<String> sql) {
        return migrate(target, true, info, sql);
    }

    /** Downgrades to {@code target}; returns the steps that ran. */
    public List<Step> downgrade(String target, Consumer<String> info, Consumer<String> sql) {
        return migrate(target, false, info, sql);
    }

    private List<Step> migrate(String target, boolean up, Consumer<String> info, Consumer<String> sql) {
        graph(); // a broken migrations folder fails before the database is touched
        try (Connection c = connect()) {
            info.accept(Migrator.context(config.databaseKind(), versionTable()));
            // plan inside the lock: a process that waited reads what the one before it left, and finds nothing to do
            return migrator(c).locked(info, session -> {
                Set<String> rows = session.rows();
                applied(rows); // every row must be a known revision
                List<Step> steps = up ? graph().upgradePlan(rows, target) : graph().downgradePlan(rows, target);
                if (up) {
                    verifyApplied(session, rows, info, sql);
                }
                if (!steps.isEmpty()) {
                    MigrationClasses loaded = classes(steps);
                    session.apply(steps, r -> loaded.instantiate(r.id()), this::checksum, info, sql);
                }
                return steps;
            });
        } catch (SQLException e) {
            throw new DatabaseException("database error: " + Database.firstLine(e.getMessage()), e);
        }
    }

    /**
     * Refuses to go on when an applied migration changed since it was applied; records the checksums of applied
     * migrations that have none on record (a database migrated before Retort kept a history).
     */
    private void verifyApplied(Migrator.Session session, Set<String> rows, Consumer<String> info, Consumer<String> sql) {
        AppliedChecksums recorded = AppliedChecksums.of(session.history());
        List<String> changed = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        List<HistoryEntry> unrecorded = new ArrayList<>();
        for (String id : applied(rows)) {
            String now = checksum(graph().get(id));
            switch (recorded.state(id, now)) {
                case CHANGED -> {
                    HistoryEntry then = recorded.recorded(id, now);
                    changed.add(id);
                    descriptions.add(id + " (" + graph().get(id).origin() + ": " + Checksum.abbreviate(then.checksum())
                            + " on " + then.appliedAt() + ", now " + Checksum.abbreviate(now) + ")");
                }
                case NOT_RECORDED -> unrecorded.add(Migrator.entry(id, HistoryEntry.RECORD, now));
                case MATCHES, UNKNOWN -> { }
            }
        }
        if (!changed.isEmpty()) {
            String what = changed.size() == 1 ? "applied migration " + descriptions.get(0) + " was changed after it was applied"
                    : changed.size() + " applied migrations were changed after they were applied: " + String.join(", ", descriptions);
            throw new ChangedMigrationException(what + "; restore " + (changed.size() == 1 ? "it" : "them")
                    + ", or accept the change with 'retort repair'", changed);
        }
        if (!unrecorded.isEmpty()) {
            session.record("recording checksums", unrecorded, sql);
            info.accept("Recorded the checksums of " + unrecorded.size() + " applied revision" + (unrecorded.size() == 1 ? "" : "s")
                    + " that had none on record");
        }
    }

    /**
     * Accepts the current checksums of the applied migrations that changed since they were applied (or have
     * none on record), so that {@code upgrade} runs again; returns their states before the repair.
     */
    public List<RevisionState> repair() {
        graph();
        try (Connection c = connect()) {
            return migrator(c).locked(s -> { }, session -> {
                Set<String> rows = session.rows();
                AppliedChecksums recorded = AppliedChecksums.of(session.history());
                List<RevisionState> repaired = new ArrayList<>();
                List<HistoryEntry> entries = new ArrayList<>();
                for (String id : applied(rows)) {
                    RevisionInfo r = graph().get(id);
                    String now = checksum(r);
                    AppliedChecksums.State state = recorded.state(id, now);
                    if (state == AppliedChecksums.State.CHANGED || state == AppliedChecksums.State.NOT_RECORDED) {
                        repaired.add(new RevisionState(r, true, rows.contains(id), recorded.lastApplied(id), now, state,
                                recorded.recorded(id, now)));
                        entries.add(Migrator.entry(id, HistoryEntry.REPAIR, now));
                    }
                }
                session.record("repair", entries, s -> { });
                return repaired;
            });
        } catch (SQLException e) {
            throw new DatabaseException("database error: " + Database.firstLine(e.getMessage()), e);
        }
    }

    /** Sets the version table to {@code rev} without running migrations. */
    public void stamp(String rev, Consumer<String> log, boolean sqlOnly) {
        if (sqlOnly) {
            VersionChange change = graph().stamp(Set.of(), rev);
            VersionTable vt = versionTable();
            Consumer<String> statement = s -> log.accept(s + ";");
            statement.accept(vt.createSql());
            statement.accept(vt.history().createSql(true));
            vt.print(change.deleteRows(), change.insertRows(), statement);
            for (String id : applied(change.insertRows())) {
                statement.accept(vt.history().insertSql(id, HistoryEntry.STAMP, checksum(graph().get(id))));
            }
            return;
        }
        graph();
        try (Connection c = connect()) {
            int[] cleared = {0};
            Set<String> after = migrator(c).locked(s -> { }, session -> {
                Set<String> before = session.rows();
                VersionChange change = graph().stamp(before, rev);
                Set<String> rows = change.applyTo(before);
                Set<String> was = applied(before);
                Set<String> now = applied(rows);
                List<HistoryEntry> entries = new ArrayList<>();
                for (String id : was) {
                    if (!now.contains(id)) {
                        entries.add(Migrator.entry(id, HistoryEntry.UNSTAMP, null));
                    }
                }
                for (String id : now) {
                    if (!was.contains(id)) {
                        entries.add(Migrator.entry(id, HistoryEntry.STAMP, checksum(graph().get(id))));
                    }
                }
                cleared[0] = session.stamp(change, entries, s -> { });
                return rows;
            });
            log.accept("Stamped " + (after.isEmpty() ? "base" : String.join(", ", after)));
            if (cleared[0] > 0) {
                log.accept("Cleared the record of the migration that stopped half way (" + cleared[0] + " row"
                        + (cleared[0] == 1 ? "" : "s") + " of " + versionTable().progress().name() + ")");
            }
        } catch (SQLException e) {
            throw new DatabaseException("database error: " + Database.firstLine(e.getMessage()), e);
        }
    }

    /** Prints the upgrade script to {@code target} ({@code FROM:TO} for a range) without touching the database. */
    public void upgradeSql(String target, Consumer<String> out) {
        offline(target, true, out);
    }

    /** Prints the downgrade script ({@code FROM:TO}) without touching the database. */
    public void downgradeSql(String target, Consumer<String> out) {
        offline(target, false, out);
    }

    private void offline(String range, boolean up, Consumer<String> out) {
        String from = null;
        String to = range;
        int colon = range.indexOf(':');
        if (colon >= 0) {
            from = range.substring(0, colon);
            to = range.substring(colon + 1);
        } else if (!up) {
            throw new RetortException("downgrade --sql needs a range FROM:TO (there is no database to start from)");
        }
        Set<String> start = from == null || from.isEmpty() || from.equals("base") ? Set.of() : graph().resolve(from);
        List<Step> steps = up ? graph().upgradePlan(start, to) : graph().downgradePlan(start, to);
        DatabaseKind kind = config.databaseKind();
        if (ServerVersion.appliesTo(kind)) {
            // never connected: the configured version, or Hibernate's oldest supported one
            TypeNames.useServerVersion(kind, config.serverVersion());
        }
        try (ScratchDatabase scratch = ScratchDatabase.forOffline(kind)) {
            Connection c = scratch.connection();
            MigrationClasses loaded = classes(steps);
            if (c != null && !start.isEmpty()) {
                // bring the scratch database to the starting point silently, so batch rebuilds know the tables
                List<Step> prefix = graph().upgradePlan(Set.of(), from);
                MigrationClasses before = classes(prefix);
                new Migrator(c, kind, versionTable()).run(prefix, r -> before.instantiate(r.id()), s -> { }, s -> { });
            }
            new ScriptWriter(kind, versionTable(), out).write(steps, start.isEmpty() && up, c,
                    r -> loaded.instantiate(r.id()), this::checksum);
        }
    }

    // ----------------------------------------------------------------------------------------------
    // autogenerate and check

    /** Diffs the entities against the migrations (or the database) and writes a migration with the changes. */
    public AutogenerateResult autogenerate(String message, String revId, String head, boolean againstDb, boolean allowEmpty) {
        List<String> parents = parentsFor(head);
        List<Op> ops = diff(againstDb, parents);
        List<String> detected = SchemaComparator.describe(ops);
        List<String> warnings = SchemaComparator.warnings(ops);
        if (ops.isEmpty() && !allowEmpty) {
            return new AutogenerateResult(detected, warnings, null);
        }
        Path file = write(header(message, revId, parents), ops, warnings);
        return new AutogenerateResult(detected, warnings, file);
    }

    /** Lists what a new autogenerate would contain; empty when entities and migrations agree. */
    public CheckResult check(boolean againstDb) {
        List<String> heads = graph().heads();
        if (heads.size() > 1 && !againstDb) {
            throw new RetortException("multiple heads (" + String.join(", ", heads) + "): merge them first with 'retort merge -m MSG heads'");
        }
        return new CheckResult(SchemaComparator.describe(diff(againstDb, heads)));
    }

    private List<Op> diff(boolean againstDb, List<String> parents) {
        DatabaseKind kind = config.databaseKind();
        if (!againstDb && !parents.isEmpty()) {
            graph(); // built here, not on two threads at once
        }
        // Reading the database (or replaying the migrations) and booting Hibernate are independent until the
        // comparison: the database is read on a second thread while Hibernate boots on this one.
        Connection live = learnServerVersion(againstDb); // the connection that learned the version reads the database
        Spellings spellings = new Spellings();
        FutureTask<Schema> database = new FutureTask<>(() -> againstDb ? inspectLive(parents, live) : replay(parents, spellings));
        Thread reader = new Thread(database, "retort-inspect");
        reader.setDaemon(true);
        reader.start();
        Schema model;
        try {
            model = readModel(kind);
        } catch (RuntimeException | Error e) {
            database.cancel(false); // the reader finishes on its own and drops its scratch database
            if (live != null) {
                closeQuietly(live); // also when the reader never started
            }
            throw e;
        }
        Schema current = awaitDatabase(database);
        spellings.record(model);
        return SchemaComparator.compare(model, spellings.respell(current), kind);
    }

    private static Schema awaitDatabase(FutureTask<Schema> database) {
        try {
            return database.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new DatabaseException("cannot read the database: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetortException("interrupted while reading the database");
        }
    }

    /** The schema the JPA entities describe. */
    public Schema readModel(DatabaseKind kind) {
        if (config.entities().isEmpty()) {
            throw new RetortException("no entities configured: set 'entities' in " + Config.DEFAULT_FILE + " to folders of entity sources or classes, or jars");
        }
        try (EntityClasses entities = EntityLoader.load(config.entities(), config.entityPackages(),
                MigrationCompiler.defaultCacheDir().resolve("entities"))) {
            Schema schema = MetamodelReader.read(entities, kind, TypeNames.serverVersion(kind), config.namingStrategy());
            return filter(schema);
        }
    }

    private Schema filter(Schema schema) {
        return new Schema(schema.tables().stream().filter(t -> config.includesTable(t.name().name())).toList(),
                schema.sequences());
    }

    private Schema inspect(Connection c) throws SQLException {
        return filter(SchemaInspector.inspect(c, config.databaseKind(), (TableName t) -> config.includesTable(t.name())));
    }

    private Schema inspectLive(List<String> parents, Connection opened) {
        try (Connection c = opened != null ? opened : connect()) {
            Set<String> rows = versionTable().read(c);
            if (!rows.equals(Set.copyOf(parents))) {
                throw new RetortException("the database is at " + (rows.isEmpty() ? "base" : String.join(", ", rows))
                        + ", not at " + (parents.isEmpty() ? "base" : String.join(", ", parents))
                        + ": run 'retort upgrade head' first (or diff against the migrations without --against-db)");
            }
            return inspect(c);
        } catch (SQLException e) {
            throw new DatabaseException("cannot inspect the database: " + e.getMessage(), e);
        }
    }

    /**
     * Replays the migrations up to {@code parents} into a scratch database and reads its schema; {@code spellings}
     * learns how the migrations spelled each name.
     */
    private Schema replay(List<String> parents, Spellings spellings) {
        DatabaseKind kind = config.databaseKind();
        try (ScratchDatabase scratch = ScratchDatabase.create(kind, config.url(), config.user(), config.password())) {
            Connection c = scratch.connection();
            if (!parents.isEmpty()) {
                List<Step> steps = graph().upgradePlan(Set.of(), parents.size() == 1 ? parents.get(0) : "heads");
                MigrationClasses loaded = classes(steps);
                new Migrator(c, kind, versionTable()).run(steps, r -> spellings.recording(loaded.instantiate(r.id())), s -> { }, s -> { });
            }
            return inspect(c);
        } catch (SQLException e) {
            throw new DatabaseException("cannot read the scratch database: " + e.getMessage(), e);
        } catch (RevisionException | DatabaseException e) {
            throw e;
        }
    }
}
