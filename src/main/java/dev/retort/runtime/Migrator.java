package dev.retort.runtime;

import dev.retort.ddl.DdlExecutor;
import dev.retort.model.DatabaseKind;
import dev.retort.ops.Migration;
import dev.retort.ops.Operations;
import dev.retort.revision.RevisionInfo;
import dev.retort.revision.Step;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Applies a plan of steps to a database. Each step — the migration's operations and the version-table change
 * that records it — commits together or not at all where the database has transactional DDL.
 */
public final class Migrator {

    private final Connection connection;
    private final DatabaseKind kind;
    private final VersionTable versionTable;
    private final Function<RevisionInfo, Migration> migrations;

    public Migrator(Connection connection, DatabaseKind kind, VersionTable versionTable,
                    Function<RevisionInfo, Migration> migrations) {
        this.connection = connection;
        this.kind = kind;
        this.versionTable = versionTable;
        this.migrations = migrations;
    }

    /**
     * Runs the steps in order. {@code info} receives Alembic's "Running upgrade a -> b, message" lines,
     * {@code sql} every statement executed. Stops at the first failure, leaving the database at the last
     * step that committed.
     */
    public void run(List<Step> steps, Consumer<String> info, Consumer<String> sql) {
        for (Step step : steps) {
            info.accept("Running " + step);
            runStep(step, sql);
        }
    }

    /** Changes the version table only, as {@code stamp} does. */
    public void stamp(dev.retort.revision.VersionChange change, Consumer<String> sql) {
        inTransaction("stamp", () -> {
            versionTable.ensure(connection);
            versionTable.change(connection, change.deleteRows(), change.insertRows(), sql);
        });
    }

    private void runStep(Step step, Consumer<String> sql) {
        Migration migration = migrations.apply(step.revision());
        String what = (step.upgrade() ? "upgrade " : "downgrade ") + step.id() + " (" + step.revision().message() + ")";
        inTransaction(what, () -> {
            versionTable.ensure(connection);
            Set<String> before = versionTable.read(connection);
            step.applyTo(before); // the plan and the table must agree before anything changes
            DdlExecutor executor = new DdlExecutor(connection, kind, sql);
            Operations ops = new Operations(executor);
            if (step.upgrade()) {
                migration.upgrade(ops);
            } else {
                migration.downgrade(ops);
            }
            executor.flush();
            DdlExecutor.afterMigration(connection, kind);
            versionTable.change(connection, step.versionChange().deleteRows(), step.versionChange().insertRows(), sql);
        });
    }

    private interface Work {
        void run() throws Exception;
    }

    private void inTransaction(String what, Work work) {
        boolean autoCommit;
        try {
            autoCommit = connection.getAutoCommit();
            DdlExecutor.beforeMigration(connection, kind);
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new DatabaseException("cannot start a transaction for " + what + ": " + Database.firstLine(e.getMessage()), e);
        }
        try {
            work.run();
            connection.commit();
        } catch (Exception e) {
            rollback();
            String state = kind.transactionalDdl()
                    ? "nothing of it was applied; the database is where it was"
                    : kind.displayName() + " cannot roll back DDL: statements before the failure stay applied";
            throw new DatabaseException(what + " failed: " + describe(e) + " (" + state + ")", e);
        } finally {
            try {
                connection.setAutoCommit(autoCommit);
                DdlExecutor.restoreAfterMigration(connection, kind);
            } catch (SQLException ignored) {
                // the connection is closed by the caller; nothing more to restore
            }
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the original failure is what the user needs to see
        }
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while ((t.getMessage() == null || t instanceof java.lang.reflect.InvocationTargetException) && t.getCause() != null) {
            t = t.getCause();
        }
        String text = Database.firstLine(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        return text.startsWith("failed: ") ? text.substring("failed: ".length()) : text;
    }
}
