package org.khanaen.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImports;
import org.khanaen.elections.StationPoint;

/**
 * Readers at national scale (issue 23): {@code --count} subscribers of the public results stream
 * ({@code /results/th-2566/stream}) opened together on one application node, then {@code --changes} changes, one
 * every {@code --every-ms}, and how long each took to reach every subscriber. {@code --count 200,2000,19500}: one
 * round after the other on the same node (each round's subscribers closed, and forgotten by the node, before the next).
 * <p>
 * Set-up: the 2023 election with every station verified (as the results-api bench), the application started as its
 * own JVM ({@code --heap}, default 2g), as a node runs. The subscribers are raw non-blocking sockets in
 * {@link SubscriberClient} processes of at most {@code --per-process} (9,000) connections each: the machine's file
 * descriptor limit (20,000 per process, hard) holds one side of each connection, so the clients cannot share a process
 * with the node, nor all 20,000 be in one process. A change is a station contest written again in the table (its
 * revision raised), as another node's decision arrives; the node takes it in (its change feed looks every 250 ms) and
 * hands it to the stream as a new version.
 * <p>
 * Measured: per subscriber, the time from opening to its first event; refused or failed connections; per
 * {@code stations} event received, the time from the change's moment on the node (the event's {@code at}, when the
 * version was made) to its receipt (one clock: the same machine); the node's CPU and heap while idle with every
 * subscriber and while the changes were sent.
 */
final class SubscribersBench {

    private static final String ELECTION = "th-2566";

    private final Server server;
    private final List<Integer> counts;
    private final int changes;
    private final int everyMillis;
    private final int perProcess;
    private final String heap;
    private final boolean national;

    SubscribersBench(Server server, Map<String, String> options) {
        this.server = server;
        this.counts = java.util.Arrays.stream(options.getOrDefault("count", "200").split(",")).map(String::strip).map(Integer::valueOf).toList();
        this.changes = Integer.parseInt(options.getOrDefault("changes", "20"));
        this.everyMillis = Integer.parseInt(options.getOrDefault("every-ms", "1000"));
        this.perProcess = Integer.parseInt(options.getOrDefault("per-process", "9000"));
        this.heap = options.getOrDefault("heap", "2g");
        this.national = Boolean.parseBoolean(options.getOrDefault("national", "false"));
    }

