package dev.retort.metamodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.retort.model.Column;
import dev.retort.model.DatabaseKind;
import dev.retort.model.Schema;
import dev.retort.model.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntityLoaderTest {

    /** The mapped classes of the {@code mapping} model, as sorted by the loader. */
    private static final List<String> MAPPING_CLASSES = List.of(
            "shop.Address", "shop.Animal", "shop.Car", "shop.CardPayment", "shop.CashPayment", "shop.Cat",
            "shop.Course", "shop.Customer", "shop.CustomerProfile", "shop.Dog", "shop.Flag", "shop.Group",
            "shop.Invoice", "shop.Order", "shop.Payment", "shop.Student", "shop.StudentId", "shop.Truck",
            "shop.Vehicle", "shop.YesNoConverter");

    @Test
    void sourcesAreCompiledInMemoryWithoutWritingIntoTheirFolder(@TempDir Path tmp) throws IOException {
        Path sources = copyTree(Models.sources("mapping"), tmp.resolve("src"));
        List<Path> before = listFiles(sources);

        try (EntityClasses entities = EntityLoader.load(List.of(sources))) {
            assertEquals(MAPPING_CLASSES, names(entities));
            for (Class<?> c : entities.classes()) {
                assertSame(entities.classLoader(), c.getClassLoader(), c.getName());
            }
            // the JPA annotations are the ones Hibernate sees, not copies in another loader
            assertTrue(entities.classes().get(0).isAnnotationPresent(jakarta.persistence.Embeddable.class));
        }
        assertEquals(before, listFiles(sources));
    }

    @Test
    void classFoldersAndJarsLoadTheSameClassesAndSchemaAsSources(@TempDir Path tmp) throws IOException {
        Path classes = javac(Models.sources("mapping"), tmp.resolve("classes"));
        Path jar = jar(classes, tmp.resolve("entities.jar"));

        try (EntityClasses fromFolder = EntityLoader.load(List.of(classes))) {
            assertEquals(MAPPING_CLASSES, names(fromFolder));
        }
        try (EntityClasses fromJar = EntityLoader.load(List.of(jar))) {
            assertEquals(MAPPING_CLASSES, names(fromJar));
            assertEquals(Models.schema("mapping", DatabaseKind.SQLITE), MetamodelReader.read(fromJar, DatabaseKind.SQLITE));
        }
    }

    @Test
    void sourcesMayUseClassesFromAJarAmongTheLocations(@TempDir Path tmp) throws IOException {
        Path baseSources = tmp.resolve("base-src");
        write(baseSources, "base/Audited.java", """
                package base;

                import jakarta.persistence.*;

                @MappedSuperclass
                public abstract class Audited {
                    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) protected Long id;
                    @Version protected long version;
                }
                """);
        Path jar = jar(javac(baseSources, tmp.resolve("base-classes")), tmp.resolve("base.jar"));
        Path app = tmp.resolve("app-src");
        write(app, "app/Thing.java", """
                package app;

                @jakarta.persistence.Entity
                public class Thing extends base.Audited {
                    String label;
                }
                """);

        try (EntityClasses entities = EntityLoader.load(List.of(app, jar))) {
            assertEquals(List.of("app.Thing", "base.Audited"), names(entities));
            Schema schema = MetamodelReader.read(entities, DatabaseKind.SQLITE);
            Table thing = schema.table("Thing").orElseThrow();
            assertEquals(List.of("id", "version", "label"), thing.columns().stream().map(Column::name).toList());
            assertTrue(thing.column("id").orElseThrow().identity());
        }
    }

    @Test
    void packagesSelectClassesInThemAndTheirSubpackagesOnly(@TempDir Path tmp) {
        Path src = tmp.resolve("src");
        write(src, "shop/a/Item.java", "package shop.a; @jakarta.persistence.Entity public class Item { @jakarta.persistence.Id Long id; }");
        write(src, "shop/b/Money.java", "package shop.b; @jakarta.persistence.Embeddable public class Money { long cents; }");
        write(src, "shop/Plain.java", "package shop; public class Plain { }");
        write(src, "shop/package-info.java", """
                @jakarta.persistence.SequenceGenerator(name = "shop_gen", sequenceName = "shop_seq")
                package shop;
                """);
        write(src, "shopping/Cart.java", "package shopping; @jakarta.persistence.Entity public class Cart { @jakarta.persistence.Id Long id; }");

        try (EntityClasses entities = EntityLoader.load(List.of(src), List.of("shop"))) {
            assertEquals(List.of("shop.a.Item", "shop.b.Money", "shop.package-info"), names(entities));
        }
        try (EntityClasses entities = EntityLoader.load(List.of(src))) {
            assertEquals(List.of("shop.a.Item", "shop.b.Money", "shop.package-info", "shopping.Cart"), names(entities));
        }
    }

    @Test
    void withPackagesOnlyTheirSourcesAndWhatTheyUseAreCompiled(@TempDir Path tmp) {
        Path src = tmp.resolve("src");
        write(src, "shop/Item.java", """
                package shop;

                @jakarta.persistence.Entity
                public class Item {
                    @jakarta.persistence.Id Long id;
                    String label = util.Labels.DEFAULT;
                }
                """);
        write(src, "util/Labels.java", "package util; public class Labels { public static final String DEFAULT = \"?\"; }");
        // a web layer whose framework is not on Retort's class path
        write(src, "web/ItemController.java", "package web; @org.springframework.web.bind.annotation.RestController public class ItemController { }");

        try (EntityClasses entities = EntityLoader.load(List.of(src), List.of("shop"))) {
            assertEquals(List.of("shop.Item"), names(entities));
        }
        EntityLoadException e = assertThrows(EntityLoadException.class, () -> EntityLoader.load(List.of(src)));
        assertTrue(e.getMessage().contains("ItemController.java:1: package org.springframework.web.bind.annotation does not exist"),
                e.getMessage());
    }

    @Test
    void aCompileErrorIsOneLineWithFileLineAndMessage(@TempDir Path tmp) {
        Path src = tmp.resolve("src");
        write(src, "bad/Broken.java", """
                package bad;

                @jakarta.persistence.Entity
                public class Broken {
                    @jakarta.persistence.Id Long id;
                    Strin name;
                    Intger count;
                }
                """);

        EntityLoadException e = assertThrows(EntityLoadException.class, () -> EntityLoader.load(List.of(src)));

        String message = e.getMessage();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.contains(src.resolve("bad/Broken.java") + ":6: cannot find symbol"), message);
        assertTrue(message.contains("class Strin"), message);
        assertTrue(message.endsWith("(and 1 more error)"), message);
        assertFalse(Files.exists(src.resolve("bad/Broken.class")));
    }

    @Test
    void theCompileCacheServesUnchangedSourcesAndRecompilesChangedOnes(@TempDir Path tmp) throws Exception {
        Path src = tmp.resolve("src");
        Path cache = tmp.resolve("cache");
        write(src, "shop/Item.java", "package shop; @jakarta.persistence.Entity public class Item { @jakarta.persistence.Id Long id; }");
        try (EntityClasses entities = EntityLoader.load(List.of(src), List.of(), cache)) {
            assertEquals(List.of("id"), fieldNames(entities.classes().get(0)));
        }
        List<Path> entries = listFiles(cache);
        assertEquals(1, entries.size(), entries.toString());

        // swap the cached class for one with an extra field: a cache hit must load that one
        Path variant = tmp.resolve("variant");
        write(variant, "shop/Item.java", "package shop; @jakarta.persistence.Entity public class Item { @jakarta.persistence.Id Long id; int cached; }");
        Path variantClasses = javac(variant, tmp.resolve("variant-classes"));
        jar(variantClasses, cache.resolve(entries.get(0)));
        try (EntityClasses entities = EntityLoader.load(List.of(src), List.of(), cache)) {
            assertEquals(List.of("id", "cached"), fieldNames(entities.classes().get(0)));
        }

        write(src, "shop/Item.java", "package shop; @jakarta.persistence.Entity public class Item { @jakarta.persistence.Id Long id; String edited; }");
        try (EntityClasses entities = EntityLoader.load(List.of(src), List.of(), cache)) {
            assertEquals(List.of("id", "edited"), fieldNames(entities.classes().get(0)));
        }
        assertEquals(2, listFiles(cache).size());
        assertEquals(List.of(Path.of("shop/Item.java")), listFiles(src));
    }

    private static List<String> fieldNames(Class<?> c) {
        return java.util.Arrays.stream(c.getDeclaredFields()).map(java.lang.reflect.Field::getName).toList();
    }

    @Test
    void aMissingLocationIsNamed(@TempDir Path tmp) {
        Path missing = tmp.resolve("nowhere");
        EntityLoadException e = assertThrows(EntityLoadException.class, () -> EntityLoader.load(List.of(missing)));
        assertEquals("Entity location does not exist: " + missing, e.getMessage());
    }

    @Test
    void aClassFolderMustBeThePackageRoot(@TempDir Path tmp) {
        Path src = tmp.resolve("src");
        write(src, "shop/Item.java", "package shop; @jakarta.persistence.Entity public class Item { @jakarta.persistence.Id Long id; }");
        Path classes = javac(src, tmp.resolve("classes"));

        EntityLoadException e = assertThrows(EntityLoadException.class,
                () -> EntityLoader.load(List.of(classes.resolve("shop"))));
        assertTrue(e.getMessage().contains("holds class shop.Item"), e.getMessage());
        assertTrue(e.getMessage().contains("root of its package tree"), e.getMessage());
    }

    @Test
    void aClassWhoseDependencyIsMissingNamesTheDependency(@TempDir Path tmp) throws IOException {
        Path src = tmp.resolve("src");
        write(src, "lib/Base.java", "package lib; public abstract class Base { }");
        write(src, "app/Item.java", "package app; @jakarta.persistence.Entity public class Item extends lib.Base { @jakarta.persistence.Id Long id; }");
        Path classes = javac(src, tmp.resolve("classes"));
        Files.delete(classes.resolve("lib/Base.class"));

        EntityLoadException e = assertThrows(EntityLoadException.class, () -> EntityLoader.load(List.of(classes)));
        assertTrue(e.getMessage().startsWith("Cannot load entity class app.Item: it needs lib.Base"), e.getMessage());
    }

    @Test
    void javaxPersistenceEntitiesGetAHint(@TempDir Path tmp) {
        Path src = tmp.resolve("src");
        // a stand-in for the old annotation, which is not on Retort's class path
        write(src, "javax/persistence/Entity.java", """
                package javax.persistence;
                @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                public @interface Entity { }
                """);
        write(src, "legacy/Old.java", "package legacy; @javax.persistence.Entity public class Old { }");

        EntityLoadException e = assertThrows(EntityLoadException.class, () -> EntityLoader.load(List.of(src)));
        assertTrue(e.getMessage().contains("javax.persistence"), e.getMessage());
        assertTrue(e.getMessage().contains("legacy.Old"), e.getMessage());
    }

    private static List<String> names(EntityClasses entities) {
        return entities.classes().stream().map(Class::getName).toList();
    }

    static void write(Path root, String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compiles every source under {@code sourceRoot} into {@code out} with javac, as a build would. */
    static Path javac(Path sourceRoot, Path out) {
        List<String> args = new ArrayList<>(List.of("-proc:none", "-nowarn", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path")));
        for (Path file : listFiles(sourceRoot)) {
            if (file.toString().endsWith(".java")) {
                args.add(sourceRoot.resolve(file).toString());
            }
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, OutputStream.nullOutputStream(),
                new PrintStream(err, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        return out;
    }

    static Path jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path file : listFiles(classes)) {
                out.putNextEntry(new JarEntry(file.toString().replace('\\', '/')));
                out.write(Files.readAllBytes(classes.resolve(file)));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        for (Path file : listFiles(from)) {
            Path target = to.resolve(file.toString());
            Files.createDirectories(target.getParent());
            Files.copy(from.resolve(file), target);
        }
        return to;
    }

    /** The regular files under {@code root}, relative to it, sorted. */
    private static List<Path> listFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
