package dev.retort.inspect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.retort.inspect.CreateTableStatement.ForeignKeyClause;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.PrimaryKey;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;

/**
 * SQLite's catalog in four queries for all tables: {@code sqlite_master} joined with the table-valued pragma
 * functions. Per-table {@code DatabaseMetaData} calls cost 1–2 ms each and sqlite-jdbc's all-tables
 * {@code getColumns} fails past ~500 columns; these joins have neither problem. CHECK constraints and
 * constraint names exist only in the {@code CREATE TABLE} text, which {@link CreateTableStatement} parses.
 */
final class SqliteCatalog {

    private static final String COLUMNS = tables("c.name, c.type, c.\"notnull\", c.dflt_value, c.pk",
            "join pragma_table_info(m.name, 'main') c", "");

    /**
     * The CREATE TABLE texts, apart: in the column query each text would ride along every column row into the sort,
     * which made that query half again as slow.
     */
    private static final String CREATE_STATEMENTS =
            "select name, sql from sqlite_master where type = 'table' and (? is null or name = ? collate nocase)";

    private static final String INDEXES = tables("il.name, il.\"unique\", il.origin, x.cid, x.name, x.\"desc\", x.seqno", """
            join pragma_index_list(m.name, 'main') il
            join pragma_index_xinfo(il.name, 'main') x""", "and x.key = 1");

    private static final String FOREIGN_KEYS = tables("f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete, f.seq",
            "join pragma_foreign_key_list(m.name, 'main') f", "");

    /**
     * A query over the user tables of the main database: not SQLite's own {@code sqlite_%} tables, not virtual
     * tables nor their shadow tables (they are the module's business). Selects the table name, then
     * {@code select}; the two parameters restrict it to one table, matched ignoring case. Unordered: sorting every
     * row cost more than the rest of the query. The pragma functions take the table as argument, so each table's
     * rows come from one call, together and in the pragma's order (columns by position, index and key parts by
     * sequence); the reader does not count on it beyond that, and the model sorts tables, keys and indexes itself.
     */
    private static String tables(String select, String joins, String condition) {
        return "select m.name, " + select + "\nfrom sqlite_master m\n" + joins + """

                where m.type = 'table' and m.name not like 'sqlite\\_%' escape '\\'
                  and (? is null or m.name = ? collate nocase)
                  and m.name not in (select name from pragma_table_list where schema = 'main' and type in ('virtual', 'shadow'))
                """ + condition;
    }

    private SqliteCatalog() {
    }

    /** The tables {@code include} accepts; with {@code only} set, just that table (matched ignoring case). */
    static List<Table> read(Connection c, Predicate<TableName> include, String only) throws SQLException {
        Map<String, TableDraft> drafts = new LinkedHashMap<>();
        Map<String, CreateTableStatement> ddl = new HashMap<>();
        Map<String, List<String>> pkColumns = new HashMap<>();
        Map<String, String> exactNames = new HashMap<>(); // lower-case name -> name as stored, for FK targets

        Map<String, String> createStatements = new HashMap<>();
        try (ResultSet rs = query(c, CREATE_STATEMENTS, only)) {
            while (rs.next()) {
                createStatements.put(rs.getString(1), rs.getString(2));
            }
        }
        try (ResultSet rs = query(c, COLUMNS, only)) {
            // a catalog has a handful of distinct type names: parse each once
            Map<String, ColumnType> types = new HashMap<>();
            Map<String, TreeMap<Integer, Column>> pkParts = new HashMap<>();
            Map<String, String> pkTypes = new HashMap<>();
            Set<String> seen = new HashSet<>();
            String current = null;
            TableDraft draft = null;
            while (rs.next()) {
                String table = rs.getString(1);
                if (!table.equals(current)) {
                    // a table's rows come together: its own work is done once, not per column
                    current = table;
                    draft = drafts.get(table);
                    if (draft == null && seen.add(table)) {
                        exactNames.putIfAbsent(table.toLowerCase(Locale.ROOT), table);
                        TableName name = TableName.of(table);
                        if (include.test(name)) {
                            draft = new TableDraft(name);
                            drafts.put(table, draft);
                            ddl.put(table, CreateTableStatement.parse(createStatements.get(table)));
                        }
                    }
                }
                if (draft == null) continue;
                String type = rs.getString(3);
                ColumnType columnType = types.computeIfAbsent(type == null ? "" : type, t -> ReportedType.parse(t).sqlite());
                Column column = new Column(rs.getString(2), columnType, rs.getInt(4) == 0,
                        rs.getString(5), null, false);
                draft.columns.add(column);
                int pk = rs.getInt(6);
                if (pk > 0) {
                    pkParts.computeIfAbsent(table, t -> new TreeMap<>()).put(pk, column);
                    pkTypes.put(table, type);
                }
            }
            pkParts.forEach((table, parts) -> pkColumns.put(table, parts.values().stream().map(Column::name).toList()));
            for (TableDraft d : drafts.values()) {
                String table = d.name.name();
                CreateTableStatement statement = ddl.get(table);
                List<String> pk = pkColumns.get(table);
                if (pk != null) {
                    d.primaryKey = new PrimaryKey(statement.primaryKeyName(), pk);
                    // an INTEGER PRIMARY KEY aliases the rowid: what Hibernate's IDENTITY creates ("integer", nothing else)
                    if (pk.size() == 1 && !statement.withoutRowid() && "integer".equalsIgnoreCase(pkTypes.get(table).trim())) {
                        d.columns.replaceAll(col -> col.name().equals(pk.get(0)) ? col.asIdentity() : col);
                    }
                }
                d.checks.addAll(statement.checks());
            }
        }
        if (drafts.isEmpty()) return List.of();
        readIndexes(c, only, drafts, ddl);
        readForeignKeys(c, only, drafts, ddl, pkColumns, only == null ? exactNames : null);
        return drafts.values().stream().map(TableDraft::build).toList();
    }

