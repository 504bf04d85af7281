package dev.retort.runtime;

import dev.retort.model.DatabaseKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The bookkeeping statements of one change (version-table rows, history rows), with their values as parameters.
 * On PostgreSQL they go to the server as one multi-statement prepared statement, one round trip for them all:
 * over a thousand small migrations the round trips, not the statements, are what the run waits for. Elsewhere
 * they run one by one (SQLite runs in process; MariaDB's driver refuses several statements in one).
 */
final class StatementBatch {

    /** A parameter value with its SQL type, so that a null is bound as what it stands for. */
    record Value(int type, Object value) {
    }

    private record Entry(String sql, String echo, List<Value> values) {
    }

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

    /**
     * Adds a statement: {@code sql} with a {@code ?} for each value, and {@code echo}, the same as literal SQL, for
     * whoever hears what ran.
     */
    void add(String sql, String echo, Value... values) {
        entries.add(new Entry(sql, echo, List.of(values)));
    }

    /** Runs the statements in order, then hands each to {@code executed}; none is handed on when one fails. */
    void run(Connection c, Consumer<String> executed) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        if (kind == DatabaseKind.POSTGRESQL && entries.size() > 1) {
            // pgjdbc splits the text at the semicolons and sends every statement before it waits for an answer
            StringBuilder sql = new StringBuilder();
            List<Value> values = new ArrayList<>();
            for (Entry e : entries) {
                sql.append(sql.length() == 0 ? "" : ";\n").append(e.sql());
                values.addAll(e.values());
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                bind(ps, values);
                ps.execute();
                while (ps.getMoreResults() || ps.getUpdateCount() != -1) {
                    // every statement's result is read, so that a failure of any is raised here
                }
            }
        } else {
            for (Entry e : entries) {
                try (PreparedStatement ps = c.prepareStatement(e.sql())) {
                    bind(ps, e.values());
                    ps.executeUpdate();
                }
            }
        }
        entries.forEach(e -> executed.accept(e.echo()));
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
