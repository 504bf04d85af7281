package dev.retort.bench;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.tool.schema.TargetType;
import org.hibernate.tool.schema.internal.ExceptionHandlerHaltImpl;
import org.hibernate.tool.schema.spi.ContributableMatcher;
import org.hibernate.tool.schema.spi.SchemaManagementTool;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;
import org.hibernate.tool.schema.spi.ScriptTargetOutput;
import org.hibernate.tool.schema.spi.TargetDescriptor;

/**
 * The peer: Hibernate's own schema update ({@code hbm2ddl.auto=update}'s {@code SchemaMigrator}) with a script
 * target only, on the entity classes of a class folder. Uses no Retort code, so that its whole process costs what
 * Hibernate costs. Prints one line of figures and writes the script.
 *
 * <p>The entities are loaded the way Retort loads them, through a class loader over their folder, so that both JVMs
 * have only jars on their class path and can use the same class-data sharing (which archives classes from jars only).
 *
 * <pre>java -cp retort.jar:bench-tools.jar dev.retort.bench.HibernatePeer URL sqlite|postgresql CLASS_FOLDER SCRIPT</pre>
 */
public final class HibernatePeer {

    private HibernatePeer() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        boolean sqlite = args[1].equals("sqlite");
        Path classes = Path.of(args[2]);
        Path script = Path.of(args[3]);
        long t0 = System.nanoTime();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, HibernatePeer.class.getClassLoader());
        StandardServiceRegistryBuilder settings = new StandardServiceRegistryBuilder(
                new BootstrapServiceRegistryBuilder().applyClassLoader(loader).build())
                .applySetting(JdbcSettings.JAKARTA_JDBC_URL, url)
                .applySetting(JdbcSettings.DIALECT, sqlite ? "org.hibernate.community.dialect.SQLiteDialect"
                        : "org.hibernate.dialect.PostgreSQLDialect");
        if (sqlite) {
            // the default "grouped" strategy reads all columns with one getColumns call, which sqlite-jdbc cannot do
            // past ~500 columns (xerial/sqlite-jdbc#487)
            settings.applySetting(SchemaToolingSettings.HBM2DDL_JDBC_METADATA_EXTRACTOR_STRATEGY, "individually");
        }
        StandardServiceRegistry registry = settings.build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            for (String name : classNames(classes)) {
                Class<?> type = Class.forName(name, false, loader);
                if (type.isAnnotationPresent(jakarta.persistence.Entity.class)) {
                    sources.addAnnotatedClass(type);
                }
            }
            Metadata metadata = sources.buildMetadata();
            long booted = System.nanoTime();

            List<String> statements = new ArrayList<>();
            Map<String, Object> config = registry.requireService(ConfigurationService.class).getSettings();
            SchemaManagementTool tool = registry.requireService(SchemaManagementTool.class);
            tool.getSchemaMigrator(config).doMigration(metadata,
                    SchemaManagementToolCoordinator.buildExecutionOptions(config, ExceptionHandlerHaltImpl.INSTANCE),
                    ContributableMatcher.ALL, new ScriptOnly(statements));
            long migrated = System.nanoTime();
            Files.write(script, statements.stream().map(s -> s + ";").toList());
            System.out.printf("peer boot_ms=%d migrate_ms=%d statements=%d%n", (booted - t0) / 1_000_000,
                    (migrated - booted) / 1_000_000, statements.size());
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
            loader.close();
        }
    }

    private static List<String> classNames(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class")).map(f -> root.relativize(f).toString())
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.')).sorted().toList();
        }
    }

    /** The script target: collects the statements Hibernate would run. */
    private record ScriptOnly(List<String> statements) implements TargetDescriptor, ScriptTargetOutput {
        @Override
        public EnumSet<TargetType> getTargetTypes() {
            return EnumSet.of(TargetType.SCRIPT);
        }

        @Override
        public ScriptTargetOutput getScriptTargetOutput() {
            return this;
        }

        @Override
        public void prepare() {
        }

        @Override
        public void accept(String command) {
            statements.add(command);
        }

        @Override
        public void release() {
        }
    }
}
