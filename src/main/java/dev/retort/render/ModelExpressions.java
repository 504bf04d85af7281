package dev.retort.render;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
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
import org.hibernate.type.SqlTypes;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Java expressions that rebuild model values exactly: {@code Column.of("title", varchar(255)).notNull()},
 * {@code Table.builder("Book")...build()}. Each expression evaluates to a value {@code equals} to the one
 * rendered. Remembers which {@link ColumnType} factories it used, for the static imports of the file.
 */
final class ModelExpressions {

    static final ClassName COLUMN_TYPE = ClassName.get(ColumnType.class);

    /** Type code to constant, {@link Types} first and {@link SqlTypes} for the codes only Hibernate names. */
    private static final Map<Integer, CodeBlock> TYPE_CODES = typeCodes();

    /** Factories without arguments, by type code. */
    private static final Map<Integer, String> PLAIN_FACTORIES = Map.ofEntries(
            Map.entry(Types.BIGINT, "bigint"), Map.entry(Types.INTEGER, "integer"),
            Map.entry(Types.SMALLINT, "smallint"), Map.entry(Types.TINYINT, "tinyint"),
            Map.entry(Types.BOOLEAN, "bool"), Map.entry(Types.REAL, "real"),
            Map.entry(Types.FLOAT, "floatType"), Map.entry(Types.DOUBLE, "doublePrecision"),
            Map.entry(Types.DATE, "date"), Map.entry(Types.TIME, "time"),
            Map.entry(Types.CLOB, "clob"), Map.entry(Types.BLOB, "blob"));

    /** Factories taking a length. */
    private static final Map<Integer, String> LENGTH_FACTORIES = Map.of(
            Types.VARCHAR, "varchar", Types.NVARCHAR, "nvarchar", Types.CHAR, "character", Types.VARBINARY, "varbinary");

    /** Factories taking a precision and a scale. */
    private static final Map<Integer, String> PRECISION_SCALE_FACTORIES = Map.of(
            Types.NUMERIC, "numeric", Types.DECIMAL, "decimal");

    /** Factories taking a precision. */
    private static final Map<Integer, String> PRECISION_FACTORIES = Map.of(
            Types.TIMESTAMP, "timestamp", Types.TIMESTAMP_WITH_TIMEZONE, "timestampTz");

    private final Set<String> staticImports = new TreeSet<>();

    /** The {@link ColumnType} factories used so far, sorted. */
    Set<String> staticImports() {
        return Collections.unmodifiableSet(staticImports);
    }

    /**
     * A string literal; a value with line breaks inside is split after each one into {@code "a\n" + "b"},
     * one line each, so multi-line SQL stays readable.
     */
    CodeBlock string(String value) {
        if (value == null) {
            return CodeBlock.of("null");
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int end = value.indexOf('\n'); end >= 0 && end + 1 < value.length(); end = value.indexOf('\n', start)) {
            lines.add(value.substring(start, end + 1));
            start = end + 1;
        }
        lines.add(value.substring(start));
        CodeBlock.Builder b = CodeBlock.builder().add("$L", JavaText.literal(lines.get(0)));
        if (lines.size() > 1) {
            b.add("$>");
            lines.subList(1, lines.size()).forEach(line -> b.add("\n+ $L", JavaText.literal(line)));
            b.add("$<");
        }
        return b.build();
    }

    CodeBlock strings(List<String> values) {
        return values.stream().map(this::string).collect(CodeBlock.joining(", "));
    }

    CodeBlock tableName(TableName name) {
        return name.schema() == null
                ? CodeBlock.of("$T.of($L)", TableName.class, string(name.name()))
                : CodeBlock.of("$T.of($L, $L)", TableName.class, string(name.schema()), string(name.name()));
    }

