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
 * One throwaway PostgreSQL cluster per test JVM, started on first use and removed at JVM exit.
 *
 * <pre>{@code
 * String url = PostgresServer.get().createDatabase();   // a fresh, empty database
 * try (Connection c = DriverManager.getConnection(url)) { ... }
 * }</pre>
 *
 * The JDBC URLs carry {@code user=postgres} (trust authentication, no password), so
 * {@code DriverManager.getConnection(url)} works as is. Without PostgreSQL binaries {@link #get()} skips
 * the calling test, unless {@code CI=true}, where it fails.
 */
public final class PostgresServer {

    private static final String DIR_PREFIX = "retort-pg-";
    private static final String OS_USER = "postgres";

    private static PostgresServer instance;
    private static RuntimeException startFailure;

    private final Path binDir;
    private final Path baseDir;
    private final int port;
    private final long startupMillis;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path binDir, Path baseDir, int port, long startupMillis) {
        this.binDir = binDir;
        this.baseDir = baseDir;
        this.port = port;
        this.startupMillis = startupMillis;
    }

    /** The running cluster, started on the first call. */
    public static synchronized PostgresServer get() {
        if (instance != null) return instance;
        if (startFailure != null) throw startFailure;
        Path bin = findBinaries();
        if (bin == null) {
            throw LocalServers.unavailable("PostgreSQL", "no initdb in /usr/lib/postgresql/15/bin or `pg_config --bindir`");
        }
        try {
            instance = start(bin);
            return instance;
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    /** The URL of a database of this cluster ({@code postgres} always exists). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + OS_USER;
    }

    /** Creates a fresh, uniquely named empty database and returns its JDBC URL. */
    public String createDatabase() {
        String name = "retort_test_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"));
             Statement s = c.createStatement()) {
            s.execute("create database " + name); // name is generated here: a plain identifier
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return jdbcUrl(name);
    }

    public String user() { return OS_USER; }
    public String password() { return ""; }
    public int port() { return port; }
    /** How long initdb and start-up took, for the curious. */
    public long startupMillis() { return startupMillis; }

    private static Path findBinaries() {
        Path debian = Path.of("/usr/lib/postgresql/15/bin");
        if (Files.isExecutable(debian.resolve("initdb"))) return debian;
        try {
            Process p = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                Path dir = Path.of(out);
                if (Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl"))) return dir;
            }
        } catch (IOException e) {
            return null; // no pg_config on the PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    private static PostgresServer start(Path bin) {
        long t0 = System.nanoTime();
        LocalServers.reapOrphans(DIR_PREFIX, dir -> stop(bin, dir));
        Path base;
        try {
            base = Files.createTempDirectory(DIR_PREFIX);
            LocalServers.markOwner(base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalServers.chown(base, OS_USER);
        Path log = base.resolve("server.log");
        Path data = base.resolve("data");
        LocalServers.copyOfInitialisedData("pg", LocalServers.versionOf(bin.resolve("postgres")), OS_USER, data,
                dir -> LocalServers.run(LocalServers.as(OS_USER, List.of(bin.resolve("initdb").toString(), "-D",
                        dir.toString(), "-U", OS_USER, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync",
                        "--no-instructions")), dir.getParent(), dir.getParent().resolve("initdb.log"), 180));
        // the listener and the socket folder are chosen per run; the rest trades durability for speed
        IllegalStateException lastFailure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = LocalServers.freePort();
            String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + base
                    + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
            try {
                LocalServers.run(LocalServers.as(OS_USER, List.of(bin.resolve("pg_ctl").toString(), "-D",
                        data.toString(), "-l", log.toString(), "-w", "-t", "60", "-o", options, "start")),
                        base, base.resolve("pg_ctl.log"), 90);
            } catch (IllegalStateException e) {
                // most likely the port was taken between choosing and binding it
                lastFailure = new IllegalStateException(e.getMessage() + "\n" + LocalServers.tail(log), e);
                continue;
            }
            PostgresServer server = new PostgresServer(bin, base, port, (System.nanoTime() - t0) / 1_000_000);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    stop(bin, base);
                } finally {
                    LocalServers.deleteTree(base);
                }
            }, "stop-postgres"));
            return server;
        }
        LocalServers.deleteTree(base);
        throw lastFailure;
    }

    private static void stop(Path bin, Path base) {
        Path data = base.resolve("data");
        if (!Files.exists(data.resolve("postmaster.pid"))) return;
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-m", "immediate", "-w", "stop"));
        LocalServers.run(LocalServers.as(OS_USER, cmd), base, base.resolve("pg_ctl.log"), 60);
    }

    @Override
    public String toString() {
        return "PostgreSQL at 127.0.0.1:" + port + " (" + baseDir + ", " + binDir + ")";
    }
}
