package org.khanaen.benchmarks;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.khanaen.benchmarks.replay.Arrivals;
import org.khanaen.benchmarks.replay.Replay;
import org.khanaen.assignment.AutoAssignment;
import org.khanaen.assignment.ManualAssignments;
import org.khanaen.assignment.RunRequest;
import org.khanaen.assignment.RunView;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.CandidateView;
import org.khanaen.elections.ConstituencyView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImports;
import org.khanaen.elections.PartyView;
import org.khanaen.elections.StationPoint;
import org.khanaen.elections.ect.EctResults;
import org.khanaen.results.LiveResults;
import org.khanaen.results.MediaOutlets;
import org.khanaen.results.QuickCounts;
import org.khanaen.results.WarRoom;
import org.khanaen.results.ReportIntake;
import org.khanaen.volunteers.OrganisationDraft;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.RosterEdits;
import org.khanaen.volunteers.RosterImports;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerInput;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./khanaen replay [FILE]}: election night replayed from an ECT results file (without one: a national file made
 * up from the 2023 reference data, written under target/ and read back like any other). Set-up, not timed: a fresh
 * schema, the 2023 election, two volunteers at every station of the file's constituencies (a CSV import and the
 * automatic assignment, topped up by hand where it left a place empty), a token each, a media key. Timed: every
 * station's final counts of both contests sent by both its volunteers with photos; then the wait until the stream
 * has shown every station contest verified. Afterwards the results API is compared with the file, constituency by
 * constituency; any difference fails the run.
 */
final class ReplayBench {

    private static final String ELECTION = "th-2566";

    private final Server server;
    private final Path file;
    private final int clients;
    private final boolean photos;
    private final boolean photosThroughApp;
    private final int photoBytes;
    private Selection selection = Selection.ALL;

    ReplayBench(Server server, Path file, int clients, boolean photos, boolean photosThroughApp, int photoBytes) {
        this.photoBytes = photoBytes;
        this.server = server;
        this.file = file;
        this.clients = clients;
        this.photos = photos;
        this.photosThroughApp = photosThroughApp;
    }

    /** Part of the night only: {@code --only sample}, {@code --fraction F} (see {@link Selection}). */
    ReplayBench selecting(Selection selection) {
        this.selection = selection;
        return this;
    }

