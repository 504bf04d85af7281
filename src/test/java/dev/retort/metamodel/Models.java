package dev.retort.metamodel;

import dev.retort.model.DatabaseKind;
import dev.retort.model.Schema;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.boot.Metadata;
import org.hibernate.tool.schema.internal.SchemaCreatorImpl;

/**
 * The entity models the tests read, each loaded and booted once per test JVM (booting Hibernate costs
 * seconds): {@code types} (one column of every common Java type), {@code mapping} (inheritance,
 * embeddables, collections, keys, checks, generators, quoting) and {@code bookstore}, the repository's
 * example. For each model and database the cache keeps Hibernate's metadata, the schema read from it,
 * and Hibernate's own create script for it - the oracle the schema is checked against.
 */
final class Models {

    static final List<String> ALL = List.of("types", "mapping", "bookstore");

    /** One boot: the schema was read before Hibernate generated its script (which adds to its model). */
    record Booted(Metadata metadata, Schema schema, List<String> hibernateDdl) {
    }

    private static final Map<String, EntityClasses> LOADED = new ConcurrentHashMap<>();
    private static final Map<String, Booted> BOOTED = new ConcurrentHashMap<>();

    private Models() {
    }

    /** A folder of entity sources under src/test/resources/metamodel. */
    static Path sources(String model) {
        URL url = Models.class.getResource("/metamodel/" + model);
        if (url == null) {
            throw new IllegalStateException("no test model " + model);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository's example entities (surefire runs in the project folder). */
    static Path example() {
        return Path.of("entities-example").toAbsolutePath();
    }

    static EntityClasses entities(String model) {
        return LOADED.computeIfAbsent(model, m ->
                EntityLoader.load(List.of(m.equals("bookstore") ? example() : sources(m))));
    }

    static Schema schema(String model, DatabaseKind kind) {
        return booted(model, kind).schema();
    }

    static synchronized Booted booted(String model, DatabaseKind kind) {
        return BOOTED.computeIfAbsent(model + "/" + kind, key -> {
            var booted = MetamodelReader.BootedMetadata.boot(entities(model), kind, Map.of());
            Metadata metadata = booted.metadata();
            Schema schema = MetamodelReader.toSchema(metadata, Map.of());
            List<String> ddl = new SchemaCreatorImpl(booted.registry()).generateCreationCommands(metadata, false);
            return new Booted(metadata, schema, ddl);
        });
    }
}
