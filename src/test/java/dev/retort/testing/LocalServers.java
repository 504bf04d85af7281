package dev.retort.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/** What the throwaway database servers of a test JVM share: ports, OS users, processes, temp folders. */
final class LocalServers {

    /** The file in each server's temp folder that names the JVM owning it, so orphans can be recognised. */
    static final String OWNER_FILE = "owner.pid";

    private LocalServers() {
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Servers refuse to run as root; as root run {@code command} as {@code user}, otherwise as ourselves. */
    static List<String> as(String user, List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", user, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to completion in {@code dir}, appending its output to {@code log}; fails with that output. */
    static void run(List<String> command, Path dir, Path log, long timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + command + "\n" + tail(log));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("exit " + p.exitValue() + ": " + command + "\n" + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    static String tail(Path log) {
        try {
            if (!Files.exists(log)) return "(no log)";
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    static void chown(Path dir, String user) {
        if (isRoot()) {
            run(List.of("chown", "-R", user + ":", dir.toString()), dir, dir.resolve("chown.log"), 30);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort at JVM exit: a leftover temp folder is harmless
        }
    }

    static void markOwner(Path dir) throws IOException {
        Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
    }

    /**
     * Temp folders of servers whose owning JVM is gone (killed before its shutdown hook ran). Each is passed
     * to {@code stop} and then deleted, so a crashed test run does not leave servers running forever.
     */
    static void reapOrphans(String prefix, java.util.function.Consumer<Path> stop) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> dirs = Files.list(tmp)) {
            for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith(prefix)).toList()) {
                Path owner = dir.resolve(OWNER_FILE);
                if (!Files.exists(owner)) continue;
                long pid;
                try {
                    pid = Long.parseLong(Files.readString(owner).trim());
                } catch (IOException | NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                try {
                    stop.accept(dir);
                } catch (RuntimeException ignored) {
                    // the server may already be gone; deleting its folder is all that is left
                }
                deleteTree(dir);
            }
        } catch (IOException ignored) {
            // reaping is a courtesy; never fail a test run over it
        }
    }

    /**
     * Fills {@code dataDir} (which must not exist) with a copy of a freshly initialised data folder.
     * {@code initialise} runs initdb or mariadb-install-db into the folder it is given; that takes seconds
     * (much longer on a busy machine), so its result is kept as a template in the temp folder, keyed by
     * {@code version} and the OS user, and each server after the first one starts from a copy.
     */
    static void copyOfInitialisedData(String kind, String version, String osUser, Path dataDir,
                                      java.util.function.Consumer<Path> initialise) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        String key = Integer.toHexString((version + "|" + System.getProperty("user.name")).hashCode());
        Path template = tmp.resolve("retort-template-" + kind + "-" + key);
        if (!Files.isDirectory(template.resolve("data"))) {
            Path staging;
            try {
                staging = Files.createTempDirectory(tmp, "retort-staging-" + kind + "-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                chown(staging, osUser);
                initialise.accept(staging.resolve("data"));
                Files.move(staging, template, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // another JVM published its template first: use that one
            } finally {
                deleteTree(staging);
            }
        }
        // cp -a keeps owners and modes, which the servers check
        run(List.of("cp", "-a", template.resolve("data").toString(), dataDir.toString()), dataDir.getParent(),
                dataDir.getParent().resolve("copy.log"), 120);
    }

    /** Identifies an installed server binary, so a package upgrade gets a fresh template. */
    static String versionOf(Path binary) {
        try {
            return binary + "@" + Files.getLastModifiedTime(binary).toMillis() + "/" + Files.size(binary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** No binaries: skip the test, except on CI where a missing database must fail the build. */
    static RuntimeException unavailable(String what, String detail) {
        String message = "skipped: no " + what + " (" + detail + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(what + " is required when CI=true but was not found: " + detail);
        }
        Assumptions.abort(message);
        return new IllegalStateException(message); // not reached: abort throws
    }
}
