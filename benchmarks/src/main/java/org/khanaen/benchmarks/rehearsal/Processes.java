package org.khanaen.benchmarks.rehearsal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU and memory of every process of the rehearsal, by kind: this JVM (the app and the rehearsal's own clients: the
 * volunteers' phones, the war room, the newsrooms), the database server, the chain node, the stream readers' client
 * processes (all descendants of this JVM, read from /proc). Sampled every second for the peak memory; a phase reads
 * the CPU before and after.
 */
final class Processes implements AutoCloseable {

    private static final double TICKS = 100.0; // USER_HZ of /proc's CPU times on every Linux this runs on
    private static final long PAGE = 4096;
    private final Map<String, Long> peakRss = new ConcurrentHashMap<>();
    private final Thread sampler;
    private volatile boolean stopped;

    Processes() {
        sampler = Thread.ofPlatform().daemon().name("rehearsal-processes").start(() -> {
            while (!stopped) {
                rss().forEach((k, v) -> peakRss.merge(k, v, Math::max));
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** CPU seconds so far by kind of process (and the whole machine's busy seconds as {@code machine}). */
    Map<String, Double> cpu() {
        Map<String, Double> cpu = new TreeMap<>();
        cpu.put(kind(ProcessHandle.current()), seconds(ProcessHandle.current().pid()));
        ProcessHandle.current().descendants().forEach(h -> cpu.merge(kind(h), seconds(h.pid()), Double::sum));
        cpu.put("machine", machineBusy());
        return cpu;
    }

    /**
     * CPU seconds so far of this JVM's live threads by what they do, to tell the app's own work from the rehearsal's
     * clients and the embedded photo bucket sharing the JVM: the carriers of virtual threads (the web server's requests
     * run on virtual threads, and so do some of the rehearsal's clients), the bucket's (s3proxy on Jetty), the
     * rehearsal's platform-thread clients, and the app's other threads (its batch writer, event listeners, schedulers).
     * The JVM's own (garbage collection, the JIT) are not listed as threads: the process figure minus these. Threads
     * that ended before a reading are not counted in it.
     */
    static Map<Long, Double> threads() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<Long, Double> cpu = new java.util.HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            long nanos = mx.getThreadCpuTime(id);
            if (nanos > 0) {
                cpu.put(id, nanos / 1e9);
            }
        }
        return cpu;
    }

    /** What the live threads spent since {@code before} (a reading of {@link #threads()}), by what they do. */
    static Map<String, Double> threadsSince(Map<Long, Double> before) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Double> spent = new TreeMap<>();
        for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
            long nanos = info == null ? -1 : mx.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                spent.merge(group(info.getThreadName()), nanos / 1e9 - before.getOrDefault(info.getThreadId(), 0.0), Double::sum);
            }
        }
        return spent;
    }

    private static String group(String thread) {
        if (thread.startsWith("ForkJoinPool")) {
            return "virtual threads (web requests, some clients)";
        }
        if (thread.startsWith("S3Proxy") || thread.startsWith("qtp") || thread.contains("s3proxy")) { // s3proxy's Jetty: "S3Proxy-Jetty-N"
            return "photo bucket";
        }
        if (thread.startsWith("rehearsal") || thread.startsWith("HttpClient") || thread.startsWith("pool-")) {
            return "rehearsal clients";
        }
        return "app's other threads";
    }

    /** Resident memory in bytes by kind of process now. */
    Map<String, Long> rss() {
        Map<String, Long> rss = new TreeMap<>();
        rss.put(kind(ProcessHandle.current()), resident(ProcessHandle.current().pid()));
        ProcessHandle.current().descendants().forEach(h -> rss.merge(kind(h), resident(h.pid()), Long::sum));
        return rss;
    }

    /** The highest resident memory seen so far by kind, and starts over. */
    Map<String, Long> takePeaks() {
        Map<String, Long> peaks = new TreeMap<>(peakRss);
        peakRss.clear();
        return peaks;
    }

    /** A phase's cost as words: CPU seconds and average cores busy by process, peak memory. */
    static String describe(Map<String, Double> before, Map<String, Double> after, double seconds, Map<String, Long> peaks) {
        StringBuilder b = new StringBuilder("CPU s (cores busy):");
        after.forEach((k, v) -> {
            double spent = v - before.getOrDefault(k, 0.0);
            if (spent > 0.05) {
                b.append(String.format(" %s %.1f (%.2f)", k, spent, spent / Math.max(seconds, 1e-9)));
            }
        });
        b.append("; peak memory:");
        peaks.forEach((k, v) -> b.append(String.format(" %s %,d MB", k, v / 1024 / 1024)));
        return b.toString();
    }

    private static String kind(ProcessHandle h) {
        if (h.pid() == ProcessHandle.current().pid()) {
            return "app+clients JVM";
        }
        String command = h.info().command().orElse("?");
        String name = command.substring(command.lastIndexOf('/') + 1);
        return switch (name) {
            case "mariadbd", "mysqld" -> "database";
            case "node" -> "chain node";
            case "java" -> "stream readers";
            default -> name;
        };
    }

    private static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return 0; // gone since listed
        }
    }

    private static long resident(long pid) {
        try {
            String[] f = Files.readString(Path.of("/proc", String.valueOf(pid), "statm")).trim().split(" ");
            return Long.parseLong(f[1]) * PAGE;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static double machineBusy() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            return (Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7])
                    + Long.parseLong(f[8])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        stopped = true;
        sampler.interrupt();
    }
}
