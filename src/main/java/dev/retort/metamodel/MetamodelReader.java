package dev.retort.metamodel;

import dev.retort.ddl.ServerVersion;
import dev.retort.model.Check;
import dev.retort.model.Column;
import dev.retort.model.DatabaseKind;
import dev.retort.model.FkAction;
import dev.retort.model.ForeignKey;
import dev.retort.model.Index;
import dev.retort.model.PrimaryKey;
import dev.retort.model.Schema;
import dev.retort.model.Sequence;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.model.UniqueKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.annotations.OnDeleteAction;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.relational.ColumnOrderingStrategy;
import org.hibernate.boot.model.relational.ColumnOrderingStrategyLegacy;
import org.hibernate.boot.model.relational.Database;
import org.hibernate.boot.model.relational.InitCommand;
import org.hibernate.boot.model.relational.Namespace;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.boot.model.relational.internal.SqlStringGenerationContextImpl;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.boot.spi.MetadataImplementor;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.MappingSettings;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.env.spi.NameQualifierSupport;
import org.hibernate.mapping.CheckConstraint;
import org.hibernate.mapping.Selectable;

/**
 * Reads the schema the entities map to, as Hibernate's own DDL for the database would create it: boots
 * Hibernate's {@link Metadata} once, offline (no connection, the dialect set explicitly), and converts its
 * relational model into a neutral {@link Schema}.
 */
public final class MetamodelReader {

    /** Every setting from which Hibernate takes a database version, the deprecated spellings included. */
    @SuppressWarnings("deprecation")
    private static final Set<String> VERSION_SETTINGS = Set.of(
            JdbcSettings.JAKARTA_HBM2DDL_DB_VERSION, JdbcSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION,
            JdbcSettings.JAKARTA_HBM2DDL_DB_MINOR_VERSION, JdbcSettings.DIALECT_DB_VERSION,
            JdbcSettings.DIALECT_DB_MAJOR_VERSION, JdbcSettings.DIALECT_DB_MINOR_VERSION);

    private MetamodelReader() {
    }

    public static Schema read(EntityClasses entities, DatabaseKind kind) {
        return read(entities, kind, Map.of());
    }

    /**
     * @param physicalNamingStrategy a {@code PhysicalNamingStrategy} class name (such as
     *                               {@code org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy}),
     *                               or null for Hibernate's default, which keeps names as mapped
     */
    public static Schema read(EntityClasses entities, DatabaseKind kind, String physicalNamingStrategy) {
        return read(entities, kind, physicalNamingStrategy == null ? Map.of()
                : Map.of(MappingSettings.PHYSICAL_NAMING_STRATEGY, physicalNamingStrategy));
    }

    /**
     * @param hibernateSettings further Hibernate settings the application uses ({@code hibernate.default_schema},
     *                          naming strategies, {@code jakarta.persistence.database-major-version} ...);
     *                          the dialect and the ban on JDBC access during boot are always Retort's
     * @throws EntityLoadException when Hibernate rejects the mapping
     */
    public static Schema read(EntityClasses entities, DatabaseKind kind, Map<String, ?> hibernateSettings) {
        try (BootedMetadata booted = BootedMetadata.boot(entities, kind, hibernateSettings)) {
            return toSchema(booted.metadata(), hibernateSettings);
        }
    }

    /**
     * The schema as Hibernate creates it on a server of {@code version}, as when it is connected to that server
     * (MariaDB 10.7+ stores a {@code UUID} as {@code uuid}); rendering its types needs the same version in use for
     * the DDL ({@code TypeNames.useServerVersion}).
     *
     * @param version the server's version; null reads as without it (Hibernate's oldest supported version);
     *                ignored for SQLite ({@link ServerVersion#appliesTo})
     * @param physicalNamingStrategy as for {@link #read(EntityClasses, DatabaseKind, String)}
     */
    public static Schema read(EntityClasses entities, DatabaseKind kind, ServerVersion version, String physicalNamingStrategy) {
        return read(entities, kind, version, physicalNamingStrategy == null ? Map.of()
                : Map.of(MappingSettings.PHYSICAL_NAMING_STRATEGY, physicalNamingStrategy));
    }

    /**
     * As {@link #read(EntityClasses, DatabaseKind, ServerVersion, String)}, with further Hibernate settings; the
     * version given here wins over any database version among them.
     */
    public static Schema read(EntityClasses entities, DatabaseKind kind, ServerVersion version, Map<String, ?> hibernateSettings) {
        return read(entities, kind, withVersion(hibernateSettings, kind, version));
    }

