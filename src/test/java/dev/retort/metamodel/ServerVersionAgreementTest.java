package dev.retort.metamodel;

import dev.retort.ddl.DdlGenerator;
import dev.retort.ddl.ServerVersion;
import dev.retort.ddl.TypeNames;
import dev.retort.model.Column;
import dev.retort.model.DatabaseKind;
import dev.retort.model.Schema;
import dev.retort.model.Table;
import dev.retort.model.TableName;
import dev.retort.ops.Op;
import dev.retort.testing.MariaDbServer;
import dev.retort.testing.PostgresServer;
import org.hibernate.SessionFactory;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.BootstrapServiceRegistryBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.dialect.Dialect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Read for the server's version, the model and the DDL have the types Hibernate itself uses when it is connected
 * to that server; without a version, Hibernate's oldest supported version, as before. The case that matters:
 * MariaDB 10.7+ stores a {@code UUID} as {@code uuid} and Hibernate binds it as text, which a {@code binary(16)}
 * column rejects.
 */
class ServerVersionAgreementTest {

    private static final ServerVersion MARIADB_10_11 = new ServerVersion(10, 11, 19);

    /** A UUID key, a UUID column and a foreign key column that takes its type from the key. */
    private static final String TOKEN = """
            package tokens;

            import jakarta.persistence.*;
            import java.util.UUID;

            @Entity
            public class Token {
                @Id public UUID id;
                public UUID secret;
                public String label;
                @ManyToOne public Token parent;
            }
            """;

    @BeforeEach
    @AfterEach
    void noServerVersion() {
        for (DatabaseKind kind : DatabaseKind.values()) {
            TypeNames.useServerVersion(kind, null);
        }
    }

    @Test
    void withoutAVersionMariaDbUuidsAreBinaryAsBefore(@TempDir Path tmp) throws IOException {
        try (EntityClasses entities = tokens(tmp)) {
            Table token = token(MetamodelReader.read(entities, DatabaseKind.MARIADB));
            assertEquals("binary(16)", type(token, "id"));
            assertEquals("binary(16)", type(token, "secret"));
            assertEquals("binary(16)", type(token, "parent_id"));
            assertEquals(token, token(MetamodelReader.read(entities, DatabaseKind.MARIADB, null, (String) null)),
                    "no version reads as before");
        }
    }

    @Test
    void mariaDb1011StoresUuidsAsUuid(@TempDir Path tmp) throws IOException {
        try (EntityClasses entities = tokens(tmp)) {
            Table token = token(MetamodelReader.read(entities, DatabaseKind.MARIADB, MARIADB_10_11, (String) null));
            TypeNames.useServerVersion(DatabaseKind.MARIADB, MARIADB_10_11);
            assertEquals("uuid", type(token, "id"));
            assertEquals("uuid", type(token, "secret"));
            assertEquals("uuid", type(token, "parent_id"), "the foreign key column has its key's type");
            String create = String.join("; ", new DdlGenerator(DatabaseKind.MARIADB).statements(new Op.CreateTable(token)));
            assertTrue(create.contains("id uuid not null") && create.contains("secret uuid") && create.contains("parent_id uuid"), create);

            // 10.6, Hibernate's oldest MariaDB, has no uuid type
            Table old = token(MetamodelReader.read(entities, DatabaseKind.MARIADB, new ServerVersion(10, 6, 0), (String) null));
            TypeNames.useServerVersion(DatabaseKind.MARIADB, new ServerVersion(10, 6, 0));
            assertEquals("binary(16)", type(old, "id"));
        }
    }

    @Test
    void aVersionInTheApplicationsSettingsGivesWayToTheServers(@TempDir Path tmp) throws IOException {
        try (EntityClasses entities = tokens(tmp)) {
            Map<String, Object> settings = Map.of("jakarta.persistence.database-major-version", 10,
                    "jakarta.persistence.database-minor-version", 6, "jakarta.persistence.database-product-version", "10.6.0");
            TypeNames.useServerVersion(DatabaseKind.MARIADB, MARIADB_10_11);
            assertEquals("uuid", type(token(MetamodelReader.read(entities, DatabaseKind.MARIADB, MARIADB_10_11, settings)), "id"));
        }
    }

    @Test
    void sqliteIgnoresTheVersion(@TempDir Path tmp) throws IOException {
        try (EntityClasses entities = tokens(tmp)) {
            assertEquals(MetamodelReader.read(entities, DatabaseKind.SQLITE),
                    MetamodelReader.read(entities, DatabaseKind.SQLITE, new ServerVersion(3, 53, 4), (String) null));
        }
    }

