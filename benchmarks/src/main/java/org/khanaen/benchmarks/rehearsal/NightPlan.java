package org.khanaen.benchmarks.rehearsal;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.khanaen.benchmarks.replay.Arrivals;
import org.khanaen.benchmarks.replay.Replay;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationPoint;
import org.khanaen.elections.ect.EctResults;
import org.khanaen.results.checks.ElectionRules;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every report of the night for the stations the {@link Cast} covers, on the night's clock: running tallies while the
 * count goes on, each reporter's final count of both contests after their station finished, and the mess of a real night
 * (phones that resend a request whose answer they lost, a count misread, a form whose votes do not add up refused and
 * fixed). The numbers are the file's, split over the stations as the replay splits them ({@link Replay#plan}); what is
 * true is written into the {@link Ledger} when the plan is made, every report the app stores when it is answered.
 * <p>
 * Rehearsal: {@code NightPlan.make(file, catalog, rules, partyBallots, cast, ledger, Options.defaults())}, then
 * {@code plan.send(base, clock, clients)} on the night's clock (the desk reads the ledger meanwhile).
 */
public final class NightPlan {

    /**
     * @param runningTallies share of station contests whose primary sends one or two running tallies before the final
     * @param resends        share of requests sent a second time with the same idempotency key (a phone that lost the answer)
     * @param misread        share of stations where one reporter's final of one contest has a few votes moved between two numbers
     * @param wrongSums      share of stations where one reporter's first try of a final does not add up (refused, then fixed)
     * @param photoBytes     each photo's size (0: the replay's small PNG)
     */
    public record Options(double runningTallies, double resends, double misread, double wrongSums, boolean photos,
            int photoBytes, long seed) {

        public static Options defaults() {
            return new Options(0.6, 0.02, 0.03, 0.01, true, 0, 2566);
        }
    }

    /** What a request is, for the figures: each kind has the answer it should get. */
    enum Kind {
        RUNNING_TALLY("running tallies", 201), FINAL("finals", 201), RESEND("resends", 200), WRONG_SUM("refused wrong sums", 422);

        final String label;
        final int expected;

        Kind(String label, int expected) {
            this.label = label;
            this.expected = expected;
        }
    }

    /** Where the night's photos of running tallies start, apart from the finals' (the replay's photos of a station are seeded by its id). */
    static final long TALLY_PHOTOS = 1L << 30;

    /**
     * One request of the night, queued by its time. A running tally's body is made from the truth when it is sent, not
     * held (nationally ~115k of them); a final's truthful body is the ledger's own string.
     */
    static final class Request implements Delayed {

        final long stationId;
        final String contest;
        final String token;
        final String key;
        final String json;
        final boolean asWritten;
        final Kind kind;
        final boolean truthful;
        /** A running tally's share of the final numbers, and which of the station's tallies it is (0, 1). */
        final double fraction;
        final int tally;
        /** Planned night time, ms after polls close. */
        int at;
        /** Sent once this one is answered, at its own time or later: its resend, or the fix of a refused wrong sum. */
        Request next;
        /** For a resend: the request it repeats. */
        final Request of;
        volatile long reportId = -1;
        /**
         * What the phone kept from the request before this one: for a resend, that request's JSON as sent (its photos
         * already uploaded, named in it); for the fix of a refused count, the ids of the photos it had uploaded.
         */
        volatile String carried;
        long due;

        Request(long stationId, String contest, String token, String key, String json, boolean asWritten, Kind kind, boolean truthful,
                double fraction, int tally, int at, Request of) {
            this.stationId = stationId;
            this.contest = contest;
            this.token = token;
            this.key = key;
            this.json = json;
            this.asWritten = asWritten;
            this.kind = kind;
            this.truthful = truthful;
            this.fraction = fraction;
            this.tally = tally;
            this.at = at;
            this.of = of;
        }

        Request resend(int at) {
            return new Request(stationId, contest, token, key, json, asWritten, Kind.RESEND, truthful, fraction, tally, at, this);
        }

