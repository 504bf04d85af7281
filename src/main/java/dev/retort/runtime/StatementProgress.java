package dev.retort.runtime;

import dev.retort.ddl.DdlExecutor;
import dev.retort.model.DatabaseKind;
import dev.retort.revision.Step;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static dev.retort.runtime.VersionProgress.APPLIED;
import static dev.retort.runtime.VersionProgress.Entry;
import static dev.retort.runtime.VersionProgress.JDBC;
import static dev.retort.runtime.VersionProgress.RUNNING;

/**
 * One run of a migration on a database without transactional DDL, recorded statement by statement in the
 * {@link VersionProgress progress table}, each record committed with (or right after) the statement it describes.
 * When an earlier run of the same migration failed half way, this run resumes it: the statements the earlier run
 * applied are skipped, after checking that the migration still produces them, word for word, in the same order.
 *
 * <p>A migration whose own JDBC code ({@code op.connection()}) ran before it failed is not resumed: what that code
 * did is not recorded, and running it again could apply it twice. Nor is one whose process died during a statement:
 * whether that statement took effect is for the user to check. Both get a message with what to do.
 */
final class StatementProgress implements DdlExecutor.Journal {

    private final Connection connection;
    private final VersionProgress table;
    private final DatabaseKind kind;
    private final Step step;
    /** The statements an earlier run applied, in order. */
    private final List<Entry> earlier;
    private int lastEntry;
    /** Statements of the migration that took effect, in this run or an earlier one. */
    private int applied;
    private boolean jdbc;
    /** The number of the statement the database refused; 0 while none did. */
    private int failedAt;
    /** The row of a statement that ran without its row being marked (the connection broke); 0 when none. */
    private int unconfirmed;

    private StatementProgress(Connection connection, VersionProgress table, DatabaseKind kind, Step step, List<Entry> earlier) {
        this.connection = connection;
        this.table = table;
        this.kind = kind;
        this.step = step;
        this.earlier = earlier;
        this.lastEntry = earlier.isEmpty() ? 0 : earlier.get(earlier.size() - 1).entry();
        this.applied = earlier.size();
    }

    /**
     * Reads what earlier runs left in the progress table, which must exist, and starts recording this one.
     *
     * @throws DatabaseException when another migration stopped half way, or this one cannot be resumed
     */
    static StatementProgress start(Connection c, VersionProgress table, DatabaseKind kind, Step step) throws SQLException {
        List<Entry> rows = table.rows(c);
        if (!rows.isEmpty()) {
            Entry first = rows.get(0);
            String direction = direction(step);
            boolean same = first.revision().equals(step.id()) && first.direction().equals(direction);
            Entry running = rows.stream().filter(e -> RUNNING.equals(e.state())).findFirst().orElse(null);
            long statements = rows.stream().filter(e -> !JDBC.equals(e.state())).count();
            String what = "the " + first.direction() + " of " + first.revision() + " stopped half way in an earlier run, with "
                    + count(statements - (running == null ? 0 : 1)) + " applied";
            if (!same) {
                throw new DatabaseException(table.unfinished(rows));
            }
            if (running != null) {
                throw new DatabaseException(what + ", and statement " + running.statementNo() + " was running when that run stopped: "
                        + "Retort cannot tell whether it took effect: " + running.sql() + " -- check the database; if it did, run: "
                        + table.markAppliedSql(running.entry()) + "; if it did not, run: " + table.deleteSql(running.entry())
                        + "; then run the " + direction + " again to resume");
            }
            if (rows.stream().anyMatch(e -> JDBC.equals(e.state()))) {
                throw new DatabaseException(what + " after its own JDBC code (op.connection()) ran: Retort cannot tell what that code "
                        + "changed, so it does not resume it; finish the migration by hand and run 'retort stamp "
                        + finished(step.id(), direction) + "', or undo it by hand and run 'retort stamp " + unfinished(step.id(), direction) + "'");
            }
        }
        return new StatementProgress(c, table, kind, step, rows);
    }

    /** How many statements an earlier run applied: this run skips them. */
    int resumedAfter() {
        return earlier.size();
    }

    @Override
    public boolean before(int number, String sql) {
        if (number <= earlier.size()) {
            Entry then = earlier.get(number - 1);
            if (!then.sql().equals(sql)) {
                throw new DatabaseException("cannot resume the " + direction(step) + " of " + step.id() + ": its statement " + number
                        + " is now: " + sql + " -- but the earlier run applied: " + then.sql() + " -- restore the migration as it was up to"
                        + " statement " + earlier.size() + ", or finish it by hand and run 'retort stamp " + finished(step.id(), direction(step)) + "'");
            }
            return true;
        }
        record(new Entry(++lastEntry, step.id(), direction(step), number, RUNNING, sql, Migrator.now()));
        return false;
    }

