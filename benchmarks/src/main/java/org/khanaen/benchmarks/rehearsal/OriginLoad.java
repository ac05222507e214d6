package org.khanaen.benchmarks.rehearsal;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The origin's load per 1,000 readers ({@link Audience#originLoad}): {@code readers} people reading the public pages
 * (every {@value #PAGE_EVERY_S} s the national page and a province or constituency page, with their ETags) and, one
 * per hundred readers, an app or site polling the ECT feed's two results files every {@value #FEED_EVERY_S} s; first
 * straight at the app, then through a {@link SharedCache} honouring the answers' caching headers as a CDN would. Each
 * phase starts with one round unmeasured (everyone's first read), then is measured for {@code duration}: requests and
 * bytes that reached the app, and the app's CPU (this JVM's, less the threads of these readers and the HTTP client).
 */
final class OriginLoad {

    static final int PAGE_EVERY_S = 10;
    static final int FEED_EVERY_S = 5;

    /** How a reader's request is made: straight (with the reader's ETag) or through the edge. */
    private interface Way {
        Fetch.Answer get(URI uri, String etag) throws Exception;
    }

    /** What one phase measured. */
    /** @param failures what the origin answered other than 200/304 over the whole phase (its first round and its end too) */
    record Phase(String name, double seconds, Tally origin, long appCpuMillis, long clientsCpuMillis, long databaseCpuMillis, long[] readerMicros,
            Map<String, Long> failures) {
    }

    private OriginLoad() {
    }

    static Figures run(URI base, String electionId, int readers, Duration duration, Runnable change) throws Exception {
        ExecutorService[] pool = new ExecutorService[1];
        HttpClient http = Fetch.client("audience-origin-http", 8, pool);
        List<String> notes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Phase direct, cdn;
        List<URI> places;
        try {
            places = Fetch.places(http, base, electionId);
            Tally straight = new Tally();
            direct = phase("without a CDN", base, electionId, places, readers, duration, change, (uri, etag) -> {
                Fetch.Answer a = Fetch.get(http, uri, etag);
                straight.answered(a.status(), a.body().length, a.micros());
                return a;
            }, straight);
            ExecutorService background = Executors.newFixedThreadPool(4, named("audience-origin-revalidate"));
            try {
                SharedCache cache = new SharedCache(http, background);
                cdn = phase("through a CDN", base, electionId, places, readers, duration, change, (uri, etag) -> cache.get(uri), cache.origin);
            } finally {
                background.shutdownNow();
            }
        } finally {
            http.shutdownNow();
            pool[0].shutdownNow();
        }
        double per = readers / 1000.0;
        notes.add(String.format("%,d readers (pages every %d s) and %,d feed pollers (both ECT results files every %d s), %s",
                readers, PAGE_EVERY_S, Math.max(1, readers / 100), FEED_EVERY_S, change == null ? "the results unchanged meanwhile"
                        : "a change to the results every second"));
        for (Phase p : List.of(direct, cdn)) {
            notes.add(String.format("%s: %,.1f requests/s reaching the app (%s), %s/s; app %,.0f CPU-ms/s (%,.0f per request), database"
                    + " %,.0f CPU-ms/s; per 1,000"
                    + " readers: %,.1f requests/s, %s/s, app %,.0f CPU-ms/s; the readers' own threads %,.0f CPU-ms/s (counted apart)", p.name(),
                    p.origin().requests() / p.seconds(), p.origin().answers(), Tally.megabytes((long) (p.origin().bytes.get() / p.seconds())),
                    p.appCpuMillis() / p.seconds(), p.appCpuMillis() / (double) Math.max(1, p.origin().requests()),
                    p.databaseCpuMillis() / p.seconds(), p.origin().requests() / p.seconds() / per,
                    Tally.megabytes((long) (p.origin().bytes.get() / p.seconds() / per)), p.appCpuMillis() / p.seconds() / per,
                    p.clientsCpuMillis() / p.seconds()));
            if (!p.failures().isEmpty()) {
                // straight at the app is the case a CDN exists for: its overload is a figure; through the CDN it is a problem
                (p == cdn ? problems : notes).add(String.format("origin load %s: answers other than 200/304 (first round and end included): %s",
                        p.name(), p.failures()));
            }
        }
        notes.add(String.format("through a CDN the app's share does not grow with the readers: at most about one fetch per address and"
                + " max-age (%,d addresses: the national page, %,d places, 2 feed files; 5 s): ~%,.0f requests/s however many read",
                places.size() + 3, places.size(), (places.size() + 3) / 5.0));
        notes.add("load average at the end: " + ProcessFigures.loadAverage());
        notes.add("the stream readers are not in this phase (their cost is the night's stream figures); the app's GC for these"
                + " readers' allocations counts as the app's");
        return Figures.of("audience: origin load per 1,000 readers", direct.seconds() + cdn.seconds(),
                direct.origin().requests() + cdn.origin().requests(), "requests reaching the app", direct.readerMicros(), notes, problems);
    }

    private static Phase phase(String name, URI base, String electionId, List<URI> places, int readers, Duration duration, Runnable change,
            Way way, Tally origin) throws Exception {
        boolean[] measuring = { false };
        Tally readerSide = new Tally();
        // a thread each, as in PageReaders: a slow answer holds up its own reader only
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(Math.max(1, Math.min(2_000, readers + readers / 100 + 1)),
                named("audience-origin"));
        try {
            URI national = base.resolve("/results/" + electionId);
            List<URI> feeds = List.of(base.resolve("/ect/" + electionId + "/records/stats_cons.json"),
                    base.resolve("/ect/" + electionId + "/records/stats_party.json"));
            SplittableRandom random = new SplittableRandom(1000);
            for (int i = 0; i < readers; i++) {
                SplittableRandom own = random.split();
                Map<URI, String> etags = new HashMap<>();
                URI[] place = { places.get(own.nextInt(places.size())) };
                timer.scheduleAtFixedRate(() -> {
                    if (own.nextInt(5) == 0) {
                        place[0] = places.get(own.nextInt(places.size()));
                    }
                    read(way, national, etags, origin, readerSide, measuring[0]);
                    read(way, place[0], etags, origin, readerSide, measuring[0]);
                }, random.nextLong(PAGE_EVERY_S * 1000L), PAGE_EVERY_S * 1000L, TimeUnit.MILLISECONDS);
            }
            for (int i = 0; i < Math.max(1, readers / 100); i++) {
                Map<URI, String> etags = new HashMap<>();
                timer.scheduleAtFixedRate(() -> feeds.forEach(f -> read(way, f, etags, origin, readerSide, measuring[0])),
                        random.nextLong(FEED_EVERY_S * 1000L), FEED_EVERY_S * 1000L, TimeUnit.MILLISECONDS);
            }
            if (change != null) {
                timer.scheduleAtFixedRate(change, 0, 1, TimeUnit.SECONDS);
            }
            Thread.sleep(PAGE_EVERY_S * 1000L); // everyone's first read, unmeasured
            Map<String, Long> others0 = new HashMap<>();
            origin.others.forEach((k, v) -> others0.put(k, v.get()));
            long bytes0 = origin.bytes.get(), ok0 = origin.ok.get(), nm0 = origin.notModified.get();
            long cpu0 = ProcessFigures.ownCpuMillis(), clients0 = ProcessFigures.threadsCpuMillis("audience-", "HttpClient-"),
                    db0 = ProcessFigures.databaseCpuMillis(), t0 = System.nanoTime();
            measuring[0] = true;
            Thread.sleep(duration.toMillis());
            measuring[0] = false;
            long cpu1 = ProcessFigures.ownCpuMillis(), clients1 = ProcessFigures.threadsCpuMillis("audience-", "HttpClient-"),
                    db1 = ProcessFigures.databaseCpuMillis();
            double seconds = (System.nanoTime() - t0) / 1e9;
            Tally measured = new Tally(); // the origin's answers within the measured stretch
            measured.ok.set(origin.ok.get() - ok0);
            measured.notModified.set(origin.notModified.get() - nm0);
            measured.bytes.set(origin.bytes.get() - bytes0);
            origin.others.forEach((k, v) -> {
                long n = v.get() - others0.getOrDefault(k, 0L);
                if (n > 0) {
                    measured.others.put(k, new java.util.concurrent.atomic.AtomicLong(n));
                }
            });
            long[] readerMicros = readerSide.latencies.toArray();
            stop(timer); // the requests under way are answered (or fail) before the failures are counted
            Map<String, Long> failures = new java.util.TreeMap<>();
            origin.others.forEach((k, v) -> failures.put(k, v.get()));
            return new Phase(name, seconds, measured, (cpu1 - cpu0) - (clients1 - clients0), clients1 - clients0, db1 - db0, readerMicros,
                    failures);
        } finally {
            stop(timer);
        }
    }

    private static void stop(ScheduledExecutorService timer) throws InterruptedException {
        timer.shutdown();
        if (!timer.awaitTermination(60, TimeUnit.SECONDS)) {
            timer.shutdownNow();
        }
    }

    /** One reader's request; the origin's tally is kept by the way (straight, or the edge's fetches). */
    private static void read(Way way, URI uri, Map<URI, String> etags, Tally origin, Tally readerSide, boolean measuring) {
        try {
            Fetch.Answer a = way.get(uri, etags.get(uri));
            if (a.status() == 200 && a.etag() != null) {
                etags.put(uri, a.etag());
            }
            if (measuring) {
                readerSide.answered(a.status(), a.body().length, a.micros());
            }
        } catch (Exception e) {
            origin.failed(e);
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> Thread.ofPlatform().daemon().name(prefix + "-" + n.incrementAndGet()).unstarted(r);
    }
}