    /** A builder chain, one call per line, for {@code createTable} and {@code dropTable}. */
    CodeBlock table(Table table) {
        CodeBlock.Builder b = CodeBlock.builder();
        if (table.name().schema() == null) {
            b.add("$T.builder($L)", Table.class, string(table.name().name()));
        } else {
            b.add("$T.builder($L)", Table.class, tableName(table.name()));
        }
        for (Column column : table.columns()) {
            b.add("\n.column($L)", column(column));
        }
        if (table.primaryKey() != null) {
            PrimaryKey pk = table.primaryKey();
            if (pk.name() == null && !pk.columns().isEmpty()) {
                b.add("\n.primaryKey($L)", strings(pk.columns()));
            } else {
                b.add("\n.primaryKey($L)", primaryKey(pk));
            }
        }
        for (ForeignKey fk : table.foreignKeys()) {
            b.add("\n.foreignKey($L)", foreignKey(fk));
        }
        for (Index index : table.indexes()) {
            b.add("\n.index($L)", index(index));
        }
        for (UniqueKey key : table.uniqueKeys()) {
            b.add("\n.unique($L)", uniqueKey(key));
        }
        for (Check check : table.checks()) {
            b.add("\n.check($L)", check(check));
        }
        if (table.comment() != null) {
            b.add("\n.comment($L)", string(table.comment()));
        }
        for (String command : table.initCommands()) {
            b.add("\n.initCommand($L)", string(command));
        }
        return b.add("\n.build()").build();
    }

    /** {@code Column.of(name, type)} and a call for each property that differs from what {@code of} gives. */
    CodeBlock column(Column column) {
        CodeBlock.Builder b = CodeBlock.builder()
                .add("$T.of($L, $L)", Column.class, string(column.name()), type(column.type()));
        if (!column.nullable() && !column.identity()) {
            b.add(".notNull()");
        }
        if (column.defaultValue() != null) {
            b.add(".withDefault($L)", string(column.defaultValue()));
        }
        if (column.comment() != null) {
            b.add(".withComment($L)", string(column.comment()));
        }
        if (column.identity()) {
            // asIdentity() implies not null; a nullable identity column is rare but must round-trip too
            b.add(column.nullable() ? ".asIdentity().nullable(true)" : ".asIdentity()");
        }
        return b.build();
    }

    /** The named factory where one gives exactly this type, else {@code ColumnType.of} or the constructor. */
    CodeBlock type(ColumnType type) {
        Long length = type.length();
        Integer precision = type.precision();
        Integer scale = type.scale();
        boolean sized = length != null || precision != null || scale != null;
        if (type.definition() != null) {
            if (type.code() == Types.OTHER && !sized) {
                return factory("sql", string(type.definition()));
            }
            return CodeBlock.of("new $T($L, $L, $L, $L, $L)", ColumnType.class, typeCode(type.code()),
                    boxedLong(length), boxedInt(precision), boxedInt(scale), string(type.definition()));
        }
        if (!sized && PLAIN_FACTORIES.containsKey(type.code())) {
            return factory(PLAIN_FACTORIES.get(type.code()), CodeBlock.of(""));
        }
        if (length != null && precision == null && scale == null && LENGTH_FACTORIES.containsKey(type.code())) {
            return factory(LENGTH_FACTORIES.get(type.code()), CodeBlock.of("$L", JavaText.longLiteral(length)));
        }
        if (length == null && precision != null && scale != null && PRECISION_SCALE_FACTORIES.containsKey(type.code())) {
            return factory(PRECISION_SCALE_FACTORIES.get(type.code()), CodeBlock.of("$L, $L", precision, scale));
        }
        if (length == null && precision != null && scale == null && PRECISION_FACTORIES.containsKey(type.code())) {
            return factory(PRECISION_FACTORIES.get(type.code()), CodeBlock.of("$L", precision));
        }
        if (!sized) {
            return CodeBlock.of("$T.of($L)", ColumnType.class, typeCode(type.code()));
        }
        return CodeBlock.of("$T.of($L, $L, $L, $L)", ColumnType.class, typeCode(type.code()),
                boxedLong(length), boxedInt(precision), boxedInt(scale));
    }

