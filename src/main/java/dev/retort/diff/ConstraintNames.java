package dev.retort.diff;

import dev.retort.ddl.DerivedNames;
import dev.retort.model.Check;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;

/**
 * Names for constraints and indexes the model leaves unnamed (Hibernate's enum checks, hand-written keys)
 * when an op adds them on their own. The database would invent a name, and the op that undoes the addition — a
 * downgrade's drop — has to name what it drops, offline too ({@code --sql}). The name is derived from the
 * table and what the constraint covers, so the same model always gives the same name; constraints still match
 * by what they cover, never by name, so the name never shows up as a difference. How: {@link DerivedNames}.
 */
final class ConstraintNames {

    private ConstraintNames() {
    }

    static Check named(Check check, TableName table) {
        return check.name() != null ? check : Check.of(name("ck", table, SqlExpression.canonical(check.expression())), check.expression());
    }

    static UniqueKey named(UniqueKey key, TableName table) {
        return key.name() != null ? key : new UniqueKey(name("uk", table, String.join(",", key.columns())), key.columns());
    }

    static Index named(Index index, TableName table) {
        return index.name() != null ? index
                : new Index(name(index.unique() ? "ux" : "ix", table, String.join(",", index.columns())), index.columns(), index.unique());
    }

    static ForeignKey named(ForeignKey fk, TableName table) {
        if (fk.name() != null) return fk;
        String covers = String.join(",", fk.columns()) + "->" + fk.referencedTable().key() + String.join(",", fk.referencedColumns());
        return new ForeignKey(name("fk", table, covers), fk.columns(), fk.referencedTable(), fk.referencedColumns(),
                fk.onDelete(), fk.onUpdate());
    }

    private static String name(String prefix, TableName table, String covers) {
        return DerivedNames.of(prefix, table, covers);
    }
}
