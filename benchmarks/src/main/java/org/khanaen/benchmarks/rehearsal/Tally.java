package org.khanaen.benchmarks.rehearsal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What a kind of request got over the night, across threads: 200s, 304s, anything else (by status or error), bytes, latencies. */
final class Tally {

    final AtomicLong ok = new AtomicLong();
    final AtomicLong notModified = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final Map<String, AtomicLong> others = new ConcurrentHashMap<>();
    final Figures.Latencies latencies = new Figures.Latencies();
    /** How long what the client held had been superseded on the stream, after each answer (when measured). */
    final Figures.Latencies staleness = new Figures.Latencies();

    void answered(int status, long bodyBytes, long micros) {
        latencies.add(micros);
        bytes.addAndGet(bodyBytes);
        if (status == 200) {
            ok.incrementAndGet();
        } else if (status == 304) {
            notModified.incrementAndGet();
        } else {
            other(String.valueOf(status));
        }
    }

    /** A request that got no answer; one interrupted (the readers being stopped) is not counted. */
    void failed(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return;
        }
        other(e.getClass().getSimpleName());
    }

    void other(String what) {
        others.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    long requests() {
        return ok.get() + notModified.get() + others.values().stream().mapToLong(AtomicLong::get).sum();
    }

    long failed() {
        return others.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** "1,234 × 200, 5,678 × 304, none else, 12.3 MB". */
    String answers() {
        Map<String, Long> rest = new TreeMap<>();
        others.forEach((k, v) -> rest.put(k, v.get()));
        return String.format("%,d × 200, %,d × 304, %s, %s", ok.get(), notModified.get(), rest.isEmpty() ? "nothing else" : "else " + rest,
                megabytes(bytes.get()));
    }

    static String megabytes(long bytes) {
        return String.format("%,.1f MB", bytes / 1e6);
    }

    /** "p50 12 ms, p99 345 ms, max 1,234 ms" of microseconds (sorted or not), or "-". */
    static String spread(long[] micros) {
        if (micros.length == 0) {
            return "-";
        }
        long[] s = micros.clone();
        java.util.Arrays.sort(s);
        return String.format("p50 %,.0f ms, p99 %,.0f ms, max %,.0f ms", at(s, 50) / 1000.0, at(s, 99) / 1000.0, s[s.length - 1] / 1000.0);
    }

    static long at(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
