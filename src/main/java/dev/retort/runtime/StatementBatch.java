package dev.retort.runtime;

import dev.retort.model.DatabaseKind;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The statements of one change: a migration's own statements, held back by its executor, then the bookkeeping
 * (version-table rows, history rows). On PostgreSQL they go to the server as one JDBC batch of literal SQL, which
 * pgjdbc sends whole before it reads an answer: one round trip for them all, since over a thousand small
 * migrations the round trips, not the statements, are what the run waits for. Elsewhere they run one by one
 * (SQLite runs in process; MariaDB's driver sends a batch one statement at a time anyway), the bookkeeping with its
 * values as parameters.
 */
final class StatementBatch {

    /** A parameter value with its SQL type, so that a null is bound as what it stands for. */
    record Value(int type, Object value) {
    }

    /** {@code sql} with a {@code ?} per value; {@code literal}, the same as literal SQL, runs in a batch and is reported. */
    private record Entry(String sql, String literal, List<Value> values) {
    }

    /**
     * At most this many statements go to PostgreSQL in one round trip. pgjdbc, once it expects 64,000 bytes of
     * answers (250 per statement without rows), syncs in the middle of a batch to read them; after a failure before
     * such a sync it still sends the next statement, which would then run on its own (a COMMIT there ends the failed
     * transaction). Batches below that size end with their own sync only.
     */
    static final int MAX_PER_ROUND_TRIP = 250;

    private final DatabaseKind kind;
    private final List<Entry> entries = new ArrayList<>();

    StatementBatch(DatabaseKind kind) {
        this.kind = kind;
    }

    static Value text(String s) {
        return new Value(Types.VARCHAR, s);
    }

    static Value bigint(Long n) {
        return new Value(Types.BIGINT, n);
    }

    /** Whether the statements go to the server together: then a statement may say in SQL what the server computes. */
    boolean together() {
        return kind == DatabaseKind.POSTGRESQL;
    }

    /**
     * Adds a statement: {@code sql} with a {@code ?} for each value, and {@code literal}, the same as literal SQL, for
     * the batch and for whoever hears what ran.
     */
    void add(String sql, String literal, Value... values) {
        entries.add(new Entry(sql, literal, List.of(values)));
    }

    /** Adds a statement that runs as it is (a migration's DDL). */
    void add(String sql) {
        entries.add(new Entry(sql, sql, List.of()));
    }

    /** Adds the statements of {@code other}, after these. */
    void addAll(StatementBatch other) {
        entries.addAll(other.entries);
    }

    /** How many statements this holds. */
    int size() {
        return entries.size();
    }

    /** Hands the first {@code count} statements to {@code executed}: those that ran before a failure and stay. */
    void reportFirst(int count, Consumer<String> executed) {
        entries.subList(0, Math.min(count, entries.size())).forEach(e -> executed.accept(e.literal()));
    }

    /**
     * Runs the statements in order, then hands each to {@code executed}; none is handed on when one fails. A failure
     * names the statement that failed: {@code failed: <statement>: <the database's message>}.
     */
    void run(Connection c, Consumer<String> executed) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        if (together()) {
            for (int from = 0; from < entries.size(); from += MAX_PER_ROUND_TRIP) {
                List<Entry> part = entries.subList(from, Math.min(entries.size(), from + MAX_PER_ROUND_TRIP));
                try (Statement s = c.createStatement()) {
                    for (Entry e : part) {
                        s.addBatch(e.literal());
                    }
                    s.executeBatch();
                } catch (BatchUpdateException e) {
                    throw failure(e, part);
                }
            }
        } else {
            for (Entry e : entries) {
                try {
                    if (e.values().isEmpty()) {
                        try (Statement s = c.createStatement()) {
                            s.execute(e.sql());
                        }
                    } else {
                        try (PreparedStatement ps = c.prepareStatement(e.sql())) {
                            bind(ps, e.values());
                            ps.executeUpdate();
                        }
                    }
                } catch (SQLException failed) {
                    throw new SQLException("failed: " + e.literal() + ": " + failed.getMessage(), failed.getSQLState(), failed);
                }
            }
        }
        entries.forEach(e -> executed.accept(e.literal()));
    }

    /**
     * The failure of a batch, naming its statement. pgjdbc's message names the entry and quotes it ("Batch entry 2
     * ... was aborted", in the JVM's language); the database's own error is the next exception.
     */
    private static SQLException failure(BatchUpdateException e, List<Entry> sent) {
        SQLException cause = e.getNextException() != null ? e.getNextException() : e;
        String message = e.getMessage() == null ? "" : e.getMessage();
        Entry failed = null;
        for (Entry entry : sent) {
            if (message.contains(entry.literal()) && (failed == null || entry.literal().length() > failed.literal().length())) {
                failed = entry;
            }
        }
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new SQLException(failed == null ? text : "failed: " + failed.literal() + ": " + text, cause.getSQLState(), cause);
    }

    private static void bind(PreparedStatement ps, List<Value> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Value v = values.get(i);
            if (v.value() == null) {
                ps.setNull(i + 1, v.type());
            } else if (v.type() == Types.BIGINT) {
                ps.setLong(i + 1, ((Number) v.value()).longValue());
            } else {
                ps.setString(i + 1, (String) v.value());
            }
        }
    }
}
