package org.khanaen.benchmarks.rehearsal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * One reader of the public stream in this JVM, kept as the yardstick of the night: every version it was sent, the
 * version's own moment (the event's {@code at}, when the node made it) and when it arrived here. The newsrooms' and
 * page readers' staleness is measured against it (how long the newest they held had been superseded on the stream).
 */
final class ReferenceListener implements AutoCloseable {

    private long[] versions = new long[1024];
    private long[] atMicros = new long[1024];
    private long[] receivedNanos = new long[1024];
    private int size;
    private volatile boolean closed;
    private final Thread reader;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(); // its own: shut down on close
    private final Figures.Latencies delivery = new Figures.Latencies();

    private ReferenceListener(URI stream) {
        this.reader = Thread.ofPlatform().daemon().name("audience-reference").start(() -> read(http, stream));
    }

    static ReferenceListener open(URI base, String electionId) {
        return new ReferenceListener(base.resolve("/results/" + electionId + "/stream"));
    }

    private void read(HttpClient http, URI stream) {
        while (!closed) {
            try {
                HttpResponse<Stream<String>> answer = http.send(HttpRequest.newBuilder(stream).header("Accept", "text/event-stream").build(),
                        HttpResponse.BodyHandlers.ofLines());
                try (Stream<String> lines = answer.body()) {
                    String[] event = { null };
                    lines.takeWhile(l -> !closed).forEach(line -> {
                        if (line.startsWith("event:")) {
                            event[0] = line.substring(6).strip();
                        } else if (line.startsWith("data:") && "stations".equals(event[0])) {
                            stations(line.substring(5));
                        }
                    });
                }
            } catch (Exception e) {
                if (!closed) {
                    sleep(); // the server closed it (too far behind) or is going away: open again, as a browser does
                }
            }
        }
    }

    private void stations(String data) {
        long got = System.nanoTime();
        Instant now = Instant.now();
        long version = number(data, "\"version\":");
        int at = data.indexOf("\"at\":\"");
        Instant when = Instant.parse(data.substring(at + 6, data.indexOf('"', at + 6)));
        long micros = when.getEpochSecond() * 1_000_000 + when.getNano() / 1000
                - Long.getLong(org.khanaen.benchmarks.SubscriberClient.CLOCK_AHEAD, 0) * 1000; // the app's clock may run ahead
        delivery.add(Math.max(0, now.getEpochSecond() * 1_000_000 + now.getNano() / 1000 - micros));
        synchronized (this) {
            if (size == versions.length) {
                versions = Arrays.copyOf(versions, size * 2);
                atMicros = Arrays.copyOf(atMicros, size * 2);
                receivedNanos = Arrays.copyOf(receivedNanos, size * 2);
            }
            versions[size] = version;
            atMicros[size] = micros;
            receivedNanos[size] = got;
            size++;
        }
    }

    /** The newest version received (-1 before any). */
    synchronized long newest() {
        return size == 0 ? -1 : versions[size - 1];
    }

    /** When the newest version arrived here (System.nanoTime; Long.MIN_VALUE before any). */
    synchronized long newestReceivedNanos() {
        return size == 0 ? Long.MIN_VALUE : receivedNanos[size - 1];
    }

    /** The stations events received (a sender behind by several versions sends them merged in one). */
    synchronized int eventsReceived() {
        return size;
    }

    /**
     * How long, at {@code nanos}, something holding {@code version} had been behind: since the first newer version
     * arrived here (0 if none had by then).
     */
    synchronized long behindMicros(long version, long nanos) {
        for (int i = 0; i < size; i++) { // versions rise: the first newer one
            if (versions[i] > version) {
                return receivedNanos[i] <= nanos ? (nanos - receivedNanos[i]) / 1000 : 0;
            }
        }
        return 0;
    }

    /**
     * As {@link #behindMicros} for something made at {@code madeMicros} (epoch), known to whole seconds only (a
     * Last-Modified header): versions made within that second count as held, so it may read up to a second short.
     */
    synchronized long behindMicrosOfMoment(long madeMicros, long nanos) {
        long heldUpTo = madeMicros + 999_999;
        for (int i = 0; i < size; i++) {
            if (atMicros[i] > heldUpTo) {
                return receivedNanos[i] <= nanos ? (nanos - receivedNanos[i]) / 1000 : 0;
            }
        }
        return 0;
    }

    /** The reference's own delivery: the version made on the node → received here. */
    long[] delivery() {
        return delivery.toArray();
    }

    private static long number(String data, String name) {
        int i = data.indexOf(name);
        if (i < 0) {
            return -1;
        }
        int j = i + name.length(), k = j;
        while (k < data.length() && (Character.isDigit(data.charAt(k)) || data.charAt(k) == '-')) {
            k++;
        }
        return Long.parseLong(data.substring(j, k));
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        http.shutdownNow(); // a stream read does not end by itself
        reader.interrupt();
    }
}
