package dev.retort.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One whole process, as a user runs it: from spawning to exit. Measures the wall-clock time, the CPU time (user +
 * system, through {@code /usr/bin/time} where it exists: on a busy machine it moves less than the wall clock) and,
 * when the JVM writes a GC log, the peak heap: the heap only grows between collections, so its high-water mark is
 * the largest "before" figure of a collection or the heap used at exit, whichever is larger.
 */
record ProcessRun(List<String> command, int exitCode, long millis, long cpuMillis, long peakHeapBytes, String stdout,
                  String stderr) {

    private static final Path TIME = Path.of("/usr/bin/time");
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Pattern BEFORE_GC = Pattern.compile("Pause .*?\\s(\\d+)([KMG])->\\d+[KMG]\\(");
    private static final Pattern USED_AT_EXIT = Pattern.compile(
            "(garbage-first heap|def new generation|tenured generation|PSYoungGen|ParOldGen)\\s+total \\d+K, used (\\d+)K");

    /** The JVM option that makes a JVM write the GC log {@link #run} reads the peak heap from. */
    static String gcLogOption(Path gcLog) {
        return "-Xlog:gc,gc+heap+exit:file=" + gcLog;
    }

    /** A fresh name in {@code dir}. */
    static Path tempFile(Path dir, String prefix, String suffix) {
        return dir.resolve(prefix + SEQUENCE.incrementAndGet() + suffix);
    }

    /**
     * Runs {@code command} in {@code dir} with {@code env} added to this JVM's environment, writing transient files
     * to {@code scratch}. {@code gcLog}, if not null, is the GC log the command's JVM writes (see {@link #gcLogOption}).
     */
    static ProcessRun run(List<String> command, Path dir, Map<String, String> env, Path scratch, Path gcLog) {
        try {
            Files.createDirectories(scratch);
            Path out = tempFile(scratch, "out-", ".txt");
            Path err = tempFile(scratch, "err-", ".txt");
            Path times = tempFile(scratch, "time-", ".txt");
            List<String> full = new ArrayList<>();
            boolean timed = Files.isExecutable(TIME);
            if (timed) {
                full.addAll(List.of(TIME.toString(), "-f", "%U %S", "-o", times.toString()));
            }
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            long t0 = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(60, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            long cpu = timed ? cpuMillis(times) : -1;
            long heap = gcLog == null ? -1 : peakHeap(gcLog);
            for (Path f : new Path[] {out, err, times}) {
                Files.deleteIfExists(f);
            }
            if (gcLog != null) {
                Files.deleteIfExists(gcLog);
            }
            return new ProcessRun(command, p.exitValue(), millis, cpu, heap, stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Fails with the process's output when it did not exit with 0. */
    ProcessRun requireSuccess() {
        if (exitCode != 0) {
            throw new IllegalStateException("exit " + exitCode + ": " + String.join(" ", command) + "\n" + stdout + stderr);
        }
        return this;
    }

    List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    /** The first line of stdout that starts with {@code prefix}. */
    String line(String prefix) {
        return stdout.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no '" + prefix + "' line from " + String.join(" ", command)
                        + "\n" + stdout + stderr));
    }

    /** {@code /usr/bin/time}'s last line: user and system seconds (it may be preceded by a note about a signal). */
    private static long cpuMillis(Path times) throws IOException {
        if (!Files.isRegularFile(times)) return -1;
        List<String> lines = Files.readAllLines(times);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String[] parts = lines.get(i).trim().split("\\s+");
            if (parts.length == 2) {
                try {
                    return Math.round((Double.parseDouble(parts[0]) + Double.parseDouble(parts[1])) * 1000);
                } catch (NumberFormatException e) {
                    // not the figures line
                }
            }
        }
        return -1;
    }

    static long peakHeap(Path gcLog) {
        if (!Files.isRegularFile(gcLog)) {
            return -1;
        }
        String text;
        try {
            text = Files.readString(gcLog, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return -1;
        }
        long peak = 0;
        Matcher gc = BEFORE_GC.matcher(text);
        while (gc.find()) {
            long value = Long.parseLong(gc.group(1));
            long bytes = switch (gc.group(2)) {
                case "K" -> value << 10;
                case "M" -> value << 20;
                default -> value << 30;
            };
            peak = Math.max(peak, bytes);
        }
        long atExit = 0;
        Matcher exit = USED_AT_EXIT.matcher(text);
        while (exit.find()) {
            atExit += Long.parseLong(exit.group(2)) << 10;
        }
        return Math.max(peak, atExit);
    }
}
