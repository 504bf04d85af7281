package dev.retort.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged jar and the {@code ./retort} launcher, run as separate processes as a user would. */
class RetortJarIT {

    @TempDir
    Path tmp;

    static Project.Result exec(Path workDir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().remove("RETORT_URL");
        Path out = Files.createTempFile("retort-out", ".txt");
        Path err = Files.createTempFile("retort-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process proc = pb.start();
        if (!proc.waitFor(5, TimeUnit.MINUTES)) {
            proc.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        Project.Result r = new Project.Result(proc.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    static Project.Result jar(Path workDir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", System.getProperty("retort.jar")));
        cmd.addAll(List.of(args));
        return exec(workDir, cmd);
    }

    @Test
    void handWrittenMigrationsEndToEndThroughTheJar() throws Exception {
        Project p = new Project(tmp.resolve("proj"));
        p.tableMigration("1111aaaaaaaa", List.of(), "alpha");
        p.tableMigration("2222bbbbbbbb", List.of("1111aaaaaaaa"), "beta");
        String cfg = p.config.toString();

        Project.Result up = jar(tmp, "-c", cfg, "upgrade", "head");
        assertEquals(0, up.code(), up::toString);
        assertEquals(Set.of("2222bbbbbbbb"), p.versions());

        Project.Result current = jar(tmp, "-c", cfg, "current");
        assertEquals("2222bbbbbbbb (head)", current.out().strip(), current::toString);

        Project.Result down = jar(tmp, "-c", cfg, "downgrade", "-1");
        assertEquals(0, down.code(), down::toString);
        assertEquals(Set.of("1111aaaaaaaa"), p.versions());

        Project.Result history = jar(tmp, "-c", cfg, "history");
        assertEquals(2, history.out().lines().count(), history::toString);

        Project.Result rev = jar(tmp, "-c", cfg, "revision", "-m", "by hand");
        assertEquals(0, rev.code(), rev::toString);
        assertTrue(rev.out().contains("_by_hand.java ... done"), rev::toString);

        Project.Result unknown = jar(tmp, "-c", cfg, "upgrade", "ffffff");
        assertEquals(1, unknown.code(), unknown::toString);
        assertEquals(1, unknown.err().lines().count(), unknown::toString);

        Project.Result usage = jar(tmp, "-c", cfg, "frobnicate");
        assertEquals(2, usage.code(), usage::toString);
    }

    @Test
    void launcherWorksFromAnyDirectory() throws Exception {
        Project p = new Project(tmp.resolve("proj"));
        p.tableMigration("1111aaaaaaaa", List.of(), "alpha");
        Path launcher = Path.of(System.getProperty("retort.home")).resolve("retort");
        Path elsewhere = Files.createDirectories(tmp.resolve("somewhere/else"));
        Project.Result up = exec(elsewhere, List.of(launcher.toString(), "-c", p.config.toString(), "upgrade", "head"));
        assertEquals(0, up.code(), up::toString);
        Project.Result current = exec(elsewhere, List.of(launcher.toString(), "-c", p.config.toString(), "current"));
        assertEquals("1111aaaaaaaa (head)", current.out().strip(), current::toString);
    }
}
