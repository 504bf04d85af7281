package dev.retort.inspect;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.FkAction;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.PrimaryKey;
import dev.retort.model.Sequence;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;

/**
 * PostgreSQL's catalog in four {@code pg_catalog} queries for all schemas: columns (with defaults, identity
 * and comments), constraints, indexes not backing a constraint, and sequences. The current schema
 * ({@code public} by default) is reported as {@code schema == null}, as unqualified mappings spell it.
 */
final class PostgresCatalog {

    /**
     * The user tables: ordinary and partitioned, not partitions, not in system schemas, not owned by an
     * extension (PostGIS keeps {@code spatial_ref_sys} in {@code public}). Parameters: schema, table, both
     * optional, matched ignoring case.
     */
    private static final String TABLES = """
            with tbl as (
              select c.oid, case when n.nspname = current_schema() then null else n.nspname end as schema_name,
                     c.relname
              from pg_class c
              join pg_namespace n on n.oid = c.relnamespace
              where c.relkind in ('r', 'p') and not c.relispartition
                and n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
                and not exists (select 1 from pg_depend e
                                where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e')
                and (?::text is null or lower(c.relname) = lower(?::text))
                and (?::text is null or lower(n.nspname) = lower(coalesce(?::text, current_schema())))
            )
            """;

    private static final String COLUMNS = TABLES + """
            select t.schema_name, t.relname, td.description, a.attname, format_type(a.atttypid, a.atttypmod),
                   a.attnotnull, case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end,
                   a.attidentity, cd.description
            from tbl t
            left join pg_attribute a on a.attrelid = t.oid and a.attnum > 0 and not a.attisdropped
            left join pg_attrdef d on d.adrelid = t.oid and d.adnum = a.attnum
            left join pg_description td on td.objoid = t.oid and td.classoid = 'pg_class'::regclass and td.objsubid = 0
            left join pg_description cd on cd.objoid = t.oid and cd.classoid = 'pg_class'::regclass and cd.objsubid = a.attnum
            order by t.schema_name nulls first, t.relname, a.attnum
            """;

    private static final String CONSTRAINTS = TABLES + """
            select t.schema_name, t.relname, k.conname, k.contype,
                   array(select a.attname::text from unnest(k.conkey) with ordinality u(num, ord)
                         join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.num order by u.ord),
                   case when fn.nspname = current_schema() then null else fn.nspname end, fc.relname,
                   array(select a.attname::text from unnest(k.confkey) with ordinality u(num, ord)
                         join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.num order by u.ord),
                   k.confdeltype, k.confupdtype,
                   case when k.contype = 'c' then pg_get_constraintdef(k.oid) end
            from tbl t
            join pg_constraint k on k.conrelid = t.oid and k.contype in ('p', 'u', 'f', 'c')
            left join pg_class fc on fc.oid = k.confrelid
            left join pg_namespace fn on fn.oid = fc.relnamespace
            order by t.schema_name nulls first, t.relname, k.conname
            """;

    /** Indexes of their own: those backing a primary key, unique or exclusion constraint are the constraint. */
    private static final String INDEXES = TABLES + """
            select t.schema_name, t.relname, ic.relname, i.indisunique,
                   array(select case when i.indkey[o.k - 1] = 0 then pg_get_indexdef(i.indexrelid, o.k, true)
                                     else (select a.attname::text from pg_attribute a
                                           where a.attrelid = i.indrelid and a.attnum = i.indkey[o.k - 1]) end
                                || case when i.indoption[o.k - 1] & 1 = 1 then ' desc' else '' end
                         from generate_series(1, i.indnkeyatts) o(k) order by o.k)
            from tbl t
            join pg_index i on i.indrelid = t.oid
            join pg_class ic on ic.oid = i.indexrelid
            where not exists (select 1 from pg_constraint k
                              where k.conindid = i.indexrelid and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x'))
            order by t.schema_name nulls first, t.relname, ic.relname
            """;

    /** Free-standing sequences: not those owned by identity or serial columns, nor by extensions. */
    private static final String SEQUENCES = """
            select case when n.nspname = current_schema() then null else n.nspname end, c.relname,
                   s.seqstart, s.seqincrement
            from pg_sequence s
            join pg_class c on c.oid = s.seqrelid
            join pg_namespace n on n.oid = c.relnamespace
            where n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
              and not exists (select 1 from pg_depend d
                              where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i', 'e'))
            order by 1 nulls first, 2
            """;

    private PostgresCatalog() {
    }

