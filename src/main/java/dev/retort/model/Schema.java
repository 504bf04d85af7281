package dev.retort.model;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A whole schema: tables and sequences, kept sorted by name so that everything derived from it is stable. */
public record Schema(List<Table> tables, List<Sequence> sequences) {

    public static final Schema EMPTY = new Schema(List.of(), List.of());

    public Schema {
        tables = tables.stream().sorted(Comparator.comparing(Table::name)).toList();
        sequences = sequences.stream().sorted().toList();
    }

    public Optional<Table> table(TableName name) {
        return tables.stream().filter(t -> t.name().matches(name)).findFirst();
    }

    public Optional<Table> table(String name) {
        return table(TableName.of(name));
    }

    /** Tables keyed by {@link TableName#key()}. */
    public Map<String, Table> tablesByKey() {
        Map<String, Table> map = new LinkedHashMap<>();
        for (Table t : tables) {
            map.put(t.name().key(), t);
        }
        return map;
    }
}
