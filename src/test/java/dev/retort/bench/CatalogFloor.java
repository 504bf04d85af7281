package dev.retort.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.retort.model.DatabaseKind;

/**
 * The floor for inspection: the cheapest complete read of a catalog, three bulk queries whose rows are fetched
 * (every value read) and thrown away. On SQLite the table-valued pragmas joined with {@code sqlite_master} (columns;
 * indexes with their columns; foreign keys); on PostgreSQL three {@code pg_catalog} queries (columns with types and
 * defaults; constraints; indexes). Nothing is parsed or built, so no inspector can do the same work for less.
 */
final class CatalogFloor {

    private static final List<String> SQLITE = List.of(
            "select m.name, c.* from sqlite_master m join pragma_table_info(m.name) c where m.type = 'table'",
            "select m.name, il.*, x.* from sqlite_master m join pragma_index_list(m.name) il "
                    + "join pragma_index_xinfo(il.name) x where m.type = 'table'",
            "select m.name, f.* from sqlite_master m join pragma_foreign_key_list(m.name) f where m.type = 'table'");

    private static final List<String> POSTGRESQL = List.of("""
                    select n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                           pg_get_expr(d.adbin, d.adrelid), a.attidentity
                    from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                    left join pg_attrdef d on d.adrelid = c.oid and d.adnum = a.attnum
                    where c.relkind = 'r' and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'""", """
                    select k.conrelid, k.conname, k.contype, k.conkey, k.confrelid, k.confkey, k.confdeltype, k.confupdtype,
                           case when k.contype = 'c' then pg_get_constraintdef(k.oid) end
                    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'""", """
                    select i.indrelid, ic.relname, i.indisunique, i.indkey, i.indoption
                    from pg_index i join pg_class ic on ic.oid = i.indexrelid join pg_namespace n on n.oid = ic.relnamespace
                    where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'""");

    private CatalogFloor() {
    }

    /** Reads the whole catalog; returns the number of rows read. */
    static long read(Connection c, DatabaseKind kind) throws SQLException {
        long rows = 0;
        for (String sql : kind == DatabaseKind.SQLITE ? SQLITE : POSTGRESQL) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        rs.getObject(i);
                    }
                    rows++;
                }
            }
        }
        return rows;
    }
}
