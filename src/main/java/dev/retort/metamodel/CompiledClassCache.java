package dev.retort.metamodel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Class files compiled from entity sources, kept between runs in a folder outside the user's tree and
 * keyed by everything the compilation read (the sources' text, the class path's files, the JDK), so a
 * run over unchanged sources skips javac, which costs more than a second. Any trouble with the cache
 * just means compiling again.
 */
final class CompiledClassCache {

    /** Entries kept; older ones are deleted, so edits do not fill the disk. */
    private static final int KEEP = 20;
    private static final String FORMAT = "retort-entity-classes-1";

    private final Path folder;

    CompiledClassCache(Path folder) {
        this.folder = folder;
    }

    Map<String, byte[]> compile(SourceCompiler.Job job) {
        String key;
        try {
            key = key(job);
        } catch (IOException e) {
            return SourceCompiler.compile(job);
        }
        Path entry = folder.resolve(key + ".jar");
        Map<String, byte[]> cached = read(entry);
        if (cached != null) {
            return cached;
        }
        Map<String, byte[]> compiled = SourceCompiler.compile(job);
        write(entry, compiled);
        return compiled;
    }

    private static String key(SourceCompiler.Job job) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        update(digest, FORMAT);
        update(digest, Runtime.version().toString());
        for (Path source : job.sources()) {
            update(digest, "compile " + source.toAbsolutePath());
            hashText(digest, source);
        }
        // sources javac may pull in through the source path count as much as the ones it was given
        for (Path folder : job.sourcePath()) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    update(digest, "source path " + file.toAbsolutePath());
                    hashText(digest, file);
                }
            }
        }
        for (Path entry : job.classPath()) {
            update(digest, entry.toAbsolutePath().toString());
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.walk(entry)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        update(digest, entry.relativize(file) + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis());
                    }
                }
            } else if (Files.isRegularFile(entry)) {
                update(digest, Files.size(entry) + " " + Files.getLastModifiedTime(entry).toMillis());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void hashText(MessageDigest digest, Path file) throws IOException {
        byte[] text = Files.readAllBytes(file);
        update(digest, Integer.toString(text.length));
        digest.update(text);
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static Map<String, byte[]> read(Path entry) {
        if (!Files.isRegularFile(entry)) {
            return null;
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(entry.toFile())) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                String name = e.getName();
                classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'),
                        zip.getInputStream(e).readAllBytes());
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        try {
            // pruning keeps the most recently used entries
            Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // a read-only cache still serves
        }
        return classes;
    }

    private void write(Path entry, Map<String, byte[]> classes) {
        try {
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, "partial-", ".tmp");
            try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                    zip.putNextEntry(new ZipEntry(c.getKey().replace('.', '/') + ".class"));
                    zip.write(c.getValue());
                    zip.closeEntry();
                }
            }
            Files.move(partial, entry, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            prune();
        } catch (IOException | RuntimeException e) {
            // a cache that cannot be written costs a compilation next time, nothing more
        }
    }

    private void prune() throws IOException {
        List<Path> entries;
        try (Stream<Path> files = Files.list(folder)) {
            entries = files.filter(p -> p.getFileName().toString().endsWith(".jar")).toList();
        }
        if (entries.size() <= KEEP) {
            return;
        }
        List<Path> newestFirst = entries.stream()
                .sorted(Comparator.comparing(CompiledClassCache::modified).reversed()).toList();
        for (Path old : newestFirst.subList(KEEP, newestFirst.size())) {
            Files.deleteIfExists(old);
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
