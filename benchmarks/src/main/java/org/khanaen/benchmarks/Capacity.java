package org.khanaen.benchmarks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a stretch of load cost the local cluster ({@code scripts/cluster}), per report: CPU of each kind of process
 * (from /proc, so the load generator in this JVM is not counted), the database's statements, rows written and
 * replicated write sets (each database node's global status), and the object store's requests by method (HAProxy's
 * log of the {@code s3} listener every S3 request goes through). Read before and after; the difference is the cost.
 */
final class Capacity {

    /** Clock ticks per second of /proc's CPU times: 100 on every Linux this runs on (USER_HZ). */
    private static final double TICKS = 100.0;
    private static final List<String> STATUS = List.of("Com_insert", "Com_update", "Com_delete", "Com_insert_select", "Com_replace",
            "Com_select", "Com_commit", "Handler_write", "Handler_update", "Handler_delete", "Innodb_os_log_written", "Innodb_data_fsyncs",
            "wsrep_replicated", "wsrep_replicated_bytes");
    /** Rows written by the storage engine (not temporary tables): on Galera each node writes every row, its own and applied. */
    private static final List<String> ROWS = List.of("Handler_write", "Handler_update", "Handler_delete");
    private static final Pattern S3_LINE = Pattern.compile(" s3 s3/s3proxy .*?\"([A-Z]+) ");

    /** CPU seconds by process ({@code app1}, {@code db2}, {@code s3}, {@code lb}); status by database node; log offset. */
    record Snapshot(Map<String, Double> cpu, Map<String, Map<String, Long>> status, long logOffset, long nanos) {
    }

    private final Path dir;
    private final List<String> databaseUrls;
    private final String user;
    private final String password;

    Capacity(Path clusterDir, String failoverUrl, String user, String password) {
        this.dir = clusterDir;
        this.databaseUrls = ClusterDrill.galeraUrls(failoverUrl);
        this.user = user;
        this.password = password;
    }

    Snapshot take() throws Exception {
        Map<String, Double> cpu = new TreeMap<>();
        try (var pids = Files.list(dir.resolve("run"))) {
            for (Path p : pids.filter(f -> f.toString().endsWith(".pid")).toList()) {
                String name = p.getFileName().toString().replace(".pid", "");
                cpuSeconds(Files.readString(p).strip()).ifPresent(s -> cpu.put(name, s));
            }
        }
        // the load generator (this JVM: the replay's clients, photos made and hashed) and the whole machine, to see
        // whether the machine, not the app, set the pace
        cpu.put("client", ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9);
        cpu.put("machine", machineBusySeconds());
        Map<String, Map<String, Long>> status = new LinkedHashMap<>();
        for (int i = 0; i < databaseUrls.size(); i++) {
            try (Connection c = DriverManager.getConnection(databaseUrls.get(i), user, password); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("show global status")) {
                Map<String, Long> values = new TreeMap<>();
                while (rs.next()) {
                    if (STATUS.contains(rs.getString(1))) {
                        values.put(rs.getString(1), Long.parseLong(rs.getString(2)));
                    }
                }
                status.put("db" + (i + 1), values);
            } catch (java.sql.SQLException e) {
                // a database node that is down has no figures: the rest still count
            }
        }
        Path log = dir.resolve("logs/lb.log");
        return new Snapshot(cpu, status, Files.exists(log) ? Files.size(log) : 0, System.nanoTime());
    }

    /** The cost of what happened between two snapshots, per report, as lines to print. */
    List<String> report(Snapshot before, Snapshot after, int reports) throws IOException {
        double n = Math.max(1, reports);
        double seconds = (after.nanos() - before.nanos()) / 1e9;
        Map<String, Double> cpuByKind = new TreeMap<>();
        after.cpu().forEach((process, s) -> cpuByKind.merge(process.replaceAll("^(app|db)\\d+$", "$1"), s - before.cpu().getOrDefault(process, s),
                Double::sum));
        Map<String, Long> db = new TreeMap<>();
        long rowsMax = 0;
        Map<String, Long> writesByNode = new TreeMap<>();
        long redoMax = 0;
        long fsyncsMax = 0;
        for (var e : after.status().entrySet()) {
            Map<String, Long> was = before.status().getOrDefault(e.getKey(), Map.of());
            e.getValue().forEach((k, v) -> db.merge(k, v - was.getOrDefault(k, v), Long::sum));
            long rows = 0;
            for (String k : ROWS) {
                rows += e.getValue().getOrDefault(k, 0L) - was.getOrDefault(k, e.getValue().getOrDefault(k, 0L));
            }
            rowsMax = Math.max(rowsMax, rows);
            long writes = 0;
            for (String k : List.of("Com_insert", "Com_update", "Com_delete", "Com_insert_select", "Com_replace")) {
                writes += e.getValue().getOrDefault(k, 0L) - was.getOrDefault(k, e.getValue().getOrDefault(k, 0L));
            }
            writesByNode.put(e.getKey(), writes);
            redoMax = Math.max(redoMax, e.getValue().getOrDefault("Innodb_os_log_written", 0L) - was.getOrDefault("Innodb_os_log_written", 0L));
            fsyncsMax = Math.max(fsyncsMax, e.getValue().getOrDefault("Innodb_data_fsyncs", 0L) - was.getOrDefault("Innodb_data_fsyncs", 0L));
        }
        Map<String, Long> s3 = s3Requests(before.logOffset(), after.logOffset());
        long statements = db.getOrDefault("Com_insert", 0L) + db.getOrDefault("Com_update", 0L) + db.getOrDefault("Com_delete", 0L)
                + db.getOrDefault("Com_insert_select", 0L) + db.getOrDefault("Com_replace", 0L);
        long s3All = s3.values().stream().mapToLong(Long::longValue).sum();
        return List.of(
                String.format("capacity over %.1f s, %,d reports: CPU-ms per report %s (cores busy on average: %s; of %d cores)", seconds,
                        reports, format(cpuByKind, v -> v * 1000 / n), format(cpuByKind, v -> v / seconds),
                        Runtime.getRuntime().availableProcessors()),
                String.format("database per report: %.1f writing statements (insert/update/delete; by node %s: on Galera each node also"
                        + " counts the writes it applies), %.1f selects, %.2f commits; on the busiest node %.1f rows written, %.0f bytes of redo log, %.2f fsyncs; %.2f write sets replicated (%.0f"
                        + " bytes); %s", statements / n, writesByNode.entrySet().stream()
                                .map(w -> String.format("%s %.1f", w.getKey(), w.getValue() / n)).reduce((a, b) -> a + ", " + b).orElse("-"),
                        db.getOrDefault("Com_select", 0L) / n, db.getOrDefault("Com_commit", 0L) / n, rowsMax / n,
                        redoMax / n, fsyncsMax / n, db.getOrDefault("wsrep_replicated", 0L) / n, db.getOrDefault("wsrep_replicated_bytes", 0L) / n,
                        after.status().size() + " database node(s) answered"),
                String.format("object store per report: %.2f requests (%s)", s3All / n, s3.entrySet().stream()
                        .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() / n)).reduce((a, b) -> a + ", " + b).orElse("none")));
    }

    private Map<String, Long> s3Requests(long from, long to) throws IOException {
        Map<String, Long> byMethod = new TreeMap<>();
        Path log = dir.resolve("logs/lb.log");
        if (!Files.exists(log) || to <= from) {
            return byMethod;
        }
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            f.seek(from);
            byte[] bytes = new byte[(int) (to - from)];
            f.readFully(bytes);
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                Matcher m = S3_LINE.matcher(line);
                if (m.find()) {
                    byMethod.merge(m.group(1), 1L, Long::sum);
                }
            }
        }
        return byMethod;
    }

    /**
     * CPU seconds so far of one node's processes, for the replay on the embedded database: this JVM (the app and the
     * replay's clients together), the database server it started (a child process) and the whole machine.
     */
    static Map<String, Double> oneNode() {
        Map<String, Double> cpu = new TreeMap<>();
        cpu.put("app and clients", ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9);
        ProcessHandle.current().descendants().filter(h -> h.info().command().orElse("").endsWith("mariadbd")).findFirst()
                .flatMap(h -> cpuSeconds(String.valueOf(h.pid()))).ifPresent(v -> cpu.put("database", v));
        cpu.put("machine", machineBusySeconds());
        return cpu;
    }

    /** CPU seconds so far of each of this JVM's live threads, by thread id (for {@link #threadsPerReport}). */
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

    /**
     * What this JVM's threads spent since {@code before}, per report, by what they do: to tell the app's work from the
     * replay's clients and the embedded photo bucket sharing the JVM. Threads that ended meanwhile are not counted, nor
     * the JVM's own (garbage collection, the JIT compiler: the process figure minus these, given as "JVM's own").
     */
    static String threadsPerReport(Map<Long, Double> before, double processBefore, int reports) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Double> spent = new TreeMap<>();
        for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
            long nanos = info == null ? -1 : mx.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                String name = info.getThreadName();
                // the web server's requests run on virtual threads: their CPU is their carriers'
                String group = name.startsWith("ForkJoinPool") ? "web requests (virtual threads' carriers)" : name.startsWith("S3Proxy") || name.startsWith("qtp") ? "photo bucket"
                        : name.startsWith("pool-") || name.startsWith("HttpClient") || name.startsWith("replay") ? "replay's clients"
                        : "app's other threads";
                spent.merge(group, nanos / 1e9 - before.getOrDefault(info.getThreadId(), 0.0), Double::sum);
            }
        }
        double listed = spent.values().stream().mapToDouble(Double::doubleValue).sum();
        spent.put("JVM's own and ended threads", ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9 - processBefore - listed);
        return "of the JVM, by threads, CPU-ms per report: " + format(spent, v -> v * 1000 / Math.max(1, reports));
    }

    /** What the stretch between two {@link #oneNode()} readings cost per report, as a line to print. */
    static String perReport(Map<String, Double> before, Map<String, Double> after, int reports, double seconds) {
        double n = Math.max(1, reports);
        Map<String, Double> spent = new TreeMap<>();
        after.forEach((k, v) -> spent.put(k, v - before.getOrDefault(k, v)));
        return String.format("CPU-ms per report over %.1f s, %,d reports: %s (cores busy on average: %s; of %d cores)", seconds, reports,
                format(spent, v -> v * 1000 / n), format(spent, v -> v / Math.max(seconds, 1e-9)), Runtime.getRuntime().availableProcessors());
    }

    /** CPU seconds every core of the machine spent busy (user, nice, system, irq, softirq, steal) since boot. */
    private static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7])
                    + Long.parseLong(f[8]);
            return busy / TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static java.util.Optional<Double> cpuSeconds(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the name: state is field 3, utime 14 and stime 15 (1-based over the whole line)
            return java.util.Optional.of((Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS);
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static String format(Map<String, Double> values, java.util.function.DoubleUnaryOperator f) {
        StringBuilder b = new StringBuilder();
        values.forEach((k, v) -> b.append(b.isEmpty() ? "" : ", ").append(k).append(' ').append(String.format("%.2f", f.applyAsDouble(v))));
        return b.toString();
    }
}
