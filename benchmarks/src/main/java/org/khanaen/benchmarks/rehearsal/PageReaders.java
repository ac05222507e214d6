package org.khanaen.benchmarks.rehearsal;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * People reading the public results pages as a browser does: every {@code every} the national page and a province or
 * constituency page, each asked again with the ETag the browser kept (304 when nothing changed), now and then moving
 * to another place (a page they have not seen: 200). No CDN in front: every read reaches the app.
 */
final class PageReaders {

    private final ScheduledExecutorService timer;
    private final Tally national = new Tally(), places = new Tally();
    private final long started = System.nanoTime();
    private final int readers;
    private final Duration every;
    /** The CDN's edge in front, or null: straight at the app. */
    private final SharedCache edge;
    private final java.util.concurrent.ExecutorService revalidations;

    private PageReaders(HttpClient http, int readers, Duration every, boolean throughCdn) {
        this.readers = readers;
        this.every = every;
        AtomicInteger k = new AtomicInteger();
        this.revalidations = throughCdn ? Executors.newFixedThreadPool(4,
                t -> Thread.ofPlatform().daemon().name("audience-pages-revalidate-" + k.incrementAndGet()).unstarted(t)) : null;
        this.edge = throughCdn ? new SharedCache(http, revalidations) : null;
        AtomicInteger n = new AtomicInteger();
        // a thread each (platform threads: their CPU is counted apart from the app's): a slow page holds up only its own
        // reader, who reads again once it has come, as a person does; a shared few threads would queue everyone behind it
        this.timer = Executors.newScheduledThreadPool(Math.max(1, Math.min(2_000, readers)),
                r -> Thread.ofPlatform().daemon().name("audience-pages-" + n.incrementAndGet()).unstarted(r));
    }

    /** @param throughCdn through a {@link SharedCache} (a CDN honouring the pages' caching headers), as the public comes on the night */
    static PageReaders start(HttpClient http, URI base, String electionId, List<URI> placePages, int readers, Duration every,
            boolean throughCdn) {
        PageReaders p = new PageReaders(http, readers, every, throughCdn);
        URI nationalPage = base.resolve("/results/" + electionId);
        SplittableRandom random = new SplittableRandom(23);
        for (int i = 0; i < readers; i++) {
            Reader reader = new Reader(http, p.edge, nationalPage, placePages, random.split(), p.national, p.places);
            // spread over the period, as people arrive at their own moments
            p.timer.scheduleAtFixedRate(reader::read, random.nextLong(Math.max(1, every.toMillis())), every.toMillis(), TimeUnit.MILLISECONDS);
        }
        return p;
    }

    /** One reader: the ETags their browser kept, the place they look at. */
    private static final class Reader {

        private final HttpClient http;
        private final SharedCache edge;
        private final URI nationalPage;
        private final List<URI> placePages;
        private final SplittableRandom random;
        private final Tally national, places;
        private final java.util.Map<URI, String> etags = new java.util.HashMap<>();
        private URI place;

        Reader(HttpClient http, SharedCache edge, URI nationalPage, List<URI> placePages, SplittableRandom random, Tally national,
                Tally places) {
            this.http = http;
            this.edge = edge;
            this.nationalPage = nationalPage;
            this.placePages = placePages;
            this.random = random;
            this.national = national;
            this.places = places;
            this.place = placePages.get(random.nextInt(placePages.size()));
        }

        void read() {
            if (random.nextInt(5) == 0) { // one in five looks at another place this time
                place = placePages.get(random.nextInt(placePages.size()));
            }
            read(nationalPage, national);
            read(place, places);
        }

        private void read(URI page, Tally tally) {
            try {
                long t = System.nanoTime();
                Fetch.Answer a = edge != null ? edge.get(page, "Accept", "text/html") : Fetch.get(http, page, etags.get(page), "Accept", "text/html");
                tally.answered(a.status(), a.body().length, (System.nanoTime() - t) / 1000);
                if (a.status() == 200 && a.etag() != null) {
                    etags.put(page, a.etag());
                }
            } catch (Exception e) {
                tally.failed(e);
            }
        }
    }

    /** Stops at once, nothing counted (the night failed before its end). */
    void close() {
        timer.shutdownNow();
        if (revalidations != null) {
            revalidations.shutdownNow();
        }
    }

    List<Figures> stop() throws InterruptedException {
        timer.shutdown(); // no new rounds; a round under way ends (interrupted, its request would count as failed)
        if (!timer.awaitTermination(60, TimeUnit.SECONDS)) {
            timer.shutdownNow();
        }
        if (revalidations != null) {
            revalidations.shutdown();
            revalidations.awaitTermination(30, TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Figures> out = new ArrayList<>();
        for (var kind : List.of(java.util.Map.entry("national page", national), java.util.Map.entry("province and constituency pages", places))) {
            Tally t = kind.getValue();
            List<String> notes = List.of(String.format("%,d readers, each every %d s, %s; %s", readers, every.toSeconds(), edge == null
                    ? "straight at the app (conditional GET with the ETag kept)" : "through a CDN (answers from the edge: 200)", t.answers()));
            List<String> problems = t.failed() > 0 ? List.of(String.format("page readers (%s) not answered 200/304: %s", kind.getKey(), t.others))
                    : List.of();
            out.add(Figures.of("audience: page readers, " + kind.getKey(), seconds, t.requests(), "reads", t.latencies.toArray(), notes,
                    problems));
        }
        if (edge != null) {
            Tally o = edge.origin;
            out.add(Figures.of("audience: page readers, what reached the app through the CDN", seconds, o.requests(), "requests",
                    o.latencies.toArray(), List.of(o.answers()), o.failed() > 0 ? List.of("the CDN's fetches of the pages not answered 200/304: "
                            + o.others) : List.of()));
        }
        return out;
    }
}
