package dev.retort.runtime;

import dev.retort.ddl.DdlExecutor;
import dev.retort.model.DatabaseKind;
import dev.retort.ops.Migration;
import dev.retort.ops.Operations;
import dev.retort.revision.RevisionInfo;
import dev.retort.revision.Step;

import java.sql.Connection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Offline mode ({@code --sql}): prints the script a run would execute, version-table and history statements
 * included, one transaction per migration where the database has transactional DDL.
 */
public final class ScriptWriter {

    private final DatabaseKind kind;
    private final VersionTable versionTable;
    private final Consumer<String> out;

    public ScriptWriter(DatabaseKind kind, VersionTable versionTable, Consumer<String> out) {
        this.kind = kind;
        this.versionTable = versionTable;
        this.out = out;
    }

    /**
     * Writes the steps. {@code scratch} is a database kept at the schema the script has reached (SQLite needs
     * it to plan table rebuilds); null where the SQL can be printed without one. {@code checksums} gives each
     * revision's checksum for its history row.
     */
    public void write(List<Step> steps, boolean createVersionTable, Connection scratch,
                      Function<RevisionInfo, Migration> migrations, Function<RevisionInfo, String> checksums) {
        Consumer<String> statement = s -> out.accept(s.endsWith(";") ? s : s + ";");
        VersionHistory history = versionTable.history();
        out.accept(kind.transactionalDdl()
                ? "-- Context: " + kind.displayName() + ", transactional DDL: each migration is one transaction with its version change"
                : "-- Context: " + kind.displayName() + ", non-transactional DDL: each statement commits at once, so a statement that"
                        + " fails leaves those before it applied");
        if (createVersionTable) {
            statement.accept(versionTable.createSql());
        }
        if (!steps.isEmpty()) {
            // a database migrated before Retort kept a history has none yet
            statement.accept(history.createSql(true));
            out.accept("");
        }
        for (Step step : steps) {
            out.accept("-- Running " + step);
            if (kind.transactionalDdl()) {
                statement.accept("BEGIN");
            }
            try {
                if (scratch != null) {
                    DdlExecutor.beforeMigration(scratch, kind);
                }
                DdlExecutor executor = new DdlExecutor(scratch, kind, statement);
                Operations ops = new Operations(executor);
                Migration m = migrations.apply(step.revision());
                if (step.upgrade()) {
                    m.upgrade(ops);
                } else {
                    m.downgrade(ops);
                }
                executor.flush();
                if (scratch != null) {
                    DdlExecutor.restoreAfterMigration(scratch, kind);
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new DatabaseException("cannot write the SQL of " + step.id() + ": " + Migrator.describe(e), e);
            }
            versionTable.print(step.versionChange().deleteRows(), step.versionChange().insertRows(), statement);
            statement.accept(history.insertSql(step.id(), step.upgrade() ? HistoryEntry.UPGRADE : HistoryEntry.DOWNGRADE,
                    checksums.apply(step.revision())));
            if (kind.transactionalDdl()) {
                statement.accept("COMMIT");
            }
            out.accept("");
        }
    }
}