    @Override
    public void after(int number, String sql) {
        applied = number;
        try {
            table.markApplied(connection, lastEntry);
            connection.commit(); // a DML statement commits together with its record
        } catch (SQLException e) {
            unconfirmed = lastEntry;
            throw new DatabaseException("cannot record statement " + number + " in " + table.name() + ": " + Database.firstLine(e.getMessage()), e);
        }
    }

    @Override
    public void failed(int number, String sql) {
        failedAt = number;
        try {
            table.delete(connection, lastEntry); // the refused statement took no effect: InnoDB statements are atomic
            connection.commit();
        } catch (SQLException e) {
            unconfirmed = lastEntry; // the row stays "running": the next run asks the user to check
        }
    }

    @Override
    public void connectionTaken(int statements) {
        if (statements < earlier.size()) {
            throw new DatabaseException("cannot resume the " + direction(step) + " of " + step.id() + ": it now takes the connection for"
                    + " its own JDBC code after statement " + statements + ", before the " + earlier.size() + " statements the earlier run applied");
        }
        jdbc = true;
        record(new Entry(++lastEntry, step.id(), direction(step), statements, JDBC, "op.connection(): the migration's own JDBC code",
                Migrator.now()));
    }

    /** Writes a row and commits it, before the statement it announces. */
    private void record(Entry entry) {
        try {
            table.insert(connection, entry);
            connection.commit();
        } catch (SQLException e) {
            throw new DatabaseException("cannot record progress in " + table.name() + ": " + Database.firstLine(e.getMessage()), e);
        }
    }

    /** The migration has produced all its statements: it must not have fewer than the earlier run applied. */
    void finished(int statements) {
        if (statements < earlier.size()) {
            throw new DatabaseException("cannot resume the " + direction(step) + " of " + step.id() + ": it now has " + count(statements)
                    + ", but the earlier run applied " + earlier.size() + " (the last: " + earlier.get(earlier.size() - 1).sql()
                    + "); restore the migration as it was up to statement " + earlier.size() + ", or finish it by hand and run 'retort stamp "
                    + finished(step.id(), direction(step)) + "'");
        }
    }

    /** The number of the statement the database refused, 0 if none did. */
    int failedAt() {
        return failedAt;
    }

    /** What a failure of this run left behind and what to do, for the error message. */
    String stateAfterFailure() {
        if (applied == 0 && !jdbc && unconfirmed == 0) {
            return "nothing of it was applied; the database is where it was";
        }
        String direction = direction(step);
        StringBuilder s = new StringBuilder(kind.displayName()).append(" cannot roll back DDL: ");
        s.append(applied == 0 ? "no statement" : applied == 1 ? "statement 1" : "statements 1 to " + applied)
                .append(" of this migration ").append(applied == 1 ? "stays" : "stay").append(" applied");
        if (jdbc) {
            s.append(", and its own JDBC code ran");
        }
        s.append(", recorded in ").append(table.name());
        if (unconfirmed != 0) {
            return s.append("; the record of the statement after them could not be written: run the ").append(direction)
                    .append(" again to be told how to check it").toString();
        }
        if (jdbc) {
            return s.append("; Retort does not resume a migration after its JDBC code ran: finish it by hand and run 'retort stamp ")
                    .append(finished(step.id(), direction)).append("', or undo it by hand and run 'retort stamp ")
                    .append(unfinished(step.id(), direction)).append('\'').toString();
        }
        return s.append("; fix the cause and run the ").append(direction).append(" again to resume after statement ").append(applied)
                .append(", or finish it by hand and run 'retort stamp ").append(finished(step.id(), direction)).append('\'').toString();
    }

    private static String direction(Step step) {
        return step.upgrade() ? HistoryEntry.UPGRADE : HistoryEntry.DOWNGRADE;
    }

    /** The revision to stamp once the migration was completed by hand. */
    private static String finished(String revision, String direction) {
        return direction.equals(HistoryEntry.UPGRADE) ? revision : revision + "-1";
    }

    /** The revision to stamp once the migration was undone by hand. */
    private static String unfinished(String revision, String direction) {
        return direction.equals(HistoryEntry.UPGRADE) ? revision + "-1" : revision;
    }

    private static String count(long statements) {
        return statements == 1 ? "1 statement" : statements + " statements";
    }
}
