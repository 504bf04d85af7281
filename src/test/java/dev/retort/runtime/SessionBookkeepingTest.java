package dev.retort.runtime;

import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import dev.retort.model.Table;
import dev.retort.ops.Migration;
import dev.retort.ops.Operations;
import dev.retort.revision.RevisionInfo;
import dev.retort.revision.Step;
import dev.retort.revision.VersionChange;
import dev.retort.testing.MariaDbServer;
import dev.retort.testing.PostgresServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session reads the version table, its history and which of its tables exist once, and keeps them up to date
 * with its own changes: the database must end exactly as if every step had read them again, also after a step
 * that failed and was rolled back (the tables that step created are gone with it) and across sessions.
 */
class SessionBookkeepingTest {

    static final String A = "1111aaaaaaaa";
    static final String B = "2222bbbbbbbb";
    static final String C = "3333cccccccc";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void stepsAfterAFailedFirstStepCreateTheTablesAgain(DatabaseKind kind) throws Exception {
        try (Connection c = open(kind)) {
            VersionTable vt = new VersionTable("retort_version", kind);
            List<String> statements = new ArrayList<>();
            new Migrator(c, kind, vt).locked(s -> { }, session -> {
                assertEquals(Set.of(), session.rows());
                assertEquals(List.of(), session.history());
                DatabaseException failure = assertThrows(DatabaseException.class,
                        () -> session.apply(List.of(up(A, null)), r -> failing(), r -> "src:a", s -> { }, s -> { }));
                assertTrue(failure.getMessage().contains("boom"), failure.getMessage());
                try {
                    assertEquals(!kind.transactionalDdl(), vt.exists(c), "the version table goes with the failed step's rollback");
                } catch (SQLException e) {
                    throw new AssertionError(e);
                }
                session.apply(List.of(up(A, null), up(B, A)), r -> creating("t_" + r.id()), r -> "src:" + r.id(), s -> { },
                        statements::add);
                assertEquals(Set.of(B), session.rows());
                return null;
            });
            assertEquals(Set.of(B), vt.read(c));
            assertEquals(List.of("1 " + A + " upgrade src:" + A, "2 " + B + " upgrade src:" + B), history(vt, c));
            // MariaDB's create statements committed by themselves in the failed step: they stay
            assertEquals(kind.transactionalDdl(), statements.get(0).startsWith("create table " + vt.quoted()), statements.toString());
            int delete = statements.indexOf(vt.deleteSql(A));
            assertTrue(delete > 0, statements.toString());
            assertEquals(vt.insertSql(B), statements.get(delete + 1), "each statement is reported once it ran, in order");
            assertTrue(statements.get(delete + 2).startsWith("insert into " + VersionTable.quote("retort_version_history", kind)
                    + " (installed_rank, revision, direction, checksum, applied_at, duration_ms) values (2, '" + B + "', 'upgrade', 'src:"
                    + B + "', "), statements.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void ranksAndRowsContinueAcrossSessionsStampsAndFailures(DatabaseKind kind) throws Exception {
        try (Connection c = open(kind)) {
            VersionTable vt = new VersionTable("retort_version", kind);
            Function<RevisionInfo, Migration> tables = r -> creating("t_" + r.id());
            new Migrator(c, kind, vt).locked(s -> { }, session -> {
                session.stamp(new VersionChange(Set.of(), Set.of(A)), List.of(Migrator.entry(A, HistoryEntry.STAMP, "src:" + A)), s -> { });
                session.apply(List.of(up(B, A)), tables, r -> "src:" + r.id(), s -> { }, s -> { });
                return null;
            });
            new Migrator(c, kind, vt).locked(s -> { }, session -> {
                assertEquals(Set.of(B), session.rows(), "a new session reads what the last one left");
                session.apply(List.of(up(C, B)), tables, r -> "src:" + r.id(), s -> { }, s -> { });
                assertThrows(DatabaseException.class, () -> session.apply(List.of(down(C, B)), r -> failing(), r -> "src:" + r.id(),
                        s -> { }, s -> { }));
                assertEquals(Set.of(C), session.rows(), "the failed step left the rows as they were");
                session.record("repair", List.of(Migrator.entry(C, HistoryEntry.REPAIR, "src:c2")), s -> { });
                session.apply(List.of(down(C, B)), tables, r -> "src:" + r.id(), s -> { }, s -> { });
                return null;
            });
            assertEquals(Set.of(B), vt.read(c));
            assertEquals(List.of("1 " + A + " stamp src:" + A, "2 " + B + " upgrade src:" + B, "3 " + C + " upgrade src:" + C,
                    "4 " + C + " repair src:c2", "5 " + C + " downgrade src:" + C), history(vt, c));
            assertFalse(Workspace.tables(c, kind).contains("t_" + C), "the downgrade ran");
        }
    }

    /**
     * On PostgreSQL a step's statements are held back and sent with its bookkeeping in one batch: a migration's own
     * code that takes the connection must still find its earlier ops done, later ops must run after it, everything
     * must be reported in order, and the history row's duration must count the server's work, not only the client's.
     */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aMigrationsOwnCodeSeesItsOpsDoneAndItsDurationCountsTheServersWork(DatabaseKind kind) throws Exception {
        String slow = switch (kind) {
            case SQLITE -> null; // no sleep in SQLite's SQL
            case POSTGRESQL -> "select pg_sleep(0.3)";
            case MARIADB -> "select sleep(0.3)";
        };
        Migration data = new Migration() {
            @Override
            public void upgrade(Operations op) throws SQLException {
                op.createTable(Table.builder("t_data").column(Column.of("id", ColumnType.bigint()).notNull()).primaryKey("id").build());
                try (Statement s = op.connection().createStatement()) {
                    s.execute("insert into t_data (id) values (1)");
                }
                if (slow != null) {
                    op.execute(slow);
                }
                op.addColumn("t_data", Column.of("note", ColumnType.varchar(10)));
                try (Statement s = op.connection().createStatement()) {
                    s.execute("update t_data set note = 'seen'");
                }
            }

            @Override
            public void downgrade(Operations op) {
                op.dropTable("t_data");
            }
        };
        try (Connection c = open(kind)) {
            VersionTable vt = new VersionTable("retort_version", kind);
            List<String> statements = new ArrayList<>();
            new Migrator(c, kind, vt).locked(s -> { }, session -> {
                session.apply(List.of(up(A, null)), r -> data, r -> "src:a", s -> { }, statements::add);
                return null;
            });
            try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("select id, note from t_data")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getLong(1));
                assertEquals("seen", rs.getString(2));
                assertFalse(rs.next());
            }
            int create = indexOf(statements, "create table t_data");
            int add = indexOf(statements, "alter table t_data add");
            int version = statements.indexOf(vt.insertSql(A));
            assertTrue(create >= 0 && create < add && add < version, statements.toString());
            if (slow != null) {
                int sleep = statements.indexOf(slow);
                assertTrue(create < sleep && sleep < add, statements.toString());
                long duration = vt.history().read(c).get(0).durationMs();
                assertTrue(duration >= 290, "the history row's duration counts the server's 300 ms: " + duration);
            }
        }
    }

    /**
     * A failure in the middle of a run keeps the steps before it, whether the server refuses a statement or the
     * migration's code throws: on PostgreSQL several steps go to the server in one batch, and the ones after the
     * failure must not run, the ones before must be recorded, and a later run must continue from there. (MariaDB
     * keeps what a failed migration's statements did and resumes it: MariaDbResumeTest.)
     */
    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"SQLITE", "POSTGRESQL"})
    void aFailureInTheMiddleKeepsTheStepsBeforeIt(DatabaseKind kind) throws Exception {
        Migration refused = new Migration() {
            @Override
            public void upgrade(Operations op) {
                op.createTable(Table.builder("t_" + B).column(Column.of("id", ColumnType.bigint()).notNull()).primaryKey("id").build());
                op.execute("insert into t_missing (id) values (1)");
            }

            @Override
            public void downgrade(Operations op) {
                op.dropTable("t_" + B);
            }
        };
        String D = "4444dddddddd";
        try (Connection c = open(kind)) {
            VersionTable vt = new VersionTable("retort_version", kind);
            List<String> statements = new ArrayList<>();
            List<String> running = new ArrayList<>();
            new Migrator(c, kind, vt).locked(s -> { }, session -> {
                DatabaseException failure = assertThrows(DatabaseException.class, () -> session.apply(
                        List.of(up(A, null), up(B, A), up(C, B)), r -> r.id().equals(B) ? refused : creating("t_" + r.id()),
                        r -> "src:" + r.id(), running::add, statements::add));
                assertTrue(failure.getMessage().startsWith("upgrade " + B + " (step " + B + ") failed: insert into t_missing"),
                        failure.getMessage());
                if (kind == DatabaseKind.POSTGRESQL) {
                    // C went to the server with B, announced as running, and did not run
                    assertTrue(failure.getMessage().endsWith("(nothing of it or of the migration after it was applied; the database is"
                            + " where it was before it)"), failure.getMessage());
                }
                assertEquals(Set.of(A), session.rows(), "the step before the failure stays");
                session.apply(List.of(up(B, A), up(C, B)), r -> creating("t_" + r.id()), r -> "src:" + r.id(), s -> { }, s -> { });
                failure = assertThrows(DatabaseException.class, () -> session.apply(List.of(up(D, C), up("5555eeeeeeee", D)),
                        r -> r.id().equals(D) ? creating("t_" + D) : failing(), r -> "src:" + r.id(), s -> { }, s -> { }));
                assertTrue(failure.getMessage().contains("boom"), failure.getMessage());
                assertEquals(Set.of(D), session.rows(), "a step whose code throws keeps the steps before it");
                return null;
            });
            assertEquals(Set.of(D), vt.read(c));
            assertEquals(List.of("1 " + A + " upgrade src:" + A, "2 " + B + " upgrade src:" + B, "3 " + C + " upgrade src:" + C,
                    "4 " + D + " upgrade src:" + D), history(vt, c));
            Set<String> tables = Workspace.tables(c, kind);
            assertTrue(tables.contains("t_" + A) && tables.contains("t_" + C) && tables.contains("t_" + D), tables.toString());
            assertTrue(statements.stream().anyMatch(st -> st.startsWith("create table t_" + A)), statements.toString());
            assertFalse(statements.stream().anyMatch(st -> st.contains("t_" + C)), "the step after the failure did not run: " + statements);
            assertTrue(running.get(0).contains(A) && running.get(1).contains(B), running.toString());
        }
    }

    /**
     * Many steps, and a step of many statements, go to PostgreSQL in several round trips (at most
     * {@link StatementBatch#MAX_PER_ROUND_TRIP} statements each): a failure in a later round trip keeps exactly the
     * steps before it, and a failure late in a step of 300 statements leaves none of them.
     */
    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"SQLITE", "POSTGRESQL"})
    void failuresFarIntoLongRunsKeepExactlyTheStepsBeforeThem(DatabaseKind kind) throws Exception {
        List<Step> chain = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            chain.add(up(String.format("%012d", i), i == 1 ? null : String.format("%012d", i - 1)));
        }
        Function<RevisionInfo, Migration> tables = r -> new Migration() {
            @Override
            public void upgrade(Operations op) {
                String table = "t_" + Integer.parseInt(r.id());
                op.createTable(Table.builder(table).column(Column.of("id", ColumnType.bigint()).notNull())
                        .column(Column.of("a", ColumnType.integer())).column(Column.of("b", ColumnType.integer())).primaryKey("id").build());
                op.createIndex(table, dev.retort.model.Index.of("ix_" + table + "_a", "a"));
                op.createIndex(table, dev.retort.model.Index.of("ix_" + table + "_b", "b"));
                if (r.id().equals(String.format("%012d", 45))) {
                    op.execute("insert into t_missing (id) values (1)");
                }
            }

            @Override
            public void downgrade(Operations op) {
            }
        };
        Migration big = new Migration() {
            @Override
            public void upgrade(Operations op) {
                for (int i = 0; i < 300; i++) {
                    op.createTable(Table.builder("big_" + i).column(Column.of("id", ColumnType.bigint()).notNull()).primaryKey("id").build());
                }
                op.createTable(Table.builder("big_17").column(Column.of("id", ColumnType.bigint()).notNull()).primaryKey("id").build());
            }

            @Override
            public void downgrade(Operations op) {
            }
        };
        try (Connection c = open(kind)) {
            VersionTable vt = new VersionTable("retort_version", kind);
            new Migrator(c, kind, vt).locked(s -> { }, session -> {
                DatabaseException failure = assertThrows(DatabaseException.class,
                        () -> session.apply(chain, tables, r -> "src:" + r.id(), s -> { }, s -> { }));
                assertTrue(failure.getMessage().startsWith("upgrade " + String.format("%012d", 45)), failure.getMessage());
                assertEquals(Set.of(String.format("%012d", 44)), session.rows());
                failure = assertThrows(DatabaseException.class, () -> session.apply(List.of(up(B, String.format("%012d", 44))),
                        r -> big, r -> "src:" + r.id(), s -> { }, s -> { }));
                assertTrue(failure.getMessage().contains("big_17"), failure.getMessage());
                assertEquals(Set.of(String.format("%012d", 44)), session.rows());
                return null;
            });
            assertEquals(Set.of(String.format("%012d", 44)), vt.read(c));
            assertEquals(44, vt.history().read(c).size());
            Set<String> present = Workspace.tables(c, kind);
            for (int i = 1; i <= 60; i++) {
                assertEquals(i < 45, present.contains("t_" + i), "t_" + i + " in " + present);
            }
            assertFalse(present.stream().anyMatch(t -> t.startsWith("big_")), "nothing of the big step stays: " + present);
        }
    }

    private static int indexOf(List<String> statements, String prefix) {
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void tablesAreFoundWhateverTheCaseOfTheirNames(DatabaseKind kind) throws Exception {
        try (Connection c = open(kind); Statement s = c.createStatement()) {
            s.execute("create table " + VersionTable.quote("Retort_VERSION", kind) + " (version_num varchar(32) not null)");
            if (kind == DatabaseKind.POSTGRESQL) {
                // only the schema the unqualified names go to counts
                s.execute("create schema elsewhere");
                s.execute("create table elsewhere.retort_version_history (installed_rank integer)");
            }
            assertEquals(Set.of("retort_version"),
                    VersionTable.existing(c, kind, List.of("retort_version", "retort_version_history", "retort_version_progress")));
            assertTrue(VersionTable.tableExists(c, kind, "RETORT_version"));
            assertFalse(VersionTable.tableExists(c, kind, "retort_version_history"));
            assertFalse(VersionTable.tableExists(c, kind, "retort_versio"), "a name is not a pattern");
        }
    }

    private Connection open(DatabaseKind kind) {
        String url = switch (kind) {
            case SQLITE -> "jdbc:sqlite:" + tmp.resolve("app.sqlite");
            case POSTGRESQL -> PostgresServer.get().createDatabase();
            case MARIADB -> MariaDbServer.get().createDatabase();
        };
        return Database.open(url, null, null, kind);
    }

    private static List<String> history(VersionTable vt, Connection c) throws SQLException {
        return vt.history().read(c).stream().map(e -> e.rank() + " " + e.revision() + " " + e.direction() + " " + e.checksum()).toList();
    }

    private static RevisionInfo revision(String id, String parent) {
        return new RevisionInfo(id, parent == null ? List.of() : List.of(parent), "step " + id, "2026-11-25T10:00:00Z", null,
                "migrations.R" + id);
    }

    private static Step up(String id, String parent) {
        return new Step(revision(id, parent), true, new VersionChange(parent == null ? Set.of() : Set.of(parent), Set.of(id)));
    }

    private static Step down(String id, String parent) {
        return new Step(revision(id, parent), false, new VersionChange(Set.of(id), parent == null ? Set.of() : Set.of(parent)));
    }

    private static Migration creating(String table) {
        return new Migration() {
            @Override
            public void upgrade(Operations op) {
                op.createTable(Table.builder(table).column(Column.of("id", ColumnType.bigint()).notNull()).primaryKey("id").build());
            }

            @Override
            public void downgrade(Operations op) {
                op.dropTable(table);
            }
        };
    }

    private static Migration failing() {
        return new Migration() {
            @Override
            public void upgrade(Operations op) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void downgrade(Operations op) {
                throw new IllegalStateException("boom");
            }
        };
    }
}