    private static void readIndexes(Connection c, String only, Map<String, TableDraft> drafts,
                                    Map<String, CreateTableStatement> ddl) throws SQLException {
        record Part(String table, String index, boolean unique, String origin, String column, int position, boolean desc) {
        }
        Map<String, List<Part>> byIndex = new LinkedHashMap<>();
        try (ResultSet rs = query(c, INDEXES, only)) {
            while (rs.next()) {
                String table = rs.getString(1);
                String origin = rs.getString(4);
                if (!drafts.containsKey(table) || "pk".equals(origin)) continue;
                String index = rs.getString(2);
                // an expression part (cid -2) has no name; it is cut from the CREATE INDEX text below
                String column = rs.getInt(5) == -2 ? null : rs.getString(6);
                byIndex.computeIfAbsent(index, i -> new ArrayList<>()).add(new Part(table, index, rs.getInt(3) == 1,
                        origin, column, rs.getInt(8), rs.getInt(7) == 1));
            }
        }
        for (List<Part> parts : byIndex.values()) {
            parts.sort(Comparator.comparingInt(Part::position));
            Part first = parts.get(0);
            TableDraft d = drafts.get(first.table());
            List<String> terms = parts.stream().anyMatch(p -> p.column() == null)
                    ? CreateTableStatement.indexedTerms(indexSql(c, first.index())) : List.of();
            List<String> columns = parts.stream().map(p -> {
                String term = p.column() != null ? p.column() : p.position() < terms.size() ? terms.get(p.position()) : "?";
                return p.desc() ? term + " desc" : term;
            }).toList();
            if ("u".equals(first.origin())) {
                // a UNIQUE constraint: SQLite names its index sqlite_autoindex_*, the constraint's name is in the DDL
                String name = ddl.get(first.table()).uniqueKeys().stream()
                        .filter(uk -> uk.name() != null && TableDraft.sameNames(uk.columns(), columns))
                        .map(UniqueKey::name).findFirst().orElse(null);
                d.uniqueKeys.add(new UniqueKey(name, columns));
            } else {
                d.indexes.add(new Index(first.index(), columns, first.unique()));
            }
        }
    }

    private static void readForeignKeys(Connection c, String only, Map<String, TableDraft> drafts,
                                        Map<String, CreateTableStatement> ddl, Map<String, List<String>> pkColumns,
                                        Map<String, String> exactNames) throws SQLException {
        record Part(String table, String target, String from, String to, String onUpdate, String onDelete, int seq) {
        }
        Map<String, List<Part>> byKey = new LinkedHashMap<>();
        try (ResultSet rs = query(c, FOREIGN_KEYS, only)) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (!drafts.containsKey(table)) continue;
                byKey.computeIfAbsent(table + "\u0000" + rs.getInt(2), k -> new ArrayList<>())
                        .add(new Part(table, rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getInt(8)));
            }
        }
        for (List<Part> parts : byKey.values()) {
            parts.sort(Comparator.comparingInt(Part::seq));
            Part first = parts.get(0);
            // the DDL may spell the parent differently from its stored name
            String target = exactNames != null
                    ? exactNames.getOrDefault(first.target().toLowerCase(Locale.ROOT), first.target())
                    : storedName(c, first.target());
            List<String> from = parts.stream().map(Part::from).toList();
            List<String> to = parts.stream().map(Part::to).toList();
            if (to.stream().anyMatch(t -> t == null)) {
                // "references parent" without columns means the parent's primary key
                to = pkColumns.containsKey(target) ? pkColumns.get(target) : primaryKeyOf(c, target);
            }
            String name = ddl.get(first.table()).foreignKeys().stream()
                    .filter(fk -> fk.name() != null && TableDraft.sameNames(fk.columns(), from)
                            && fk.referencedTable().equalsIgnoreCase(target))
                    .map(ForeignKeyClause::name).findFirst().orElse(null);
            drafts.get(first.table()).foreignKeys.add(new ForeignKey(name, from, TableName.of(target), to,
                    TableDraft.action(first.onDelete()), TableDraft.action(first.onUpdate())));
        }
    }

    private static String indexSql(Connection c, String index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select sql from sqlite_master where type = 'index' and name = ?")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The table's name as stored, for a name written in another case; used when reading a single table. */
    private static String storedName(Connection c, String written) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "select name from sqlite_master where type = 'table' and name = ? collate nocase")) {
            ps.setString(1, written);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : written;
            }
        }
    }

    private static List<String> primaryKeyOf(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select name from pragma_table_info(?, 'main') where pk > 0 order by pk")) {
            ps.setString(1, table);
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) columns.add(rs.getString(1));
            }
            return columns;
        }
    }

    private static ResultSet query(Connection c, String sql, String only) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.closeOnCompletion();
        ps.setString(1, only);
        ps.setString(2, only);
        return ps.executeQuery();
    }
}
