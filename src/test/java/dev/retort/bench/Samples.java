package dev.retort.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Repeated measurements of one thing (milliseconds or bytes): the median and the spread. */
final class Samples {

    private final List<Long> values = new ArrayList<>();

    void add(long value) {
        if (value >= 0) {
            values.add(value);
        }
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    int count() {
        return values.size();
    }

    long median() {
        if (values.isEmpty()) return -1;
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    long min() {
        return values.isEmpty() ? -1 : Collections.min(values);
    }

    long max() {
        return values.isEmpty() ? -1 : Collections.max(values);
    }

    /** {@code 1,234 (1,100–1,420)}: median, then min–max when there is more than one value. */
    String millis() {
        if (values.isEmpty()) return "–";
        if (values.size() == 1) return String.format("%,d", median());
        return String.format("%,d (%,d–%,d)", median(), min(), max());
    }

    /** Microseconds shown as milliseconds with one decimal: median (min–max). */
    String microsAsMillis() {
        if (values.isEmpty()) return "–";
        return String.format("%,.1f (%,.1f–%,.1f)", median() / 1000.0, min() / 1000.0, max() / 1000.0);
    }

    /** Bytes as MB, median (max). */
    String megabytes() {
        if (values.isEmpty()) return "–";
        return String.format("%,d MB (max %,d)", median() >> 20, max() >> 20);
    }

    /** The ratio of two medians, e.g. {@code 0.72x}. */
    static String ratio(Samples a, Samples b) {
        if (a.isEmpty() || b.isEmpty() || b.median() <= 0) return "–";
        return String.format("%.2fx", (double) a.median() / b.median());
    }

    static double ratioValue(Samples a, Samples b) {
        if (a.isEmpty() || b.isEmpty() || b.median() <= 0) return Double.NaN;
        return (double) a.median() / b.median();
    }
}
