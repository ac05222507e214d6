package org.khanaen.benchmarks.replay;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.imageio.ImageIO;

import org.khanaen.elections.ect.EctResults;
import org.khanaen.results.LiveResults;
import org.khanaen.results.OfficialResults;
import org.khanaen.results.WarRoom;
import org.khanaen.results.checks.CheckContext;
import org.khanaen.results.checks.Checks;
import org.khanaen.results.checks.Findings;
import org.khanaen.results.checks.Tally;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Election night replayed from a results file: each constituency's totals split over its stations
 * ({@link StationSplit}), and every station's final count of both contests sent through the same HTTP API a
 * volunteer's app uses, with three photos, by each of the station's two volunteers (their tokens) — so that
 * every station contest is verified by agreement, as on the night. Sent by concurrent clients in a shuffled order;
 * the results' event stream is read meanwhile, to time how long a verified count takes to show there.
 */
public final class Replay {

    /** A station with its registered voters and the tokens of the volunteers who report it (two for agreement). */
    public record Station(long id, String constituency, int registered, List<String> tokens) {
    }

    /**
     * One report to send: who, for which station contest, with what.
     *
     * @param asWritten the station that carries its constituency's contradiction: its form does not add up, it is sent
     *                  "as written" and verified only when the war room accepts it so
     */
    public record Send(long stationId, String contest, String token, String key, String json, List<byte[]> photos, boolean asWritten) {

        Send withoutPhotos() {
            return new Send(stationId, contest, token, key, json, List.of(), asWritten);
        }
    }

    /**
     * The reports to send, and the warnings the split numbers raise (checked here with the same checks the server runs,
     * bar those that look at other stations): the official totals themselves can imply some, e.g. a file whose two contests
     * differ by a ballot leaves one station with a ballot surplus. Those are sent confirmed, as a volunteer would.
     * {@code contradictions}: where the file does not add up (its votes against its valid ballots), taken as published.
     */
    public record Plan(List<Send> sends, int stations, Map<String, Integer> warnings, List<OfficialResults.Contradiction> contradictions) {
    }

