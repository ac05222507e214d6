package org.khanaen.benchmarks.rehearsal;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.khanaen.benchmarks.SubscriberClient;

/**
 * The newsrooms' pollers: each, every {@code every}, the media API's national results (with the media key) and the
 * ECT feed's two results files, each with If-None-Match. Besides the answers: how stale what they held was, against the
 * {@link ReferenceListener} (how long the newest they had been superseded on the stream): the JSON by its
 * {@code version}, the feed's files by their Last-Modified (whole seconds, on the app's clock: brought to this
 * machine's, as the listener does the versions' times). The feed's files are asked for gzip, as a newsroom's client
 * would (the bytes counted are those received; nothing here reads the files' contents).
 */
final class Newsrooms {

    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

    private final ScheduledExecutorService timer;
    private final Tally json = new Tally(), feed = new Tally();
    /** The feed's 200s that came with {@code Content-Encoding: gzip}. */
    private final AtomicLong feedGzipped = new AtomicLong();
    private final long started = System.nanoTime();
    private final int newsrooms;
    private final Duration every;

    private Newsrooms(int newsrooms, Duration every) {
        this.newsrooms = newsrooms;
        this.every = every;
        AtomicInteger n = new AtomicInteger();
        // a thread each: a slow answer holds up only its own newsroom, as it would (a shared few would queue them all)
        this.timer = Executors.newScheduledThreadPool(Math.max(1, newsrooms),
                r -> Thread.ofPlatform().daemon().name("audience-newsrooms-" + n.incrementAndGet()).unstarted(r));
    }

    static Newsrooms start(HttpClient http, URI base, String electionId, String mediaKey, ReferenceListener reference, int newsrooms,
            Duration every) {
        Newsrooms n = new Newsrooms(newsrooms, every);
        SplittableRandom random = new SplittableRandom(34);
        for (int i = 0; i < newsrooms; i++) {
            Poller p = new Poller(http, base, electionId, mediaKey, reference, n.json, n.feed, n.feedGzipped);
            n.timer.scheduleAtFixedRate(p::poll, random.nextLong(Math.max(1, every.toMillis())), every.toMillis(), TimeUnit.MILLISECONDS);
        }
        return n;
    }

    /** One newsroom: what it holds of each document (its ETag, version or Last-Modified). */
    private static final class Poller {

        private final HttpClient http;
        private final URI results, cons, party;
        private final String mediaKey;
        private final ReferenceListener reference;
        private final Tally json, feed;
        private final AtomicLong feedGzipped;
        private String jsonEtag, consEtag, partyEtag;
        private long version = -1;
        private long consModified = -1, partyModified = -1;

        Poller(HttpClient http, URI base, String electionId, String mediaKey, ReferenceListener reference, Tally json, Tally feed,
                AtomicLong feedGzipped) {
            this.http = http;
            this.results = base.resolve("/api/v1/elections/" + electionId + "/results");
            this.cons = base.resolve("/ect/" + electionId + "/records/stats_cons.json");
            this.party = base.resolve("/ect/" + electionId + "/records/stats_party.json");
            this.mediaKey = mediaKey;
            this.reference = reference;
            this.json = json;
            this.feed = feed;
            this.feedGzipped = feedGzipped;
        }

        void poll() {
            try {
                Fetch.Answer a = Fetch.get(http, results, jsonEtag, "Authorization", "Bearer " + mediaKey, "Accept", "application/json");
                json.answered(a.status(), a.body().length, a.micros());
                if (a.status() == 200) {
                    jsonEtag = a.etag();
                    var m = VERSION.matcher(new String(a.body(), 0, Math.min(a.body().length, 300), java.nio.charset.StandardCharsets.UTF_8));
                    version = m.find() ? Long.parseLong(m.group(1)) : version;
                }
                if (version >= 0 && (a.status() == 200 || a.status() == 304)) {
                    json.staleness.add(reference.behindMicros(version, System.nanoTime()));
                }
            } catch (Exception e) {
                json.failed(e);
            }
            consModified = feedFile(cons, true);
            partyModified = feedFile(party, false);
        }

