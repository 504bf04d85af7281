package dev.retort.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.retort.model.Column;
import dev.retort.model.ColumnType;
import dev.retort.model.Index;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.ops.Op;
import dev.retort.render.MigrationRenderer;
import dev.retort.render.RevisionHeader;

/**
 * A linear history of small revisions, written by Retort's own renderer as autogenerate writes them: every fifth
 * creates a table, the three after it add a column each to that table, the next indexes it. Ids are deterministic,
 * so two runs of the benchmark compile the same sources.
 */
final class RevisionChain {

    static final String PACKAGE = "bench.migrations";

    private RevisionChain() {
    }

    static String id(int k) {
        return String.format("%06x%06x", (k * 7919 + 0xab) & 0xffffff, k);
    }

    /** Writes {@code count} revisions into {@code dir}; returns the id of the head. */
    static String write(Path dir, int count) throws IOException {
        Files.createDirectories(dir);
        MigrationRenderer renderer = new MigrationRenderer(PACKAGE);
        for (int k = 0; k < count; k++) {
            String table = String.format("rev_table_%04d", k / 5);
            List<Op> ops = new ArrayList<>();
            switch (k % 5) {
                case 0 -> ops.add(new Op.CreateTable(Table.builder(table)
                        .column(Column.of("id", ColumnType.bigint()).notNull())
                        .column(Column.of("name", ColumnType.varchar(80)).notNull())
                        .column(Column.of("created", ColumnType.timestamp(6)))
                        .primaryKey("id")
                        .build()));
                case 1 -> ops.add(new Op.AddColumn(TableName.of(table), Column.of("note", ColumnType.varchar(200))));
                case 2 -> ops.add(new Op.AddColumn(TableName.of(table), Column.of("amount", ColumnType.numeric(12, 2))));
                case 3 -> ops.add(new Op.AddColumn(TableName.of(table), Column.of("active", ColumnType.bool())));
                default -> ops.add(new Op.CreateIndex(TableName.of(table), Index.of("ix_" + table + "_name", "name")));
            }
            String message = "step " + k;
            RevisionHeader header = new RevisionHeader(id(k), k == 0 ? List.of() : List.of(id(k - 1)), message,
                    String.format("2026-01-01T%02d:%02d:%02dZ", k / 3600 % 24, k / 60 % 60, k % 60));
            String source = renderer.render(header, ops, List.of()).toString();
            Files.writeString(dir.resolve(MigrationRenderer.className(header.id(), message) + ".java"), source);
        }
        return id(count - 1);
    }
}