    /**
     * What a replay measured. {@code statuses}: each report's final answer; {@code retriedOn}: why a report was sent
     * again with its idempotency key (a 5xx status, or the exception of a connection that failed), and how often.
     *
     * @param appBytes    request bodies sent to the app (reports, upload requests, and photos where they go through it)
     * @param bucketBytes photo bytes put straight into the bucket by presigned links
     * @param seenOnEach  per target, how many of the station contests its own stream showed verified (a stream carries
     *                    what changes while it is open: a node that was down misses what was verified meanwhile)
     * @param visibleEverywhereMicros for each station contest every target's stream showed, from its last answer to the
     *                    last of those streams to show it, sorted
     * @param quickCountMicros for each sample station's verifying party-list answer, the time until a {@code quick-count}
     *                    event on a stream counted it: the k-th such answer is counted by the first event whose
     *                    estimate rests on at least k more verified sample stations than at the start (empty without a sample)
     * @param quickCountReported the verified sample stations of the last {@code quick-count} event (-1: none came)
     */
    public record Outcome(int reports, double seconds, long[] answerMicros, Map<Integer, Long> statuses,
            int stationContests, int seenVerified, long[] visibleMicros, double waitedSeconds, long appBytes, long bucketBytes,
            Map<String, Long> retriedOn, Map<URI, Integer> seenOnEach, long[] visibleEverywhereMicros, long[] quickCountMicros,
            int quickCountReported, long[] answeredAtMillis, long[] answerMicrosInOrder) {

        public long retries() {
            return retriedOn.values().stream().mapToLong(Long::longValue).sum();
        }

        public double reportsPerSecond() {
            return reports / seconds;
        }

        public static double percentile(long[] sortedMicros, double p) {
            if (sortedMicros.length == 0) {
                return Double.NaN;
            }
            return sortedMicros[Math.min(sortedMicros.length - 1, (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1)] / 1000.0;
        }
    }

    private final JsonMapper json;
    /** Photos as partner apps written before presigned uploads sent them: multipart with the report, through the app. */
    private final boolean photosThroughApp;
    /** Each photo made this size (at least) when sent, by bytes after its image that readers ignore: phone-sized photos
     * without holding a night's photos in memory; 0: the small images as they are. */
    private final int photoBytes;
    private final AtomicLong appBytes = new AtomicLong();
    private final AtomicLong bucketBytes = new AtomicLong();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
            .build();

    public Replay(JsonMapper json) {
        this(json, false);
    }

    public Replay(JsonMapper json, boolean photosThroughApp) {
        this(json, photosThroughApp, 0);
    }

    public Replay(JsonMapper json, boolean photosThroughApp, int photoBytes) {
        this.json = json;
        this.photosThroughApp = photosThroughApp;
        this.photoBytes = photoBytes;
    }

    /** Request bodies sent to the app so far (reports, upload requests, photos where they go through it). */
    public long appBytes() {
        return appBytes.get();
    }

    /** Photo bytes put straight into the bucket so far. */
    public long bucketBytes() {
        return bucketBytes.get();
    }

    /** The photo at the size asked for: the same bytes for the same photo every time (one object in the bucket). */
    private byte[] sized(byte[] photo) {
        if (photo.length >= photoBytes) {
            return photo;
        }
        byte[] out = Arrays.copyOf(photo, photoBytes);
        var random = new java.util.SplittableRandom(Arrays.hashCode(photo));
        for (int i = photo.length; i < out.length; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return out;
    }

    /**
     * The reports of a results file: per constituency of the file, its stations' shares of both contests, each sent by
     * each of the station's volunteers.
     *
     * @param stations      a constituency's stations, by its code
     * @param partyBallots  party-list ballot number per the commission's party id
     */
    public Plan plan(EctResults file, Map<String, List<Station>> stations, Map<String, Integer> partyBallots, Set<Integer> majorParties,
            CheckContext.Tolerances tolerances, boolean photos) {
        List<Send> sends = new ArrayList<>();
        Map<String, Integer> warnings = new TreeMap<>();
        List<OfficialResults.Contradiction> contradictions = new ArrayList<>();
        int count = 0;
        for (EctResults.Constituency c : file.constituencies()) {
            List<Station> its = new ArrayList<>(stations.getOrDefault(c.code(), List.of()));
            if (its.isEmpty()) {
                throw new IllegalArgumentException("no stations with volunteers for constituency " + c.code());
            }
            its.sort((a, b) -> Long.compare(a.id(), b.id()));
            int[] registered = its.stream().mapToInt(Station::registered).toArray();
            Map<Integer, Long> candidates = c.candidateVotes();
            Map<Integer, Long> parties = c.partyListVotes(partyBallots);
            partyBallots.values().forEach(b -> parties.putIfAbsent(b, 0L));
            contradictions.addAll(OfficialResults.contradictionsOf(List.of(asWritten(c.code(), "constituency", candidates, c.candidates()))));
            contradictions.addAll(OfficialResults.contradictionsOf(List.of(asWritten(c.code(), "party-list", parties, c.partyList()))));
            List<List<Tally>> split = StationSplit.split(registered, List.of(
                    new StationSplit.Totals(candidates, c.candidates().invalid(), c.candidates().blank()),
                    new StationSplit.Totals(parties, c.partyList().invalid(), c.partyList().blank())));
            List<List<Tally>> asPublished = List.of(new ArrayList<>(split.get(0)), new ArrayList<>(split.get(1)));
            int[] asWrittenAt = { asWritten(asPublished.get(0), c.candidates().valid(), registered),
                    asWritten(asPublished.get(1), c.partyList().valid(), registered) };
            votersCame(c.code(), asPublished.get(0), c.candidates().came(), registered);
            votersCame(c.code(), asPublished.get(1), c.partyList().came(), registered);
            for (int i = 0; i < its.size(); i++) {
                Station s = its.get(i);
                if (s.tokens().isEmpty()) {
                    continue; // split with the rest, not sent (a replay of part of the night)
                }
                count++;
                check(c.code(), s, asPublished.get(0).get(i), asPublished.get(1).get(i), asWrittenAt[0] == i, asWrittenAt[1] == i,
                        candidates.keySet(), parties.keySet(), majorParties, tolerances, warnings);
                List<byte[]> pictures = photos ? photos(s.id()) : List.of();
                for (int contest = 0; contest < 2; contest++) {
                    String code = contest == 0 ? "constituency" : "party-list";
                    Tally t = asPublished.get(contest).get(i);
                    boolean written = asWrittenAt[contest] == i;
                    for (int who = 0; who < s.tokens().size(); who++) {
                        sends.add(new Send(s.id(), code, s.tokens().get(who), "replay-" + s.id() + "-" + code + "-" + who,
                                body(code, t, written), pictures, written));
                    }
                }
            }
        }
        Collections.shuffle(sends, new Random(2566)); // stations report in no particular order
        return new Plan(sends, count, warnings, List.copyOf(contradictions));
    }

    /**
     * Where the file's valid ballots are not its votes' sum, one station carries the difference in its valid ballots
     * (and ballots used), so that its form does not add up by exactly that much, as the file does not: the station with
     * the most room for it. Its index, or -1 when the file adds up.
     */
    static int asWritten(List<Tally> stations, long fileValid, int[] registered) {
        long delta = fileValid - stations.stream().mapToLong(Tally::valid).sum();
        if (delta == 0) {
            return -1;
        }
        int at = 0;
        for (int i = 1; i < stations.size(); i++) {
            long room = delta > 0 ? registered[i] - stations.get(i).ballotsUsed() : stations.get(i).valid();
            long best = delta > 0 ? registered[at] - stations.get(at).ballotsUsed() : stations.get(at).valid();
            if (room > best) {
                at = i;
            }
        }
        Tally t = stations.get(at);
        stations.set(at, new Tally(t.votes(), t.valid() + delta, t.invalid(), t.noVote(), t.ballotsUsed() + delta, true, t.form()));
        return at;
    }

    /**
     * The file's voters who came, shared over the stations: each starts from its ballots used, and the difference
     * (voters who signed and did not cast this ballot, or the reverse) is handed out one by one, never past a
     * station's registered voters nor below 0. Nothing when the file leaves the figure out.
     */
    static void votersCame(String constituency, List<Tally> stations, Long fileCame, int[] registered) {
        if (fileCame == null) {
            return;
        }
        long[] came = stations.stream().mapToLong(Tally::ballotsUsed).toArray();
        long left = fileCame - Arrays.stream(came).sum();
        while (left != 0) {
            boolean moved = false;
            for (int i = 0; i < came.length && left != 0; i++) {
                if (left > 0 && came[i] < registered[i]) {
                    came[i]++;
                    left--;
                    moved = true;
                } else if (left < 0 && came[i] > 0) {
                    came[i]--;
                    left++;
                    moved = true;
                }
            }
            if (!moved) {
                throw new IllegalArgumentException(constituency + ": " + fileCame + " voters who came do not fit its stations' registers");
            }
        }
        for (int i = 0; i < came.length; i++) {
            stations.set(i, stations.get(i).withForm(Tally.CountForm.votersCame(came[i])));
        }
    }

    /**
     * A split that breaks a hard check is a fault of the split: stop; only the station that carries the file's own
     * contradiction may break the form's sums, by design. Warnings are counted.
     */
    private static void check(String constituency, Station s, Tally candidates, Tally partyList, boolean candidatesAsWritten,
            boolean partyListAsWritten, Set<Integer> candidateNumbers, Set<Integer> partyNumbers, Set<Integer> majorParties,
            CheckContext.Tolerances tolerances, Map<String, Integer> warnings) {
        Findings a = Checks.run(candidates, new CheckContext(s.registered(), candidateNumbers, Set.of(), Optional.of(partyList), List.of(),
                List.of(), tolerances));
        Findings b = Checks.run(partyList, new CheckContext(s.registered(), partyNumbers, majorParties, Optional.of(candidates), List.of(),
                List.of(), tolerances));
        for (Findings f : List.of(a, b)) {
            if (!f.acceptable(true, f == a ? candidatesAsWritten : partyListAsWritten)) {
                throw new IllegalStateException(constituency + " station " + s.id() + ": the split breaks " + f.errors());
            }
            f.warnings().forEach(w -> warnings.merge(w.code(), 1, Integer::sum));
        }
    }

    private static OfficialResults.OfficialCount asWritten(String code, String contest, Map<Integer, Long> votes, EctResults.Count count) {
        return new OfficialResults.OfficialCount(code, contest, votes, count.valid(), count.invalid(), count.blank());
    }

    private String body(String contest, Tally t, boolean asWritten) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("contest", contest);
        body.put("final", true);
        Map<String, Long> votes = new TreeMap<>();
        t.votes().forEach((b, v) -> votes.put(String.valueOf(b), v));
        body.put("votes", votes);
        body.put("valid", t.valid());
        body.put("invalid", t.invalid());
        body.put("noVote", t.noVote());
        body.put("ballotsUsed", t.ballotsUsed());
        if (t.form().votersCame() != null) {
            body.put("votersCame", t.form().votersCame());
        }
        body.put("warningsConfirmed", true);
        if (asWritten) {
            body.put("asWritten", true);
        }
        return json.writeValueAsString(body);
    }

    /**
     * The war room's part: each station contest sent as written (where the file does not add up) is taken, its form
     * read as the file has it, and accepted as written with the reason; returns once the live results show them all
     * verified (at most a minute). How many were accepted.
     */
    public long acceptAsWritten(List<Send> sends, String electionId, WarRoom warRoom, LiveResults live)
            throws InterruptedException {
        Map<Long, Set<String>> written = new TreeMap<>();
        sends.stream().filter(Send::asWritten).forEach(s -> written.computeIfAbsent(s.stationId(), k -> new java.util.HashSet<>()).add(s.contest()));
        String verifier = "replay-war-room";
        written.forEach((station, contests) -> contests.forEach(contest -> {
            long item = warRoom.itemOf(station, contest).orElseThrow();
            if (!warRoom.claim(item, verifier)) {
                throw new IllegalStateException("station " + station + " " + contest + " is not waiting in the war room's queue");
            }
            long report = warRoom.item(item).orElseThrow().reports().stream()
                    .filter(r -> !r.asWritten().isEmpty() && "RECEIVED".equals(r.status())).findFirst().orElseThrow().id();
            warRoom.approve(item, report, verifier, "as published by the election commission: the form's own totals do not add up");
        }));
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (var e : written.entrySet()) {
            while (live.station(electionId, e.getKey(), LiveResults.View.VERIFIED).orElseThrow().contests().stream()
                    .filter(c -> e.getValue().contains(c.contest())).anyMatch(c -> !c.asWritten())) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("station " + e.getKey() + ": accepted as written but not in the live results after 60 s");
                }
                Thread.sleep(50);
            }
        }
        return written.values().stream().mapToLong(Set::size).sum();
    }

    /** Three small photos, different for every station (a photo seen at two stations is itself a warning). */
    public static List<byte[]> photos(long stationId) {
        List<byte[]> out = new ArrayList<>(3);
        for (int kind = 0; kind < 3; kind++) {
            var image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
            long seed = stationId * 3 + kind;
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, 0, (int) ((seed >> (x % 8 * 4)) & 0xF) * 0x111111);
                image.setRGB(x, 1, (int) (seed & 0xFFFFFF));
            }
            image.setRGB(kind, 15, 0xFF0000);
            var bytes = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, "png", bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.add(bytes.toByteArray());
        }
        return out;
    }

    /** {@link #run(List, String, String, List, int, Duration)} against one node. */
    public Outcome run(URI base, String electionId, String mediaKey, List<Send> sends, int clients, Duration patience) throws Exception {
        return run(List.of(base), electionId, mediaKey, sends, clients, patience);
    }

    /**
     * Sends every report with {@code clients} concurrent clients, then waits (at most {@code patience}) until the stream
     * has shown every station contest verified.
     * <p>
     * {@code targets}: one URL (a node, or a load balancer in front of several), or several nodes taken in turn, report
     * by report. A report whose connection fails or that is answered 5xx (a node killed or restarting, a database node
     * lost mid-transaction) is sent again with its idempotency key to the next target, as a phone does, until
     * {@link #GIVE_UP} has passed: the server stores it once whichever attempt arrived. The stream is read on every target
     * (a node shows what it has seen), each reconnected when its line drops.
     */
    public Outcome run(List<URI> targets, String electionId, String mediaKey, List<Send> sends, int clients, Duration patience) throws Exception {
        return run(targets, electionId, mediaKey, sends, clients, patience, Set.of());
    }

    /**
     * As {@link #run(List, String, String, List, int, Duration)}, timing also how soon the quick count's estimates on the
     * stream count each of the {@code sample} stations whose party-list count is verified (it must be revealed: before,
     * the stream carries no estimate).
     */
    public Outcome run(List<URI> targets, String electionId, String mediaKey, List<Send> sends, int clients, Duration patience,
            Set<Long> sample) throws Exception {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target to send to");
        }
        // a form sent as written waits for the war room (see acceptAsWritten); the rest are verified by agreement
        Set<String> expected = ConcurrentHashMap.newKeySet();
        sends.stream().filter(s -> !s.asWritten()).forEach(s -> expected.add(s.stationId() + "|" + s.contest()));
        Map<String, Long> answered = new ConcurrentHashMap<>(); // station contest → when its last report was answered (nanos)
        Map<String, Long> seen = new ConcurrentHashMap<>();     // station contest → when the stream showed it verified
        Map<URI, Map<String, Long>> seenBy = new java.util.LinkedHashMap<>(); // the same, on each target's own stream
        List<long[]> quickCounts = java.util.Collections.synchronizedList(new ArrayList<>()); // {when (nanos), sample stations verified}
        List<Thread> listeners = new ArrayList<>();
        for (URI base : targets) {
            seenBy.put(base, new ConcurrentHashMap<>());
            listeners.add(listen(base, electionId, mediaKey, seen, seenBy.get(base), quickCounts));
        }
        Map<String, AtomicLong> retriedOn = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger recorded = new AtomicInteger();
        long[] micros = new long[sends.size()];
        long[] answeredAt = new long[sends.size()]; // wall clock, to set answers beside what the server did meanwhile
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < sends.size(); i = next.getAndIncrement()) {
                        Send s = sends.get(i);
                        long sent = System.nanoTime();
                        HttpResponse<String> answer = send(targets, i, s, retriedOn);
                        long now = System.nanoTime();
                        int slot = recorded.getAndIncrement();
                        micros[slot] = (now - sent) / 1000;
                        answeredAt[slot] = System.currentTimeMillis();
                        statuses.computeIfAbsent(answer.statusCode(), k -> new AtomicLong()).incrementAndGet();
                        if (answer.statusCode() == 201 || answer.statusCode() == 200) {
                            answered.merge(s.stationId() + "|" + s.contest(), now, Math::max);
                        } else {
                            System.err.println("replay: " + answer.statusCode() + " for station " + s.stationId() + " " + s.contest() + ": "
                                    + answer.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long waitFrom = System.nanoTime();
        long until = waitFrom + patience.toNanos();
        long sampleSent = expected.stream().filter(k -> k.endsWith("|party-list"))
                .filter(k -> sample.contains(Long.parseLong(k.substring(0, k.indexOf('|'))))).count();
        while ((seenBy.values().stream().anyMatch(s -> !s.keySet().containsAll(expected)) || !quickCountsCaughtUp(quickCounts, sampleSent))
                && System.nanoTime() < until && !(seen.keySet().containsAll(expected) && quickCountsCaughtUp(quickCounts, sampleSent)
                        && System.nanoTime() > waitFrom + 10_000_000_000L)) {
            Thread.sleep(50);
        }
        double waited = (System.nanoTime() - waitFrom) / 1e9;
        listeners.forEach(Thread::interrupt);
        List<Long> visible = new ArrayList<>();
        answered.forEach((k, at) -> {
            Long shown = seen.get(k);
            if (shown != null) {
                visible.add(Math.max(0, (shown - at) / 1000)); // shown before the client had read its answer: no delay at all
            }
        });
        long[] vis = visible.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] answers = Arrays.copyOf(micros, recorded.get());
        Arrays.sort(answers);
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((k, v) -> counts.put(k, v.get()));
        int seenExpected = (int) expected.stream().filter(seen::containsKey).count();
        Map<String, Long> causes = new TreeMap<>();
        retriedOn.forEach((k, v) -> causes.put(k, v.get()));
        Map<URI, Integer> seenOnEach = new java.util.LinkedHashMap<>();
        seenBy.forEach((target, shown) -> seenOnEach.put(target, (int) expected.stream().filter(shown::containsKey).count()));
        List<Long> everywhere = new ArrayList<>();
        answered.forEach((k, at) -> {
            long last = 0;
            for (Map<String, Long> shown : seenBy.values()) {
                Long t = shown.get(k);
                if (t == null) {
                    return; // not on every stream (a node that was down): counted in seenOnEach, not here
                }
                last = Math.max(last, t);
            }
            everywhere.add(Math.max(0, (last - at) / 1000));
        });
        long[] quick = quickCountDelays(answered, sample, quickCounts);
        int lastReported;
        synchronized (quickCounts) {
            lastReported = quickCounts.isEmpty() ? -1 : (int) quickCounts.getLast()[1];
        }
        return new Outcome(answers.length, seconds, answers, counts, expected.size(), seenExpected, vis, waited, appBytes.get(),
                bucketBytes.get(), causes, seenOnEach, everywhere.stream().mapToLong(Long::longValue).sorted().toArray(), quick,
                lastReported, Arrays.copyOf(answeredAt, recorded.get()), Arrays.copyOf(micros, recorded.get()));
    }

    /** Whether the stream's estimates count every sample station sent (always, without a sample). */
    private static boolean quickCountsCaughtUp(List<long[]> events, long sampleSent) {
        if (sampleSent == 0) {
            return true;
        }
        synchronized (events) {
            return !events.isEmpty() && events.getLast()[1] - events.getFirst()[1] >= sampleSent;
        }
    }

    /**
     * From each sample station's verifying party-list answer (in the order answered) to the first quick-count event that
     * counts that many more verified sample stations than the first event did; an answer never caught up with is left out.
     */
    static long[] quickCountDelays(Map<String, Long> answered, Set<Long> sample, List<long[]> events) {
        List<long[]> shown;
        synchronized (events) {
            shown = List.copyOf(events);
        }
        if (sample.isEmpty() || shown.isEmpty()) {
            return new long[0];
        }
        long[] at = answered.entrySet().stream().filter(e -> e.getKey().endsWith("|party-list"))
                .filter(e -> sample.contains(Long.parseLong(e.getKey().substring(0, e.getKey().indexOf('|')))))
                .mapToLong(Map.Entry::getValue).sorted().toArray();
        long base = shown.getFirst()[1];
        List<Long> delays = new ArrayList<>();
        int e = 0;
        for (int k = 0; k < at.length; k++) {
            while (e < shown.size() && shown.get(e)[1] - base < k + 1) {
                e++;
            }
            if (e == shown.size()) {
                break;
            }
            delays.add(Math.max(0, (shown.get(e)[0] - at[k]) / 1000)); // counted before the client had read its answer: no delay
        }
        return delays.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** How long a report is sent again before the replay gives up on it (its last answer, or the failure, counts). */
    static final Duration GIVE_UP = Duration.ofMinutes(4);

    /**
     * One report: to target {@code i} of the list in turn, again with the same idempotency key to the next target on a
     * failed connection or a 5xx, after a short growing pause; its final answer.
     */
    private HttpResponse<String> send(List<URI> targets, int i, Send s, Map<String, AtomicLong> retriedOn) throws Exception {
        return send(targets, i, s, retriedOn, Watch.NONE);
    }

    /**
     * What a caller sees of one report on its way, for its figures and its next request: each photo stored (its
     * announcement and its PUT, µs), and the report's JSON as sent, naming its photos (what a phone would send again).
     */
    public interface Watch {

        Watch NONE = new Watch() {
        };

        default void photo(long micros) {
        }

        default void report(String json) {
        }
    }

    /** The same, telling {@code watch} what happened on the way. */
    public HttpResponse<String> send(List<URI> targets, int i, Send s, Map<String, AtomicLong> retriedOn, Watch watch) throws Exception {
        long giveUp = System.nanoTime() + GIVE_UP.toNanos();
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                long pause = Math.min(1_000, 50L << Math.min(attempt, 5));
                Thread.sleep(pause + java.util.concurrent.ThreadLocalRandom.current().nextLong(pause / 2 + 1));
            }
            URI base = pick(targets, i + attempt);
            try {
                HttpResponse<String> answer = send(base, s, watch);
                if (answer.statusCode() < 500 || System.nanoTime() > giveUp) {
                    return answer;
                }
                retriedOn.computeIfAbsent(String.valueOf(answer.statusCode()), k -> new AtomicLong()).incrementAndGet();
            } catch (IOException e) {
                if (System.nanoTime() > giveUp) {
                    throw e;
                }
                if (e instanceof java.net.ConnectException) {
                    refusedUntil.put(base, System.nanoTime() + REFUSED_PAUSE.toNanos());
                }
                retriedOn.computeIfAbsent(e.getClass().getSimpleName(), k -> new AtomicLong()).incrementAndGet();
            }
        }
    }

    /** A target that refused a connection is passed over this long by every client, as a load balancer's health check does. */
    private static final Duration REFUSED_PAUSE = Duration.ofSeconds(2);

    private final Map<URI, Long> refusedUntil = new ConcurrentHashMap<>();

    /** Target {@code n} of the list in turn, or the next one after it that has not just refused (all refused: target n). */
    private URI pick(List<URI> targets, int n) {
        long now = System.nanoTime();
        for (int k = 0; k < targets.size(); k++) {
            URI t = targets.get((n + k) % targets.size());
            Long until = refusedUntil.get(t);
            if (until == null || until < now) {
                return t;
            }
        }
        return targets.get(n % targets.size());
    }

    private static final String[] PHOTO_KINDS = { "TALLY_BOARD", "COUNT_FORM", "STATION_SIGN" };

    /**
     * One report as a partner app sends it: its photos first, all announced to the app in one ask (size, type, SHA-256
     * each) and each put straight into the bucket by the presigned link answered, then the report naming them. A photo refused on the way
     * answers for the report (its status and body).
     */
    public HttpResponse<String> send(URI base, Send s) throws IOException, InterruptedException {
        return send(base, s, Watch.NONE);
    }

    /** The same, telling {@code watch} what happened on the way. */
    public HttpResponse<String> send(URI base, Send s, Watch watch) throws IOException, InterruptedException {
        if (s.photos().isEmpty() || photosThroughApp) {
            watch.report(s.json());
            return http.send(request(base, s, s.json()), HttpResponse.BodyHandlers.ofString());
        }
        // all of the report's photos asked for in one request, then each PUT straight into the bucket
        long started = System.nanoTime();
        List<byte[]> shots = new ArrayList<>();
        List<Map<String, Object>> described = new ArrayList<>();
        for (int i = 0; i < s.photos().size(); i++) {
            byte[] photo = sized(s.photos().get(i));
            shots.add(photo);
            described.add(Map.of("kind", PHOTO_KINDS[i], "contentType", "image/png", "bytes", photo.length, "sha256", sha256(photo)));
        }
        String ask = json.writeValueAsString(described);
        appBytes.addAndGet(ask.length());
        HttpResponse<String> granted = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/photos/uploads"))
                .header("Authorization", "Bearer " + s.token()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(ask)).build(), HttpResponse.BodyHandlers.ofString());
        if (granted.statusCode() != 201) {
            return granted;
        }
        JsonNode uploads = json.readTree(granted.body());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < shots.size(); i++) {
            JsonNode upload = uploads.path(i);
            byte[] photo = shots.get(i);
            HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.path("url").asString())).timeout(Duration.ofSeconds(60))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(photo));
            upload.path("headers").properties().forEach(h -> put.header(h.getKey(), h.getValue().asString()));
            HttpResponse<String> stored = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
            if (stored.statusCode() != 200) {
                return stored;
            }
            bucketBytes.addAndGet(photo.length);
            // each photo's time: the ask's share and its own PUT
            watch.photo((System.nanoTime() - started) / 1000);
            started = System.nanoTime();
            ids.add(upload.path("id").asLong());
        }
        var report = (tools.jackson.databind.node.ObjectNode) json.readTree(s.json());
        var named = report.putArray("photoIds");
        ids.forEach(named::add);
        String sent = json.writeValueAsString(report);
        watch.report(sent);
        return http.send(request(base, s.withoutPhotos(), sent), HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(byte[] content) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest request(URI base, Send s, String reportJson) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve("/api/v1/stations/" + s.stationId() + "/reports"))
                .header("Authorization", "Bearer " + s.token()).header("Idempotency-Key", s.key()).timeout(Duration.ofSeconds(60));
        if (s.photos().isEmpty()) {
            appBytes.addAndGet(reportJson.getBytes(StandardCharsets.UTF_8).length);
            return b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(reportJson)).build();
        }
        String boundary = "khanaen-replay-" + s.key();
        var body = new ByteArrayOutputStream();
        part(body, boundary, "report", null, "application/json", s.json().getBytes(StandardCharsets.UTF_8));
        String[] names = { "tally_board", "count_form", "station_sign" };
        for (int i = 0; i < names.length; i++) {
            part(body, boundary, names[i], names[i] + ".png", "image/png", sized(s.photos().get(i)));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        appBytes.addAndGet(body.size());
        return b.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    private static void part(ByteArrayOutputStream out, String boundary, String name, String filename, String type, byte[] content) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"") + "\r\nContent-Type: " + type + "\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads a target's results stream, noting when each station contest is first shown verified; the first connection
     * must succeed (a wrong key fails the replay), a line that drops later (a node killed) is opened again.
     */
    private Thread listen(URI base, String electionId, String mediaKey, Map<String, Long> seen, Map<String, Long> seenHere,
            List<long[]> quickCounts) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/elections/" + electionId + "/results/stream"))
                .header("Authorization", "Bearer " + mediaKey).header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> first = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (first.statusCode() != 200) {
            throw new IllegalStateException("the results stream of " + base + " answered " + first.statusCode());
        }
        return Thread.ofPlatform().daemon().name("replay-stream-" + base.getPort()).start(() -> {
            HttpResponse<java.io.InputStream> response = first;
            while (!Thread.currentThread().isInterrupted()) {
                if (response != null && response.statusCode() == 200) {
                    read(response, seen, seenHere, quickCounts);
                }
                try {
                    Thread.sleep(500);
                    response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    response = null; // the node is not back yet
                }
            }
        });
    }

    private void read(HttpResponse<java.io.InputStream> response, Map<String, Long> seen, Map<String, Long> seenHere,
            List<long[]> quickCounts) {
        try (var in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String event = null;
            for (String line = in.readLine(); line != null && !Thread.currentThread().isInterrupted(); line = in.readLine()) {
                if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:") && "stations".equals(event)) {
                    long now = System.nanoTime();
                    JsonNode data = json.readTree(line.substring(5));
                    for (JsonNode s : data.path("stations")) {
                        if ("VERIFIED".equals(s.path("state").asString())) {
                            String key = s.path("stationId").asLong() + "|" + s.path("contest").asString();
                            seen.putIfAbsent(key, now);
                            seenHere.putIfAbsent(key, now);
                        }
                    }
                } else if (line.startsWith("data:") && "quick-count".equals(event)) {
                    long now = System.nanoTime();
                    JsonNode document = json.readTree(line.substring(5));
                    if (document.path("revealed").asBoolean()) { // before the reveal there is no estimate; after it none until a station counts
                        quickCounts.add(new long[] { now, document.path("estimate").path("reported").asLong(0) });
                    }
                }
            }
        } catch (IOException e) {
            // the stream closed: the replay is over, or the node went away
        }
    }

    /**
     * Per constituency of the file, the differences between the file and the verified results the API serves (none:
     * empty), every figure included: where the file does not add up, its station sent as written and accepted so
     * carries the file's own figure.
     */
    public List<String> compare(URI base, String electionId, String mediaKey, EctResults file, Map<String, Integer> partyBallots)
            throws Exception {
        List<String> problems = new ArrayList<>();
        Map<Integer, String> partyOfBallot = new HashMap<>();
        partyBallots.forEach((party, ballot) -> partyOfBallot.put(ballot, party));
        for (EctResults.Constituency c : file.constituencies()) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/elections/" + electionId
                    + "/results/constituencies/" + c.code())).header("Authorization", "Bearer " + mediaKey).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                problems.add(c.code() + ": the API answered " + answer.statusCode());
                continue;
            }
            JsonNode root = json.readTree(answer.body());
            for (JsonNode contest : root.path("contests")) {
                String code = contest.path("contest").asString();
                EctResults.Count expected = code.equals("constituency") ? c.candidates() : c.partyList();
                JsonNode totals = contest.path("totals");
                compare(problems, c.code() + " " + code + " valid", expected.valid(), totals.path("valid").asLong());
                if (expected.came() != null) {
                    compare(problems, c.code() + " " + code + " turn_out", expected.came(), totals.path("voters").asLong());
                }
                compare(problems, c.code() + " " + code + " invalid", expected.invalid(), totals.path("invalid").asLong());
                compare(problems, c.code() + " " + code + " blank", expected.blank(), totals.path("noVote").asLong());
                if (code.equals("constituency")) {
                    for (JsonNode x : contest.path("candidates")) {
                        String ballot = String.valueOf(x.path("ballotNumber").asInt());
                        compare(problems, c.code() + " candidate " + ballot, c.candidates().votes().getOrDefault(ballot, 0L),
                                x.path("votes").asLong());
                        Integer rank = c.ranks().get(ballot);
                        if (rank != null && rank == 1 && x.path("rank").asInt() != 1) {
                            problems.add(c.code() + ": the winner " + ballot + " is ranked " + x.path("rank").asInt());
                        }
                    }
                } else {
                    for (JsonNode x : contest.path("parties")) {
                        String party = partyOfBallot.get(x.path("ballotNumber").asInt());
                        compare(problems, c.code() + " party " + party, c.partyList().votes().getOrDefault(party, 0L), x.path("votes").asLong());
                    }
                }
            }
        }
        return problems;
    }

    private static void compare(List<String> problems, String what, long expected, long actual) {
        if (expected != actual) {
            problems.add(what + ": file " + expected + ", results " + actual);
        }
    }
}