        boolean isFinal() {
            return fraction == 0;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(due, ((Request) o).due);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Request> first;
    private final int stations;
    private final int requests;
    /** Stations with two reporters (a misread there is a conflict; alone, only the photo shows it). */
    private final Set<Long> pairs;
    private final Ledger ledger;
    private final Options options;
    private final Map<String, Integer> planned;

    private NightPlan(List<Request> first, int stations, Set<Long> pairs, Ledger ledger, Options options, Map<String, Integer> planned) {
        this.first = first;
        this.stations = stations;
        this.pairs = pairs;
        this.ledger = ledger;
        this.options = options;
        this.planned = planned;
        int n = 0;
        for (Request r : first) {
            for (Request x = r; x != null; x = x.next) {
                n++;
            }
        }
        this.requests = n;
    }

    /**
     * Every report of the night for the stations the cast covers (of the file's constituencies), and the ledger's truths
     * filled in for those station contests. The same seed gives the same night.
     *
     * @param rules        the election's checking rules, as the intake has them ({@code ReportIntake.rules(election)})
     * @param partyBallots party-list ballot number per the commission's party id
     */
    public static NightPlan make(EctResults file, ElectionCatalog catalog, ElectionRules rules, Map<String, Integer> partyBallots, Cast cast,
            Ledger ledger, Options o) {
        Set<String> codes = new java.util.HashSet<>();
        file.constituencies().forEach(c -> codes.add(c.code()));
        // every station of the file's constituencies takes its share; only those with a reporter are sent (primary's token)
        Map<String, List<Replay.Station>> byConstituency = new LinkedHashMap<>();
        Map<Long, Integer> registered = new HashMap<>();
        for (StationPoint s : catalog.stationPoints(cast.electionId())) {
            if (!codes.contains(s.constituencyCode())) {
                continue;
            }
            List<Cast.Reporter> its = cast.reporters().getOrDefault(s.id(), List.of());
            byConstituency.computeIfAbsent(s.constituencyCode(), k -> new ArrayList<>())
                    .add(new Replay.Station(s.id(), s.constituencyCode(), s.registeredVoters(), its.isEmpty() ? List.of() : List.of(its.getFirst().token())));
            if (!its.isEmpty()) {
                registered.put(s.id(), s.registeredVoters());
            }
        }
        Replay.Plan split = new Replay(JSON).plan(file, byConstituency, partyBallots, rules.majorParties(), rules.tolerances(), false);
        Map<Long, Replay.Send[]> truths = new TreeMap<>(); // station → its two contests' true finals
        for (Replay.Send s : split.sends()) {
            int contest = s.contest().equals("constituency") ? 0 : 1;
            truths.computeIfAbsent(s.stationId(), k -> new Replay.Send[2])[contest] = s;
            ledger.truth(new Ledger.Key(s.stationId(), s.contest()), new Ledger.Truth(s.json(), s.asWritten()));
        }
        List<Long> order = Arrivals.order(registered, o.seed());
        Map<Long, Integer> finishes = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            finishes.put(order.get(i), finish(i, order.size()));
        }
        List<Request> first = new ArrayList<>();
        Map<String, Integer> planned = new TreeMap<>();
        Set<Long> pairs = new java.util.HashSet<>();
        for (var e : truths.entrySet()) {
            long station = e.getKey();
            List<Cast.Reporter> reporters = cast.reporters().get(station);
            if (reporters.size() > 1) {
                pairs.add(station);
            }
            var random = new SplittableRandom(o.seed() * 1_000_003L + station);
            int finish = finishes.get(station);
            int misreadContest = random.nextDouble() < o.misread() ? random.nextInt(2) : -1;
            int misreadBy = random.nextInt(reporters.size());
            int wrongContest = random.nextDouble() < o.wrongSums() ? random.nextInt(2) : -1;
            int wrongBy = random.nextInt(reporters.size());
            for (int contest = 0; contest < 2; contest++) {
                Replay.Send truth = e.getValue()[contest];
                String c = truth.contest();
                String tag = station + "-" + (contest == 0 ? "c" : "p");
                if (random.nextDouble() < o.runningTallies()) {
                    String token = reporters.getFirst().token();
                    boolean both = random.nextBoolean();
                    double[] fractions = both ? new double[] { 1 / 3.0, 2 / 3.0 } : new double[] { random.nextBoolean() ? 1 / 3.0 : 2 / 3.0 };
                    for (int t = 0; t < fractions.length; t++) {
                        // the tally is sent about when that share of the count is done
                        int at = (int) (finish * Math.min(0.97, fractions[t] + 0.1 * (random.nextDouble() - 0.5)));
                        Request r = new Request(station, c, token, "night-" + tag + "-0-t" + t, truth.json(), truth.asWritten(),
                                Kind.RUNNING_TALLY, true, fractions[t], t, at, null);
                        first.add(withResend(r, random, o, planned));
                        planned.merge(Kind.RUNNING_TALLY.label, 1, Integer::sum);
                    }
                }
                for (int who = 0; who < reporters.size(); who++) {
                    String token = reporters.get(who).token();
                    int at = finish + 30_000 + random.nextInt(270_000); // within a few minutes of the count's end
                    String body = truth.json();
                    boolean truthful = true;
                    if (contest == misreadContest && who == misreadBy && !truth.asWritten()) {
                        String misread = misread(truth.json(), random);
                        truthful = misread == null;
                        body = misread == null ? body : misread;
                        planned.merge(truthful ? "misread (nothing to move)" : "misread", 1, Integer::sum);
                    }
                    Request fin = new Request(station, c, token, "night-" + tag + "-" + who + "-f", body, truth.asWritten(), Kind.FINAL,
                            truthful, 0, 0, at, null);
                    planned.merge(Kind.FINAL.label, 1, Integer::sum);
                    if (contest == wrongContest && who == wrongBy && !truth.asWritten()) {
                        Request wrong = new Request(station, c, token, "night-" + tag + "-" + who + "-w", wrongSum(body, random), false,
                                Kind.WRONG_SUM, false, 0, 0, at, null);
                        fin.at = at + 15_000 + random.nextInt(45_000); // fixed within a minute
                        wrong.next = withResend(fin, random, o, planned);
                        first.add(wrong);
                        planned.merge(Kind.WRONG_SUM.label, 1, Integer::sum);
                    } else {
                        first.add(withResend(fin, random, o, planned));
                    }
                }
            }
        }
        return new NightPlan(first, truths.size(), pairs, ledger, o, planned);
    }

