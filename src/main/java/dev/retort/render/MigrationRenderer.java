package dev.retort.render;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.Index;
import dev.retort.model.TableName;
import dev.retort.ops.IrreversibleOperationException;
import dev.retort.ops.Migration;
import dev.retort.ops.Op;
import dev.retort.ops.Operations;
import dev.retort.ops.Revision;

import javax.lang.model.SourceVersion;
import javax.lang.model.element.Modifier;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Writes one migration class: a revision header and the ops of its {@code upgrade()}, as Java source that
 * reads like hand-written code. {@code downgrade()} is the upgrade reversed ({@link Op#reverse()} of each op,
 * last first). With no ops it writes the empty template a user fills in by hand ({@code revision -m}).
 *
 * <p>The same input always gives byte-identical output; the generated ops are exactly the given ones, so
 * running the class through {@link Operations} issues ops {@code equals} to the input.
 */
public final class MigrationRenderer {

    private static final int SLUG_LENGTH = 40;

    /** The example a new, empty migration shows in its comments. */
    private static final List<Op> TEMPLATE_EXAMPLE = List.of(
            new Op.AddColumn(TableName.of("Book"), Column.of("isbn", ColumnType.varchar(13)).notNull()),
            new Op.CreateIndex(TableName.of("Book"), Index.unique("ix_book_isbn", "isbn")));

    private final String packageName;

    /** @param packageName the package of the migrations, e.g. {@code migrations}; empty for the default package */
    public MigrationRenderer(String packageName) {
        Objects.requireNonNull(packageName, "packageName");
        if (!packageName.isEmpty() && !SourceVersion.isName(packageName)) {
            throw new IllegalArgumentException("not a Java package name: " + packageName);
        }
        this.packageName = packageName;
    }

    /**
     * The migration class for {@code upgrade}, or the empty template when it is empty.
     *
     * @param warnings what the user should look at before running it (data loss, ...), one per entry
     */
    public JavaFile render(RevisionHeader header, List<Op> upgrade, List<String> warnings) {
        Objects.requireNonNull(header, "header");
        List<Op> ops = List.copyOf(upgrade);
        List<String> notes = List.copyOf(warnings);
        ModelExpressions model = new ModelExpressions();
        OpStatements statements = new OpStatements(model);
        Layout layout = new Layout();

        MethodSpec.Builder up = method("upgrade");
        MethodSpec.Builder down = method("downgrade");
        up.addCode(warningComments(notes));
        if (ops.isEmpty()) {
            template(up, down, statements);
        } else {
            up.addCode(body("upgrade", ops, statements, layout));
            down.addCode(downgrade(header, ops, statements, layout));
        }

        TypeSpec type = TypeSpec.classBuilder(className(header.id(), header.message()))
                .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .superclass(Migration.class)
                .addJavadoc("$L", javadoc(header, notes))
                .addAnnotation(revision(header))
                .addMethod(up.build())
                .addMethod(down.build())
                .addMethods(layout.helpers)
                .build();
        JavaFile.Builder file = JavaFile.builder(packageName, type).indent("    ").skipJavaLangImports(true);
        if (!model.staticImports().isEmpty()) {
            file.addStaticImport(ModelExpressions.COLUMN_TYPE, model.staticImports().toArray(String[]::new));
        }
        return file.build();
    }

    /**
     * The class name for a revision: {@code R} + id + {@code _} + a slug of the message, e.g.
     * {@code R49367a22b507_add_description}; just {@code R} + id when the message has no letters or digits.
     * The file name is this plus {@code .java}.
     */
    public static String className(String id, String message) {
        RevisionHeader.requireRevisionId(id, "id");
        String slug = slug(message == null ? "" : message);
        return slug.isEmpty() ? "R" + id : "R" + id + "_" + slug;
    }

    /** Lowercase ASCII letters and digits joined by underscores, accents dropped, cut at a word end near 40. */
    static String slug(String message) {
        String plain = Normalizer.normalize(message.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        String slug = trimUnderscores(plain.replaceAll("[^a-z0-9]+", "_"));
        if (slug.length() > SLUG_LENGTH) {
            int wordEnd = slug.lastIndexOf('_', SLUG_LENGTH);
            slug = trimUnderscores(slug.substring(0, wordEnd > 0 ? wordEnd : SLUG_LENGTH));
        }
        return slug;
    }

    private static String trimUnderscores(String text) {
        return text.replaceAll("^_+|_+$", "");
    }

    private static MethodSpec.Builder method(String name) {
        return MethodSpec.methodBuilder(name)
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .addParameter(Operations.class, "op");
    }

    /**
     * The ops in the given order (it is a dependency order), with a comment line wherever the table changes.
     * Too much for one method, each table's ops go to a private method of their own, called in the same order.
     */
    private static CodeBlock body(String method, List<Op> ops, OpStatements statements, Layout layout) {
        List<TableGroups.Group> groups = TableGroups.of(ops);
        if (TableGroups.weight(ops) <= TableGroups.METHOD_BUDGET) {
            return statements(groups, statements);
        }
        CodeBlock.Builder b = CodeBlock.builder()
                .add("// One method per table: as one method this would exceed the JVM's 64 KB limit on a method's code.\n");
        for (TableGroups.Group group : groups) {
            for (List<Op> chunk : TableGroups.chunks(group.ops())) {
                String name = layout.newName(method + camelCase(group.table()));
                layout.helpers.add(MethodSpec.methodBuilder(name)
                        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                        .addParameter(Operations.class, "op")
                        .addCode(statements(List.of(new TableGroups.Group(group.table(), chunk)), statements))
                        .build());
                b.addStatement("$N(op)", name);
            }
        }
        return b.build();
    }

    private static CodeBlock statements(List<TableGroups.Group> groups, OpStatements statements) {
        CodeBlock.Builder b = CodeBlock.builder();
        for (int i = 0; i < groups.size(); i++) {
            TableGroups.Group group = groups.get(i);
            if (i > 0) {
                b.add("\n");
            }
            if (group.table() != null) {
                b.add("// $L\n", JavaText.comment(group.table().toString()));
            }
            group.ops().forEach(op -> b.addStatement("$L", statements.call(op)));
        }
        return b.build();
    }

    /** {@code sales.order_line} as {@code SalesOrderLine}: ASCII letters and digits only, so always an identifier part. */
    private static String camelCase(TableName table) {
        if (table == null) {
            return "Other";
        }
        StringBuilder out = new StringBuilder();
        String words = table.schema() == null ? table.name() : table.schema() + " " + table.name();
        for (String word : words.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        String name = out.length() == 0 ? "Table" : out.toString();
        return name.length() > 60 ? name.substring(0, 60) : name;
    }

    /** The helper methods of a class being written, and the method names it has taken. */
    private static final class Layout {
        final List<MethodSpec> helpers = new ArrayList<>();
        private final Set<String> names = new HashSet<>(Set.of("upgrade", "downgrade"));

        /** {@code name}, or {@code name2}, {@code name3} ... when taken: the same input gets the same names. */
        String newName(String name) {
            String candidate = name;
            for (int n = 2; !names.add(candidate); n++) {
                candidate = name + n;
            }
            return candidate;
        }
    }

    private static CodeBlock downgrade(RevisionHeader header, List<Op> ops, OpStatements statements, Layout layout) {
        List<Op> reversed = new ArrayList<>();
        List<String> irreversible = new ArrayList<>();
        for (int i = ops.size() - 1; i >= 0; i--) {
            try {
                reversed.add(ops.get(i).reverse());
            } catch (IrreversibleOperationException e) {
                irreversible.add(e.getMessage());
            }
        }
        if (irreversible.isEmpty()) {
            return body("downgrade", reversed, statements, layout);
        }
        // a partial downgrade would leave the schema matching no revision: refuse outright instead
        CodeBlock.Builder b = CodeBlock.builder();
        b.add("// No automatic downgrade: upgrade() has steps without a reverse.\n");
        b.add("// Replace this with the calls that undo upgrade(), last step first.\n");
        b.addStatement("throw new $T($L)", UnsupportedOperationException.class, JavaText.literal(
                "revision " + header.id() + " cannot be downgraded automatically: " + String.join("; ", irreversible)));
        return b.build();
    }

    private static void template(MethodSpec.Builder up, MethodSpec.Builder down, OpStatements statements) {
        // data migrations in the body may call JDBC through op.connection()
        up.addException(Exception.class);
        down.addException(Exception.class);
        CodeBlock.Builder upBody = CodeBlock.builder().add("// Write the changes of this revision here, for example:\n");
        for (Op op : TEMPLATE_EXAMPLE) {
            upBody.add("// $L;\n", statements.call(op));
        }
        CodeBlock.Builder downBody = CodeBlock.builder().add("// Undo upgrade() here, last step first, for example:\n");
        for (int i = TEMPLATE_EXAMPLE.size() - 1; i >= 0; i--) {
            downBody.add("// $L;\n", statements.call(TEMPLATE_EXAMPLE.get(i).reverse()));
        }
        up.addCode(upBody.build());
        down.addCode(downBody.build());
    }

    private static CodeBlock warningComments(List<String> warnings) {
        if (warnings.isEmpty()) {
            return CodeBlock.of("");
        }
        CodeBlock.Builder b = CodeBlock.builder();
        for (String line : warningLines(warnings)) {
            b.add("// $L\n", JavaText.comment(line));
        }
        return b.add("\n").build();
    }

    /** {@code WARNING: } before each warning; a warning of several lines continues indented. */
    private static List<String> warningLines(List<String> warnings) {
        List<String> lines = new ArrayList<>();
        for (String warning : warnings) {
            String[] parts = warning.split("\\R", -1);
            lines.add("WARNING: " + parts[0]);
            for (int i = 1; i < parts.length; i++) {
                lines.add("         " + parts[i]);
            }
        }
        return lines;
    }

    /** Alembic's header: message, revision id, parents, date; then the warnings. */
    private static String javadoc(RevisionHeader header, List<String> warnings) {
        List<String> lines = new ArrayList<>();
        if (!header.message().isBlank()) {
            lines.add(JavaText.javadoc(header.message()));
            lines.add("");
        }
        lines.add("Revision ID: " + header.id());
        lines.add("Revises: " + (header.parents().isEmpty() ? "{@literal <base>}" : String.join(", ", header.parents())));
        lines.add("Create Date: " + JavaText.javadoc(header.created()));
        if (!warnings.isEmpty()) {
            lines.add("");
            warningLines(warnings).forEach(line -> lines.add(JavaText.javadoc(line)));
        }
        return String.join("\n", lines) + "\n";
    }

    private static AnnotationSpec revision(RevisionHeader header) {
        return AnnotationSpec.builder(Revision.class)
                .addMember("id", "$L", JavaText.literal(header.id()))
                .addMember("parents", "{$L}", String.join(", ", header.parents().stream().map(JavaText::literal).toList()))
                .addMember("message", "$L", JavaText.literal(header.message()))
                .addMember("created", "$L", JavaText.literal(header.created()))
                .build();
    }
}