    /**
     * The settings by which Hibernate builds the dialect for a server version without a connection: with the
     * dialect named and JDBC access off, it hands these to the dialect's {@code DialectResolutionInfo}
     * constructor, the one it uses when connected (the full version text, because MariaDB's dialect reads the
     * micro version from it).
     */
    static Map<String, ?> withVersion(Map<String, ?> hibernateSettings, DatabaseKind kind, ServerVersion version) {
        if (version == null || !ServerVersion.appliesTo(kind)) {
            return hibernateSettings;
        }
        Map<String, Object> settings = new LinkedHashMap<>(hibernateSettings);
        settings.keySet().removeAll(VERSION_SETTINGS);
        settings.put(JdbcSettings.JAKARTA_HBM2DDL_DB_VERSION, version.toString());
        settings.put(JdbcSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, version.major());
        settings.put(JdbcSettings.JAKARTA_HBM2DDL_DB_MINOR_VERSION, version.minor());
        return settings;
    }

    /** The schema of already booted metadata; {@code settings} supply the default schema and catalog, if any. */
    static Schema toSchema(Metadata metadata, Map<String, ?> settings) {
        return new Conversion(metadata, settings).schema();
    }

    /** Hibernate's metadata and the service registry it lives in, closed together. */
    record BootedMetadata(StandardServiceRegistry registry, Metadata metadata) implements AutoCloseable {

        static BootedMetadata boot(EntityClasses entities, DatabaseKind kind, Map<String, ?> hibernateSettings) {
            StandardServiceRegistry registry = null;
            try {
                var bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(entities.classLoader()).build();
                registry = new StandardServiceRegistryBuilder(bootstrap)
                        .applySettings(new LinkedHashMap<String, Object>(hibernateSettings))
                        .applySetting(JdbcSettings.DIALECT, kind == DatabaseKind.SQLITE
                                ? SqliteModelDialect.class.getName() : kind.hibernateDialect())
                        .applySetting(JdbcSettings.ALLOW_METADATA_ON_BOOT, false)
                        .build();
                MetadataSources sources = new MetadataSources(registry);
                for (Class<?> mapped : entities.classes()) {
                    if (mapped.getSimpleName().equals("package-info")) {
                        sources.addPackage(mapped.getPackageName());
                    } else {
                        sources.addAnnotatedClass(mapped);
                    }
                }
                Metadata metadata = sources.buildMetadata();
                orderKeyColumns(metadata);
                return new BootedMetadata(registry, metadata);
            } catch (RuntimeException e) {
                if (registry != null) {
                    StandardServiceRegistryBuilder.destroy(registry);
                }
                throw new EntityLoadException("Hibernate rejects the entity mapping: " + oneLine(e), e);
            }
        }

        /**
         * Orders the columns of composite primary keys, and of the foreign keys to them, as Hibernate's own
         * create DDL does: when it creates a schema it applies the column ordering strategy
         * ({@code hibernate.column_ordering_strategy}; by size, then name, unless "legacy"), so
         * {@code book_author} gets {@code (author_id, book_id)}. Mirrors the key part of
         * {@code MetadataImpl.orderColumns}; the tables keep the mapping's column order, as before (a migration
         * that adds a column cannot choose its place anyway).
         */
        private static void orderKeyColumns(Metadata metadata) {
            if (!(metadata instanceof MetadataImplementor implementor)) {
                return;
            }
            ColumnOrderingStrategy strategy = implementor.getMetadataBuildingOptions().getColumnOrderingStrategy();
            if (strategy == null || strategy == ColumnOrderingStrategyLegacy.INSTANCE) {
                return;
            }
            for (Namespace namespace : metadata.getDatabase().getNamespaces()) {
                for (var table : namespace.getTables()) {
                    var primaryKey = table.getPrimaryKey();
                    if (primaryKey != null) {
                        orderOnce(primaryKey, strategy, metadata);
                    }
                    for (var foreignKey : table.getForeignKeyCollection()) {
                        var columns = foreignKey.getColumns();
                        if (columns.size() < 2 || !foreignKey.getReferencedColumns().isEmpty()) {
                            continue;
                        }
                        var target = foreignKey.getReferencedTable().getPrimaryKey();
                        orderOnce(target, strategy, metadata);
                        int[] original = target.getOriginalOrder();
                        if (original != null) {
                            // the key's columns pair with the target's primary key columns in their new order
                            var copy = new ArrayList<>(columns);
                            for (int i = 0; i < copy.size(); i++) {
                                columns.set(i, copy.get(original[i]));
                            }
                        }
                    }
                }
            }
        }

