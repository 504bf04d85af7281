package dev.retort.ddl;

import dev.retort.diff.SchemaComparator;
import dev.retort.inspect.SchemaInspector;
import dev.retort.model.DatabaseKind;
import dev.retort.model.Schema;
import dev.retort.model.Sequence;
import dev.retort.ops.Op;
import dev.retort.testing.MariaDbServer;
import dev.retort.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

import static dev.retort.ddl.Sql.migrate;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** An allocation size changed in the mapping: detected, altered on the database, and altered back by the reverse. */
class SequenceIncrementTest {

    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"POSTGRESQL", "MARIADB"})
    void aChangedIncrementIsDetectedAlteredAndReversed(DatabaseKind kind) throws Exception {
        String url = kind == DatabaseKind.POSTGRESQL ? PostgresServer.get().createDatabase() : MariaDbServer.get().createDatabase();
        try (Connection db = DriverManager.getConnection(url)) {
            List<String> log = new ArrayList<>();
            migrate(db, kind, log, ops -> ops.createSequence(Sequence.of("Order_SEQ", 1, 50)));
            Schema model = new Schema(List.of(), List.of(Sequence.of("Order_SEQ", 1, 20)));

            List<Op> ops = SchemaComparator.compare(model, SchemaInspector.inspect(db, kind, t -> true), kind);
            assertEquals(List.of(new Op.AlterSequence(Sequence.of("Order_SEQ", 1, 50), Sequence.of("Order_SEQ", 1, 20))), ops);
            assertEquals(List.of("Detected changed increment of sequence 'Order_SEQ' from 50 to 20"), SchemaComparator.describe(ops));

            migrate(db, kind, log, o -> ops.forEach(o::apply));
            Schema altered = SchemaInspector.inspect(db, kind, t -> true);
            assertEquals(20, altered.sequences().get(0).increment(), () -> String.join("\n", log));
            assertEquals(List.of(), SchemaComparator.compare(model, altered, kind), "in step with the mapping");

            migrate(db, kind, log, o -> o.apply(ops.get(0).reverse()));
            assertEquals(50, SchemaInspector.inspect(db, kind, t -> true).sequences().get(0).increment());
        }
    }

    @Test
    void sqliteHasNothingToAlter() throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite::memory:")) {
            migrate(db, DatabaseKind.SQLITE, new ArrayList<>(), ops -> ops.createSequence(Sequence.of("Order_SEQ", 1, 50)));
            Schema model = new Schema(List.of(), List.of(Sequence.of("Order_SEQ", 1, 20)));
            // the stand-in table keeps no increment; Hibernate takes it from the mapping
            assertEquals(List.of(), SchemaComparator.compare(model, SchemaInspector.inspect(db, DatabaseKind.SQLITE, t -> true),
                    DatabaseKind.SQLITE));
            assertEquals(List.of(), new DdlGenerator(DatabaseKind.SQLITE).statements(
                    new Op.AlterSequence(Sequence.of("Order_SEQ", 1, 50), Sequence.of("Order_SEQ", 1, 20))));
        }
    }
}
