package dev.retort.diff;

import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.UniqueKey;
import dev.retort.ops.Op;

import java.util.Comparator;
import java.util.Locale;

/** The stable orders that make the comparator's output the same for the same inputs. */
final class OpOrder {

    private OpOrder() {
    }

    /** Ops of one group of one table: by kind, then by name, then by what they cover. */
    static final Comparator<Op> WITHIN_TABLE = Comparator.comparing((Op op) -> op.getClass().getSimpleName())
            .thenComparing(OpOrder::sortKey);

    static final Comparator<ForeignKey> FOREIGN_KEYS = Comparator
            .comparing((ForeignKey fk) -> String.join(",", fk.columns()).toLowerCase(Locale.ROOT))
            .thenComparing(fk -> fk.referencedTable().key())
            .thenComparing(fk -> String.join(",", fk.referencedColumns()).toLowerCase(Locale.ROOT))
            .thenComparing(fk -> fk.name() == null ? "" : fk.name().toLowerCase(Locale.ROOT));

    static final Comparator<Index> INDEXES = Comparator
            .comparing((Index i) -> i.name() == null ? "" : i.name().toLowerCase(Locale.ROOT))
            .thenComparing(i -> String.join(",", i.columns()).toLowerCase(Locale.ROOT));

    private static String sortKey(Op op) {
        if (op instanceof Op.CreateIndex c) return indexKey(c.index());
        if (op instanceof Op.DropIndex d) return indexKey(d.index());
        if (op instanceof Op.AddUnique a) return uniqueKey(a.key());
        if (op instanceof Op.DropUnique d) return uniqueKey(d.key());
        if (op instanceof Op.AddCheck a) return SqlExpression.canonical(a.check().expression()) + "|" + a.check().name();
        if (op instanceof Op.DropCheck d) return SqlExpression.canonical(d.check().expression()) + "|" + d.check().name();
        return "";
    }

    private static String indexKey(Index index) {
        return (index.name() == null ? "" : index.name().toLowerCase(Locale.ROOT)) + "|"
                + String.join(",", index.columns()).toLowerCase(Locale.ROOT);
    }

    private static String uniqueKey(UniqueKey key) {
        return String.join(",", key.columns()).toLowerCase(Locale.ROOT) + "|"
                + (key.name() == null ? "" : key.name().toLowerCase(Locale.ROOT));
    }
}
