package dev.retort.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One throwaway MariaDB server per test JVM, started on first use and removed at JVM exit.
 *
 * <pre>{@code
 * String url = MariaDbServer.get().createDatabase();   // a fresh, empty database
 * try (Connection c = DriverManager.getConnection(url)) { ... }
 * }</pre>
 *
 * The JDBC URLs carry {@code user=root} (empty password, over TCP), so {@code DriverManager.getConnection(url)}
 * works as is. Without {@code mariadbd} {@link #get()} skips the calling test, unless {@code CI=true}.
 */
public final class MariaDbServer {

    private static final String DIR_PREFIX = "retort-mariadb-";
    private static final String OS_USER = "mysql";
    /** Small: the default 96 MB redo log is written in full on a fresh data folder. */
    private static final String REDO_LOG_SIZE = "16M";

    private static MariaDbServer instance;
    private static RuntimeException startFailure;

    private final Process process;
    private final Path baseDir;
    private final int port;
    private final long startupMillis;
    private final AtomicInteger databases = new AtomicInteger();

    private MariaDbServer(Process process, Path baseDir, int port, long startupMillis) {
        this.process = process;
        this.baseDir = baseDir;
        this.port = port;
        this.startupMillis = startupMillis;
    }

    /** The running server, started on the first call. */
    public static synchronized MariaDbServer get() {
        if (instance != null) return instance;
        if (startFailure != null) throw startFailure;
        Path server = executable("mariadbd", "/usr/sbin/mariadbd");
        Path installDb = executable("mariadb-install-db", "/usr/bin/mariadb-install-db");
        if (server == null || installDb == null) {
            throw LocalServers.unavailable("MariaDB", "mariadbd or mariadb-install-db not found (Debian package mariadb-server)");
        }
        try {
            instance = start(server, installDb);
            return instance;
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    /** The URL of a database of this server. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database + "?user=root";
    }

    /** Creates a fresh, uniquely named empty database and returns its JDBC URL. */
    public String createDatabase() {
        String name = "retort_test_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl(""));
             Statement s = c.createStatement()) {
            s.execute("create database " + name); // name is generated here: a plain identifier
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return jdbcUrl(name);
    }

    public String user() { return "root"; }
    public String password() { return ""; }
    public int port() { return port; }
    /** How long install-db and start-up took, for the curious. */
    public long startupMillis() { return startupMillis; }

    private static Path executable(String name, String usual) {
        if (Files.isExecutable(Path.of(usual))) return Path.of(usual);
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) return candidate;
        }
        return null;
    }

    private static MariaDbServer start(Path server, Path installDb) {
        long t0 = System.nanoTime();
        LocalServers.reapOrphans(DIR_PREFIX, MariaDbServer::killRecorded);
        Path base;
        try {
            base = Files.createTempDirectory(DIR_PREFIX);
            LocalServers.markOwner(base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path data = base.resolve("data");
        List<String> asUser = LocalServers.isRoot() ? List.of("--user=" + OS_USER) : List.of();
        LocalServers.chown(base, OS_USER);
        LocalServers.copyOfInitialisedData("mariadb", LocalServers.versionOf(server), OS_USER, data, dir -> {
            // "normal" root authentication: root@127.0.0.1 with an empty password, reachable over TCP
            List<String> install = new ArrayList<>(List.of(installDb.toString(), "--no-defaults",
                    "--datadir=" + dir, "--auth-root-authentication-method=normal", "--skip-test-db",
                    "--skip-name-resolve", "--innodb-log-file-size=" + REDO_LOG_SIZE));
            install.addAll(asUser);
            LocalServers.run(install, dir.getParent(), dir.getParent().resolve("install-db.log"), 300);
        });

        IllegalStateException lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = LocalServers.freePort();
            List<String> cmd = new ArrayList<>(List.of(server.toString(), "--no-defaults",
                    "--datadir=" + data, "--socket=" + base.resolve("mysqld.sock"), "--port=" + port,
                    "--bind-address=127.0.0.1", "--pid-file=" + base.resolve("mysqld.pid"),
                    "--log-error=" + base.resolve("error.log"), "--skip-name-resolve",
                    "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci",
                    // durability traded for speed: a throwaway server
                    "--innodb-flush-log-at-trx-commit=0", "--innodb-doublewrite=0", "--sync-binlog=0",
                    "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=" + REDO_LOG_SIZE, "--skip-log-bin",
                    "--performance-schema=OFF"));
            cmd.addAll(asUser);
            Process process;
            try {
                process = new ProcessBuilder(cmd).directory(base.toFile()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("stdout.log").toFile())).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + server, e);
            }
            try {
                writeServerPid(base, process);
            } catch (IOException e) {
                process.destroyForcibly();
                throw new UncheckedIOException(e);
            }
            if (awaitReady(process, port)) {
                MariaDbServer result = new MariaDbServer(process, base, port, (System.nanoTime() - t0) / 1_000_000);
                Runtime.getRuntime().addShutdownHook(new Thread(result::stop, "stop-mariadb"));
                return result;
            }
            process.destroyForcibly();
            waitFor(process, 30);
            lastFailure = new IllegalStateException("MariaDB did not start on port " + port + ":\n"
                    + LocalServers.tail(base.resolve("error.log")));
        }
        LocalServers.deleteTree(base);
        throw lastFailure;
    }

    private static boolean awaitReady(Process process, int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String url = "jdbc:mariadb://127.0.0.1:" + port + "/?user=root&connectTimeout=1000";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) return false;
            try (Connection ignored = DriverManager.getConnection(url)) {
                return true;
            } catch (SQLException notYet) {
                sleep(50);
            }
        }
        return false;
    }

    /** The JVM's child (mariadbd) pid, recorded so a later JVM can stop it if this one dies uncleanly. */
    private static void writeServerPid(Path base, Process process) throws IOException {
        Files.writeString(base.resolve("server.pid"), Long.toString(process.pid()));
    }

    private static void killRecorded(Path base) {
        try {
            long pid = Long.parseLong(Files.readString(base.resolve("server.pid")).trim());
            ProcessHandle.of(pid)
                    .filter(h -> h.info().command().map(c -> c.contains("mariadbd")).orElse(false))
                    .ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | NumberFormatException ignored) {
            // nothing recorded: nothing to stop
        }
    }

    private void stop() {
        process.destroy(); // SIGTERM: mariadbd shuts down cleanly
        if (!waitFor(process, 30)) {
            process.destroyForcibly();
            waitFor(process, 10);
        }
        LocalServers.deleteTree(baseDir);
    }

    private static boolean waitFor(Process process, long seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "MariaDB at 127.0.0.1:" + port + " (" + baseDir + ")";
    }
}
