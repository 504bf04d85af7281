package dev.retort.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were taken on: they mean little without it, and a busy machine explains a wide spread. */
final class Machine {

    private Machine() {
    }

    static String describe() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        String memory = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        return String.format("%s, %d cores, %s RAM; %s %s; Java %s (%s)",
                cpu == null ? System.getProperty("os.arch") : cpu, Runtime.getRuntime().availableProcessors(),
                memory == null ? "?" : memory, System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"));
    }

    /** The 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return load < 0 ? "?" : String.format("%.2f", load);
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return line.substring(colon + 1).trim().replaceAll("\\s+", " ");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return null;
    }
}