    private static Request withResend(Request r, SplittableRandom random, Options o, Map<String, Integer> planned) {
        if (random.nextDouble() < o.resends()) {
            r.next = r.resend(r.at + 20_000 + random.nextInt(160_000)); // the phone tries again after a while
            planned.merge(Kind.RESEND.label, 1, Integer::sum);
        }
        return r;
    }

    /**
     * When the station at this place in the order of arrivals has finished counting, ms after 17:00: most around 18:15,
     * between 17:30 and 19:00 (a logistic spread of the ranks, small stations first).
     */
    static int finish(int rank, int of) {
        double q = (rank + 0.5) / of;
        double minutes = 75 + 12 * Math.log(q / (1 - q));
        return (int) (Math.max(30, Math.min(120, minutes)) * 60_000);
    }

    /** A running tally: that share of every number (rounded down), its sums consistent, not final; no count-form figures yet. */
    static String runningTally(String truth, double fraction) {
        ObjectNode body = (ObjectNode) JSON.readTree(truth);
        ObjectNode votes = (ObjectNode) body.get("votes");
        long valid = 0;
        for (var v : List.copyOf(votes.properties())) {
            long part = (long) Math.floor(v.getValue().asLong() * fraction);
            votes.put(v.getKey(), part);
            valid += part;
        }
        long invalid = (long) Math.floor(body.path("invalid").asLong() * fraction);
        long noVote = (long) Math.floor(body.path("noVote").asLong() * fraction);
        body.put("final", false);
        body.put("valid", valid);
        body.put("invalid", invalid);
        body.put("noVote", noVote);
        body.put("ballotsUsed", valid + invalid + noVote);
        body.remove(List.of("votersCame", "ballotsReceived", "ballotsLeft", "asWritten"));
        return JSON.writeValueAsString(body);
    }

