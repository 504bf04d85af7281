package dev.retort.metamodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two shortcuts of the entity class loader: classes from bytes already read, and empty package-infos. */
class EntityClassLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void anEntityPackageWithoutPackageInfoGetsAnEmptyOneAndOtherPackagesNone() throws Exception {
        Path classes = compile("shop/Item.java", """
                package shop;
                @jakarta.persistence.Entity
                public class Item { @jakarta.persistence.Id Long id; }
                """);
        try (EntityClasses entities = EntityLoader.load(List.of(classes))) {
            ClassLoader loader = entities.classLoader();
            Class<?> info = Class.forName("shop.package-info", false, loader);
            assertTrue(info.isInterface() && info.isSynthetic() && Modifier.isAbstract(info.getModifiers()), info.toString());
            assertEquals(0, info.getAnnotations().length);
            assertSame(loader, info.getClassLoader());
            assertSame(info, Class.forName("shop.package-info", false, loader), "defined once");
            // only the packages of mapped classes: a lookup elsewhere still fails as it would have
            assertThrows(ClassNotFoundException.class, () -> Class.forName("elsewhere.package-info", false, loader));
        }
    }

    @Test
    void aRealPackageInfoIsKept() throws Exception {
        Path classes = compile("shop/Item.java", """
                package shop;
                @jakarta.persistence.Entity
                public class Item { @jakarta.persistence.Id Long id; }
                """);
        compileInto(classes, "shop/package-info.java", """
                @Deprecated
                package shop;
                """);
        try (EntityClasses entities = EntityLoader.load(List.of(classes))) {
            Class<?> info = Class.forName("shop.package-info", false, entities.classLoader());
            assertTrue(info.isAnnotationPresent(Deprecated.class), "the compiled package-info, not an empty one");
        }
    }

    @Test
    void mappedClassesOfAFolderAreTheFolderSClassesInTheEntityLoader() throws Exception {
        Path classes = compile("shop/Helper.java", "package shop; public class Helper { }");
        compileInto(classes, "shop/Item.java", """
                package shop;
                @jakarta.persistence.Entity
                public class Item { @jakarta.persistence.Id Long id; Helper helper() { return null; } }
                """);
        try (EntityClasses entities = EntityLoader.load(List.of(classes))) {
            Class<?> item = entities.classes().get(0);
            assertEquals("shop.Item", item.getName());
            assertSame(entities.classLoader(), item.getClassLoader());
            // a class that is not mapped still comes from the folder, through the same loader
            assertSame(entities.classLoader(), Class.forName("shop.Helper", false, entities.classLoader()).getClassLoader());
        }
    }

    private Path compile(String file, String source) throws IOException {
        Path classes = tmp.resolve("classes");
        compileInto(classes, file, source);
        return classes;
    }

    private void compileInto(Path classes, String file, String source) throws IOException {
        Path src = tmp.resolve("src").resolve(file);
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Files.createDirectories(classes);
        int code = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-proc:none", "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path") + java.io.File.pathSeparator + classes, src.toString());
        assertEquals(0, code, "javac " + file);
    }
}
