package dev.retort.inspect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

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
 * PostgreSQL's catalog in bulk {@code pg_catalog} queries for all schemas: table comments, columns (with defaults
 * and identity), constraints, indexes, and sequences. The current schema ({@code public} by default) is reported
 * as {@code schema == null}, as unqualified mappings spell it.
 *
 * <p>The queries return what the catalog stores — column numbers ({@code attnum}), and {@code conkey} and
 * {@code indkey} as text (an array fetched in binary costs more to turn into a string than the rest of its row) —
 * and the names are resolved here from the column rows. Resolving them in SQL (a subquery per constraint and per
 * index, {@code ResultSet.getArray} per row) made inspection several times slower than reading the catalog. The
 * table set (user schemas, not partitions, not owned by an extension) is decided once, by the column query; the
 * other queries read the rows of the user schemas and keep those of the tables it found.
 */
final class PostgresCatalog {

    /** Comments on tables ({@code objsubid = 0}) and their columns. */
    private static final String COMMENTS = """
            select d.objoid, d.objsubid, d.description
            from pg_description d
            where d.classoid = 'pg_class'::regclass
            """;

    /**
     * The user tables with their columns: ordinary and partitioned, not partitions, not in system schemas, not
     * owned by an extension (PostGIS keeps {@code spatial_ref_sys} in {@code public}). Parameters: table, schema,
     * both optional, matched ignoring case.
     */
    private static final String COLUMNS = """
            select c.oid, case when n.nspname = current_schema() then null else n.nspname end, c.relname,
                   a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   case when a.attgenerated = '' then pg_get_expr(d.adbin, d.adrelid) end, a.attidentity <> ''
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
            where c.relkind in ('r', 'p') and not c.relispartition
              and n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
              and c.oid not in (select e.objid from pg_depend e
                                where e.refclassid = 'pg_extension'::regclass and e.classid = 'pg_class'::regclass
                                  and e.deptype = 'e')
              and (?::text is null or lower(c.relname) = lower(?::text))
              and (?::text is null or lower(n.nspname) = lower(coalesce(?::text, current_schema())))
            """;

    /** Parameter: the table oids as an array literal, or null for all. */
    private static final String CONSTRAINTS = """
            select k.conrelid, k.conname, k.contype, k.conkey::text, k.confrelid, k.confkey::text, k.confdeltype, k.confupdtype,
                   k.conindid, case when k.contype = 'c' then pg_get_constraintdef(k.oid) end
            from pg_constraint k
            join pg_namespace n on n.oid = k.connamespace
            where k.contype in ('p', 'u', 'f', 'c', 'x')
              and n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
              and (?::oid[] is null or k.conrelid = any(?::oid[]))
            """;

    /** Indexes with their key column numbers. Parameter: the table oids as an array literal, or null for all. */
    private static final String INDEXES = """
            select i.indrelid, ic.relname, i.indisunique, i.indexrelid, i.indnkeyatts, i.indkey::text, i.indoption::text
            from pg_index i
            join pg_class ic on ic.oid = i.indexrelid
            join pg_namespace n on n.oid = ic.relnamespace
            where n.nspname <> 'information_schema' and n.nspname !~ '^pg_'
              and (?::oid[] is null or i.indrelid = any(?::oid[]))
            """;

    /**
     * The expression keys (column number 0) of the indexes named, deparsed; asked only when there are some. In
     * the index query the subquery, however rarely run, was priced high enough to compile the query with the JIT
     * on a large catalog. Parameter: the index oids as an array literal.
     */
    private static final String INDEX_EXPRESSIONS = """
            select i.indexrelid, k, pg_get_indexdef(i.indexrelid, k, true)
            from pg_index i, generate_series(1, i.indnkeyatts) k
            where i.indexrelid = any(?::oid[]) and i.indkey[k - 1] = 0
            """;