    /** The count misread: 1–5 votes moved from one number to another, sums unchanged; null where no number has a vote. */
    static String misread(String truth, SplittableRandom random) {
        ObjectNode body = (ObjectNode) JSON.readTree(truth);
        ObjectNode votes = (ObjectNode) body.get("votes");
        List<String> numbers = new ArrayList<>(votes.propertyNames());
        int k = 1 + random.nextInt(5);
        List<String> from = numbers.stream().filter(n -> votes.get(n).asLong() >= k).toList();
        if (from.isEmpty() || numbers.size() < 2) {
            String most = numbers.stream().max(Comparator.comparingLong(n -> votes.get(n).asLong())).orElse(null);
            if (most == null || votes.get(most).asLong() == 0 || numbers.size() < 2) {
                return null;
            }
            from = List.of(most);
        }
        String a = from.get(random.nextInt(from.size()));
        List<String> others = numbers.stream().filter(n -> !n.equals(a)).toList();
        String b = others.get(random.nextInt(others.size()));
        long moved = Math.min(k, votes.get(a).asLong());
        votes.put(a, votes.get(a).asLong() - moved);
        votes.put(b, votes.get(b).asLong() + moved);
        return JSON.writeValueAsString(body);
    }

    /** A final whose votes do not add up to its valid ballots: 1–9 votes too many for one number (the checks refuse it). */
    static String wrongSum(String body, SplittableRandom random) {
        ObjectNode b = (ObjectNode) JSON.readTree(body);
        ObjectNode votes = (ObjectNode) b.get("votes");
        List<String> numbers = new ArrayList<>(votes.propertyNames());
        String n = numbers.get(random.nextInt(numbers.size()));
        votes.put(n, votes.get(n).asLong() + 1 + random.nextInt(9));
        return JSON.writeValueAsString(b);
    }

    /** Stations the plan covers (with at least one reporter, in the file's constituencies). */
    public int stations() {
        return stations;
    }

    /** HTTP report requests the plan sends (running tallies, finals, resends, wrong sums and their fixes). */
    public int requests() {
        return requests;
    }

    /** The planned night time of the last request (its schedule; late requests end later). */
    public LocalTime lastAt() {
        int last = 0;
        for (Request r : first) {
            for (Request x = r; x != null; x = x.next) {
                last = Math.max(last, x.at);
            }
        }
        return NightClock.POLLS_CLOSE.plusNanos(last * 1_000_000L);
    }

    /** What was planned, by kind (requests) and what was made of it (misreads): for the report. */
    public Map<String, Integer> planned() {
        return java.util.Collections.unmodifiableMap(planned);
    }

