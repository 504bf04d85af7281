package dev.retort.runtime;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.PrimaryKey;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;
import dev.retort.ops.Op;
import dev.retort.render.MigrationRenderer;
import dev.retort.render.RevisionHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names are data: tables, columns, indexes and constraints named with quotes, spaces, mixed case, reserved words,
 * unicode and SQL fragments go through the real renderer (generated Java source), the compiler and the DDL, and
 * come out in the catalog exactly as named — while a canary table that every fragment tries to drop survives.
 */
class NamesAreDataTest {

    static final String ID = "5555eeeeeeee";
    static final String ID2 = "6666ffffffff";

    /** Every name gets a table, a column, an index and (where the database keeps their names) constraints. */
    static final List<String> NAMES = List.of(
            "\"; drop table canary; --",
            "'); drop table canary; --",
            "a\"b",
            "a b",
            "Select",
            "ORDER",
            "MixedCase",
            "tää ünïcödé",
            "x*/y",          // would end a Java comment
            "back\\slash",
            "\\u0022q",      // a Java unicode escape, spelled out
            "a`b",
            "semi;colon",
            "/* c */ x");

    static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @TempDir
    Path tmp;

    @Test
    void sqlite() throws Exception {
        roundTrip(Workspace.sqlite(tmp.resolve("proj")));
    }

    @Test
    void postgres() throws Exception {
        roundTrip(Workspace.postgres(tmp.resolve("proj")));
    }

