package dev.retort.render;

import com.palantir.javapoet.CodeBlock;
import dev.retort.model.TableName;
import dev.retort.ops.Op;

import java.util.List;

/**
 * The {@code Operations} call that issues each op: {@code op.addColumn("Book", Column.of(...))}. Uses the
 * typed shorthand where {@code Operations} has one for the op's arguments, else {@code op.apply(new Op.X(...))}
 * (schema-qualified renames, for instance). One case per op type: a new {@link Op} without a case here
 * fails {@code MigrationRendererTest}, which renders every permitted subclass.
 */
final class OpStatements {

    private final ModelExpressions model;

    OpStatements(ModelExpressions model) {
        this.model = model;
    }

    /** The call for {@code op}, without the semicolon. */
    CodeBlock call(Op op) {
        if (op instanceof Op.CreateTable o) {
            return CodeBlock.of("op.createTable($L)", model.table(o.definition()));
        }
        if (op instanceof Op.DropTable o) {
            return CodeBlock.of("op.dropTable($L)", model.table(o.definition()));
        }
        if (op instanceof Op.RenameTable o) {
            return o.from().schema() == null
                    ? CodeBlock.of("op.renameTable($L, $L)", model.string(o.from().name()), model.string(o.to()))
                    : apply(Op.RenameTable.class, model.tableName(o.from()), model.string(o.to()));
        }
        if (op instanceof Op.SetTableComment o) {
            return o.table().schema() == null
                    ? CodeBlock.of("op.setTableComment($L, $L, $L)", model.string(o.table().name()),
                            model.string(o.from()), model.string(o.to()))
                    : apply(Op.SetTableComment.class, model.tableName(o.table()), model.string(o.from()), model.string(o.to()));
        }
        if (op instanceof Op.AddColumn o) {
            return CodeBlock.of("op.addColumn($L, $L)", table(o.table()), model.column(o.column()));
        }
        if (op instanceof Op.DropColumn o) {
            return CodeBlock.of("op.dropColumn($L, $L)", table(o.table()), model.column(o.column()));
        }
        if (op instanceof Op.AlterColumn o) {
            return alterColumn(o);
        }
        if (op instanceof Op.RenameColumn o) {
            return o.table().schema() == null
                    ? CodeBlock.of("op.renameColumn($L, $L, $L)", model.string(o.table().name()),
                            model.string(o.from()), model.string(o.to()))
                    : apply(Op.RenameColumn.class, model.tableName(o.table()), model.string(o.from()), model.string(o.to()));
        }
        if (op instanceof Op.CreateIndex o) {
            return CodeBlock.of("op.createIndex($L, $L)", table(o.table()), model.index(o.index()));
        }
        if (op instanceof Op.DropIndex o) {
            return CodeBlock.of("op.dropIndex($L, $L)", table(o.table()), model.index(o.index()));
        }
        if (op instanceof Op.AddUnique o) {
            return CodeBlock.of("op.addUnique($L, $L)", table(o.table()), model.uniqueKey(o.key()));
        }
        if (op instanceof Op.DropUnique o) {
            return CodeBlock.of("op.dropUnique($L, $L)", table(o.table()), model.uniqueKey(o.key()));
        }
        if (op instanceof Op.AddPrimaryKey o) {
            return CodeBlock.of("op.addPrimaryKey($L, $L)", table(o.table()), model.primaryKey(o.key()));
        }
        if (op instanceof Op.DropPrimaryKey o) {
            return CodeBlock.of("op.dropPrimaryKey($L, $L)", table(o.table()), model.primaryKey(o.key()));
        }
        if (op instanceof Op.AddForeignKey o) {
            return CodeBlock.of("op.addForeignKey($L, $L)", table(o.table()), model.foreignKey(o.key()));
        }
        if (op instanceof Op.DropForeignKey o) {
            return CodeBlock.of("op.dropForeignKey($L, $L)", table(o.table()), model.foreignKey(o.key()));
        }
        if (op instanceof Op.AddCheck o) {
            return CodeBlock.of("op.addCheck($L, $L)", table(o.table()), model.check(o.check()));
        }
        if (op instanceof Op.DropCheck o) {
            return CodeBlock.of("op.dropCheck($L, $L)", table(o.table()), model.check(o.check()));
        }
        if (op instanceof Op.CreateSequence o) {
            return CodeBlock.of("op.createSequence($L)", model.sequence(o.sequence()));
        }
        if (op instanceof Op.DropSequence o) {
            return CodeBlock.of("op.dropSequence($L)", model.sequence(o.sequence()));
        }
        if (op instanceof Op.AlterSequence o) {
            return CodeBlock.of("op.alterSequence($L, $L)", model.sequence(o.from()), model.sequence(o.to()));
        }
        if (op instanceof Op.Execute o) {
            return o.reverseSql() == null
                    ? CodeBlock.of("op.execute($L)", model.string(o.sql()))
                    : CodeBlock.of("op.execute($L,\n$L)", model.string(o.sql()), model.string(o.reverseSql()));
        }
        // Java 17 has no pattern switch to make this exhaustive at compile time; the test covers every subclass
        throw new IllegalArgumentException("no Java rendering for " + op.getClass().getName());
    }

    /** Both full definitions, one per line, so a review shows what changes. */
    private CodeBlock alterColumn(Op.AlterColumn o) {
        if (o.from() == null) {
            return o.table().schema() == null
                    ? CodeBlock.of("op.alterColumn($L, $L)", model.string(o.table().name()), model.column(o.to()))
                    : apply(Op.AlterColumn.class, model.tableName(o.table()), CodeBlock.of("null"), model.column(o.to()));
        }
        return CodeBlock.of("op.alterColumn($L,\n/* from */ $L,\n/* to */ $L)",
                table(o.table()), model.column(o.from()), model.column(o.to()));
    }

    /** The table argument: a plain string where there is no schema, the {@code TableName} overload otherwise. */
    private CodeBlock table(TableName name) {
        return name.schema() == null ? model.string(name.name()) : model.tableName(name);
    }

    private static CodeBlock apply(Class<? extends Op> type, CodeBlock... arguments) {
        return CodeBlock.of("op.apply(new $T($L))", type, CodeBlock.join(List.of(arguments), ", "));
    }
}