        /** Reads a feed file; returns what it now holds (Last-Modified, epoch micros on this machine's clock). */
        private long feedFile(URI uri, boolean isCons) {
            long held = isCons ? consModified : partyModified;
            try {
                Fetch.Answer a = Fetch.get(http, uri, isCons ? consEtag : partyEtag, "Accept", "application/json", "Accept-Encoding", "gzip");
                feed.answered(a.status(), a.body().length, a.micros());
                if (a.status() == 200) {
                    if (isCons) {
                        consEtag = a.etag();
                    } else {
                        partyEtag = a.etag();
                    }
                    if (a.gzipped()) {
                        feedGzipped.incrementAndGet();
                    }
                }
                // a 304 too: it carries the file's current Last-Modified, and what they hold is that file (versions that
                // did not change its bytes came on the stream since the 200; they are held all the same)
                if ((a.status() == 200 || a.status() == 304) && a.lastModified() != null) {
                    held = machineMicros(a.lastModified());
                }
                if (held >= 0 && (a.status() == 200 || a.status() == 304)) {
                    feed.staleness.add(reference.behindMicrosOfMoment(held, System.nanoTime()));
                }
            } catch (Exception e) {
                feed.failed(e);
            }
            return held;
        }

        /**
         * A Last-Modified, made on the app's clock (in the rehearsal, the election day's), as epoch micros on this
         * machine's clock: the one {@link ReferenceListener} brings the stream's versions' times to.
         */
        private static long machineMicros(String lastModified) {
            return ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant().toEpochMilli() * 1000
                    - Long.getLong(SubscriberClient.CLOCK_AHEAD, 0) * 1000;
        }
    }

    /** Stops at once, nothing counted (the night failed before its end). */
    void close() {
        timer.shutdownNow();
    }

    List<Figures> stop() throws InterruptedException {
        timer.shutdown(); // no new rounds; a round under way ends (interrupted, its request would count as failed)
        if (!timer.awaitTermination(60, TimeUnit.SECONDS)) {
            timer.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Figures> out = new ArrayList<>();
        out.add(figures("media API national results", json, seconds, "by the JSON's version", null));
        long gzipped = feedGzipped.get(), bodies = feed.ok.get();
        String encoding = bodies == 0 ? null
                : gzipped == 0 ? "asked with Accept-Encoding: gzip, the files came uncompressed (no 200 with Content-Encoding: gzip)"
                : String.format("asked with Accept-Encoding: gzip, the files came gzip-compressed (Content-Encoding: gzip) in %,d of the %,d 200s; "
                        + "the MB above as received, compressed", gzipped, bodies);
        out.add(figures("ECT feed stats_cons.json and stats_party.json", feed, seconds,
                "by Last-Modified (of 200s and 304s) on this machine's clock, whole seconds: a version made in the file's second counts as "
                        + "in it, so up to 1 s short",
                encoding));
        return out;
    }

    /** @param encoding how the bodies came, or null (not asked for compression, or no bodies) */
    private Figures figures(String what, Tally t, double seconds, String how, String encoding) {
        List<String> notes = new ArrayList<>();
        notes.add(String.format("%d newsrooms, every %d s with If-None-Match; %s", newsrooms, every.toSeconds(), t.answers()));
        if (encoding != null) {
            notes.add(encoding);
        }
        notes.add(String.format("staleness (how long what they held had been superseded on the stream, %s): %s", how,
                Tally.spread(t.staleness.toArray())));
        List<String> problems = t.failed() > 0 ? List.of(String.format("newsrooms (%s) not answered 200/304: %s", what, t.others)) : List.of();
        return Figures.of("audience: newsrooms, " + what, seconds, t.requests(), "reads", t.latencies.toArray(), notes, problems);
    }
}
