package org.khanaen.benchmarks.rehearsal;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time and memory, from /proc (Linux), and this JVM's threads' CPU. */
final class ProcessFigures {

    private ProcessFigures() {
    }

    /** User and system CPU time of a process in ms (0 when unknown). */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // utime, stime in ticks of USER_HZ 100
        } catch (Exception e) {
            return 0;
        }
    }

    /** The most resident memory a process had (VmHWM) in KB (0 when unknown). */
    static long peakRssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
        } catch (Exception e) {
            return 0;
        }
    }

    /** This JVM's CPU time in ms: the app runs in it (and the in-JVM clients, counted apart by {@link #threadsCpuMillis}). */
    static long ownCpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
    }

    /**
     * CPU time in ms of this JVM's live threads named with one of the prefixes: the audience's own threads and the
     * JDK HTTP clients' selector threads (the app's servlet threads are named otherwise).
     */
    static long threadsCpuMillis(String... prefixes) {
        var threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && java.util.Arrays.stream(prefixes).anyMatch(info.getThreadName()::startsWith)) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1_000_000;
    }

    /** The machine's load averages (1, 5, 15 minutes), as /proc/loadavg gives them: the machine may be shared. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2] + " on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** The embedded database's CPU time in ms, when it is a child of this JVM (0 otherwise). */
    static long databaseCpuMillis() {
        return ProcessHandle.current().descendants().filter(h -> h.info().command().orElse("").endsWith("mariadbd")).findFirst()
                .map(h -> cpuMillis(h.pid())).orElse(0L);
    }
}
