package dev.retort.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic JPA model of {@code n} entities for the benchmarks, in two states: the one the database is built
 * at, and the same model with about 5 % of it changed. Entity {@code Item0042} maps table {@code item0042}: an
 * IDENTITY id and eleven columns of mixed types (strings, integers, a decimal, a boolean, a date, a timestamp, a
 * double, a string enum, a short, a long), one index, a unique column on every fourth entity, and on every third a
 * many-to-one to an earlier entity (a foreign key).
 *
 * <p>Every twentieth entity changes, the kind of change rotating through {@link Change}: one new entity, an added
 * column, a dropped column, a widened column, an added index, a column made NOT NULL. Each change is one
 * operation for Retort except a new entity, which is its table and its index.
 */
record SyntheticModel(int n) {

    static final String PACKAGE = "bench.model";

    /** The kinds of change, in the order they rotate. */
    enum Change {
        NEW_ENTITY(2), ADD_COLUMN(1), DROP_COLUMN(1), WIDEN_COLUMN(1), ADD_INDEX(1), NOT_NULL(1);

        /** The ops Retort's comparator produces for one change of this kind. */
        final int ops;

        Change(int ops) {
            this.ops = ops;
        }
    }

    /** The changes the second state makes: entity index (1-based) and kind; new entities get indexes past n. */
    List<Planned> changes() {
        List<Planned> planned = new ArrayList<>();
        int k = 0;
        for (int i = 10; i <= n; i += 20) {
            Change kind = Change.values()[k % Change.values().length];
            planned.add(new Planned(kind == Change.NEW_ENTITY ? n + 1 + k : i, kind));
            k++;
        }
        return planned;
    }

    record Planned(int entity, Change kind) {
    }

    /** How many ops autogenerate should detect between the two states. */
    int expectedOps() {
        return changes().stream().mapToInt(p -> p.kind().ops).sum();
    }

    /** Writes the sources of the model before ({@code changed == false}) or after the change into {@code root}. */
    void writeSources(Path root, boolean changed) {
        Path dir = root.resolve(PACKAGE.replace('.', '/'));
        List<Planned> changes = changed ? changes() : List.of();
        write(dir.resolve("Status.java"), "package " + PACKAGE + ";\n\npublic enum Status { NEW, ACTIVE, SUSPENDED, CLOSED }\n");
        for (int i = 1; i <= n; i++) {
            Change change = null;
            for (Planned p : changes) {
                if (p.entity() == i) change = p.kind();
            }
            write(dir.resolve(className(i) + ".java"), entity(i, change));
        }
        for (Planned p : changes) {
            if (p.kind() == Change.NEW_ENTITY) {
                write(dir.resolve(className(p.entity()) + ".java"), entity(p.entity(), null));
            }
        }
    }

    static String className(int i) {
        return String.format("Item%04d", i);
    }

    static String tableName(int i) {
        return String.format("item%04d", i);
    }

    /** The earlier entity that entity {@code i} refers to, or 0 for none (a third of them refer to one). */
    int parentOf(int i) {
        return i % 3 == 0 && i <= n ? Math.max(1, i / 2) : 0;
    }

    private String entity(int i, Change change) {
        String table = tableName(i);
        StringBuilder indexes = new StringBuilder("@Index(name = \"ix_" + table + "_name\", columnList = \"name\")");
        if (change == Change.ADD_INDEX) {
            indexes.append(", @Index(name = \"ix_").append(table).append("_created\", columnList = \"createdAt\")");
        }
        StringBuilder s = new StringBuilder();
        s.append("package ").append(PACKAGE).append(";\n\n");
        s.append("import jakarta.persistence.*;\n");
        s.append("import java.math.BigDecimal;\n");
        s.append("import java.time.LocalDate;\n");
        s.append("import java.time.LocalDateTime;\n\n");
        s.append("@Entity\n");
        s.append("@Table(name = \"").append(table).append("\", indexes = {").append(indexes).append("})\n");
        s.append("public class ").append(className(i)).append(" {\n");
        s.append("    @Id @GeneratedValue(strategy = GenerationType.IDENTITY)\n    Long id;\n");
        s.append("    @Column(nullable = false, length = 80)\n    String name;\n");
        s.append("    @Column(length = 40").append(i % 4 == 0 ? ", unique = true" : "").append(")\n    String code;\n");
        s.append("    @Column(length = ").append(change == Change.WIDEN_COLUMN ? 500 : 255).append(")\n    String description;\n");
        s.append(change == Change.NOT_NULL ? "    @Column(nullable = false)\n" : "").append("    Integer quantity;\n");
        s.append("    @Column(precision = 12, scale = 2)\n    BigDecimal price;\n");
        s.append("    boolean active;\n");
        s.append("    LocalDate startDate;\n");
        s.append("    LocalDateTime createdAt;\n");
        if (change != Change.DROP_COLUMN) {
            s.append("    Double ratio;\n");
        }
        s.append("    @Enumerated(EnumType.STRING) @Column(length = 16)\n    Status status;\n");
        s.append("    Short priority;\n");
        s.append("    Long externalRef;\n");
        if (change == Change.ADD_COLUMN) {
            s.append("    @Column(length = 50)\n    String extra;\n");
        }
        int parent = parentOf(i);
        if (parent > 0) {
            s.append("    @ManyToOne(fetch = FetchType.LAZY) @JoinColumn(name = \"parent_id\")\n    ")
                    .append(className(parent)).append(" parent;\n");
        }
        s.append("}\n");
        return s.toString();
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