        private static void orderOnce(org.hibernate.mapping.PrimaryKey key, ColumnOrderingStrategy strategy, Metadata metadata) {
            if (key.getColumns().size() > 1 && key.getOriginalOrder() == null) {
                var ordered = strategy.orderConstraintColumns(key, metadata);
                if (ordered != null) {
                    key.reorderColumns(ordered);
                }
            }
        }

        @Override
        public void close() {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** One pass over Hibernate's namespaces; every name is spelled as the mapping spells it. */
    private static final class Conversion {
        private final Metadata metadata;
        private final Database database;
        private final Dialect dialect;
        private final NameQualifierSupport qualifiers;
        private final SqlStringGenerationContext sqlContext;
        private final String defaultSchema;
        private final String defaultCatalog;

        Conversion(Metadata metadata, Map<String, ?> settings) {
            this.metadata = metadata;
            this.database = metadata.getDatabase();
            this.dialect = database.getDialect();
            this.qualifiers = database.getJdbcEnvironment().getNameQualifierSupport();
            this.defaultSchema = setting(settings, MappingSettings.DEFAULT_SCHEMA);
            this.defaultCatalog = setting(settings, MappingSettings.DEFAULT_CATALOG);
            this.sqlContext = SqlStringGenerationContextImpl.fromExplicit(
                    database.getJdbcEnvironment(), database, defaultCatalog, defaultSchema);
        }

        Schema schema() {
            List<Table> tables = new ArrayList<>();
            List<Sequence> sequences = new ArrayList<>();
            boolean hasSequences = dialect.getSequenceSupport().supportsSequences();
            for (Namespace namespace : database.getNamespaces()) {
                if (hasSequences) {
                    for (var sequence : namespace.getSequences()) {
                        var name = sequence.getName();
                        sequences.add(new Sequence(
                                TableName.of(qualifier(name.getCatalogName(), name.getSchemaName()), name.getSequenceName().getText()),
                                sequence.getInitialValue(), sequence.getIncrementSize()));
                    }
                }
                for (var table : namespace.getTables()) {
                    // abstract TABLE_PER_CLASS roots, @Subselect entities and views get no table
                    if (table.isPhysicalTable() && !table.isView()) {
                        tables.add(table(table));
                    }
                }
            }
            return new Schema(tables, sequences);
        }

        private Table table(org.hibernate.mapping.Table table) {
            Table.Builder b = Table.builder(name(table));
            var primaryKey = table.hasPrimaryKey() ? table.getPrimaryKey() : null;
            Set<org.hibernate.mapping.Column> keyColumns = primaryKey == null ? Set.of() : new HashSet<>(primaryKey.getColumns());
            for (var column : table.getColumns()) {
                b.column(column(column, keyColumns.contains(column)));
            }
            if (primaryKey != null && !primaryKey.getColumns().isEmpty()) {
                // Hibernate's DDL names a primary key only through an explicitly named unique key on the same columns
                var ordering = primaryKey.getOrderingUniqueKey();
                String keyName = ordering != null && ordering.isNameExplicit() ? ordering.getName() : null;
                b.primaryKey(new PrimaryKey(keyName, names(primaryKey.getColumns())));
            }
            b.foreignKeys(foreignKeys(table));
            b.indexes(indexes(table));
            b.uniqueKeys(uniqueKeys(table));
            b.checks(checks(table));
            b.comment(table.getComment());
            for (InitCommand command : table.getInitCommands(sqlContext)) {
                for (String sql : command.initCommands()) {
                    b.initCommand(sql);
                }
            }
            return b.build();
        }

        private Column column(org.hibernate.mapping.Column column, boolean inPrimaryKey) {
            Column c;
            ColumnDefinition definition;
            try {
                // a columnDefinition may carry a default and not null, which databases report apart from the type
                definition = ColumnDefinition.parse(column.getSqlType(metadata));
                c = Column.of(column.getName(), PortableType.of(column, definition.type(), metadata));
            } catch (RuntimeException e) {
                throw new EntityLoadException("Cannot determine the type of column " + column.getName() + " of table "
                        + column.getValue().getTable().getName() + ": " + oneLine(e), e);
            }
            c = c.nullable(column.isNullable() && !definition.notNull() && !inPrimaryKey)
                    .withDefault(column.getDefaultValue() != null ? column.getDefaultValue() : definition.defaultValue())
                    .withComment(column.getComment());
            return column.isIdentity() ? c.asIdentity() : c;
        }

        private List<ForeignKey> foreignKeys(org.hibernate.mapping.Table table) {
            List<ForeignKey> keys = new ArrayList<>();
            for (var fk : table.getForeignKeyCollection()) {
                // ConstraintMode.NO_CONSTRAINT, and keys to or from tables that do not exist (TABLE_PER_CLASS roots)
                if (!fk.isCreationEnabled() || !fk.isPhysicalConstraint()) {
                    continue;
                }
                var target = fk.getReferencedTable();
                // Hibernate leaves the referenced columns empty when the key points at the primary key
                var targetColumns = fk.isReferenceToPrimaryKey() ? target.getPrimaryKey().getColumns() : fk.getReferencedColumns();
                keys.add(new ForeignKey(fk.getName(), names(fk.getColumns()), name(target), names(targetColumns),
                        action(fk.getOnDeleteAction()), FkAction.NO_ACTION));
            }
            keys.sort(Comparator.comparing(ForeignKey::name, Comparator.nullsLast(Comparator.naturalOrder())));
            return keys;
        }

        private List<Index> indexes(org.hibernate.mapping.Table table) {
            List<Index> indexes = new ArrayList<>();
            for (var index : table.getIndexes().values()) {
                List<String> columns = new ArrayList<>();
                Map<Selectable, String> order = index.getSelectableOrderMap();
                for (Selectable selectable : index.getSelectables()) {
                    if (!(selectable instanceof org.hibernate.mapping.Column column)) {
                        // an index on a formula is an expression index; the model has only column indexes
                        columns = null;
                        break;
                    }
                    String direction = order.get(selectable);
                    columns.add("desc".equalsIgnoreCase(direction) ? column.getName() + " desc" : column.getName());
                }
                if (columns != null) {
                    indexes.add(new Index(index.getName(), columns, index.isUnique()));
                }
            }
            indexes.sort(Comparator.comparing(Index::name, Comparator.nullsLast(Comparator.naturalOrder())));
            return indexes;
        }

        private List<UniqueKey> uniqueKeys(org.hibernate.mapping.Table table) {
            Map<List<String>, UniqueKey> keys = new LinkedHashMap<>();
            for (var key : table.getUniqueKeys().values()) {
                List<String> columns = names(key.getColumns());
                keys.putIfAbsent(columns, new UniqueKey(key.getName(), columns));
            }
            // Hibernate's DDL makes a unique=true column unique even when it never registered a unique key for it
            for (var column : table.getColumns()) {
                if (column.isUnique() && !table.isPrimaryKey(column)) {
                    keys.putIfAbsent(List.of(column.getName()), new UniqueKey(column.getUniqueKeyName(), List.of(column.getName())));
                }
            }
            List<UniqueKey> list = new ArrayList<>(keys.values());
            list.sort(Comparator.comparing(UniqueKey::name, Comparator.nullsLast(Comparator.naturalOrder())));
            return list;
        }

        private List<Check> checks(org.hibernate.mapping.Table table) {
            List<Check> checks = new ArrayList<>();
            if (dialect.supportsColumnCheck() || dialect.supportsTableCheck()) {
                for (var column : table.getColumns()) {
                    for (CheckConstraint check : column.getCheckConstraints()) {
                        checks.add(Check.of(check.getName(), check.getConstraint()));
                    }
                }
            }
            if (dialect.supportsTableCheck()) {
                for (CheckConstraint check : table.getChecks()) {
                    checks.add(Check.of(check.getName(), check.getConstraint()));
                }
            }
            return checks;
        }

        private TableName name(org.hibernate.mapping.Table table) {
            return TableName.of(qualifier(table.getCatalogIdentifier(), table.getSchemaIdentifier()), table.getName());
        }

        /**
         * The qualifier Hibernate's DDL writes: the schema where the database has schemas; the catalog where
         * it has only catalogs (MariaDB's databases); the configured default when the mapping names none.
         */
        private String qualifier(Identifier catalog, Identifier schema) {
            if (qualifiers == null || qualifiers.supportsSchemas()) {
                return schema != null ? schema.getText() : defaultSchema;
            }
            if (qualifiers.supportsCatalogs()) {
                return catalog != null ? catalog.getText() : defaultCatalog;
            }
            return null;
        }

        private static List<String> names(List<org.hibernate.mapping.Column> columns) {
            return columns.stream().map(org.hibernate.mapping.Column::getName).toList();
        }

        private static FkAction action(OnDeleteAction action) {
            if (action == null) {
                return FkAction.NO_ACTION;
            }
            return switch (action) {
                case NO_ACTION -> FkAction.NO_ACTION;
                case CASCADE -> FkAction.CASCADE;
                case RESTRICT -> FkAction.RESTRICT;
                case SET_NULL -> FkAction.SET_NULL;
                case SET_DEFAULT -> FkAction.SET_DEFAULT;
            };
        }

        private static String setting(Map<String, ?> settings, String key) {
            Object value = settings.get(key);
            return value == null || value.toString().isBlank() ? null : value.toString();
        }
    }
}
