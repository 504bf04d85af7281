package dev.retort.metamodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;
import dev.retort.model.FkAction;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.Schema;
import dev.retort.model.Sequence;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hibernate.engine.jdbc.Size;
import org.hibernate.type.descriptor.sql.spi.DdlTypeRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema read from the entities describes exactly what Hibernate's own create script (generated
 * offline by {@code SchemaCreatorImpl}) creates: the same tables, columns and types, nullability,
 * defaults, keys, indexes, checks, sequences, comments and seed rows - for every model on every database.
 */
class HibernateDdlAgreementTest {

    static Stream<Arguments> modelsAndDatabases() {
        return Models.ALL.stream().flatMap(m -> Stream.of(DatabaseKind.values()).map(k -> Arguments.of(m, k)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("modelsAndDatabases")
    void schemaAgreesWithHibernatesCreateScript(String model, DatabaseKind kind) {
        Models.Booted booted = Models.booted(model, kind);
        Schema schema = booted.schema();
        DdlTypeRegistry types = booted.metadata().getDatabase().getTypeConfiguration().getDdlTypeRegistry();
        Script script = Script.parse(booted.hibernateDdl());

        assertEquals(keys(schema.tables().stream().map(Table::name).toList()), keys(script.tables.keySet()), "tables");
        for (Table table : schema.tables()) {
            String where = model + "/" + kind + " " + table.name();
            CreateTable created = script.tables.get(table.name().key());
            assertEquals(table.columns().size(), created.columns.size(), where + " columns " + created.columns.keySet());
            for (Column column : table.columns()) {
                String definition = created.columns.get(column.name());
                assertNotNull(definition, where + ": Hibernate creates no column " + column.name() + " but " + created.columns.keySet());
                assertColumn(column, definition, table, types, where + "." + column.name());
            }
            assertEquals(table.primaryKey() == null ? null : table.primaryKey().columns(), created.primaryKey, where + " primary key");
            assertEquals(checks(table.checks()), created.checks, where + " checks");
            assertEquals(table.comment(), script.tableComments.getOrDefault(table.name().key(), created.comment), where + " comment");
            assertEquals(sorted(table.indexes()), sorted(script.indexes.getOrDefault(table.name().key(), List.of())), where + " indexes");

            Set<List<String>> ourUniques = new HashSet<>(table.uniqueKeys().stream().map(UniqueKey::columns).toList());
            Set<List<String>> scriptUniques = new HashSet<>(created.uniques);
            for (UniqueKey key : script.uniqueKeys.getOrDefault(table.name().key(), List.of())) {
                assertTrue(table.uniqueKeys().contains(key), where + " lacks " + key);
                scriptUniques.add(key.columns());
            }
            if (kind == DatabaseKind.SQLITE) {
                // Hibernate's SQLite DDL drops unique constraints it would have to add with alter table
                assertTrue(ourUniques.containsAll(scriptUniques), where + " uniques " + scriptUniques);
            } else {
                assertEquals(ourUniques, scriptUniques, where + " uniques");
            }

            List<ForeignKey> scriptKeys = script.foreignKeys.getOrDefault(table.name().key(), List.of());
            if (kind == DatabaseKind.SQLITE) {
                assertEquals(List.of(), scriptKeys, "Hibernate creates no foreign keys on SQLite");
            } else {
                assertEquals(sortedKeys(table.foreignKeys()), sortedKeys(withReferencedColumns(scriptKeys, schema)), where + " foreign keys");
            }
        }
        assertEquals(schema.sequences(), script.sequences.stream().sorted().toList(), "sequences");
        List<String> initCommands = schema.tables().stream().flatMap(t -> t.initCommands().stream()).sorted().toList();
        assertEquals(script.inserts.stream().sorted().toList(), initCommands, "seed rows");
    }

    private static void assertColumn(Column column, String definition, Table table, DdlTypeRegistry types, String where) {
        String head = beforeConstraints(definition);
        String rest = head;
        if (!column.identity()) {
            // identity columns are spelled per dialect (integer on SQLite, generated ... as identity)
            String type = render(column.type(), types);
            assertTrue(head.equals(type) || head.startsWith(type + " "), where + ": Hibernate says '" + definition + "', we say " + type);
            rest = head.substring(type.length());
            assertEquals(!column.nullable(), rest.contains(" not null"), where + " not null: " + definition);
        } else {
            assertTrue(table.primaryKey().columns().contains(column.name()), where + " identity outside the key");
        }
        // "generated by default as identity" is no default value
        assertEquals(column.defaultValue() != null, !column.identity() && rest.contains(" default "), where + " default: " + definition);
        if (column.defaultValue() != null) {
            assertTrue((rest + " ").contains(" default " + column.defaultValue() + " "), where + " default: " + definition);
        }
        assertEquals(column.comment() != null, rest.contains(" comment '"), where + " comment: " + definition);
        if (column.comment() != null) {
            assertTrue(rest.contains(" comment '" + column.comment() + "'"), where + " comment: " + definition);
        }
        if ((rest + " ").contains(" unique ")) {
            assertTrue(table.uniqueKeys().stream().anyMatch(k -> k.columns().equals(List.of(column.name()))), where + " unique");
        }
    }

    private static String render(ColumnType type, DdlTypeRegistry types) {
        if (type.isVerbatim()) {
            return type.definition();
        }
        if (type.code() == org.hibernate.type.SqlTypes.UUID && types.getDescriptor(type.code()) == null) {
            // where a UUID has no type of its own Hibernate writes binary(16), and so does Retort's DDL (TypeNames)
            return types.getDescriptor(org.hibernate.type.SqlTypes.BINARY).getTypeName(new Size(null, null, 16L));
        }
        return types.getDescriptor(type.code()).getTypeName(new Size(type.precision(), type.scale(), type.length()));
    }

    private static String beforeConstraints(String definition) {
        int cut = definition.length();
        for (String marker : List.of(" check (", " constraint ")) {
            int i = definition.indexOf(marker);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return definition.substring(0, cut);
    }

    /** Checks as (name, expression) with one wrapping pair of parentheses taken off, as a sorted multiset. */
    private static List<String> checks(List<Check> checks) {
        return checks.stream().map(c -> c.name() + ": " + unwrap(c.expression())).sorted().toList();
    }

    private static String unwrap(String expression) {
        String e = expression.strip();
        if (e.startsWith("(") && Script.closingParen(e, 0) == e.length() - 1) {
            return unwrap(e.substring(1, e.length() - 1));
        }
        return e;
    }

    private static Set<String> keys(java.util.Collection<?> names) {
        Set<String> keys = new TreeSet<>();
        for (Object name : names) {
            keys.add(name instanceof TableName t ? t.key() : name.toString());
        }
        return keys;
    }

    private static List<Index> sorted(List<Index> indexes) {
        return indexes.stream().sorted(java.util.Comparator.comparing(Index::name)).toList();
    }

    private static List<ForeignKey> sortedKeys(List<ForeignKey> keys) {
        return keys.stream().sorted(java.util.Comparator.comparing(ForeignKey::name)).toList();
    }

    /** Hibernate's script omits the referenced columns of a key to the primary key on some dialects. */
    private static List<ForeignKey> withReferencedColumns(List<ForeignKey> keys, Schema schema) {
        List<ForeignKey> resolved = new ArrayList<>();
        for (ForeignKey key : keys) {
            List<String> target = key.referencedColumns().isEmpty()
                    ? schema.table(key.referencedTable()).orElseThrow().primaryKey().columns()
                    : key.referencedColumns();
            resolved.add(new ForeignKey(key.name(), key.columns(), key.referencedTable(), target, key.onDelete(), key.onUpdate()));
        }
        return resolved;
    }

    /** A {@code create table} statement taken apart. Column definitions are keyed by unquoted name. */
    static final class CreateTable {
        final Map<String, String> columns = new java.util.LinkedHashMap<>();
        List<String> primaryKey;
        final List<String> checks = new ArrayList<>();
        final List<List<String>> uniques = new ArrayList<>();
        String comment;
    }

    /** Just enough of a parser for the statements Hibernate's SchemaCreator writes for these models. */
    static final class Script {
        final Map<String, CreateTable> tables = new TreeMap<>();
        final Map<String, List<Index>> indexes = new TreeMap<>();
        final Map<String, List<UniqueKey>> uniqueKeys = new TreeMap<>();
        final Map<String, List<ForeignKey>> foreignKeys = new TreeMap<>();
        final Map<String, String> tableComments = new TreeMap<>();
        final List<Sequence> sequences = new ArrayList<>();
        final List<String> inserts = new ArrayList<>();

        private static final Pattern SEQUENCE = Pattern.compile("create sequence (\\S+) start with (-?\\d+) increment by (-?\\d+)( nocache)?");
        private static final Pattern INDEX = Pattern.compile("create (unique )?index (\\S+) on (\\S+) \\((.*)\\)");
        private static final Pattern ALTER = Pattern.compile("alter table (?:if exists )?(\\S+) add constraint (\\S+) (.*)");
        private static final Pattern FOREIGN_KEY = Pattern.compile(
                "foreign key \\((.*?)\\) references (\\S+)(?: \\((.*?)\\))?(?: on delete (cascade|set null|set default|restrict))?");
        private static final Pattern TABLE_COMMENT = Pattern.compile("comment on table (\\S+) is '(.*)'");
        private static final Pattern COLUMN_COMMENT = Pattern.compile("comment on column (\\S+)\\.(\\S+) is '(.*)'");

        static Script parse(List<String> statements) {
            Script script = new Script();
            for (String sql : statements) {
                script.statement(sql.strip());
            }
            return script;
        }

        private void statement(String sql) {
            Matcher m;
            if (sql.startsWith("create table ")) {
                createTable(sql);
            } else if ((m = SEQUENCE.matcher(sql)).matches()) {
                sequences.add(new Sequence(name(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
            } else if ((m = INDEX.matcher(sql)).matches()) {
                List<String> columns = split(m.group(4)).stream().map(c -> {
                    String[] parts = c.strip().split(" ");
                    return unquote(parts[0]) + (parts.length > 1 && parts[1].equals("desc") ? " desc" : "");
                }).toList();
                indexes.computeIfAbsent(name(m.group(3)).key(), k -> new ArrayList<>())
                        .add(new Index(m.group(2), columns, m.group(1) != null));
            } else if ((m = ALTER.matcher(sql)).matches()) {
                String table = name(m.group(1)).key();
                String rest = m.group(3);
                Matcher fk = FOREIGN_KEY.matcher(rest);
                if (rest.startsWith("unique (")) {
                    uniqueKeys.computeIfAbsent(table, k -> new ArrayList<>())
                            .add(new UniqueKey(m.group(2), columnList(rest.substring("unique (".length(), rest.length() - 1))));
                } else if (fk.matches()) {
                    FkAction onDelete = fk.group(4) == null ? FkAction.NO_ACTION
                            : FkAction.valueOf(fk.group(4).toUpperCase(Locale.ROOT).replace(' ', '_'));
                    foreignKeys.computeIfAbsent(table, k -> new ArrayList<>()).add(new ForeignKey(m.group(2),
                            columnList(fk.group(1)), name(fk.group(2)),
                            fk.group(3) == null ? List.of() : columnList(fk.group(3)), onDelete, FkAction.NO_ACTION));
                } else {
                    fail("unexpected alter table: " + sql);
                }
            } else if ((m = TABLE_COMMENT.matcher(sql)).matches()) {
                tableComments.put(name(m.group(1)).key(), m.group(2));
            } else if ((m = COLUMN_COMMENT.matcher(sql)).matches()) {
                String definition = tables.get(name(m.group(1)).key()).columns.get(unquote(m.group(2)));
                assertNotNull(definition, sql);
                tables.get(name(m.group(1)).key()).columns.put(unquote(m.group(2)), definition + " comment '" + m.group(3) + "'");
            } else if (sql.startsWith("insert into ")) {
                inserts.add(sql);
            } else {
                fail("unexpected statement: " + sql);
            }
        }

        private void createTable(String sql) {
            int open = sql.indexOf(" (");
            String name = sql.substring("create table ".length(), open);
            int close = closingParen(sql, open + 1);
            CreateTable table = new CreateTable();
            String suffix = sql.substring(close + 1);
            Matcher comment = Pattern.compile(" comment='(.*?)'").matcher(suffix);
            if (comment.find()) {
                table.comment = comment.group(1);
            }
            for (String element : split(sql.substring(open + 2, close))) {
                String e = element.strip();
                if (e.startsWith("primary key (")) {
                    table.primaryKey = columnList(e.substring("primary key (".length(), e.length() - 1));
                } else if (e.startsWith("unique (")) {
                    table.uniques.add(columnList(e.substring("unique (".length(), e.length() - 1)));
                } else if (e.startsWith("constraint ") && e.contains(" unique (")) {
                    table.uniques.add(columnList(e.substring(e.indexOf(" unique (") + " unique (".length(), e.length() - 1)));
                } else if (e.startsWith("check (") || e.startsWith("constraint ")) {
                    addChecks(" " + e, table);
                } else {
                    int space = e.indexOf(' ');
                    String definition = e.substring(space + 1);
                    table.columns.put(unquote(e.substring(0, space)), definition);
                    addChecks(" " + definition, table);
                    if ((" " + beforeConstraints(definition) + " ").contains(" unique ")) {
                        table.uniques.add(List.of(unquote(e.substring(0, space))));
                    }
                }
            }
            table.checks.sort(null);
            tables.put(name(name).key(), table);
        }

        /** Every {@code [constraint NAME] check (...)} in the text; a column's anonymous checks are one clause. */
        private static void addChecks(String text, CreateTable table) {
            int from = 0;
            int at;
            while ((at = text.indexOf(" check (", from)) >= 0) {
                int open = at + " check ".length();
                int close = closingParen(text, open);
                String before = text.substring(0, at);
                Matcher named = Pattern.compile(" constraint (\\S+)$").matcher(before);
                String name = named.find() ? named.group(1) : null;
                String inner = text.substring(open + 1, close);
                if (name == null && inner.startsWith("(") && inner.contains(") and (")) {
                    fail("several anonymous checks on one column, not expected in these models: " + text);
                }
                table.checks.add(name + ": " + unwrap(inner));
                from = close + 1;
            }
        }

        static int closingParen(String text, int open) {
            int depth = 0;
            boolean quoted = false;
            for (int i = open; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\'') {
                    quoted = !quoted;
                } else if (!quoted && c == '(') {
                    depth++;
                } else if (!quoted && c == ')' && --depth == 0) {
                    return i;
                }
            }
            throw new AssertionError("unbalanced: " + text);
        }

        /** Splits at commas outside parentheses and quotes. */
        private static List<String> split(String text) {
            List<String> parts = new ArrayList<>();
            int depth = 0;
            boolean quoted = false;
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\'') {
                    quoted = !quoted;
                } else if (!quoted && c == '(') {
                    depth++;
                } else if (!quoted && c == ')') {
                    depth--;
                } else if (!quoted && depth == 0 && c == ',') {
                    parts.add(text.substring(start, i));
                    start = i + 1;
                }
            }
            parts.add(text.substring(start));
            return parts;
        }

        private static List<String> columnList(String text) {
            return split(text).stream().map(s -> unquote(s.strip())).toList();
        }

        private static TableName name(String qualified) {
            int dot = qualified.indexOf('.');
            return dot < 0 ? TableName.of(unquote(qualified))
                    : TableName.of(unquote(qualified.substring(0, dot)), unquote(qualified.substring(dot + 1)));
        }

        private static String unquote(String name) {
            if (name.length() > 1 && (name.startsWith("\"") && name.endsWith("\"") || name.startsWith("`") && name.endsWith("`"))) {
                return name.substring(1, name.length() - 1);
            }
            assertFalse(name.contains("\""), name);
            return name;
        }
    }
}
