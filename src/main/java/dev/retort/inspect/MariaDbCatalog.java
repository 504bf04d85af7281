package dev.retort.inspect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.hibernate.type.SqlTypes;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.FkAction;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.PrimaryKey;
import dev.retort.model.Schema;
import dev.retort.model.Sequence;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;

/**
 * MariaDB's catalog from {@code information_schema}, for the current database (its "schema"; tables there
 * have {@code schema == null}). Each query reads one information_schema view: MariaDB materialises these
 * views, and joining two of them costs tens of times more than reading both and joining here.
 *
 * <p>Where MariaDB differs from the other databases, by necessity:
 * <ul>
 * <li>A unique constraint <em>is</em> a unique index in MariaDB; the catalog cannot tell
 *     {@code create unique index} from {@code add constraint ... unique}. Unique indexes with only ascending
 *     parts are reported as {@link UniqueKey}s; those with a descending part as {@code Index(unique=true)}.</li>
 * <li>InnoDB creates an index for a foreign key's columns when none exists (and drops it by itself when
 *     another index takes over). It is named after the constraint, or after the first column when the
 *     constraint was unnamed ({@code t_ibfk_1}). Such an index — not unique, ascending, exactly the key's
 *     columns, and named that way — is not reported: it belongs to the foreign key.</li>
 * <li>An unspecified referential action is reported as {@code RESTRICT}, which InnoDB treats exactly as
 *     {@code NO ACTION}; both are reported as {@link FkAction#NO_ACTION}.</li>
 * <li>{@code json} is an alias: a {@code longtext} column with a check {@code json_valid(col)} named after
 *     the column. That pair is reported as a JSON column without the check.</li>
 * <li>The primary key is always named {@code PRIMARY}; it is reported without a name. Column-level checks
 *     are named after their column by MariaDB.</li>
 * </ul>
 */
final class MariaDbCatalog {

    private static final String TABLES = """
            select TABLE_NAME, TABLE_TYPE, TABLE_COMMENT from information_schema.TABLES
            where TABLE_SCHEMA = database()""";

    private static final String COLUMNS = """
            select TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA, COLUMN_COMMENT
            from information_schema.COLUMNS
            where TABLE_SCHEMA = database()""";

    private static final String INDEXES = """
            select TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, COLLATION
            from information_schema.STATISTICS
            where TABLE_SCHEMA = database()""";

    private static final String FOREIGN_KEY_RULES = """
            select TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE
            from information_schema.REFERENTIAL_CONSTRAINTS
            where CONSTRAINT_SCHEMA = database()""";

    private static final String FOREIGN_KEY_COLUMNS = """
            select TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME,
                   REFERENCED_COLUMN_NAME, database()
            from information_schema.KEY_COLUMN_USAGE
            where TABLE_SCHEMA = database() and REFERENCED_TABLE_NAME is not null""";

    private static final String CHECKS = """
            select TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE
            from information_schema.CHECK_CONSTRAINTS
            where CONSTRAINT_SCHEMA = database()""";

    private static final Pattern GENERATED_FK_NAME = Pattern.compile(".*_ibfk_\\d+");

    private MariaDbCatalog() {
    }

    /** The tables and sequences {@code include} accepts; with {@code only} set, just that table and no sequences. */
    static Schema read(Connection c, Predicate<TableName> include, String only) throws SQLException {
        Map<String, TableDraft> drafts = new LinkedHashMap<>();
        List<String> sequenceNames = new ArrayList<>();
        try (ResultSet rs = query(c, TABLES, only, "")) {
            while (rs.next()) {
                TableName name = TableName.of(rs.getString(1));
                if (!include.test(name)) continue;
                if ("BASE TABLE".equals(rs.getString(2))) {
                    TableDraft d = new TableDraft(name);
                    d.comment = TableDraft.blankToNull(rs.getString(3));
                    drafts.put(name.name(), d);
                } else if ("SEQUENCE".equals(rs.getString(2)) && only == null) {
                    sequenceNames.add(name.name());
                }
            }
        }
        List<Sequence> sequences = readSequences(c, sequenceNames);
        if (drafts.isEmpty()) return new Schema(List.of(), sequences);

        try (ResultSet rs = query(c, COLUMNS, only, "order by TABLE_NAME, ORDINAL_POSITION")) {
            // a catalog has a handful of distinct type names: parse each once
            Map<String, ColumnType> types = new HashMap<>();
            while (rs.next()) {
                TableDraft d = drafts.get(rs.getString(1));
                if (d == null) continue;
                String extra = rs.getString(6);
                boolean identity = extra != null && extra.toLowerCase(Locale.ROOT).contains("auto_increment");
                ColumnType type = types.computeIfAbsent(Objects.toString(rs.getString(3), ""), t -> ReportedType.parse(t).mariadb());
                d.columns.add(new Column(rs.getString(2), type,
                        "YES".equals(rs.getString(4)), defaultValue(rs.getString(5)),
                        TableDraft.blankToNull(rs.getString(7)), identity));
            }
        }
        readForeignKeys(c, only, drafts);
        readIndexes(c, only, drafts);
        try (ResultSet rs = query(c, CHECKS, only, "")) {
            while (rs.next()) {
                TableDraft d = drafts.get(rs.getString(1));
                if (d == null || isJsonColumn(d, rs.getString(2), rs.getString(3))) continue;
                d.checks.add(new Check(rs.getString(2), MariaDbCheck.portable(rs.getString(3))));
            }
        }
        return new Schema(drafts.values().stream().map(TableDraft::build).toList(), sequences);
    }

