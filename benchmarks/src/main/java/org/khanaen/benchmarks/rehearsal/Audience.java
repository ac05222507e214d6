package org.khanaen.benchmarks.rehearsal;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The public watching the night: readers of the public stream (in client processes of their own), people reading the
 * results pages, and the newsrooms polling the media API and the ECT feed. Started when the night's reports start,
 * stopped when they are done; {@link #stop()} gives what was measured. {@link #originLoad} is a separate short phase:
 * what readers cost the app, with and without a CDN in front.
 */
public final class Audience implements AutoCloseable {

    /**
     * @param streamReaders readers of {@code /results/{id}/stream}, in processes of at most {@code perProcess}
     * @param pageReaders   people reading the national page and a place's page every {@code pageEvery}
     * @param newsrooms     media clients polling the national JSON and the ECT feed every {@code newsroomEvery}
     */
    public record Options(int streamReaders, int perProcess, int pageReaders, Duration pageEvery, int newsrooms, Duration newsroomEvery) {

        public static Options defaults() {
            return new Options(5_000, 5_000, 300, Duration.ofSeconds(10), 34, Duration.ofSeconds(5));
        }
    }

    private final ExecutorService[] httpPool = new ExecutorService[1];
    private final HttpClient http = Fetch.client("audience-http", 8, httpPool);
    private final long started = System.nanoTime();
    private final long cpuAtStart = ProcessFigures.ownCpuMillis();
    private ReferenceListener reference;
    private StreamReaders streams;
    private PageReaders pages;
    private Newsrooms newsrooms;
    private boolean stopped;

    private Audience() {
    }

    /** Opens the readers (stream readers in client processes of their own) and starts the page readers and newsrooms. */
    public static Audience start(URI base, String electionId, String mediaKey, Options o) throws Exception {
        return start(base, electionId, mediaKey, o, false);
    }

    /**
     * As {@link #start(URI, String, String, Options)}; {@code pagesThroughCdn}: the page readers come through a CDN
     * honouring the pages' caching headers, as the public would on the night (straight at the app, each reader's 200
     * is a page rendered: a few hundred readers are more than two shared cores render, see {@link #originLoad}).
     */
    public static Audience start(URI base, String electionId, String mediaKey, Options o, boolean pagesThroughCdn) throws Exception {
        Audience a = new Audience();
        try {
            a.reference = ReferenceListener.open(base, electionId);
            List<URI> places = Fetch.places(a.http, base, electionId);
            if (o.streamReaders() > 0) {
                a.streams = StreamReaders.open(base, electionId, o.streamReaders(), o.perProcess());
            }
            if (o.pageReaders() > 0) {
                a.pages = PageReaders.start(a.http, base, electionId, places, o.pageReaders(), o.pageEvery(), pagesThroughCdn);
            }
            if (o.newsrooms() > 0) {
                a.newsrooms = Newsrooms.start(a.http, base, electionId, mediaKey, a.reference, o.newsrooms(), o.newsroomEvery());
            }
        } catch (Exception e) {
            a.close();
            throw e;
        }
        return a;
    }

    /** Closes everything and returns what was measured during the night. */
    public List<Figures> stop() {
        List<Figures> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            // the clients in this JVM, before they stop: what they cost (the app's CPU is the rest of this JVM's)
            long ownCpu = ProcessFigures.ownCpuMillis() - cpuAtStart;
            long clientsCpu = ProcessFigures.threadsCpuMillis("audience-", "HttpClient-");
            if (pages != null) {
                out.addAll(pages.stop());
            }
            if (newsrooms != null) {
                out.addAll(newsrooms.stop());
            }
            if (streams != null) {
                // a change made just before the end still reaches the readers: the newest has been here 3 s (10 s at most)
                long until = System.nanoTime() + 10_000_000_000L;
                while (System.nanoTime() < Math.min(until, reference.newestReceivedNanos() + 3_000_000_000L)) {
                    Thread.sleep(100);
                }
                out.add(streams.stop(reference.newest(), reference.eventsReceived()));
                streams = null;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            out.add(Figures.of("audience: the reference reader (one stream reader in this JVM)", seconds, reference.eventsReceived(),
                    "stations events", reference.delivery(), List.of(String.format("the newest version received: %d; delivery = the version"
                            + " made on the node (its at) → received here", reference.newest()),
                            String.format("the page readers and newsrooms in this JVM used %.1f s of CPU (%.1f%% of a core) of this JVM's %.1f s"
                                    + " (the app's and theirs)", clientsCpu / 1000.0, 100.0 * clientsCpu / 1000 / seconds, ownCpu / 1000.0),
                            "load average at the end: " + ProcessFigures.loadAverage()),
                    reference.eventsReceived() == 0 ? List.of("the reference reader received no change: nothing changed, or the stream failed")
                            : List.of()));
        } catch (Exception e) {
            problems.add("the audience did not stop cleanly: " + e);
            out.add(Figures.of("audience", 0, 0, "", null, List.of(), problems));
        } finally {
            close();
        }
        return out;
    }

    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (pages != null) {
            pages.close(); // after stop() already stopped: nothing left to do
        }
        if (newsrooms != null) {
            newsrooms.close();
        }
        if (streams != null) {
            streams.close();
        }
        if (reference != null) {
            reference.close();
        }
        http.shutdownNow();
        httpPool[0].shutdownNow();
    }

    /**
     * A separate short phase: {@code readers} readers for {@code duration} against the app, nothing else running: the
     * origin's load per 1,000 readers (app CPU-ms/s, requests/s, bytes/s), with and without honouring the cache headers as
     * a CDN would (max-age/s-maxage/ETag/stale-while-revalidate of /results pages and feeds). Takes about
     * 2 × (duration + 10 s): each way is warmed by one round of reads first. {@code mediaKey} is not used: the media API
     * is {@code private} (no CDN keeps it) and its newsrooms do not grow with the readers.
     */
    public static Figures originLoad(URI base, String electionId, String mediaKey, int readers, Duration duration) throws Exception {
        return OriginLoad.run(base, electionId, readers, duration, null);
    }

    /**
     * As {@link #originLoad(URI, String, String, int, Duration)}, with {@code change} run every second meanwhile (e.g. a
     * station contest written again): the pages' ETags change as on the night, so readers get 200s rather than 304s.
     */
    public static Figures originLoad(URI base, String electionId, String mediaKey, int readers, Duration duration, Runnable change)
            throws Exception {
        return OriginLoad.run(base, electionId, readers, duration, change);
    }
}
