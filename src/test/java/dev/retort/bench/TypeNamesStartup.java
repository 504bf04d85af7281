package dev.retort.bench;

import dev.retort.ddl.DdlGenerator;
import dev.retort.ddl.TypeNames;
import dev.retort.model.ColumnType;
import dev.retort.model.DatabaseKind;

/**
 * What the DDL interpreter costs a fresh JVM before its first statement: the Hibernate dialect (quoting,
 * identity columns) and, on the first type rendered, the dialect's DDL type registry. Run it in a new JVM per
 * measurement: {@code java -cp ... dev.retort.bench.TypeNamesStartup sqlite}.
 */
public final class TypeNamesStartup {

    public static void main(String[] args) {
        DatabaseKind kind = DatabaseKind.fromDialect(args.length > 0 ? args[0] : "sqlite");
        long start = System.nanoTime();
        DdlGenerator ddl = new DdlGenerator(kind);
        long dialect = System.nanoTime();
        String type = TypeNames.render(ColumnType.varchar(255), kind);
        long registry = System.nanoTime();
        TypeNames.render(ColumnType.numeric(10, 2), kind);
        long again = System.nanoTime();
        System.out.printf("%s: dialect %.0f ms, type registry %.0f ms (first render: %s), next render %.3f ms, quote %s%n",
                kind, (dialect - start) / 1e6, (registry - dialect) / 1e6, type, (again - registry) / 1e6, ddl.quote("order"));
    }
}