    private static void readForeignKeys(Connection c, String only, Map<String, TableDraft> drafts) throws SQLException {
        Map<String, String[]> rules = new HashMap<>();
        try (ResultSet rs = query(c, FOREIGN_KEY_RULES, only, "")) {
            while (rs.next()) {
                rules.put(rs.getString(1) + "\u0000" + rs.getString(2), new String[] {rs.getString(3), rs.getString(4)});
            }
        }
        record Part(String table, String name, String column, TableName target, String targetColumn) {
        }
        Map<String, List<Part>> keys = new LinkedHashMap<>();
        try (ResultSet rs = query(c, FOREIGN_KEY_COLUMNS, only, "order by TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION")) {
            while (rs.next()) {
                if (!drafts.containsKey(rs.getString(1))) continue;
                String schema = rs.getString(4);
                TableName target = TableName.of(schema == null || schema.equals(rs.getString(7)) ? null : schema, rs.getString(5));
                keys.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), k -> new ArrayList<>())
                        .add(new Part(rs.getString(1), rs.getString(2), rs.getString(3), target, rs.getString(6)));
            }
        }
        keys.forEach((key, parts) -> {
            Part first = parts.get(0);
            String[] rule = rules.getOrDefault(key, new String[2]);
            drafts.get(first.table()).foreignKeys.add(new ForeignKey(first.name(), parts.stream().map(Part::column).toList(),
                    first.target(), parts.stream().map(Part::targetColumn).toList(), action(rule[1]), action(rule[0])));
        });
    }

    /** After the foreign keys: the indexes InnoDB made for them are recognised by them. */
    private static void readIndexes(Connection c, String only, Map<String, TableDraft> drafts) throws SQLException {
        record Part(String table, String index, boolean unique, String column) {
        }
        Map<String, List<Part>> indexes = new LinkedHashMap<>();
        try (ResultSet rs = query(c, INDEXES, only, "order by TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")) {
            while (rs.next()) {
                if (!drafts.containsKey(rs.getString(1))) continue;
                String column = "D".equals(rs.getString(5)) ? rs.getString(4) + " desc" : rs.getString(4);
                indexes.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), k -> new ArrayList<>())
                        .add(new Part(rs.getString(1), rs.getString(2), "0".equals(rs.getString(3)), column));
            }
        }
        for (List<Part> parts : indexes.values()) {
            Part first = parts.get(0);
            TableDraft d = drafts.get(first.table());
            List<String> columns = parts.stream().map(Part::column).toList();
            boolean descending = columns.stream().anyMatch(col -> col.endsWith(" desc"));
            if (first.index().equals("PRIMARY")) {
                d.primaryKey = new PrimaryKey(null, columns);
            } else if (isForeignKeyIndex(d, first.index(), first.unique(), columns)) {
                continue;
            } else if (first.unique() && !descending) {
                d.uniqueKeys.add(new UniqueKey(first.index(), columns));
            } else {
                d.indexes.add(new Index(first.index(), columns, first.unique()));
            }
        }
    }

    /** A sequence's settings are in the sequence itself; one UNION ALL reads all of them. */
    private static List<Sequence> readSequences(Connection c, List<String> names) throws SQLException {
        if (names.isEmpty()) return List.of();
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) sql.append(" union all ");
            sql.append("select ").append(i).append(", start_value, increment from ").append(quote(names.get(i)));
        }
        List<Sequence> sequences = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
            while (rs.next()) {
                sequences.add(new Sequence(TableName.of(names.get(rs.getInt(1))), rs.getLong(2), rs.getLong(3)));
            }
        }
        return sequences;
    }

    /** Whether the index is the one InnoDB made for a foreign key (see the class comment). */
    private static boolean isForeignKeyIndex(TableDraft d, String index, boolean unique, List<String> columns) {
        if (unique) return false;
        return d.foreignKeys.stream().anyMatch(fk -> fk.columns().equals(columns)
                && (index.equals(fk.name())
                    || GENERATED_FK_NAME.matcher(fk.name()).matches()
                       && index.matches(Pattern.quote(fk.columns().get(0)) + "(_\\d+)?")));
    }

    /** A {@code json} column: {@code longtext} plus {@code json_valid(`col`)} named for the column. */
    private static boolean isJsonColumn(TableDraft d, String checkName, String clause) {
        String expected = "json_valid(" + quote(checkName) + ")";
        for (int i = 0; i < d.columns.size(); i++) {
            Column col = d.columns.get(i);
            if (col.name().equals(checkName) && clause.trim().equalsIgnoreCase(expected)
                    && col.type().equals(ColumnType.clob())) {
                d.columns.set(i, col.withType(ColumnType.of(SqlTypes.JSON)));
                return true;
            }
        }
        return false;
    }

    private static FkAction action(String rule) {
        FkAction action = TableDraft.action(rule);
        return action == FkAction.RESTRICT ? FkAction.NO_ACTION : action;
    }

    /** MariaDB reports "no default" as SQL NULL and an explicit {@code default null} as the text NULL. */
    private static String defaultValue(String reported) {
        return reported == null || reported.equalsIgnoreCase("NULL") ? null : reported;
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /**
     * The query, restricted to one table when {@code only} is set: an equality on TABLE_NAME lets MariaDB
     * open just that table instead of all of them.
     */
    private static ResultSet query(Connection c, String sql, String only, String orderBy) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql + (only == null ? "" : " and TABLE_NAME = ?") + "\n" + orderBy);
        ps.closeOnCompletion();
        if (only != null) ps.setString(1, only);
        return ps.executeQuery();
    }
}