    /**
     * Sends everything on the night's clock with {@code clients} concurrent clients; returns when every send is answered.
     * A request waits for its time; when the machine cannot keep up it goes late, and how late is measured. A failed
     * connection or a 5xx is sent again with the same idempotency key (as the replay does). Every 201 goes into the ledger.
     * Once per plan: the requests keep what they were answered.
     */
    public List<Figures> send(URI base, NightClock clock, int clients) throws Exception {
        Replay replay = new Replay(JSON, false, options.photoBytes());
        DelayQueue<Request> queue = new DelayQueue<>();
        for (Request r : first) {
            r.due = nanos(clock, r.at);
            queue.add(r);
        }
        AtomicLong pending = new AtomicLong(first.size());
        Map<Kind, Figures.Latencies> answers = new EnumMap<>(Kind.class);
        Map<Kind, Map<Integer, AtomicLong>> statuses = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            answers.put(k, new Figures.Latencies());
            statuses.put(k, new ConcurrentHashMap<>());
        }
        Figures.Latencies photos = new Figures.Latencies();
        Figures.Latencies lag = new Figures.Latencies();
        Map<String, AtomicLong> retriedOn = new ConcurrentHashMap<>();
        AtomicLong doubled = new AtomicLong();
        AtomicLong misreadSent = new AtomicLong();
        AtomicLong misreadAlone = new AtomicLong();
        AtomicInteger told = new AtomicInteger();
        AtomicInteger n = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    while (true) {
                        Request r = queue.poll(100, TimeUnit.MILLISECONDS);
                        if (r == null) {
                            if (pending.get() == 0) {
                                return null;
                            }
                            continue;
                        }
                        long taken = System.nanoTime();
                        lag.add(Math.max(0, taken - r.due) / 1000);
                        long[] photoMicros = { 0 };
                        String[] sent = { null };
                        int status;
                        HttpResponse<String> answer = null;
                        try {
                            answer = replay.send(List.of(base), n.getAndIncrement(), send(r), retriedOn, new Replay.Watch() {

                                @Override
                                public void photo(long micros) {
                                    photos.add(micros);
                                    photoMicros[0] += micros;
                                }

                                @Override
                                public void report(String json) {
                                    sent[0] = json;
                                }
                            });
                            status = answer.statusCode();
                        } catch (Exception e) {
                            status = -1; // given up after the replay's retries
                            failures.add(r.key + ": " + e);
                        }
                        long now = System.nanoTime();
                        answers.get(r.kind).add(Math.max(0, (now - taken) / 1000 - photoMicros[0]));
                        statuses.get(r.kind).computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                        Ledger.Key key = new Ledger.Key(r.stationId, r.contest);
                        if (status == 201) {
                            String location = answer.headers().firstValue("Location").orElseThrow();
                            r.reportId = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
                            ledger.sent(key, new Ledger.Sent(r.reportId, r.truthful, r.isFinal(), now));
                            if (r.kind == Kind.FINAL && !r.truthful) {
                                misreadSent.incrementAndGet();
                                misreadAlone.addAndGet(pairs.contains(r.stationId) ? 0 : 1);
                            }
                        }
                        if (r.kind == Kind.RESEND && (status == 201 || status == 200 && JSON.readTree(answer.body()).path("reportId").asLong()
                                != r.of.reportId)) {
                            doubled.incrementAndGet(); // a second report, or an answer naming another one
                        }
                        if (status != r.kind.expected && told.incrementAndGet() <= 10) {
                            System.err.println("night: " + status + " for " + r.kind + " " + r.key + ": " + (answer == null ? "" : answer.body()));
                        }
                        if (r.next != null) {
                            r.next.carried = r.next.kind == Kind.RESEND ? sent[0] : photoIds(sent[0]);
                            r.next.due = Math.max(nanos(clock, r.next.at), now);
                            pending.incrementAndGet();
                            queue.add(r.next);
                        }
                        pending.decrementAndGet();
                    }
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LocalTime lastAnswered = clock.now();
        return figures(seconds, clock, lastAnswered, answers, statuses, photos, lag, retriedOn, doubled.get(), misreadSent.get(), misreadAlone.get(),
                failures, replay);
    }

    /** The photo ids a report as sent names (a JSON array), or null. */
    private static String photoIds(String report) {
        if (report == null) {
            return null;
        }
        var ids = JSON.readTree(report).path("photoIds");
        return ids.isArray() && !ids.isEmpty() ? JSON.writeValueAsString(ids) : null;
    }

    private static long nanos(NightClock clock, int at) {
        return clock.startNanos() + (long) (at * 1_000_000L / clock.compress());
    }

    /**
     * The replay's request for it, with its photos: 3 for a final, 1 for a running tally (a different one each). A resend
     * is the request before it exactly; the fix of a refused count names the photos its first try uploaded.
     */
    private Replay.Send send(Request r) {
        if (r.kind == Kind.RESEND && r.carried != null) {
            return new Replay.Send(r.stationId, r.contest, r.token, r.key, r.carried, List.of(), r.asWritten);
        }
        String body = r.isFinal() ? r.json : runningTally(r.json, r.fraction);
        if (r.carried != null) {
            ObjectNode named = (ObjectNode) JSON.readTree(body);
            named.set("photoIds", JSON.readTree(r.carried));
            return new Replay.Send(r.stationId, r.contest, r.token, r.key, JSON.writeValueAsString(named), List.of(), r.asWritten);
        }
        List<byte[]> photos = !options.photos() ? List.of()
                : r.isFinal() ? Replay.photos(r.stationId) : List.of(Replay.photos(r.stationId + TALLY_PHOTOS).get(r.tally));
        return new Replay.Send(r.stationId, r.contest, r.token, r.key, body, photos, r.asWritten);
    }