    /** Tables referenced by foreign keys but not read (another schema's table when one table is asked for). */
    private static final String REFERENCED = """
            select c.oid, case when n.nspname = current_schema() then null else n.nspname end, c.relname,
                   a.attnum, a.attname
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
            where c.oid = any(?::oid[])
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

    private static final Comparator<Relation> CATALOG_ORDER = Comparator
            .comparing((Relation r) -> r.name.schema(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(r -> r.name.name());

    private PostgresCatalog() {
    }

    /** A table as read: its draft, and its column names and types by column number for resolving keys. */
    private static final class Relation {
        final TableName name;
        final boolean included;
        final TableDraft draft;
        String[] names = new String[16];
        String[] types = new String[16];
        private int[] numbers = new int[16];
        private boolean ordered = true;

        Relation(TableName name, boolean included) {
            this.name = name;
            this.included = included;
            this.draft = new TableDraft(name);
        }

        void add(int attnum, String name, String type, Column column) {
            if (attnum >= names.length) {
                int size = Math.max(attnum + 1, names.length * 2);
                names = Arrays.copyOf(names, size);
                types = Arrays.copyOf(types, size);
            }
            names[attnum] = name;
            types[attnum] = type;
            if (column == null) return;
            List<Column> columns = draft.columns;
            int n = columns.size();
            if (n == numbers.length) numbers = Arrays.copyOf(numbers, n * 2);
            if (n > 0 && numbers[n - 1] > attnum) ordered = false;
            numbers[n] = attnum;
            columns.add(column);
        }

        /** The draft, its columns in the table's order (the rows come in the catalog's order, normally the same). */
        TableDraft draft() {
            if (!ordered) {
                List<Column> columns = draft.columns;
                Integer[] order = new Integer[columns.size()];
                for (int i = 0; i < order.length; i++) order[i] = i;
                Arrays.sort(order, Comparator.comparingInt(i -> numbers[i]));
                List<Column> sorted = Arrays.stream(order).map(columns::get).toList();
                columns.clear();
                columns.addAll(sorted);
                ordered = true;
            }
            return draft;
        }

        String name(int attnum) {
            return attnum > 0 && attnum < names.length ? names[attnum] : null;
        }

        String typeOf(String column) {
            for (int i = 1; i < names.length; i++) {
                if (column.equals(names[i])) return types[i];
            }
            return null;
        }
    }

    /** The tables {@code include} accepts; with {@code only} set, just the table(s) matching it ignoring case. */
    static List<Table> readTables(Connection c, Predicate<TableName> include, TableName only) throws SQLException {
        Map<Long, String> comments = readComments(c);
        Map<Long, Relation> relations = readColumns(c, include, only, comments);
        if (relations.isEmpty()) return List.of();
        String oids = only == null ? null
                : relations.keySet().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        Set<Long> constraintIndexes = readConstraints(c, relations, oids);
        readIndexes(c, relations, oids, constraintIndexes);
        return relations.values().stream().filter(r -> r.included).sorted(CATALOG_ORDER)
                .map(r -> r.draft().build()).toList();
    }

    private static Map<Long, String> readComments(Connection c) throws SQLException {
        Map<Long, String> comments = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(COMMENTS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                comments.put(objectKey(rs.getLong(1), rs.getInt(2)), rs.getString(3));
            }
        }
        return comments;
    }

    /** An object and a position in it (a column number, an index key): oids are 32 bits, positions 16. */
    private static long objectKey(long oid, int position) {
        return oid << 16 | (position & 0xffff);
    }

    private static Map<Long, Relation> readColumns(Connection c, Predicate<TableName> include, TableName only,
            Map<Long, String> comments) throws SQLException {
        Map<Long, Relation> relations = new HashMap<>();
        // a catalog has a handful of distinct type names: parse each once
        Map<String, ColumnType> types = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(COLUMNS)) {
            String table = only == null ? null : only.name();
            ps.setString(1, table);
            ps.setString(2, table);
            ps.setString(3, table); // the schema test applies only when a table is asked for
            ps.setString(4, only == null ? null : only.schema());
            try (ResultSet rs = ps.executeQuery()) {
                long lastOid = -1;
                Relation r = null;
                while (rs.next()) {
                    long oid = rs.getLong(1);
                    if (oid != lastOid) {
                        lastOid = oid;
                        r = relations.get(oid);
                        if (r == null) {
                            TableName name = TableName.of(rs.getString(2), rs.getString(3));
                            r = new Relation(name, include.test(name));
                            r.draft.comment = comments.get(objectKey(oid, 0));
                            relations.put(oid, r);
                        }
                    }
                    String column = rs.getString(5);
                    if (column == null) continue; // a table without columns
                    int attnum = rs.getInt(4);
                    String typeName = Objects.toString(rs.getString(6), "");
                    if (!r.included) {
                        r.add(attnum, column, typeName, null); // only a foreign key's target: names suffice
                        continue;
                    }
                    ColumnType type = types.computeIfAbsent(typeName, t -> ReportedType.parse(t).postgres());
                    String comment = comments.isEmpty() ? null : comments.get(objectKey(oid, attnum));
                    r.add(attnum, column, typeName, new Column(column, type, !rs.getBoolean(7),
                            PostgresDefault.bare(rs.getString(8)), comment, rs.getBoolean(9)));
                }
            }
        }
        return relations;
    }

    /** Reads the constraints into the drafts; returns the indexes that back a constraint (they are the constraint). */
    private static Set<Long> readConstraints(Connection c, Map<Long, Relation> relations, String oids)
            throws SQLException {
        Set<Long> constraintIndexes = new HashSet<>();
        List<PendingKey> pending = new ArrayList<>();
        PostgresCheck checks = new PostgresCheck();
        try (PreparedStatement ps = c.prepareStatement(CONSTRAINTS)) {
            ps.setString(1, oids);
            ps.setString(2, oids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Relation r = relations.get(rs.getLong(1));
                    if (r == null) continue;
                    String type = rs.getString(3);
                    if (!type.equals("f") && !type.equals("c")) constraintIndexes.add(rs.getLong(9));
                    if (!r.included) continue;
                    String name = rs.getString(2);
                    switch (type) {
                        case "p" -> r.draft.primaryKey = new PrimaryKey(name, names(r, numbers(rs.getString(4), ',')));
                        case "u" -> r.draft.uniqueKeys.add(new UniqueKey(name, names(r, numbers(rs.getString(4), ','))));
                        case "f" -> pending.add(new PendingKey(r, name, names(r, numbers(rs.getString(4), ',')),
                                rs.getLong(5), numbers(rs.getString(6), ','), action(rs.getString(7)),
                                action(rs.getString(8))));
                        case "c" -> r.draft.checks.add(new Check(name,
                                checks.portable(rs.getString(10), r::typeOf)));
                        default -> { } // exclusion constraints: only their index matters
                    }
                }
            }
        }
        Map<Long, Relation> referenced = referencedOutside(c, relations, pending);
        for (PendingKey k : pending) {
            Relation target = relations.containsKey(k.target) ? relations.get(k.target) : referenced.get(k.target);
            if (target == null) continue; // dropped concurrently
            k.table.draft.foreignKeys.add(new ForeignKey(k.name, k.columns, target.name, names(target, k.targetColumns),
                    k.onDelete, k.onUpdate));
        }
        return constraintIndexes;
    }

    private record PendingKey(Relation table, String name, List<String> columns, long target, int[] targetColumns,
                              FkAction onDelete, FkAction onUpdate) {
    }

    /** The tables foreign keys reference that the column query did not read: names and column names only. */
    private static Map<Long, Relation> referencedOutside(Connection c, Map<Long, Relation> relations,
            List<PendingKey> keys) throws SQLException {
        Set<Long> missing = new HashSet<>();
        for (PendingKey k : keys) {
            if (!relations.containsKey(k.target)) missing.add(k.target);
        }
        Map<Long, Relation> found = new HashMap<>();
        if (missing.isEmpty()) return found;
        try (PreparedStatement ps = c.prepareStatement(REFERENCED)) {
            ps.setString(1, missing.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long oid = rs.getLong(1);
                    Relation r = found.get(oid);
                    if (r == null) {
                        r = new Relation(TableName.of(rs.getString(2), rs.getString(3)), false);
                        found.put(oid, r);
                    }
                    r.add(rs.getInt(4), rs.getString(5), null, null);
                }
            }
        }
        return found;
    }

    private static void readIndexes(Connection c, Map<Long, Relation> relations, String oids,
            Set<Long> constraintIndexes) throws SQLException {
        List<PendingIndex> pending = new ArrayList<>();
        Set<Long> withExpressions = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(INDEXES)) {
            ps.setString(1, oids);
            ps.setString(2, oids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Relation r = relations.get(rs.getLong(1));
                    long oid = rs.getLong(4);
                    if (r == null || !r.included || constraintIndexes.contains(oid)) continue;
                    int[] numbers = numbers(rs.getString(6), ' ');
                    int keys = Math.min(rs.getInt(5), numbers.length);
                    for (int k = 0; k < keys; k++) {
                        if (numbers[k] == 0) withExpressions.add(oid);
                    }
                    pending.add(new PendingIndex(r, oid, rs.getString(2), rs.getBoolean(3), keys, numbers,
                            numbers(rs.getString(7), ' ')));
                }
            }
        }
        Map<Long, String> expressions = new HashMap<>();
        if (!withExpressions.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INDEX_EXPRESSIONS)) {
                ps.setString(1, withExpressions.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        expressions.put(objectKey(rs.getLong(1), rs.getInt(2)), rs.getString(3));
                    }
                }
            }
        }
        for (PendingIndex ix : pending) {
            List<String> columns = new ArrayList<>(ix.keys);
            for (int k = 0; k < ix.keys; k++) {
                String column = ix.numbers[k] == 0 ? expressions.get(objectKey(ix.oid, k + 1))
                        : ix.table.name(ix.numbers[k]);
                boolean descending = k < ix.options.length && (ix.options[k] & 1) == 1;
                columns.add(descending ? column + " desc" : column);
            }
            ix.table.draft.indexes.add(new Index(ix.name, columns, ix.unique));
        }
    }

    private record PendingIndex(Relation table, long oid, String name, boolean unique, int keys, int[] numbers,
                                int[] options) {
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

    private static List<String> names(Relation r, int[] numbers) {
        List<String> names = new ArrayList<>(numbers.length);
        for (int n : numbers) {
            names.add(r.name(n));
        }
        return names;
    }

    /**
     * The numbers of an {@code int2[]} ({@code {1,2}}, separator ',') or an {@code int2vector} ({@code 1 2},
     * separator ' ') as PostgreSQL prints them; none for null.
     */
    static int[] numbers(String text, char separator) {
        if (text == null) return new int[0];
        int[] out = new int[4];
        int count = 0;
        int value = 0;
        boolean inNumber = false;
        boolean negative = false;
        for (int i = 0, n = text.length(); i <= n; i++) {
            char ch = i < n ? text.charAt(i) : separator;
            if (ch >= '0' && ch <= '9') {
                value = value * 10 + (ch - '0');
                inNumber = true;
            } else if (ch == '-') {
                negative = true;
            } else if (ch == separator || ch == '}') {
                if (inNumber) {
                    if (count == out.length) out = Arrays.copyOf(out, count * 2);
                    out[count++] = negative ? -value : value;
                }
                value = 0;
                inNumber = false;
                negative = false;
            }
        }
        return Arrays.copyOf(out, count);
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
