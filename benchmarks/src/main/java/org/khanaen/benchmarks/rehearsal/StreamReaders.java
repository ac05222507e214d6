package org.khanaen.benchmarks.rehearsal;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.khanaen.benchmarks.SubscriberClient;

/**
 * The public stream's readers: {@link SubscriberClient} processes of raw sockets (a JVM thread or HTTP client per
 * reader would cost more than the node; and each process holds at most 20,000 file descriptors). They count the
 * events themselves; read at the end: opened, refused, dropped, events and the delivery of each (the version's moment
 * on the node, its {@code at}, to its receipt: one machine, one clock).
 */
final class StreamReaders implements AutoCloseable {

    private final int count;
    private final List<SubscriberClient.Handle> clients = new ArrayList<>();
    private final long started = System.nanoTime();
    private double openSeconds;
    private int opened, failed;

    private StreamReaders(int count) {
        this.count = count;
    }

    /** Opens {@code count} readers in processes of at most {@code perProcess}; returns when each has its first event or failed. */
    static StreamReaders open(URI base, String electionId, int count, int perProcess) throws Exception {
        StreamReaders r = new StreamReaders(count);
        try {
            for (int left = count; left > 0; left -= perProcess) {
                r.clients.add(SubscriberClient.Handle.start(base.getHost(), base.getPort(), "/results/" + electionId + "/stream",
                        Math.min(left, perProcess), "512m"));
            }
            for (SubscriberClient.Handle c : r.clients) {
                int[] ready = c.awaitReady();
                r.opened += ready[0];
                r.failed += ready[1];
            }
        } catch (Exception e) {
            r.close();
            throw e;
        }
        r.openSeconds = (System.nanoTime() - r.started) / 1e9;
        return r;
    }

    /**
     * Stops the processes and reads what they counted.
     *
     * @param newest the newest version on the stream (the reference listener's), to count who had it
     * @param referenceEvents the stations events the reference listener received, for comparison
     */
    Figures stop(long newest, long referenceEvents) throws Exception {
        double seconds = (System.nanoTime() - started) / 1e9;
        long cpuMillis = 0, peakRssKb = 0;
        for (SubscriberClient.Handle c : clients) {
            cpuMillis += ProcessFigures.cpuMillis(c.pid());
            peakRssKb += ProcessFigures.peakRssKb(c.pid());
        }
        long[] histogram = new long[120_001];
        long events = 0, merged = 0, maxMicros = 0, connections = 0, firstEvents = 0, dropped = 0, withNewest = 0, stillOpen = 0;
        List<Long> first = new ArrayList<>();
        Map<String, Integer> refused = new TreeMap<>(), drops = new TreeMap<>();
        for (SubscriberClient.Handle c : clients) {
            Path file = c.stop();
            for (String line : Files.readAllLines(file)) {
                String[] p = line.split(" ");
                switch (p[0]) {
                    case "c" -> {
                        connections++;
                        long micros = Long.parseLong(p[1]);
                        boolean closed = p[3].equals("1");
                        if (micros >= 0 && p[2].equals("200")) {
                            firstEvents++;
                            first.add(micros);
                            if (closed) {
                                dropped++;
                                drops.merge(p[4], 1, Integer::sum);
                            } else {
                                stillOpen++;
                                withNewest += Long.parseLong(p[5]) >= newest ? 1 : 0;
                            }
                        } else {
                            refused.merge(p[2] + " " + p[4], 1, Integer::sum);
                        }
                    }
                    case "h" -> histogram[Integer.parseInt(p[1])] += Long.parseLong(p[2]);
                    case "t" -> {
                        events += Long.parseLong(p[1]);
                        merged += Long.parseLong(p[2]);
                        maxMicros = Math.max(maxMicros, Long.parseLong(p[3]));
                    }
                    default -> throw new IllegalStateException("unexpected line from a reader client: " + line);
                }
            }
            Files.deleteIfExists(file);
        }
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        notes.add(String.format("%,d readers in %d client process(es): %,d opened (first event %s), %,d refused%s, all in %.1f s", count,
                clients.size(), firstEvents, Tally.spread(first.stream().mapToLong(Long::longValue).toArray()), connections - firstEvents,
                refused.isEmpty() ? "" : " " + refused, openSeconds));
        notes.add(String.format("dropped during the night: %,d%s", dropped, drops.isEmpty() ? "" : " " + drops));
        notes.add(String.format("stations events received: %,d (%,d merged from several versions); the reference reader received %,d;"
                + " readers still open with the newest (%d) at the end: %,d of %,d", events, merged, referenceEvents, newest, withNewest, stillOpen));
        notes.add(String.format("delivery = the version made on the node (its at) → received by the reader; max %,.0f ms", maxMicros / 1000.0));
        notes.add(String.format("the readers' processes: %.1f s of CPU (%.0f%% of a core), peak RSS %,d MB (on the same cores as the node)",
                cpuMillis / 1000.0, 100.0 * cpuMillis / 1000 / seconds, peakRssKb / 1024));
        if (connections - firstEvents > 0) {
            problems.add(String.format("stream readers refused: %,d of %,d", connections - firstEvents, connections));
        }
        if (dropped > firstEvents / 100) {
            problems.add(String.format("stream readers dropped: %,d of %,d opened", dropped, firstEvents));
        }
        if (newest >= 0 && withNewest < stillOpen) {
            problems.add(String.format("stream readers without the newest version (%d) at the end: %,d of %,d", newest, stillOpen - withNewest,
                    stillOpen));
        }
        clients.clear();
        return Figures.of("audience: stream readers", seconds, events, "stations events", sample(histogram, maxMicros), notes, problems);
    }

    /**
     * The delivery times as microseconds, from the clients' counts per millisecond (the middle of each), at most about a
     * million of them (each millisecond's share kept, and every millisecond that occurred at least once, the maximum exact).
     */
    static long[] sample(long[] histogram, long maxMicros) {
        long total = 0;
        for (long n : histogram) {
            total += n;
        }
        if (total == 0) {
            return new long[0];
        }
        double scale = Math.min(1.0, 1_000_000.0 / total);
        long[] out = new long[(int) Math.min(Integer.MAX_VALUE - 8, Math.round(total * scale) + histogram.length)];
        int n = 0, last = -1;
        for (int ms = 0; ms < histogram.length; ms++) {
            if (histogram[ms] > 0) {
                long k = Math.max(1, Math.round(histogram[ms] * scale));
                for (long i = 0; i < k; i++) {
                    out[n++] = ms * 1000L + 500;
                }
                last = n - 1;
            }
        }
        if (last >= 0 && maxMicros > 0) {
            out[last] = maxMicros;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    @Override
    public void close() {
        clients.forEach(SubscriberClient.Handle::close);
    }
}