    void run() throws Exception {
        server.describeAndMeasure();
        String url = server.freshSchema("bench_replay");
        try (var app = server.startWebApp(url)) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            Prepared p = prepare(app, file, photos, true, photosThroughApp, photoBytes, null, selection);
            URI base = URI.create("http://127.0.0.1:" + port);
            Map<String, Double> cpuBefore = Capacity.oneNode();
            Map<Long, Double> threadsBefore = Capacity.threads();
            double processBefore = cpuBefore.get("app and clients");
            long started = System.nanoTime();
            Replay.Outcome o = p.replay().run(List.of(base), ELECTION, p.mediaKey(), p.plan().sends(), clients, Duration.ofMinutes(10),
                    p.sample());
            String cpu = Capacity.perReport(cpuBefore, Capacity.oneNode(), o.reports(), (System.nanoTime() - started) / 1e9)
                    + "; " + Capacity.threadsPerReport(threadsBefore, processBefore, o.reports());
            List<String> differences = report(app, p, o, List.of(base), clients, photos);
            System.out.println(cpu);
            if (!differences.isEmpty() || o.seenVerified() != o.stationContests()) {
                throw new IllegalStateException("the replay did not end with exactly the file's results");
            }
        } finally {
            server.drop(url);
        }
    }

    /**
     * {@code ./khanaen replay [FILE] --target URL} or {@code --nodes URL1,URL2} (or {@code --cluster DIR}: the local
     * cluster's load balancer, its nodes with {@code --nodes all}): the replay sent to running nodes instead of an app of
     * its own. Set-up through an application context of this JVM (no web server) on the nodes' database; the election
     * must be loaded there already, and the stations still without replayed reports (a fresh cluster).
     */
    static void runOn(Target target, Path file, int clients, boolean photos, boolean photosThroughApp, int photoBytes, Duration patience,
            String provinces) throws Exception {
        System.out.println("targets: " + target.urls() + "; database " + target.jdbcUrl());
        System.out.println("machine: " + Machine.describe());
        try (var app = target.startApp()) {
            Prepared p = prepare(app, file, photos, false, photosThroughApp, photoBytes, provinces);
            Capacity capacity = target.clusterDir() == null ? null
                    : new Capacity(target.clusterDir(), target.jdbcUrl(), target.user(), target.password());
            Capacity.Snapshot before = capacity == null ? null : capacity.take();
            Replay.Outcome o = p.replay().run(target.urls(), ELECTION, p.mediaKey(), p.plan().sends(), clients, patience);
            if (capacity != null) {
                capacity.report(before, capacity.take(), o.reports()).forEach(System.out::println);
            }
            try (Connection c = java.sql.DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password())) {
                PhysicalReference reference = PhysicalReference.measureIn(c); // after the stream: its replication backlog would slow the stream
                System.out.printf("physical reference (the nodes' database, after the replay): raw JDBC %,.0f rows/s batched, %,.0f rows/s one"
                        + " commit per row%n", reference.batchedRowsPerSecond(), reference.perRowCommitsPerSecond());
            }
            List<String> differences = report(app, p, o, target.urls(), clients, photos);
            if (!differences.isEmpty() || o.seenVerified() != o.stationContests()) {
                throw new IllegalStateException("the replay did not end with exactly the file's results on every target");
            }
        }
    }

    /** Everything a replay sends, and what it is checked against; {@code sample}: the quick count's stations (drawn here or none). */
    record Prepared(Path source, EctResults results, Map<String, Integer> partyBallots, Replay replay, Replay.Plan plan, String mediaKey,
            ElectionCatalog catalog, JsonMapper json, Selection selection, Set<Long> sample) {
    }

    /**
     * Which stations report, in what order. All of the file's, in a shuffled order (the default); or part of the night:
     * {@code --only sample}, the quick count's sample (drawn here from {@code --seed} at the size for ±1 pt, and revealed,
     * so that the stream carries its estimates; volunteers are then placed for its stations only: the automatic run gives
     * each its primary first, but every station gets a primary before any gets a backup, so the nation's other stations
     * take the rest and the backups are placed by hand); {@code --fraction F}, the first F of them (or of all) in the order counts arrive on the
     * night, small stations first with chance from {@code --seed} ({@link Arrivals}). A part is not compared with the file.
     */
    record Selection(boolean onlySample, double fraction, long seed) {

        static final Selection ALL = new Selection(false, 1, 2566);

        static Selection from(Map<String, String> options) {
            String only = options.getOrDefault("only", "all");
            if (!only.equals("all") && !only.equals("sample")) {
                throw new IllegalArgumentException("--only takes sample (or all), not " + only);
            }
            return new Selection(only.equals("sample"), Double.parseDouble(options.getOrDefault("fraction", "1")),
                    Long.parseLong(options.getOrDefault("seed", "2566")));
        }

        boolean all() {
            return !onlySample && fraction >= 1;
        }

        @Override
        public String toString() {
            return all() ? "every station" : (fraction < 1 ? "the first " + fraction * 100 + " % of " : "")
                    + (onlySample ? "the quick count's sample" : "the stations") + " in the order counts arrive (small first, seed " + seed + ")";
        }
    }

    /**
     * Set-up, not timed: the election (loaded here when {@code load}, else it must be there), two volunteers at every
     * station of the file's constituencies, a token each, a media key; the plan of reports.
     */
    static Prepared prepare(ConfigurableApplicationContext app, Path file, boolean photos, boolean load, boolean photosThroughApp, int photoBytes)
            throws Exception {
        return prepare(app, file, photos, load, photosThroughApp, photoBytes, null, Selection.ALL);
    }

    /**
     * The same, with only some of the file's provinces: {@code provinces} names them ({@code AYA,ATG}) or says how many of
     * the first (a number); null or empty: all. A part of the nation this machine can carry.
     */
    static Prepared prepare(ConfigurableApplicationContext app, Path file, boolean photos, boolean load, boolean photosThroughApp, int photoBytes,
            String provinces) throws Exception {
        return prepare(app, file, photos, load, photosThroughApp, photoBytes, provinces, Selection.ALL);
    }

    /** The same, with only some of the stations reporting, in the order counts arrive ({@link Selection}). */
    static Prepared prepare(ConfigurableApplicationContext app, Path file, boolean photos, boolean load, boolean photosThroughApp, int photoBytes,
            String provinces, Selection selection) throws Exception {
        JsonMapper json = app.getBean(JsonMapper.class);
        ElectionCatalog catalog = app.getBean(ElectionCatalog.class);
        if (load) {
            app.getBean(ElectionImports.class).importBuiltIn(ELECTION);
        } else if (catalog.elections().stream().noneMatch(e -> e.id().equals(ELECTION))) {
            throw new IllegalStateException("the target's database has no election " + ELECTION + " (the cluster's first node loads it)");
        }
        try (Connection c = app.getBean(javax.sql.DataSource.class).getConnection(); ResultSet rs = c.createStatement()
                .executeQuery("select count(*) from station_report where idempotency_key like 'replay-%'")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                throw new IllegalStateException("the target already holds " + rs.getLong(1) + " replayed reports: replay on a fresh cluster"
                        + " (./khanaen cluster down --purge, then up)");
            }
        }
        Path source = file != null ? file : NationalFile.write(catalog,
                app.getBean(ReportIntake.class).rules(ELECTION).majorParties(), Path.of("target", "replay-national-th-2566.json"));
        if (provinces != null && !provinces.isBlank()) {
            source = someProvinces(source, provinces, json);
        }
        EctResults results;
        try (InputStream in = Files.newInputStream(source)) {
            results = EctResults.read(in, json);
        }
        System.out.printf("file %s: %,d constituencies, last_update %s%n", source, results.constituencies().size(), results.lastUpdate());
        Map<String, Integer> partyBallots = new HashMap<>();
        for (PartyView p : catalog.parties(ELECTION)) {
            if (p.ballotNumber() != null) {
                partyBallots.put(p.code(), p.ballotNumber());
            }
        }
        Set<String> codes = new HashSet<>();
        results.constituencies().forEach(c -> codes.add(c.code()));
        List<StationPoint> stations = catalog.stationPoints(ELECTION).stream().filter(s -> codes.contains(s.constituencyCode())).toList();
        Set<Long> sample = Set.of();
        if (selection.onlySample()) { // drawn before anyone is placed: the automatic run covers its stations first
            var quickCounts = app.getBean(QuickCounts.class);
            quickCounts.draw(ELECTION, "replay " + selection.seed(), null, 0.01, 0.15, "bench");
            quickCounts.reveal(ELECTION);
            Set<Long> drawn = quickCounts.stationIds(ELECTION);
            sample = stations.stream().map(StationPoint::id).filter(drawn::contains).collect(java.util.stream.Collectors.toSet());
            System.out.printf("quick-count sample: %,d stations drawn, %,d of them in the file's constituencies%n", drawn.size(), sample.size());
        }
        Set<Long> onlyThese = sample;
        List<StationPoint> placed = selection.onlySample() ? stations.stream().filter(s -> onlyThese.contains(s.id())).toList() : stations;
        Map<Long, List<String>> tokens = placeTwoPerStation(app, catalog, placed, codes);
        Map<String, List<Replay.Station>> byConstituency = new LinkedHashMap<>();
        for (StationPoint s : stations) {
            byConstituency.computeIfAbsent(s.constituencyCode(), k -> new ArrayList<>())
                    .add(new Replay.Station(s.id(), s.constituencyCode(), s.registeredVoters(), tokens.getOrDefault(s.id(), List.of())));
        }
        var rules = app.getBean(ReportIntake.class).rules(ELECTION);
        Replay replay = new Replay(json, photosThroughApp, photoBytes);
        Replay.Plan plan = replay.plan(results, byConstituency, partyBallots, rules.majorParties(), rules.tolerances(), photos);
        if (!selection.all()) {
            Map<Long, Integer> registered = new HashMap<>();
            placed.forEach(s -> registered.put(s.id(), s.registeredVoters()));
            List<Long> order = Arrivals.first(Arrivals.order(registered, selection.seed()), Math.min(1, selection.fraction()));
            plan = new Replay.Plan(Arrivals.inOrder(plan.sends(), order, selection.seed()), order.size(), plan.warnings(), plan.contradictions());
            System.out.printf("part of the night: %s: %,d stations%n", selection, order.size());
        }
        String key = app.getBean(MediaOutlets.class).create("replay", null, 1_000_000, "bench").key();
        System.out.printf("%,d stations, %,d reports to send (%s photos); warnings the split numbers raise (sent confirmed): %s%n",
                plan.stations(), plan.sends().size(), photos ? "with" : "without", plan.warnings());
        System.out.printf("where the file contradicts itself (taken as published): %s%n", plan.contradictions().isEmpty() ? "nowhere"
                : plan.contradictions().size() + " contests: " + plan.contradictions().stream()
                        .map(x -> x.where() + " " + x.contest() + " valid " + x.written() + ", votes " + x.addsUpTo()).toList());
        return new Prepared(source, results, partyBallots, replay, plan, key, catalog, json, selection, sample);
    }

    /** The file with only the provinces named (or the first N), written beside it (the same part each time). */
    static Path someProvinces(Path file, String provinces, JsonMapper json) throws Exception {
        var root = (tools.jackson.databind.node.ObjectNode) json.readTree(file.toFile());
        var all = (tools.jackson.databind.node.ArrayNode) root.get("result_province");
        var part = json.createArrayNode();
        boolean count = provinces.strip().matches("\\d+");
        List<String> named = count ? List.of() : List.of(provinces.strip().split("\\s*,\\s*"));
        for (int i = 0; i < all.size(); i++) {
            if (count ? i < Integer.parseInt(provinces.strip()) : named.contains(all.get(i).path("prov_id").asString())) {
                part.add(all.get(i));
            }
        }
        if (part.isEmpty() || !count && part.size() != named.size()) {
            throw new IllegalArgumentException("--provinces " + provinces + ": the file has " + part.size() + " of them");
        }
        root.set("result_province", part);
        Path out = file.resolveSibling(file.getFileName().toString().replace(".json", "") + "-" + provinces.strip().replace(',', '-') + ".json");
        json.writeValue(out.toFile(), root);
        return out;
    }

    /**
     * Prints what the replay measured, has the war room accept the forms sent as written, and compares every target's
     * results API and ECT feed with the file; the differences (none: every target shows exactly the file).
     */
    static List<String> report(ConfigurableApplicationContext app, Prepared p, Replay.Outcome o, List<URI> targets, int clients, boolean photos)
            throws Exception {
        System.out.printf("sent %,d reports in %.1f s: %,.0f reports/s; answers p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms; %s;"
                + " sent again by idempotency key: %s%n",
                o.reports(), o.seconds(), o.reportsPerSecond(), Replay.Outcome.percentile(o.answerMicros(), 50),
                Replay.Outcome.percentile(o.answerMicros(), 95), Replay.Outcome.percentile(o.answerMicros(), 99),
                Replay.Outcome.percentile(o.answerMicros(), 100), o.statuses(), o.retriedOn().isEmpty() ? "none" : o.retriedOn());
        System.out.printf("request bytes to the app: %,d (%,.0f per report); photo bytes put straight into the bucket: %,d%n",
                o.appBytes(), (double) o.appBytes() / Math.max(1, o.reports()), o.bucketBytes());
        System.out.printf("verified and on the stream: %,d of %,d station contests (waited %.1f s after the last answer); from a"
                + " station contest's last answer to the stream: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                o.seenVerified(), o.stationContests(), o.waitedSeconds(), Replay.Outcome.percentile(o.visibleMicros(), 50),
                Replay.Outcome.percentile(o.visibleMicros(), 95), Replay.Outcome.percentile(o.visibleMicros(), 99),
                Replay.Outcome.percentile(o.visibleMicros(), 100));
        if (targets.size() > 1) {
            System.out.printf("on every target's own stream (%s): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms after the last answer;"
                    + " station contests each stream showed: %s%n", targets, Replay.Outcome.percentile(o.visibleEverywhereMicros(), 50),
                    Replay.Outcome.percentile(o.visibleEverywhereMicros(), 95), Replay.Outcome.percentile(o.visibleEverywhereMicros(), 99),
                    Replay.Outcome.percentile(o.visibleEverywhereMicros(), 100), o.seenOnEach());
        }
        long asWritten = p.replay().acceptAsWritten(p.plan().sends(), ELECTION, app.getBean(WarRoom.class),
                app.getBean(LiveResults.class));
        System.out.printf("accepted by the war room as written on a form that does not add up (where the file does not): %d station"
                + " contests%n", asWritten);
        List<String> differences = new ArrayList<>();
        if (!p.selection().all()) {
            partOfTheNight(p, o, targets.getFirst(), clients);
            return differences;
        }
        for (URI base : targets) {
            List<String> api = p.replay().compare(base, ELECTION, p.mediaKey(), p.results(), p.partyBallots());
            System.out.printf("results API of %s against the file: %s%n", base, api.isEmpty() ? "every constituency exactly as the file"
                    : api.size() + " differences, e.g. " + api.subList(0, Math.min(10, api.size())));
            List<String> feed = ectFeedAgainstFile(base, p.catalog(), p.results(), p.json());
            System.out.printf("ECT feed records/stats_party.json of %s against the file: %s%n", base, feed.isEmpty()
                    ? "every party's party-list seats and constituencies won as the file implies" : feed.size() + " differences, e.g. " + feed);
            api.forEach(d -> differences.add(base + ": " + d));
            feed.forEach(d -> differences.add(base + ": " + d));
        }
        PublicRecordFigures.print(app, o);
        System.out.printf("%n| %s | replay of %s: %,d stations, %,d reports, %d clients, %s photos%s | **%,.0f reports/s** | answers p99 %.0f ms |"
                + " stream p99 **%.0f ms** | %s |%n", java.time.LocalDate.now(), p.source().getFileName(), p.plan().stations(), o.reports(), clients,
                photos ? "with" : "without", targets.size() > 1 ? ", across " + targets.size() + " nodes" : "", o.reportsPerSecond(),
                Replay.Outcome.percentile(o.answerMicros(), 99), Replay.Outcome.percentile(o.visibleMicros(), 99),
                differences.isEmpty() ? "exactly the file" : "DIFFERENT");
        return differences;
    }

    /**
     * A part of the night is not the file: instead, with the sample, how soon its estimates counted each verified sample
     * station on the stream, and whether their 95 % intervals hold the file's national party-list shares.
     */
    private static void partOfTheNight(Prepared p, Replay.Outcome o, URI base, int clients) throws Exception {
        System.out.printf("part of the night (%s): not compared with the file%n", p.selection());
        if (p.sample().isEmpty()) {
            return;
        }
        long[] q = o.quickCountMicros();
        System.out.printf("quick count on the stream: %,d of %,d verified sample stations counted (last event: %d); from a sample"
                + " station's verifying party-list answer to the quick-count event counting it: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms,"
                + " max %.0f ms%n", q.length, p.plan().stations(), o.quickCountReported(), Replay.Outcome.percentile(q, 50),
                Replay.Outcome.percentile(q, 95), Replay.Outcome.percentile(q, 99), Replay.Outcome.percentile(q, 100));
        Map<String, Long> votes = new HashMap<>();
        p.results().constituencies().forEach(c -> c.partyList().votes().forEach((party, v) -> votes.merge(party, v, Long::sum)));
        double total = votes.values().stream().mapToLong(Long::longValue).sum();
        var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(base.resolve("/api/v1/elections/"
                + ELECTION + "/results/quick-count")).header("Authorization", "Bearer " + p.mediaKey()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        var estimate = p.json().readTree(answer.body()).path("estimate");
        int parties = 0;
        int held = 0;
        List<String> lines = new ArrayList<>();
        for (var party : estimate.path("parties")) {
            double truth = votes.getOrDefault(party.path("partyId").asString(), 0L) / total;
            var share = party.path("share");
            if (truth > 0.01 && !share.path("low").isNull()) {
                parties++;
                boolean in = share.path("low").asDouble() <= truth && truth <= share.path("high").asDouble();
                held += in ? 1 : 0;
                lines.add(String.format("%s %.2f %% in [%.2f, %.2f]%s", party.path("partyId").asString(), truth * 100,
                        share.path("low").asDouble() * 100, share.path("high").asDouble() * 100, in ? "" : " MISSED"));
            }
        }
        System.out.printf("quick count (%d of %d sample stations, unbalanced %s) against the file's national shares: %d of %d intervals"
                + " of parties above 1 %% hold them: %s%n", estimate.path("reported").asInt(), estimate.path("drawn").asInt(),
                estimate.path("unbalanced").asBoolean(), held, parties, lines);
        System.out.printf("%n| %s | replay of %s, only the quick count's sample: %,d stations, %,d reports, %d clients | **%,.0f reports/s** |"
                + " answers p99 %.0f ms | stream p99 **%.0f ms** | quick count p50 %.0f ms, p99 **%.0f ms** | %d of %d intervals hold |%n",
                java.time.LocalDate.now(), p.source().getFileName(), p.plan().stations(), o.reports(), clients, o.reportsPerSecond(),
                Replay.Outcome.percentile(o.answerMicros(), 99), Replay.Outcome.percentile(o.visibleMicros(), 99),
                Replay.Outcome.percentile(q, 50), Replay.Outcome.percentile(q, 99), held, parties);
    }

    /**
     * The ECT-compatible feed's party file against what the results file implies: party-list seats by the largest
     * remainders of the file's party-list votes (100 seats), constituencies won by the file's most-voted candidates.
     */
    static List<String> ectFeedAgainstFile(URI base, ElectionCatalog catalog, EctResults file, JsonMapper json) throws Exception {
        Map<String, String> partyOf = new HashMap<>(); // constituency_ballot → party id
        catalog.candidates(ELECTION).stream().filter(c -> c.constituency() != null && c.party() != null)
                .forEach(c -> partyOf.put(c.constituency() + "_" + c.ballotNumber(), c.party().code()));
        Map<String, Long> listVotes = new HashMap<>();
        Map<String, Integer> won = new HashMap<>();
        for (EctResults.Constituency c : file.constituencies()) {
            c.partyList().votes().forEach((party, v) -> listVotes.merge(party, v, Long::sum));
            long most = c.candidates().votes().values().stream().mapToLong(Long::longValue).max().orElse(0);
            List<String> first = c.candidates().votes().entrySet().stream().filter(e -> e.getValue() == most).map(Map.Entry::getKey).toList();
            if (first.size() == 1 && partyOf.containsKey(c.code() + "_" + first.getFirst())) {
                won.merge(partyOf.get(c.code() + "_" + first.getFirst()), 1, Integer::sum);
            }
        }
        long total = listVotes.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Integer> seats = new HashMap<>();
        List<Map.Entry<String, Long>> remainders = new ArrayList<>();
        int given = 0;
        for (var e : listVotes.entrySet()) {
            seats.put(e.getKey(), (int) (e.getValue() * 100 / total));
            given += (int) (e.getValue() * 100 / total);
            remainders.add(Map.entry(e.getKey(), e.getValue() * 100 % total));
        }
        remainders.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        for (int i = 0; i < 100 - given; i++) {
            seats.merge(remainders.get(i).getKey(), 1, Integer::sum);
        }
        var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(base.resolve("/ect/" + ELECTION
                + "/records/stats_party.json")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        List<String> differences = new ArrayList<>();
        if (answer.statusCode() != 200) {
            return List.of("stats_party.json answered " + answer.statusCode());
        }
        var doc = json.readTree(answer.body());
        // below the share of stations counted from which party-list seats are projected (a partial file, such as the
        // two-province sample), the feed gives none and says so: then none is what the file implies for it
        boolean projected = doc.path("khanaen_seats").path("party_list_count_projected").asBoolean(true);
        for (var p : doc.get("result_party")) {
            String id = p.get("party_id").asString();
            int expected = projected ? seats.getOrDefault(id, 0) : 0;
            if (p.get("party_list_count").asInt(0) != expected) { // null for a party without a list
                differences.add("party " + id + ": " + p.get("party_list_count") + " party-list seats, the file implies " + expected
                        + (projected ? "" : " (seats not projected yet)"));
            }
            if (p.get("first_mp_app_count").asInt() != won.getOrDefault(id, 0)) {
                differences.add("party " + id + ": " + p.get("first_mp_app_count") + " constituencies won, the file implies " + won.getOrDefault(id, 0));
            }
        }
        return differences;
    }

    /** Station → its two volunteers' tokens: volunteers imported near the stations, placed by the automatic run, topped up. */
    static Map<Long, List<String>> placeTwoPerStation(ConfigurableApplicationContext app, ElectionCatalog catalog,
            List<StationPoint> stations, Set<String> codes) throws Exception {
        long start = System.nanoTime();
        OrganisationId org = app.getBean(PartnerOrganisations.class)
                .create(new OrganisationDraft("replay", "องค์กรซ้อมนับ", "Replay", null, null, null)).id();
        RosterImports imports = app.getBean(RosterImports.class);
        byte[] csv = AssignmentBench.csv(catalog.districts(ELECTION), stations, (int) (stations.size() * 2.05), true);
        long job = imports.upload(org, "volunteers.csv", csv, "bench");
        VolunteerImportBench.waitFor(imports, org, job, RosterImports.Status.CHECKED);
        imports.importValidRows(org, job, "bench");
        VolunteerImportBench.waitFor(imports, org, job, RosterImports.Status.IMPORTED);
        AutoAssignment auto = app.getBean(AutoAssignment.class);
        int all = catalog.constituencies(ELECTION, java.util.Optional.empty()).size();
        List<RunRequest> runs = codes.size() == all ? List.of(new RunRequest(ELECTION, RunRequest.Scope.ELECTION, null, null, RunRequest.Mode.FILL, "bench"))
                : codes.stream().sorted().map(c -> new RunRequest(ELECTION, RunRequest.Scope.CONSTITUENCY, c, null, RunRequest.Mode.FILL, "bench"))
                        .toList();
        for (RunRequest r : runs) {
            RunView view = auto.runAndWait(r);
            if (view.status() != RunView.Status.DONE) {
                throw new IllegalStateException("assignment " + view.status() + ": " + view.error());
            }
            if (view.report().sample() != null) {
                System.out.printf("automatic run %s: quick-count sample %s%n", r.scopeCode() == null ? "" : r.scopeCode(), view.report().sample());
            }
        }
        Map<Long, Map<Integer, VolunteerId>> placed = new HashMap<>();
        try (Connection c = app.getBean(javax.sql.DataSource.class).getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select place_id, position, volunteer_id from assignment where tier = 'STATION' and position in (1, 2)")) {
            while (rs.next()) {
                placed.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getInt(2), new VolunteerId(rs.getLong(3)));
            }
        }
        // where the run left a place empty (a station beyond everyone's reach), someone is placed by hand
        RosterEdits roster = app.getBean(RosterEdits.class);
        ManualAssignments manual = app.getBean(ManualAssignments.class);
        AtomicInteger n = new AtomicInteger();
        int topped = 0;
        Map<String, String> districtOf = new HashMap<>(); // a district of each province, for the home of someone placed by hand
        catalog.districts(ELECTION).forEach(d -> districtOf.putIfAbsent(d.province(), d.code()));
        for (StationPoint s : stations) {
            Map<Integer, VolunteerId> at = placed.computeIfAbsent(s.id(), k -> new HashMap<>());
            for (int position : List.of(1, 2)) {
                if (!at.containsKey(position)) {
                    int k = n.incrementAndGet();
                    StringBuilder name = new StringBuilder("อาสา เติม");
                    String.valueOf(k).chars().forEach(ch -> name.append("กขคงจฉชซฌญ".charAt(ch - '0')));
                    VolunteerId v = roster.add(org, new VolunteerInput(name.toString(), "08" + String.format("%08d", 60_000_000 + k),
                            "topup" + k + "@example.org", null, districtOf.get(s.provinceCode()), "STATION", "ALL_DAY"), "bench").orElseThrow();
                    manual.assign(ELECTION, v, ManualAssignments.Place.station(s.id(), position == 1 ? StationRole.PRIMARY : StationRole.BACKUP), "bench");
                    at.put(position, v);
                    topped++;
                }
            }
        }
        ReportIntake tokens = app.getBean(ReportIntake.class);
        Map<Long, List<String>> byStation = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (StationPoint s : stations) {
                done.add(pool.submit(() -> byStation.put(s.id(), List.of(tokens.issueToken(placed.get(s.id()).get(1)), tokens.issueToken(placed.get(s.id()).get(2))))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        System.out.printf("set-up: %,d stations with two volunteers each (%,d placed by hand) and their tokens in %.1f s%n", stations.size(), topped,
                (System.nanoTime() - start) / 1e9);
        return byStation;
    }

    /** A national results file in the ECT's format, made up from the reference data: every constituency, deterministic. */
    static final class NationalFile {

        static Path write(ElectionCatalog catalog, Set<Integer> majorParties, Path to) throws Exception {
            var random = new SplittableRandom(2566);
            Map<String, List<CandidateView>> candidates = new HashMap<>();
            for (CandidateView c : catalog.candidates(ELECTION)) {
                if (c.constituency() != null) {
                    candidates.computeIfAbsent(c.constituency(), k -> new ArrayList<>()).add(c);
                }
            }
            Map<String, Long> registered = new HashMap<>();
            catalog.stationPoints(ELECTION).forEach(s -> registered.merge(s.constituencyCode(), (long) s.registeredVoters(), Long::sum));
            List<PartyView> parties = catalog.parties(ELECTION).stream().filter(p -> p.ballotNumber() != null).toList();
            // the election's major parties are big everywhere, as in 2023 (a major party at 0 is a warning at a station)
            Set<Integer> major = new HashSet<>();
            for (int i = 0; i < parties.size(); i++) {
                if (majorParties.contains(parties.get(i).ballotNumber())) {
                    major.add(i);
                }
            }
            Map<String, List<ConstituencyView>> byProvince = new LinkedHashMap<>();
            catalog.constituencies(ELECTION, java.util.Optional.empty()).forEach(c -> byProvince.computeIfAbsent(c.province().code(), k -> new ArrayList<>()).add(c));
            StringBuilder out = new StringBuilder(8 << 20).append("{\n \"last_update\": \"2023-05-14T23:59+0700\",\n \"note\": \"SYNTHETIC: made up by"
                    + " Khanaen's replay benchmark from the 2023 reference data, same format as the national file\",\n \"result_province\": [");
            String provSep = "";
            for (var p : byProvince.entrySet()) {
                out.append(provSep).append("\n  {\"prov_id\": \"").append(p.getKey()).append("\", \"constituencies\": [");
                provSep = ",";
                String consSep = "";
                for (ConstituencyView c : p.getValue()) {
                    long used = Math.round(registered.getOrDefault(c.code(), 0L) * (0.65 + 0.15 * random.nextDouble()));
                    long invalid = Math.round(used * (0.02 + 0.02 * random.nextDouble()));
                    long blank = Math.round(used * 0.01 * random.nextDouble());
                    long[] votes = weights(candidates.getOrDefault(c.code(), List.of()).size(), used - invalid - blank, random, Set.of());
                    long plBlank = Math.max(0, blank + (random.nextBoolean() ? 1 : -1));
                    long plInvalid = invalid;
                    long[] pl = weights(parties.size(), used - plInvalid - plBlank, random, major);
                    out.append(consSep).append("\n   {\"cons_id\": \"").append(c.code()).append("\", \"valid_votes\": ").append(used - invalid - blank)
                            .append(", \"invalid_votes\": ").append(invalid).append(", \"blank_votes\": ").append(blank)
                            .append(", \"party_list_valid_votes\": ").append(used - plInvalid - plBlank).append(", \"party_list_invalid_votes\": ")
                            .append(plInvalid).append(", \"party_list_blank_votes\": ").append(plBlank).append(", \"candidates\": [");
                    consSep = ",";
                    List<CandidateView> its = candidates.getOrDefault(c.code(), List.of());
                    Integer[] order = rank(votes);
                    for (int i = 0; i < its.size(); i++) {
                        CandidateView x = its.get(i);
                        int rank = 1 + java.util.Arrays.asList(order).indexOf(i);
                        out.append(i == 0 ? "" : ", ").append("{\"mp_app_id\": \"").append(c.code()).append('_').append(x.ballotNumber())
                                .append("\", \"mp_app_vote\": ").append(votes[i]).append(".0, \"party_id\": ")
                                .append(x.party() == null ? "null" : x.party().code()).append(", \"mp_app_rank\": ").append(rank).append('}');
                    }
                    out.append("], \"result_party\": [");
                    for (int i = 0; i < parties.size(); i++) {
                        out.append(i == 0 ? "" : ", ").append("{\"party_id\": ").append(parties.get(i).code()).append(", \"party_list_vote\": ")
                                .append(pl[i]).append('}');
                    }
                    out.append("]}");
                }
                out.append("]}");
            }
            out.append("\n ]\n}\n");
            Files.createDirectories(to.toAbsolutePath().getParent());
            Files.writeString(to, out);
            return to;
        }

        /** {@code total} over n: a few large shares, the rest small, every one at least 1 where the total allows. */
        private static long[] weights(int n, long total, SplittableRandom random, Set<Integer> big) {
            long[] v = new long[n];
            if (n == 0) {
                return v;
            }
            double[] w = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                w[i] = big.contains(i) ? 40 + 40 * random.nextDouble()
                        : random.nextDouble() < 0.3 ? 5 + 20 * random.nextDouble() : 0.05 + 0.3 * random.nextDouble();
                sum += w[i];
            }
            long left = total;
            for (int i = 0; i < n; i++) {
                v[i] = i == n - 1 ? left : Math.min(left, Math.round(total * w[i] / sum));
                left -= v[i];
            }
            return v;
        }

        private static Integer[] rank(long[] votes) {
            Integer[] order = new Integer[votes.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Long.compare(votes[b], votes[a]));
            return order;
        }
    }
}
