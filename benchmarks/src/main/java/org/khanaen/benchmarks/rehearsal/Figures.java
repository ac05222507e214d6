package org.khanaen.benchmarks.rehearsal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one step of the rehearsal measured, for the report: how long it took (wall seconds), how many things it did
 * ({@code count} of {@code unit}), the latencies of those things in microseconds (may be empty) and notes in plain
 * words with their figures (e.g. "mails: 100,000 sent, 0 doubled"). A check that failed goes in {@code problems}: any
 * problem fails the rehearsal.
 */
public record Figures(String step, double seconds, long count, String unit, long[] micros, List<String> notes, List<String> problems) {

    public static Figures of(String step, double seconds, long count, String unit, long[] micros, List<String> notes, List<String> problems) {
        long[] sorted = micros == null ? new long[0] : micros.clone();
        Arrays.sort(sorted);
        return new Figures(step, seconds, count, unit, sorted, List.copyOf(notes), List.copyOf(problems));
    }

    public double perSecond() {
        return seconds > 0 ? count / seconds : 0;
    }

    /** The p-th percentile of the latencies in milliseconds (NaN without any). */
    public double millis(double p) {
        if (micros.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100 * micros.length) - 1;
        return micros[Math.max(0, Math.min(micros.length - 1, i))] / 1000.0;
    }

    /** One line of the report. */
    public String line() {
        StringBuilder b = new StringBuilder(count == 0 && seconds == 0 ? step + ":" // a figure of notes only
                : String.format("%s: %.1f s, %,d %s (%,.0f/s)", step, seconds, count, unit, perSecond()));
        if (micros.length > 0) {
            b.append(String.format("; p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms", millis(50), millis(95), millis(99), millis(100)));
        }
        List<String> rest = new ArrayList<>(notes);
        problems.forEach(p -> rest.add("PROBLEM: " + p));
        if (!rest.isEmpty()) {
            b.append(b.charAt(b.length() - 1) == ':' ? " " : "; ").append(String.join("; ", rest));
        }
        return b.toString();
    }

    /** Latencies gathered by many threads. */
    public static final class Latencies {

        private long[] values = new long[1024];
        private int size;

        public synchronized void add(long micros) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = micros;
        }

        public synchronized long[] toArray() {
            return Arrays.copyOf(values, size);
        }

        public synchronized int size() {
            return size;
        }
    }
}