    void run() throws Exception {
        server.describeAndMeasure();
        String url = server.freshSchema("bench_subscribers");
        List<StationPoint> stations;
        try {
            try (var app = server.startApp(url)) {
                app.getBean(ElectionImports.class).importBuiltIn(ELECTION);
                ElectionCatalog catalog = app.getBean(ElectionCatalog.class);
                stations = catalog.stationPoints(ELECTION);
                new ResultsApiBench(server, 0, 0).verifyEverything(url, catalog, stations);
                System.out.printf("set-up: %,d stations × 2 contests verified%n", stations.size());
            }
            try (ChildApp node = new ChildApp(server, url, List.of(),
                    List.of("-Xmx" + heap, "-XX:+UseG1GC"))) {
                System.out.printf("node started in %.0f s (-Xmx%s)%n", node.start(), heap);
                String path = "/results/" + ELECTION + "/stream" + (national ? "?national=true" : "");
                // the live tally is built when first asked for (about a second): asked once here, as any reader would have
                var http = java.net.http.HttpClient.newHttpClient();
                var page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.base() + "/results/" + ELECTION)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                System.out.printf("national page: %d, %,d bytes, Cache-Control: %s%n", page.statusCode(), page.body().length,
                        page.headers().firstValue("Cache-Control").orElse("-"));
                int[] touched = { 0 };
                for (int count : counts) {
                    round(node, url, stations, path, count, touched);
                }
            }
        } finally {
            server.drop(url);
        }
    }

    /** One round: {@code count} subscribers opened together, idle, changed, measured; then closed and forgotten by the node. */
    private void round(ChildApp node, String url, List<StationPoint> stations, String path, int count, int[] touched) throws Exception {
        long pid = node.pid();
        System.out.printf("%n--- %,d subscribers (node: %,d file descriptors open before; load average %s) ---%n", count, fds(pid),
                Files.readString(Path.of("/proc/loadavg")).strip());
        Sample idleStart = Sample.of(pid, true);
        int processes = (count + perProcess - 1) / perProcess;
        List<Client> clients = new ArrayList<>();
        long opening = System.nanoTime();
        for (int p = 0; p < processes; p++) {
            int n = Math.min(perProcess, count - p * perProcess);
            clients.add(Client.start(node.port, path, n));
        }
        int opened = 0, failed = 0;
        for (Client c : clients) {
            String[] ready = c.awaitReady();
            opened += Integer.parseInt(ready[1]);
            failed += Integer.parseInt(ready[2]);
        }
        double openSeconds = (System.nanoTime() - opening) / 1e9;
        System.out.printf("%,d subscribers in %d client process(es): %,d with their first event, %,d failed, all in %.1f s;"
                + " node file descriptors %,d%n", count, processes, opened, failed, openSeconds, fds(pid));
        Sample open = Sample.of(pid, true);
        Thread.sleep(10_000);
        Sample idle = Sample.of(pid, false);
        Instant[] written = new Instant[changes];
        try (Connection c = server.connect(url); PreparedStatement touch = c.prepareStatement(
                "update station_contest set revision = revision + 1, updated_at = ? where station_id = ? and contest_code = 'party-list'")) {
            for (int i = 0; i < changes; i++) {
                long next = System.nanoTime() + everyMillis * 1_000_000L;
                written[i] = Instant.now();
                touch(touch, stations, touched, written[i]);
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            }
            Thread.sleep(5_000);
            Sample changed = Sample.of(pid, false);
            long clientsCpu = 0;
            for (Client client : clients) {
                clientsCpu += Sample.of(client.process().pid(), false).cpuMillis();
            }
            System.out.printf("the subscribers' own processes used %.1f s of CPU in all (on the same 2 cores as the node)%n", clientsCpu / 1000.0);
            List<Path> files = new ArrayList<>();
            for (Client client : clients) {
                files.add(client.stop());
            }
            report(count, files, written, idleStart, open, idle, changed, openSeconds);
            // the node notices a closed stream when it writes to it a second time (the first write is answered by a
            // reset): two more changes, and a moment; without that the next round found this one's sockets still open
            for (int i = 0; i < 2; i++) {
                touch(touch, stations, touched, Instant.now());
                Thread.sleep(1_500);
            }
            Thread.sleep(3_000);
            System.out.printf("node file descriptors after the subscribers left: %,d%n", fds(pid));
        }
    }

    private static void touch(PreparedStatement touch, List<StationPoint> stations, int[] touched, Instant at) throws Exception {
        touch.setTimestamp(1, Timestamp.from(at));
        touch.setLong(2, stations.get((touched[0]++ * 997) % stations.size()).id());
        touch.executeUpdate();
    }

    private static long fds(long pid) {
        try (var list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return list.count();
        } catch (Exception e) {
            return -1;
        }
    }

    private void report(int count, List<Path> files, Instant[] written, Sample before, Sample open, Sample idle, Sample changed, double openSeconds)
            throws Exception {
        List<Long> first = new ArrayList<>();
        Map<String, Integer> failures = new TreeMap<>();
        List<Long> delivery = new ArrayList<>();
        List<Long> endToEnd = new ArrayList<>();
        long events = 0, merged = 0, connections = 0, endedByServer = 0;
        long[] writtenMicros = Arrays.stream(written).mapToLong(w -> w.getEpochSecond() * 1_000_000 + w.getNano() / 1000).toArray();
        java.util.Set<Long> versions = new java.util.TreeSet<>();
        Map<String, Long> newest = new java.util.HashMap<>(); // per subscriber, the newest version it was sent
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                String[] p = line.split(" ");
                if (p[0].equals("c")) {
                    connections++;
                    long micros = Long.parseLong(p[1]);
                    if (micros >= 0 && p[2].equals("200")) {
                        first.add(micros);
                    } else {
                        failures.merge(p[2] + " " + p[4], 1, Integer::sum);
                    }
                    if (p[3].equals("1") && micros >= 0) {
                        endedByServer++;
                    }
                } else {
                    long version = Long.parseLong(p[2]), from = Long.parseLong(p[3]), at = Long.parseLong(p[4]), got = Long.parseLong(p[5]);
                    newest.merge(f + "|" + p[1], version, Math::max);
                    events++;
                    if (from != version) {
                        merged++;
                    }
                    versions.add(version);
                    delivery.add(Math.max(0, got - at));
                    // from the first change written before this version was made, not yet in an earlier version's event: at
                    // most as old as the oldest write newer than the previous version (approximated by the newest write
                    // before at)
                    long write = -1;
                    for (long w : writtenMicros) {
                        if (w <= at) {
                            write = w;
                        }
                    }
                    if (write >= 0) {
                        endToEnd.add(got - write);
                    }
                }
            }
            Files.deleteIfExists(f);
        }
        long[] firstSorted = first.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] deliverySorted = delivery.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] endSorted = endToEnd.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.println("load average after the changes (the machine is shared): " + Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.printf("connections: %,d, first event received by %,d; failed: %s; ended by the server meanwhile: %,d%n", connections,
                firstSorted.length, failures.isEmpty() ? "none" : failures, endedByServer);
        System.out.printf("first event after opening: p50 %s, p95 %s, p99 %s, max %s%n", ms(firstSorted, 50), ms(firstSorted, 95),
                ms(firstSorted, 99), ms(firstSorted, 100));
        System.out.printf("stations events received: %,d (%,d versions; %,d merged from several changes); expected about %,d%n", events,
                versions.size(), merged, (long) written.length * firstSorted.length);
        long last = versions.stream().mapToLong(Long::longValue).max().orElse(-1);
        System.out.printf("subscribers that received the last version (%d): %,d of %,d with a first event%n", last,
                newest.values().stream().filter(v -> v == last).count(), firstSorted.length);
        System.out.printf("delivery, the version made on the node → received: p50 %s, p95 %s, p99 %s, max %s%n", ms(deliverySorted, 50),
                ms(deliverySorted, 95), ms(deliverySorted, 99), ms(deliverySorted, 100));
        System.out.printf("written to the table → received (with the node's change feed, 250 ms looks): p50 %s, p95 %s, p99 %s%n",
                ms(endSorted, 50), ms(endSorted, 95), ms(endSorted, 99));
        System.out.printf("node: CPU %.1f s while %,d opened (%.1f s); idle with them %.1f%% of a core; while changing %.1f%% of a core;"
                + " heap used %s → %s with the subscribers (%s per subscriber), RSS %,d MB%n",
                (open.cpuMillis - before.cpuMillis) / 1000.0, firstSorted.length, openSeconds,
                100.0 * (idle.cpuMillis - open.cpuMillis) / (idle.at - open.at), 100.0 * (changed.cpuMillis - idle.cpuMillis) / (changed.at - idle.at),
                mb(before.heapKb), mb(open.heapKb), firstSorted.length == 0 ? "-" : String.format("%.1f KB",
                        (open.heapKb - before.heapKb) / (double) firstSorted.length), idle.rssKb / 1024);
        System.out.printf("%n| %s | subscribers %,d | first event p50 %s, p99 %s; %,d failed | delivery p50 %s, p95 %s, **p99 %s** (%,d events)"
                + " | node CPU idle %.0f%%, changing %.0f%% of a core; heap +%s |%n", java.time.LocalDate.now(), count, ms(firstSorted, 50),
                ms(firstSorted, 99), count - firstSorted.length, ms(deliverySorted, 50), ms(deliverySorted, 95), ms(deliverySorted, 99), events,
                100.0 * (idle.cpuMillis - open.cpuMillis) / (idle.at - open.at), 100.0 * (changed.cpuMillis - idle.cpuMillis) / (changed.at - idle.at),
                mb(open.heapKb - before.heapKb));
    }

    private static String mb(long kb) {
        return String.format("%,d MB", kb / 1024);
    }

    private static String ms(long[] sortedMicros, int p) {
        if (sortedMicros.length == 0) {
            return "-";
        }
        long v = sortedMicros[Math.min(sortedMicros.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1))];
        return v >= 10_000 ? String.format("%,.0f ms", v / 1000.0) : String.format("%.1f ms", v / 1000.0);
    }

    /** The node process's CPU time (ms), heap used (KB, after a GC: what the subscribers hold) and RSS at a moment. */
    record Sample(long at, long cpuMillis, long heapKb, long rssKb) {

        /** @param heap whether to measure the heap too (a full GC first, which takes the node's CPU: done before the CPU is read) */
        static Sample of(long pid, boolean heap) throws Exception {
            long heapKb = heap ? heapUsedKb(pid) : -1;
            long at = System.currentTimeMillis();
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            long cpu = ticks * 10; // USER_HZ 100
            long rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
            return new Sample(at, cpu, heapKb, rss);
        }

        /** jcmd's GC.heap_info after a full GC (GC.run): the live heap. */
        private static long heapUsedKb(long pid) throws Exception {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            new ProcessBuilder(jcmd, String.valueOf(pid), "GC.run").redirectErrorStream(true).start().waitFor();
            Process p = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            var m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }
    }

    /** A {@link SubscriberClient} process. */
    record Client(Process process, BufferedReader out, PrintWriter in, Path file) {

        static Client start(int port, String path, int n) throws Exception {
            Path file = Files.createTempFile("khanaen-subscribers-", ".txt");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-XX:+UseSerialGC",
                    "-cp", ChildApp.classPath(), SubscriberClient.class.getName(), "127.0.0.1", String.valueOf(port), path, String.valueOf(n),
                    file.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            return new Client(p, new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)),
                    new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8), file);
        }

        String[] awaitReady() throws Exception {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("READY")) {
                    return line.split(" ");
                }
                System.out.println("client: " + line);
            }
            throw new IllegalStateException("a subscriber client stopped (exit " + process.waitFor() + ")");
        }

        Path stop() throws Exception {
            in.println("STOP");
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("DONE")) {
                    break;
                }
            }
            process.waitFor();
            return file;
        }
    }
}