    /** The tables {@code include} accepts; with {@code only} set, just the table(s) matching it ignoring case. */
    static List<Table> readTables(Connection c, Predicate<TableName> include, TableName only) throws SQLException {
        Map<TableName, TableDraft> drafts = new LinkedHashMap<>();
        try (ResultSet rs = query(c, COLUMNS, only)) {
            // a catalog has a handful of distinct type names: parse each once
            Map<String, ColumnType> types = new HashMap<>();
            while (rs.next()) {
                TableName name = TableName.of(rs.getString(1), rs.getString(2));
                if (!include.test(name)) continue;
                TableDraft d = drafts.computeIfAbsent(name, TableDraft::new);
                d.comment = rs.getString(3);
                String column = rs.getString(4);
                if (column == null) continue; // a table without columns
                String identity = rs.getString(8);
                boolean isIdentity = identity != null && !identity.isEmpty();
                ColumnType type = types.computeIfAbsent(Objects.toString(rs.getString(5), ""), t -> ReportedType.parse(t).postgres());
                d.columns.add(new Column(column, type, !rs.getBoolean(6),
                        PostgresDefault.bare(rs.getString(7)), rs.getString(9), isIdentity));
            }
        }
        if (drafts.isEmpty()) return List.of();
        try (ResultSet rs = query(c, CONSTRAINTS, only)) {
            while (rs.next()) {
                TableDraft d = drafts.get(TableName.of(rs.getString(1), rs.getString(2)));
                if (d == null) continue;
                String name = rs.getString(3);
                List<String> columns = names(rs.getArray(5));
                switch (rs.getString(4)) {
                    case "p" -> d.primaryKey = new PrimaryKey(name, columns);
                    case "u" -> d.uniqueKeys.add(new UniqueKey(name, columns));
                    case "f" -> d.foreignKeys.add(new ForeignKey(name, columns,
                            TableName.of(rs.getString(6), rs.getString(7)), names(rs.getArray(8)),
                            action(rs.getString(9)), action(rs.getString(10))));
                    case "c" -> d.checks.add(new Check(name, checkExpression(rs.getString(11))));
                    default -> { }
                }
            }
        }
        try (ResultSet rs = query(c, INDEXES, only)) {
            while (rs.next()) {
                TableDraft d = drafts.get(TableName.of(rs.getString(1), rs.getString(2)));
                if (d != null) d.indexes.add(new Index(rs.getString(3), names(rs.getArray(5)), rs.getBoolean(4)));
            }
        }
        return drafts.values().stream().map(TableDraft::build).toList();
    }

    static List<Sequence> readSequences(Connection c, Predicate<TableName> include) throws SQLException {
        List<Sequence> sequences = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SEQUENCES); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                TableName name = TableName.of(rs.getString(1), rs.getString(2));
                if (include.test(name)) sequences.add(new Sequence(name, rs.getLong(3), rs.getLong(4)));
            }
        }
        return sequences;
    }

    private static ResultSet query(Connection c, String sql, TableName only) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.closeOnCompletion();
        String table = only == null ? null : only.name();
        ps.setString(1, table);
        ps.setString(2, table);
        ps.setString(3, table); // the schema test applies only when a table is asked for
        ps.setString(4, only == null ? null : only.schema());
        return ps.executeQuery();
    }

    private static List<String> names(Array array) throws SQLException {
        if (array == null) return List.of();
        try {
            return Arrays.asList((String[]) array.getArray());
        } finally {
            array.free();
        }
    }

    /** {@code CHECK ((price > 0)) NOT VALID} -> {@code price > 0}: the expression alone. */
    static String checkExpression(String definition) {
        String s = definition.trim();
        if (s.regionMatches(true, 0, "CHECK", 0, 5)) s = s.substring(5).trim();
        for (String tail : List.of(" NOT VALID", " NO INHERIT")) {
            if (s.endsWith(tail)) s = s.substring(0, s.length() - tail.length()).trim();
        }
        for (int i = 0; i < 2 && enclosed(s); i++) {
            s = s.substring(1, s.length() - 1).trim();
        }
        return s;
    }

    /** Whether the whole text is one parenthesised group (strings respected). */
    private static boolean enclosed(String s) {
        if (!s.startsWith("(") || !s.endsWith(")")) return false;
        List<SqlTokens.Token> tokens = SqlTokens.of(s);
        return SqlTokens.closing(tokens, 0) == tokens.size() - 1;
    }

    private static FkAction action(String code) {
        if (code == null) return FkAction.NO_ACTION;
        return switch (code) {
            case "r" -> FkAction.RESTRICT;
            case "c" -> FkAction.CASCADE;
            case "n" -> FkAction.SET_NULL;
            case "d" -> FkAction.SET_DEFAULT;
            default -> FkAction.NO_ACTION;
        };
    }
}