    /**
     * Against Hibernate connected to the server (it reads the version from the connection): every column of the
     * scenario model "everything" and of the token model has the type Hibernate gives it, in the model read for
     * the version {@link ServerVersion#of} reports, rendered by the DDL for the same version.
     */
    @ParameterizedTest
    @EnumSource(value = DatabaseKind.class, names = {"MARIADB", "POSTGRESQL"})
    void everyColumnHasTheTypeHibernateGivesItConnected(DatabaseKind kind, @TempDir Path tmp) throws Exception {
        String url = kind == DatabaseKind.MARIADB ? MariaDbServer.get().createDatabase() : PostgresServer.get().createDatabase();
        ServerVersion version;
        try (Connection c = DriverManager.getConnection(url)) {
            version = ServerVersion.of(c.getMetaData());
            assertEquals(ServerVersion.parse(selectVersion(c, kind)), version, "the version the server itself reports");
        }
        if (kind == DatabaseKind.MARIADB) {
            assertTrue(version.major() > 10 || version.major() == 10 && version.minor() >= 7,
                    "this comparison is about MariaDB 10.7+: " + version);
        }
        TypeNames.useServerVersion(kind, version);
        List<String> mismatches = new ArrayList<>();
        int versionDependent = 0;
        for (Path model : List.of(everything(), tokenSources(tmp))) {
            try (EntityClasses entities = EntityLoader.load(List.of(model))) {
                Schema ours = MetamodelReader.read(entities, kind, version, (String) null);
                Schema offline = MetamodelReader.read(entities, kind);
                withConnectedHibernate(entities, kind, url, metadata -> {
                    Dialect dialect = metadata.getDatabase().getDialect();
                    assertEquals(version.major() + "." + version.minor(),
                            dialect.getVersion().getMajor() + "." + dialect.getVersion().getMinor(), "Hibernate read the version");
                    TreeSet<String> theirTables = new TreeSet<>();
                    for (var namespace : metadata.getDatabase().getNamespaces()) {
                        for (var table : namespace.getTables()) {
                            if (!table.isPhysicalTable() || table.isView()) continue;
                            TableName name = TableName.of(table.getName());
                            theirTables.add(name.key());
                            Table mine = ours.tablesByKey().get(name.key());
                            if (mine == null) continue;
                            for (var column : table.getColumns()) {
                                String expected = column.getSqlType(metadata);
                                Column our = mine.column(column.getName()).orElse(null);
                                String rendered = our == null ? null : TypeNames.render(our.type(), kind);
                                // a columnDefinition carries its default, which the model keeps apart from the type
                                if (rendered == null || !expected.equals(rendered) && !expected.startsWith(rendered + " ")) {
                                    mismatches.add(name + "." + column.getName() + ": Hibernate " + expected + ", Retort " + rendered);
                                }
                            }
                        }
                    }
                    assertEquals(theirTables, new TreeSet<>(ours.tablesByKey().keySet()), "tables");
                    return null;
                });
                versionDependent += differences(ours, offline);
            }
        }
        assertEquals(List.of(), mismatches, kind + " " + version);
        if (kind == DatabaseKind.MARIADB) {
            // the model is the same whatever the version (a UUID is UUID; the DDL renders it as uuid or binary(16)),
            // so a migration written for one version runs on the other
            assertEquals(0, versionDependent, "columns whose model depends on the version");
        }
    }

    /**
     * The application, Hibernate connected to MariaDB, stores and reads back UUIDs in the table Retort creates for
     * the server's version; in the table Retort created without it ({@code binary(16)}) it cannot even store them.
     */
    @Test
    void hibernateStoresUuidsInTheTableRetortCreates(@TempDir Path tmp) throws Exception {
        MariaDbServer server = MariaDbServer.get();
        try (EntityClasses entities = tokens(tmp)) {
            String withVersion = server.createDatabase();
            ServerVersion version;
            try (Connection c = DriverManager.getConnection(withVersion)) {
                version = ServerVersion.of(c.getMetaData());
            }
            TypeNames.useServerVersion(DatabaseKind.MARIADB, version);
            create(withVersion, token(MetamodelReader.read(entities, DatabaseKind.MARIADB, version, (String) null)));
            assertNull(storeAndReadBack(entities, withVersion), "Hibernate stores and reads UUIDs in Retort's uuid columns");

            TypeNames.useServerVersion(DatabaseKind.MARIADB, null);
            String without = server.createDatabase();
            create(without, token(MetamodelReader.read(entities, DatabaseKind.MARIADB)));
            String failure = storeAndReadBack(entities, without);
            // the problem the version fixes: Hibernate binds UUIDs as 36 characters of text, binary(16) takes 16 bytes
            assertNotNull(failure, "Hibernate cannot store UUIDs in binary(16) columns on MariaDB 10.7+");
            assertTrue(failure.contains("data too long"), failure);
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private static EntityClasses tokens(Path tmp) throws IOException {
        return EntityLoader.load(List.of(tokenSources(tmp)));
    }

    private static Path tokenSources(Path tmp) throws IOException {
        Path dir = tmp.resolve("tokens-src");
        Path file = dir.resolve("tokens/Token.java");
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, TOKEN);
        }
        return dir;
    }