    private void roundTrip(Workspace w) throws Exception {
        w.execute("create table canary (id integer primary key, note varchar(20))", "insert into canary values (1, 'alive')");
        List<Op> ops = new ArrayList<>();
        for (String name : NAMES) {
            Table.Builder table = Table.builder(name)
                    .column(Column.of("id", ColumnType.bigint()).notNull())
                    .column(Column.of(name, ColumnType.varchar(40)).withDefault("'" + name.replace("'", "''") + "'"))
                    .primaryKey(new PrimaryKey("pk " + name, List.of("id")))
                    .unique(UniqueKey.of("uq " + name, name))
                    .check(Check.of("ck " + name, "id > 0"))
                    .foreignKey(ForeignKey.of("fk " + name, List.of("id"), TableName.of("canary"), List.of("id")));
            ops.add(new Op.CreateTable(table.build()));
            ops.add(new Op.CreateIndex(TableName.of(name), new Index("ix " + name, List.of(name, "id"), false)));
        }
        String source = write(w, new RevisionHeader(ID, List.of(), "nasty names", "2026-11-25T10:00:00Z"), ops);
        // a second revision changes what the first created: on SQLite most of this is a table rebuild
        List<Op> changes = new ArrayList<>();
        for (String name : NAMES) {
            Column column = Column.of(name, ColumnType.varchar(40)).withDefault("'" + name.replace("'", "''") + "'");
            changes.add(new Op.AlterColumn(TableName.of(name), column, column.withType(ColumnType.varchar(60)).notNull()));
            changes.add(new Op.AddColumn(TableName.of(name), Column.of(name + " 2", ColumnType.integer())));
            changes.add(new Op.RenameColumn(TableName.of(name), name + " 2", name + " 3"));
            changes.add(new Op.DropIndex(TableName.of(name), new Index("ix " + name, List.of(name, "id"), false)));
            changes.add(new Op.CreateIndex(TableName.of(name), new Index("ix2 " + name, List.of(name + " 3"), true)));
        }
        write(w, new RevisionHeader(ID2, List.of(ID), "nasty changes", "2026-11-25T10:01:00Z"), changes);

        Workspace.Result sql = w.run("upgrade", "head", "--sql");
        assertEquals(0, sql.code(), sql::toString);

        Workspace.Result up = w.run("upgrade", ID);
        assertEquals(0, up.code(), () -> up + "\n" + source);
        Set<String> expected = new TreeSet<>(List.of("canary", "retort_version", "retort_version_history"));
        NAMES.forEach(n -> expected.add(spelled(w.kind, n)));
        assertEquals(expected, w.tables(), "exactly these tables, nothing dropped, nothing else created");

        try (Connection c = w.connect()) {
            for (String name : NAMES) {
                String table = spelled(w.kind, name);
                assertEquals(new TreeSet<>(List.of("id", spelled(w.kind, name))), names(c, w.kind == DatabaseKind.SQLITE
                        ? "select name from pragma_table_info(?)"
                        : "select column_name from information_schema.columns where table_schema = 'public' and table_name = ?", table), name);
                Set<String> indexes = names(c, w.kind == DatabaseKind.SQLITE
                        ? "select name from sqlite_master where type = 'index' and tbl_name = ? and sql is not null"
                        : "select indexname from pg_indexes where schemaname = 'public' and tablename = ?", table);
                assertTrue(indexes.contains("ix " + name), () -> name + ": " + indexes);
                if (w.kind == DatabaseKind.POSTGRESQL) {
                    assertEquals(new TreeSet<>(List.of("pk " + name, "uq " + name, "ck " + name, "fk " + name)),
                            names(c, "select conname from pg_constraint where conrelid = (select oid from pg_class where relname = ?"
                                    + " and relnamespace = 'public'::regnamespace)", table), name);
                } else {
                    String ddl = names(c, "select sql from sqlite_master where type = 'table' and name = ?", table).iterator().next();
                    for (String constraint : List.of("pk ", "uq ", "ck ", "fk ")) {
                        String quoted = "\"" + (constraint + name).replace("\"", "\"\"") + "\"";
                        assertTrue(ddl.contains("constraint " + quoted), () -> name + ": " + ddl);
                    }
                }
                // the default, a string literal holding the name, comes back as the name
                try (PreparedStatement ps = c.prepareStatement("insert into " + quote(table) + " (id) values (1)")) {
                    ps.executeUpdate();
                }
                assertEquals(List.of(name), w.query("select " + quote(spelled(w.kind, name)) + " from " + quote(table)));
            }
            assertEquals(Set.of("1|alive"), new TreeSet<>(w.query("select id, note from canary")));
        }

        Workspace.Result changed = w.run("upgrade", "head");
        assertEquals(0, changed.code(), changed::toString);
        assertEquals(expected, w.tables());
        try (Connection c = w.connect()) {
            for (String name : NAMES) {
                String table = spelled(w.kind, name);
                assertEquals(new TreeSet<>(List.of("id", spelled(w.kind, name), name + " 3")), names(c, w.kind == DatabaseKind.SQLITE
                        ? "select name from pragma_table_info(?)"
                        : "select column_name from information_schema.columns where table_schema = 'public' and table_name = ?", table), name);
                Set<String> indexes = names(c, w.kind == DatabaseKind.SQLITE
                        ? "select name from sqlite_master where type = 'index' and tbl_name = ? and sql is not null"
                        : "select indexname from pg_indexes where schemaname = 'public' and tablename = ?", table);
                assertTrue(indexes.contains("ix2 " + name) && !indexes.contains("ix " + name), () -> name + ": " + indexes);
                assertEquals(List.of(name), w.query("select " + quote(spelled(w.kind, name)) + " from " + quote(table)), "the row survived");
            }
        }
        assertEquals(List.of("1|alive"), w.query("select id, note from canary"));

        Workspace.Result down = w.run("downgrade", "base");
        assertEquals(0, down.code(), down::toString);
        assertEquals(Set.of("canary", "retort_version", "retort_version_history"), w.tables());
        assertEquals(List.of("1|alive"), w.query("select id, note from canary"));
    }

    private static String write(Workspace w, RevisionHeader header, List<Op> ops) throws Exception {
        String source = new MigrationRenderer("migrations").render(header, ops, List.of()).toString();
        Files.writeString(w.migrations.resolve(MigrationRenderer.className(header.id(), header.message()) + ".java"), source,
                StandardCharsets.UTF_8);
        return source;
    }

    /**
     * How the database spells a name: a plain, non-reserved one goes unquoted, so PostgreSQL folds it to lower
     * case; a reserved word is quoted and keeps its spelling, as in the application's (Hibernate's) SQL.
     */
    static String spelled(DatabaseKind kind, String name) {
        boolean unquoted = PLAIN.matcher(name).matches()
                && !new dev.retort.ddl.DdlGenerator(kind).quote(name).startsWith("\"");
        return kind == DatabaseKind.POSTGRESQL && unquoted ? name.toLowerCase(Locale.ROOT) : name;
    }

    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static Set<String> names(Connection c, String sql, String parameter) throws Exception {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
