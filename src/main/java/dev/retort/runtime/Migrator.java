package dev.retort.runtime;

import dev.retort.ddl.DdlExecutor;
import dev.retort.model.DatabaseKind;
import dev.retort.ops.Migration;
import dev.retort.ops.Operations;
import dev.retort.revision.RevisionInfo;
import dev.retort.revision.Step;
import dev.retort.revision.VersionChange;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Applies plans of steps to a database. Each step — the migration's operations, the version-table change and
 * the history row that record it — commits together or not at all where the database has transactional DDL.
 *
 * <p>{@link #locked} is how the real database is migrated: under the {@link MigrationLock}, reading the version
 * table only once the lock is held, so that concurrent processes serialise and each migration runs once. On
 * PostgreSQL each step is its own transaction, several steps sent to the server in one batch; on SQLite the
 * whole run is the one immediate transaction that is the lock, each step under a savepoint, so a run killed half way
 * leaves the database where the run found it.
 */
public final class Migrator {

    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);

    private final Connection connection;
    private final DatabaseKind kind;
    private final VersionTable versionTable;
    private final VersionHistory history;
    private final VersionProgress progress;
    private final Duration lockTimeout;
    private final Consumer<String> pause = StatementPause.fromSystemProperties();

    public Migrator(Connection connection, DatabaseKind kind, VersionTable versionTable) {
        this(connection, kind, versionTable, DEFAULT_LOCK_TIMEOUT);
    }

    public Migrator(Connection connection, DatabaseKind kind, VersionTable versionTable, Duration lockTimeout) {
        this.connection = connection;
        this.kind = kind;
        this.versionTable = versionTable;
        this.history = versionTable.history();
        this.progress = versionTable.progress();
        this.lockTimeout = lockTimeout;
    }

    /**
     * The line that says how migrations run on this database, as Alembic's "Context impl ... Will assume
     * (non-)transactional DDL."
     */
    public static String context(DatabaseKind kind, VersionTable versionTable) {
        if (kind.transactionalDdl()) {
            return "Context: " + kind.displayName() + ", transactional DDL (each migration commits with its version change, or not at all)";
        }
        return "Context: " + kind.displayName() + ", non-transactional DDL (each statement commits at once; progress is recorded per"
                + " statement in " + versionTable.progress().name() + ", so a migration that fails half way can be resumed)";
    }

    /**
     * Runs the steps without lock or checks, one transaction each: for scratch databases nobody else uses.
     * {@code info} receives Alembic's "Running upgrade a -> b, message" lines, {@code sql} every statement run.
     */
    public void run(List<Step> steps, Function<RevisionInfo, Migration> migrations, Consumer<String> info, Consumer<String> sql) {
        new Session(false, false).apply(steps, migrations, r -> null, info, sql);
    }

    /** Work done while holding the migration lock. */
    @FunctionalInterface
    public interface LockedWork<T> {
        T run(Session session);
    }

    /**
     * Takes the migration lock (waiting at most the lock timeout; {@code info} hears if it waits), runs
     * {@code work} and releases the lock. What {@code work} changed through the session stays changed up to its
     * first failure, which is rethrown.
     */
    public <T> T locked(Consumer<String> info, LockedWork<T> work) {
        MigrationLock lock = MigrationLock.acquire(connection, kind, versionTable.name(), lockTimeout, info);
        Session session = new Session(kind == DatabaseKind.SQLITE, !kind.transactionalDdl());
        try {
            T result;
            try {
                result = work.run(session);
            } catch (RuntimeException e) {
                session.end(e);
                throw e;
            }
            session.end(null);
            return result;
        } finally {
            lock.release();
        }
    }

    /**
     * The version table and its history, read and changed while holding the lock. Nobody else changes them while
     * the lock is held, so the session reads them once (which of its tables exist, the version rows, the last
     * history rank) and keeps what it knows up to date with its own changes; a change that fails is rolled back, and
     * what the session knew is forgotten with it, to be read again.
     */
    public final class Session {

        /** SQLite: the run is one transaction, already begun by the lock; steps are savepoints. */
        private final boolean oneTransaction;
        /** SQLite rolled the whole transaction back by itself (disk full, I/O error). */
        private boolean transactionLost;
        /** Whether anything was changed in the one transaction, to tell what a failure left. */
        private boolean changed;
        /** Without transactional DDL: whether migrations record their progress per statement, to be resumed. */
        private final boolean tracked;
        /** The progress of the step running now, when tracked; null before it could start. */
        private StatementProgress running;
        /** Which of the version, history and progress tables exist ({@link VersionTable#key} names); null: not read yet. */
        private Set<String> tables;
        /** The version table's rows; null: not read yet. */
        private Set<String> rows;
        /** The rank of the last history row; -1: not read yet. */
        private long lastRank = -1;

        private Session(boolean oneTransaction, boolean tracked) {
            this.oneTransaction = oneTransaction;
            this.tracked = tracked;
        }

        /** The version table's rows: the applied heads. */
        public Set<String> rows() {
            try {
                return new TreeSet<>(knownRows());
            } catch (SQLException e) {
                throw new DatabaseException("cannot read the version table " + versionTable.name() + ": " + Database.firstLine(e.getMessage()), e);
            }
        }

        /** The version history, oldest first (empty for a database migrated before Retort kept one). */
        public List<HistoryEntry> history() {
            try {
                if (!exists(history.name())) {
                    lastRank = 0;
                    return new ArrayList<>();
                }
                List<HistoryEntry> entries = history.rows(connection);
                lastRank = entries.stream().mapToLong(HistoryEntry::rank).max().orElse(0);
                return entries;
            } catch (SQLException e) {
                throw new DatabaseException("cannot read the version history " + history.name() + ": " + Database.firstLine(e.getMessage()), e);
            }
        }

        /**
         * Runs the steps in order; {@code checksums} gives each revision's checksum for its history row. Every
         * migration is loaded and constructed before the first runs, so a broken class stops the run before it
         * changes anything; a step that fails stops it, leaving the database at the last step that completed.
         */
        public void apply(List<Step> steps, Function<RevisionInfo, Migration> migrations, Function<RevisionInfo, String> checksums,
                          Consumer<String> info, Consumer<String> sql) {
            List<Migration> instances = steps.stream().map(s -> migrations.apply(s.revision())).toList();
            if (kind == DatabaseKind.POSTGRESQL && !tracked && !oneTransaction) {
                new StepBatches(info, sql).run(steps, instances, checksums);
                return;
            }
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                info.accept("Running " + step);
                Migration migration = instances.get(i);
                String checksum = checksums.apply(step.revision());
                String what = describeStep(step);
                change(what, sql, executed -> runStep(step, migration, checksum, executed, info));
            }
        }

        /**
         * Changes the version table without running migrations, as {@code stamp} does, with its history rows. The
         * record of a migration that stopped half way goes too: stamping says the database is now where the user
         * put it by hand. Returns how many statements that record held.
         */
        public int stamp(VersionChange change, List<HistoryEntry> entries, Consumer<String> sql) {
            int[] cleared = {0};
            change("stamp", sql, executed -> {
                ensureTables(executed);
                Set<String> after = change.applyTo(knownRows()); // the change and the table must agree
                StatementBatch batch = new StatementBatch(kind);
                versionTable.change(batch, change.deleteRows(), change.insertRows());
                long rank = history.append(batch, knownLastRank(), entries);
                batch.run(connection, executed);
                rows = after;
                lastRank = rank;
                cleared[0] = exists(progress.name()) ? progress.clear(connection, executed) : 0;
            });
            return cleared[0];
        }

        /** Appends history rows (accepted or first-recorded checksums). */
        public void record(String what, List<HistoryEntry> entries, Consumer<String> sql) {
            if (entries.isEmpty()) {
                return;
            }
            change(what, sql, executed -> {
                ensureTables(executed);
                StatementBatch batch = new StatementBatch(kind);
                long rank = history.append(batch, knownLastRank(), entries);
                batch.run(connection, executed);
                lastRank = rank;
            });
        }

        private void runStep(Step step, Migration migration, String checksum, Consumer<String> executed, Consumer<String> info)
                throws Exception {
            ensureTables(executed);
            Set<String> after = step.applyTo(knownRows()); // the plan and the table must agree before anything changes
            long rank = knownLastRank();
            DdlExecutor.Journal journal = DdlExecutor.Journal.NONE;
            if (tracked) {
                running = StatementProgress.start(connection, progress, kind, step);
                journal = running;
                int done = running.resumedAfter();
                if (done > 0) {
                    info.accept("Resuming after statement " + done + ": " + (done == 1 ? "statement 1 was" : "statements 1 to " + done + " were")
                            + " applied by an earlier run that failed");
                }
            }
            long start = System.nanoTime();
            DdlExecutor executor = new DdlExecutor(connection, kind, executed, journal);
            runCode(step, migration, executor);
            if (running != null) {
                running.finished(executor.statementCount());
            }
            DdlExecutor.afterMigration(connection, kind);
            long ms = (System.nanoTime() - start) / 1_000_000;
            StatementBatch batch = new StatementBatch(kind);
            versionTable.change(batch, step.versionChange().deleteRows(), step.versionChange().insertRows());
            rank = history.append(batch, rank, List.of(historyEntry(step, checksum, ms)));
            batch.run(connection, executed);
            rows = after;
            lastRank = rank;
            if (tracked) {
                progress.clear(connection, executed); // in the commit that moves the version table
            }
        }

        /**
         * The steps on PostgreSQL, several to a round trip. Each step is still its own transaction — its statements,
         * its version change, its history row and {@code COMMIT} — but the migrations' code runs first (it only
         * produces statements, held back), and then as many steps as fit in
         * {@value StatementBatch#MAX_PER_ROUND_TRIP} statements go to the server as one JDBC batch, which the server
         * runs in order and stops at the first failure. Over many small migrations the round trips, not the
         * statements, were what a run waited for. A migration whose own code takes the
         * connection sends the steps before it first, then runs its statements on the connection. A failure leaves
         * what it leaves one step at a time: the steps before it, committed.
         */
        private final class StepBatches {
            private final Consumer<String> info;
            private final Consumer<String> sql;
            /** Every statement, reported after it ran; a boundary where a crash test may kill the process. */
            private final Consumer<String> executed;
            /** Steps whose code ran, not sent yet. */
            private final List<Prepared> pending = new ArrayList<>();

            /** One step whose statements are held back, and what it changes. */
            private final class Prepared {
                final Step step;
                final String what;
                Set<String> after;
                long rank;
                final StatementBatch batch = new StatementBatch(kind);
                /** Its code took the connection: its transaction is open, its earlier statements ran. */
                boolean began;

                Prepared(Step step) {
                    this.step = step;
                    this.what = describeStep(step);
                }
            }

            StepBatches(Consumer<String> info, Consumer<String> sql) {
                this.info = info;
                this.sql = sql;
                this.executed = s -> {
                    sql.accept(s);
                    pause.accept(s);
                };
            }

            void run(List<Step> steps, List<Migration> instances, Function<RevisionInfo, String> checksums) {
                Set<String> rowsBefore;
                long rankBefore;
                boolean autoCommit;
                try {
                    rowsBefore = knownRows();
                    rankBefore = knownLastRank();
                } catch (SQLException e) {
                    throw new DatabaseException("cannot read the version table " + versionTable.name() + ": "
                            + Database.firstLine(e.getMessage()), e);
                }
                try {
                    autoCommit = connection.getAutoCommit();
                    connection.setAutoCommit(false);
                } catch (SQLException e) {
                    throw new DatabaseException("cannot start a transaction: " + Database.firstLine(e.getMessage()), e);
                }
                try {
                    for (int i = 0; i < steps.size(); i++) {
                        Prepared step = prepare(steps.get(i), instances.get(i), checksums.apply(steps.get(i).revision()),
                                rowsBefore, rankBefore);
                        if (!pending.isEmpty() && pendingStatements() + 1 + step.batch.size() > StatementBatch.MAX_PER_ROUND_TRIP) {
                            send();
                        }
                        pending.add(step);
                        rowsBefore = step.after;
                        rankBefore = step.rank;
                    }
                    send();
                } finally {
                    try {
                        connection.setAutoCommit(autoCommit);
                    } catch (SQLException ignored) {
                        // the connection is closed by the caller; nothing more to restore
                    }
                }
            }

            /** The statements of the pending steps, with the {@code BEGIN} of every one but the first. */
            private int pendingStatements() {
                return pending.stream().mapToInt(p -> p.batch.size()).sum() + pending.size() - 1;
            }

            /** Runs the migration's code; its statements, version change, history row and commit are held back. */
            private Prepared prepare(Step step, Migration migration, String checksum, Set<String> rowsBefore, long rankBefore) {
                Prepared prepared = new Prepared(step);
                try {
                    prepared.after = step.applyTo(rowsBefore); // the plan and the table must agree before anything changes
                    long start = System.nanoTime();
                    DdlExecutor executor = new DdlExecutor(connection, kind, executed).deferStatements(() -> takeConnection(prepared));
                    runCode(step, migration, executor);
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    executor.takeDeferred().forEach(prepared.batch::add);
                    versionTable.change(prepared.batch, step.versionChange().deleteRows(), step.versionChange().insertRows());
                    // the statements run later: the history row's duration adds the server's time in the transaction
                    prepared.rank = history.append(prepared.batch, rankBefore, List.of(historyEntry(step, checksum, ms)), true);
                    prepared.batch.add("COMMIT");
                    return prepared;
                } catch (BatchFailed e) {
                    throw e.failure; // the steps before it failed while its code waited for the connection
                } catch (Exception e) {
                    if (!prepared.began) {
                        send(); // the steps before it run as they would have before its code ran
                        info.accept("Running " + step);
                    }
                    rollback();
                    forget();
                    throw failed(prepared.what, e, "nothing of it was applied; the database is where it was");
                }
            }

            /** The migration's own code takes the connection: the steps before it are sent, its transaction begins. */
            private void takeConnection(Prepared prepared) {
                try {
                    send();
                } catch (DatabaseException e) {
                    throw new BatchFailed(e);
                }
                prepared.began = true;
                info.accept("Running " + prepared.step);
                try {
                    ensureTables(executed);
                } catch (SQLException e) {
                    throw new DatabaseException(Database.firstLine(e.getMessage()), e);
                }
            }

            /**
             * Sends the pending steps as one batch (more than one round trip only for a step of more statements than
             * fit in one); on a failure, those before the failed one stay committed.
             */
            private void send() {
                if (pending.isEmpty()) {
                    return;
                }
                List<Prepared> sending = List.copyOf(pending);
                pending.clear();
                StatementBatch all = new StatementBatch(kind);
                int[] ends = new int[sending.size()];
                for (int i = 0; i < sending.size(); i++) {
                    if (i > 0) {
                        all.add("BEGIN"); // the driver begins the first; COMMIT ended the one before
                    }
                    all.addAll(sending.get(i).batch);
                    ends[i] = all.size();
                }
                sending.stream().filter(p -> !p.began).forEach(p -> info.accept("Running " + p.step));
                try {
                    ensureTables(executed);
                    all.run(connection, executed);
                    connection.commit(); // nothing left open: the last step's COMMIT was in the batch
                } catch (SQLException | RuntimeException e) {
                    rollback();
                    forget();
                    // the history says how far the batch got: each step that committed appended its row
                    int done = committed(sending);
                    all.reportFirst(done == 0 ? 0 : ends[done - 1], executed);
                    if (done > 0) {
                        rows = sending.get(done - 1).after;
                        lastRank = sending.get(done - 1).rank;
                    }
                    int at = Math.min(done, sending.size() - 1);
                    int later = sending.size() - 1 - at; // announced as running with it, never run
                    throw failed(sending.get(at).what, e, later == 0 ? "nothing of it was applied; the database is where it was"
                            : "nothing of it or of the " + (later == 1 ? "migration" : later + " migrations")
                            + " after it was applied; the database is where it was before it");
                }
                Prepared last = sending.get(sending.size() - 1);
                rows = last.after;
                lastRank = last.rank;
            }

            /** How many of {@code sent} committed, from the last rank of the history. */
            private int committed(List<Prepared> sent) {
                long rank;
                try {
                    rank = exists(history.name()) ? history.lastRank(connection) : 0;
                } catch (SQLException e) {
                    return 0; // unknown: the next run reads the version table again anyway
                }
                int done = 0;
                while (done < sent.size() && sent.get(done).rank <= rank) {
                    done++;
                }
                return done;
            }
        }

        /** A failure of steps sent because a later migration's code took the connection, passed through its code. */
        private static final class BatchFailed extends RuntimeException {
            final DatabaseException failure;

            BatchFailed(DatabaseException failure) {
                super(failure.getMessage(), failure, false, false);
                this.failure = failure;
            }
        }

        /** Creates the tables the session needs that do not exist yet; once they do, this asks the database nothing. */
        private void ensureTables(Consumer<String> executed) throws SQLException {
            if (!exists(versionTable.name())) {
                VersionTable.create(connection, versionTable.createSql(), executed);
                tables.add(VersionTable.key(versionTable.name()));
            }
            if (!exists(history.name())) {
                VersionTable.create(connection, history.createSql(false), executed);
                tables.add(VersionTable.key(history.name()));
            }
            if (tracked && !exists(progress.name())) {
                VersionTable.create(connection, progress.createSql(), executed);
                tables.add(VersionTable.key(progress.name()));
            }
        }

        /** Whether one of the session's tables exists; the first call asks the catalog about all three at once. */
        private boolean exists(String table) throws SQLException {
            if (tables == null) {
                tables = VersionTable.existing(connection, kind, List.of(versionTable.name(), history.name(), progress.name()));
            }
            return tables.contains(VersionTable.key(table));
        }

        private Set<String> knownRows() throws SQLException {
            if (rows == null) {
                rows = exists(versionTable.name()) ? versionTable.rows(connection) : Set.of();
            }
            return rows;
        }

        private long knownLastRank() throws SQLException {
            if (lastRank < 0) {
                lastRank = exists(history.name()) ? history.lastRank(connection) : 0;
            }
            return lastRank;
        }

        /** After a rollback the tables are as the database says: what the session knew may be undone. */
        private void forget() {
            tables = null;
            rows = null;
            lastRank = -1;
        }

        private void change(String what, Consumer<String> sql, Work work) {
            if (transactionLost) {
                throw new DatabaseException(what + " not run: the transaction was rolled back");
            }
            running = null;
            // every statement is reported after it ran, and is a boundary where a crash test may kill the process
            Consumer<String> executed = s -> {
                sql.accept(s);
                pause.accept(s);
            };
            boolean done = false;
            try {
                if (oneTransaction) {
                    underSavepoint(what, executed, work);
                } else {
                    inTransaction(what, executed, work);
                }
                done = true;
            } finally {
                if (!done) {
                    forget();
                }
            }
        }

        private void underSavepoint(String what, Consumer<String> executed, Work work) {
            try {
                execute("SAVEPOINT retort_step");
            } catch (SQLException e) {
                throw new DatabaseException("cannot start " + what + ": " + Database.firstLine(e.getMessage()), e);
            }
            try {
                work.run(executed);
                execute("RELEASE retort_step");
                changed = true;
            } catch (Exception e) {
                String state;
                try {
                    execute("ROLLBACK TO retort_step");
                    execute("RELEASE retort_step");
                    state = changed ? "nothing of it was applied; the steps before it stay applied"
                            : "nothing of it was applied; the database is where it was";
                } catch (SQLException lost) {
                    // SQLite ends the transaction itself on some errors (full disk, I/O): the whole run is undone
                    transactionLost = true;
                    state = "SQLite rolled back the whole run: the database is where it was";
                }
                throw failed(what, e, state);
            }
        }

        private void inTransaction(String what, Consumer<String> executed, Work work) {
            boolean autoCommit;
            try {
                autoCommit = connection.getAutoCommit();
                DdlExecutor.beforeMigration(connection, kind);
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                throw new DatabaseException("cannot start a transaction for " + what + ": " + Database.firstLine(e.getMessage()), e);
            }
            try {
                work.run(executed);
                connection.commit();
                pause.accept("COMMIT"); // a boundary too: killed here, the step must be there in full
            } catch (Exception e) {
                rollback();
                if (running != null) {
                    int at = running.failedAt();
                    throw new DatabaseException(what + " failed" + (at > 0 ? " at statement " + at : "") + ": " + describe(e)
                            + " (" + running.stateAfterFailure() + ")", e);
                }
                String state = kind.transactionalDdl() || tracked
                        ? "nothing of it was applied; the database is where it was"
                        : kind.displayName() + " cannot roll back DDL: statements before the failure stay applied";
                throw failed(what, e, state);
            } finally {
                try {
                    connection.setAutoCommit(autoCommit);
                    DdlExecutor.restoreAfterMigration(connection, kind);
                } catch (SQLException ignored) {
                    // the connection is closed by the caller; nothing more to restore
                }
            }
        }

        /**
         * Ends the run: on SQLite commits what completed (also after a failure, as per-step commits would have);
         * a failed run that completed nothing is rolled back, leaving even the file's bytes as they were.
         */
        private void end(RuntimeException failure) {
            if (!oneTransaction) {
                return;
            }
            if (failure != null && !changed) {
                rollback();
            }
            try {
                connection.setAutoCommit(true); // sqlite-jdbc commits here
                if (failure == null) {
                    pause.accept("COMMIT");
                }
            } catch (SQLException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                    return;
                }
                throw new DatabaseException("cannot commit: " + Database.firstLine(e.getMessage())
                        + " (SQLite rolled the run back: the database is where it was)", e);
            }
        }

        private void execute(String sql) throws SQLException {
            try (Statement s = connection.createStatement()) {
                s.execute(sql);
            }
        }
    }

    @FunctionalInterface
    private interface Work {
        void run(Consumer<String> executed) throws Exception;
    }

    private DatabaseException failed(String what, Exception e, String state) {
        return new DatabaseException(what + " failed: " + describe(e) + " (" + state + ")", e);
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original failure is what the user needs to see
        }
    }

    /** Runs the step's migration code (upgrade or downgrade) on {@code executor}, then what it left pending. */
    private static void runCode(Step step, Migration migration, DdlExecutor executor) throws Exception {
        Operations ops = new Operations(executor);
        if (step.upgrade()) {
            migration.upgrade(ops);
        } else {
            migration.downgrade(ops);
        }
        executor.flush();
    }

    /** A step as failures name it: {@code upgrade <id> (<message>)}. */
    private static String describeStep(Step step) {
        return (step.upgrade() ? "upgrade " : "downgrade ") + step.id() + " (" + step.revision().message() + ")";
    }

    /** The history row of a step that ran for {@code ms} milliseconds. */
    private static HistoryEntry historyEntry(Step step, String checksum, long ms) {
        return new HistoryEntry(0, step.id(), step.upgrade() ? HistoryEntry.UPGRADE : HistoryEntry.DOWNGRADE, checksum, now(), ms);
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** A history row written now for a revision, running nothing. */
    public static HistoryEntry entry(String revision, String direction, String checksum) {
        return new HistoryEntry(0, revision, direction, checksum, now(), null);
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while ((t.getMessage() == null || t instanceof java.lang.reflect.InvocationTargetException) && t.getCause() != null) {
            t = t.getCause();
        }
        String text = Database.firstLine(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        if (text.contains("SQLITE_CANTOPEN")) {
            text += " (SQLite creates a journal file next to the database: is its folder writable?)";
        } else if (text.contains("SQLITE_READONLY")) {
            text += " (is the database file writable?)";
        }
        return text.startsWith("failed: ") ? text.substring("failed: ".length()) : text;
    }
}