    private List<Figures> figures(double seconds, NightClock clock, LocalTime lastAnswered, Map<Kind, Figures.Latencies> answers, Map<Kind, Map<Integer, AtomicLong>> statuses,
            Figures.Latencies photos, Figures.Latencies lag, Map<String, AtomicLong> retriedOn, long doubled, long misreadSent, long misreadAlone,
            List<String> failures, Replay replay) {
        List<Figures> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            Map<Integer, Long> counts = new TreeMap<>();
            statuses.get(k).forEach((s, c) -> counts.put(s, c.get()));
            List<String> notes = new ArrayList<>(List.of("answers " + counts + " (expected " + k.expected + "); times: the report's"
                    + " request alone (its photos' uploads timed apart)"));
            if (k == Kind.RESEND || k == Kind.FINAL) {
                notes.add(k == Kind.RESEND ? "the request before exactly, its photos not uploaded again"
                        : "a fix of a refused count names the photos its first try uploaded");
            }
            List<String> problems = new ArrayList<>();
            long unexpected = counts.entrySet().stream().filter(e -> e.getKey() != k.expected).mapToLong(Map.Entry::getValue).sum();
            if (unexpected > 0) {
                problems.add(unexpected + " " + k.label + " not answered " + k.expected);
            }
            switch (k) {
                case FINAL -> notes.add(String.format("%,d stations (%,d with two reporters); misread finals stored: %,d (%,d at stations with"
                        + " one reporter: only the photo shows them)", stations, pairs.size(), misreadSent, misreadAlone));
                case RESEND -> {
                    notes.add("second reports made by a resend: " + doubled);
                    if (doubled > 0) {
                        problems.add(doubled + " resends made a second report");
                    }
                }
                case WRONG_SUM -> notes.add("each fixed and sent again with a new key (counted under finals)");
                default -> {
                }
            }
            out.add(Figures.of("night: " + k.label, seconds, answers.get(k).size(), "requests", answers.get(k).toArray(), notes, problems));
        }
        out.add(Figures.of("night: photos", seconds, photos.size(), "photos", photos.toArray(),
                List.of(String.format("announced and PUT to the bucket by presigned link; %,d bytes into the bucket (%s each)", replay.bucketBytes(),
                        options.photoBytes() == 0 ? "the replay's small PNGs" : String.format("%,d bytes", options.photoBytes()))),
                List.of()));
        long[] late = lag.toArray();
        java.util.Arrays.sort(late);
        List<String> notes = new ArrayList<>();
        notes.add(String.format("night time late: p50 %.0f s, p99 %.0f s, max %.0f s (compressed %.0f×); %,d requests more than a night"
                + " minute late; the last planned at %s, answered at %s", night(late, 50, clock), night(late, 99, clock), night(late, 100, clock),
                clock.compress(), java.util.Arrays.stream(late).filter(m -> m * clock.compress() > 60e6).count(), lastAt().withNano(0),
                lastAnswered.withNano(0)));
        Map<String, Long> retried = new TreeMap<>();
        retriedOn.forEach((k, v) -> retried.put(k, v.get()));
        notes.add(String.format("request bytes to the app %,d; photo bytes to the bucket %,d; sent again after a failure or 5xx (same key): %s",
                replay.appBytes(), replay.bucketBytes(), retried.isEmpty() ? "none" : retried));
        List<String> problems = new ArrayList<>();
        if (!failures.isEmpty()) {
            problems.add(failures.size() + " requests failed after retrying, e.g. " + failures.subList(0, Math.min(3, failures.size())));
        }
        out.add(Figures.of("night: lag behind the schedule", seconds, late.length, "requests", late, notes, problems));
        return out;
    }

    /** The p-th percentile of wall lags (µs, sorted) in seconds of the night. */
    private static double night(long[] sorted, double p, NightClock clock) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] * clock.compress() / 1e6;
    }
}