    CodeBlock primaryKey(PrimaryKey key) {
        if (key.name() == null) {
            return CodeBlock.of("$T.of($L)", PrimaryKey.class, strings(key.columns()));
        }
        return CodeBlock.of("new $T($L, $L)", PrimaryKey.class, string(key.name()), list(key.columns()));
    }

    /** {@code ForeignKey.of(...)}, with {@code .onDelete}/{@code .onUpdate} only for actions other than NO ACTION. */
    CodeBlock foreignKey(ForeignKey key) {
        CodeBlock.Builder b = CodeBlock.builder().add("$T.of($L, $L, $L, $L)", ForeignKey.class, string(key.name()),
                list(key.columns()), tableName(key.referencedTable()), list(key.referencedColumns()));
        if (key.onDelete() != FkAction.NO_ACTION) {
            b.add(".onDelete($T.$L)", FkAction.class, key.onDelete().name());
        }
        if (key.onUpdate() != FkAction.NO_ACTION) {
            b.add(".onUpdate($T.$L)", FkAction.class, key.onUpdate().name());
        }
        return b.build();
    }

    CodeBlock index(Index index) {
        return CodeBlock.of("$T.$L($L)", Index.class, index.unique() ? "unique" : "of", nameAndColumns(index.name(), index.columns()));
    }

    CodeBlock uniqueKey(UniqueKey key) {
        return CodeBlock.of("$T.of($L)", UniqueKey.class, nameAndColumns(key.name(), key.columns()));
    }

    CodeBlock check(Check check) {
        return CodeBlock.of("$T.of($L, $L)", Check.class, string(check.name()), string(check.expression()));
    }

    CodeBlock sequence(Sequence sequence) {
        String start = JavaText.longLiteral(sequence.start());
        String increment = JavaText.longLiteral(sequence.increment());
        if (sequence.name().schema() == null) {
            return CodeBlock.of("$T.of($L, $L, $L)", Sequence.class, string(sequence.name().name()), start, increment);
        }
        return CodeBlock.of("new $T($L, $L, $L)", Sequence.class, tableName(sequence.name()), start, increment);
    }

    private CodeBlock factory(String name, CodeBlock arguments) {
        staticImports.add(name);
        // the member name must be part of the format for JavaPoet to apply the static import
        return CodeBlock.of("$T." + name + "($L)", ColumnType.class, arguments);
    }

    private CodeBlock nameAndColumns(String name, List<String> columns) {
        return columns.isEmpty() ? string(name) : CodeBlock.of("$L, $L", string(name), strings(columns));
    }

    private CodeBlock list(List<String> values) {
        return CodeBlock.of("$T.of($L)", List.class, strings(values));
    }

    /** A type code by its constant's name; a code no constant names can only be written as a number. */
    private static CodeBlock typeCode(int code) {
        CodeBlock constant = TYPE_CODES.get(code);
        return constant != null ? constant : CodeBlock.of("$L /* no java.sql.Types or SqlTypes constant */", code);
    }

    // ColumnType.of takes boxed sizes: an int literal would not box to Long, hence the suffix
    private static String boxedLong(Long value) {
        return value == null ? "null" : value + "L";
    }

    private static String boxedInt(Integer value) {
        return value == null ? "null" : value.toString();
    }

    private static Map<Integer, CodeBlock> typeCodes() {
        Map<Integer, CodeBlock> codes = new TreeMap<>();
        addConstants(codes, Types.class);
        addConstants(codes, SqlTypes.class);
        return Map.copyOf(codes);
    }

    private static void addConstants(Map<Integer, CodeBlock> codes, Class<?> holder) {
        // sorted by name so that, should two constants ever share a code, the choice is stable
        Map<String, Integer> constants = new TreeMap<>();
        for (Field field : holder.getFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == int.class) {
                try {
                    constants.put(field.getName(), field.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        constants.forEach((name, code) -> codes.putIfAbsent(code, CodeBlock.of("$T.$L", holder, name)));
    }
}
