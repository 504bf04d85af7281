package dev.retort.scenario;

import dev.retort.inspect.SchemaInspector;
import dev.retort.model.Column;
import dev.retort.model.Schema;
import dev.retort.model.Table;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A database's schema and the rows of each of its tables, each row as column name (lower case) to value
 * text, so that two moments of one database can be compared.
 */
record Snapshot(Schema schema, Map<String, List<Map<String, String>>> rows) {

    static Snapshot take(Connection c, Target target) throws SQLException {
        Schema schema = SchemaInspector.inspect(c, target.kind, t -> !t.name().toLowerCase(Locale.ROOT).startsWith("retort_"));
        Map<String, List<Map<String, String>>> rows = new LinkedHashMap<>();
        for (Table table : schema.tables()) {
            rows.put(table.name().key(), rows(c, target, table));
        }
        return new Snapshot(schema, rows);
    }

    private static List<Map<String, String>> rows(Connection c, Target target, Table table) throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select * from " + target.quote(table.name().name()))) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    row.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT),
                            value instanceof byte[] b ? HexFormat.of().formatHex(b) : rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * The columns of {@code table} that have the same definition here and in {@code other}: a migration
     * between the two must keep their values.
     */
    List<String> untouchedColumns(String tableKey, Snapshot other) {
        Optional<Table> mine = table(tableKey);
        Optional<Table> theirs = other.table(tableKey);
        if (mine.isEmpty() || theirs.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Column column : mine.get().columns()) {
            theirs.get().column(column.name()).filter(column::equals)
                    .ifPresent(c -> names.add(c.name().toLowerCase(Locale.ROOT)));
        }
        return names;
    }

    Optional<Table> table(String tableKey) {
        return schema.tables().stream().filter(t -> t.name().key().equals(tableKey)).findFirst();
    }

    /** The rows of a table projected on {@code columns}, sorted, so row order and other columns do not matter. */
    List<String> projection(String tableKey, List<String> columns) {
        return rows.getOrDefault(tableKey, List.of()).stream()
                .map(row -> columns.stream().map(col -> col + "=" + row.get(col)).toList().toString())
                .sorted().toList();
    }

    int rowCount(String tableKey) {
        return rows.getOrDefault(tableKey, List.of()).size();
    }
}
