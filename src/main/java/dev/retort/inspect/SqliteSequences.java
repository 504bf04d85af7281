package dev.retort.inspect;

import dev.retort.model.Schema;
import dev.retort.model.Sequence;
import dev.retort.model.Table;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * SQLite has no sequences. Hibernate (and Retort's DDL, to agree with it) stands in for one with a table of the
 * sequence's name holding one row of one column, {@code next_val}. Read back, such a table is the sequence it
 * stands for, so that the same model compares equal on SQLite and on databases with real sequences, and a
 * migration written on SQLite creates a sequence, not a table, on the others.
 */
final class SqliteSequences {

    /** Hibernate's default allocation size: the table does not record the increment, only the next value. */
    private static final long DEFAULT_INCREMENT = 50;

    private SqliteSequences() {
    }

    static Schema split(Connection c, List<Table> read) throws SQLException {
        List<Table> tables = new ArrayList<>();
        List<Sequence> sequences = new ArrayList<>();
        for (Table t : read) {
            if (isStandIn(t)) {
                sequences.add(new Sequence(t.name(), nextValue(c, t), DEFAULT_INCREMENT));
            } else {
                tables.add(t);
            }
        }
        return new Schema(tables, sequences);
    }

    /** One column {@code next_val} of an integer type, and nothing else: no key, index, constraint or comment. */
    static boolean isStandIn(Table t) {
        return t.columns().size() == 1
                && t.columns().get(0).name().equalsIgnoreCase("next_val")
                && !t.columns().get(0).type().isVerbatim()
                && isInteger(t.columns().get(0).type().code())
                && t.primaryKey() == null && t.foreignKeys().isEmpty() && t.indexes().isEmpty()
                && t.uniqueKeys().isEmpty() && t.checks().isEmpty();
    }

    private static boolean isInteger(int code) {
        return code == java.sql.Types.BIGINT || code == java.sql.Types.INTEGER;
    }

    private static long nextValue(Connection c, Table t) throws SQLException {
        String quoted = "\"" + t.name().name().replace("\"", "\"\"") + "\"";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select max(next_val) from " + quoted)) {
            long value = rs.next() ? rs.getLong(1) : 0;
            return value > 0 ? value : 1;
        }
    }
}