    /** The scenario model with one column of every common type (src/test/resources/scenario/everything/model). */
    private static Path everything() throws URISyntaxException {
        var url = ServerVersionAgreementTest.class.getResource("/scenario/everything/model");
        assertNotNull(url, "the scenario model 'everything' is on the test classpath");
        return Path.of(url.toURI());
    }

    private static Table token(Schema schema) {
        return schema.table(TableName.of("Token")).orElseThrow();
    }

    private static String type(Table table, String column) {
        return TypeNames.render(table.column(column).orElseThrow().type(), DatabaseKind.MARIADB);
    }

    private static int differences(Schema ours, Schema offline) {
        int count = 0;
        for (Table table : ours.tables()) {
            Table other = offline.tablesByKey().get(table.name().key());
            for (Column column : table.columns()) {
                if (other == null || !java.util.Objects.equals(other.column(column.name()).map(Column::type).orElse(null), column.type())) {
                    count++;
                }
            }
        }
        return count;
    }

    private static String selectVersion(Connection c, DatabaseKind kind) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(kind == DatabaseKind.MARIADB ? "select version()" : "show server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void create(String url, Table table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String sql : new DdlGenerator(DatabaseKind.MARIADB).statements(new Op.CreateTable(table))) {
                s.execute(sql);
            }
        }
    }

    /** Boots Hibernate as an application does, connected to {@code url}, with no schema action. */
    private static <T> T withConnectedHibernate(EntityClasses entities, DatabaseKind kind, String url, Function<Metadata, T> use) {
        var bootstrap = new BootstrapServiceRegistryBuilder().applyClassLoader(entities.classLoader()).build();
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder(bootstrap)
                .applySetting(JdbcSettings.DIALECT, kind.hibernateDialect())
                .applySetting(JdbcSettings.JAKARTA_JDBC_URL, url)
                .applySetting(SchemaToolingSettings.HBM2DDL_AUTO, "none")
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entities.classes().forEach(sources::addAnnotatedClass);
            return use.apply(sources.buildMetadata());
        } finally {
            StandardServiceRegistryBuilder.destroy(registry);
        }
    }

    /** Stores a token and a child of it, reads the child back in a new session; null when all went well. */
    private static String storeAndReadBack(EntityClasses entities, String url) {
        return withConnectedHibernate(entities, DatabaseKind.MARIADB, url, metadata -> {
            try (SessionFactory sf = metadata.buildSessionFactory()) {
                Class<?> type = entities.classes().stream().filter(c -> c.getSimpleName().equals("Token")).findFirst().orElseThrow();
                Object parent = token(type, null);
                Object child = token(type, parent);
                sf.inTransaction(session -> {
                    session.persist(parent);
                    session.persist(child);
                });
                Object read = sf.fromSession(session -> {
                    Object found = session.find(type, field(child, "id"));
                    return found == null ? null : List.of(field(found, "id"), field(found, "secret"), field(found, "label"),
                            field(field(found, "parent"), "id"));
                });
                List<Object> expected = List.of(field(child, "id"), field(child, "secret"), field(child, "label"), field(parent, "id"));
                return expected.equals(read) ? null : "read back " + read + " instead of " + expected;
            } catch (RuntimeException e) {
                Throwable root = e;
                while (root.getCause() != null && root.getCause() != root) {
                    root = root.getCause();
                }
                return String.valueOf(root.getMessage()).lines().findFirst().orElse("").toLowerCase(Locale.ROOT);
            }
        });
    }

    private static Object token(Class<?> type, Object parent) {
        try {
            Object token = type.getDeclaredConstructor().newInstance();
            type.getField("id").set(token, UUID.randomUUID());
            type.getField("secret").set(token, UUID.randomUUID());
            type.getField("label").set(token, parent == null ? "parent" : "child");
            type.getField("parent").set(token, parent);
            return token;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object field(Object entity, String name) {
        try {
            return entity.getClass().getField(name).get(entity);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
