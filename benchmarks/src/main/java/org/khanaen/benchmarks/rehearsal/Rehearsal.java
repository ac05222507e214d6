package org.khanaen.benchmarks.rehearsal;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.PartyView;
import org.khanaen.elections.ect.EctResults;
import org.khanaen.results.LiveResults;
import org.khanaen.results.MediaOutlets;
import org.khanaen.results.ReportIntake;
import org.khanaen.rewards.OfferDraft;
import org.khanaen.rewards.SponsorProfile;
import org.khanaen.rewards.Sponsorships;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dress rehearsal's running order, on a stage set by {@code RehearseCommand} (database, chain, the app with its
 * web server): set-up; the night on its compressed clock, with the war room, the leads and the public at work while the
 * volunteers' phones send; the wait until every station contest is verified; the checks afterwards (each station's
 * published numbers against the file, reports, coupons minted); the origin's load per 1,000 readers. Each phase's
 * wall time, CPU and memory by process and the database's size go into one report, printed and appended to
 * BENCHMARKS.md, with PRODUCT.md's speed table beside this run's figures.
 */
public final class Rehearsal {

    static final String ELECTION = "th-2566";

    /** Makes the national results file once the election is loaded. */
    public interface FileMaker {
        Path make(ConfigurableApplicationContext app) throws Exception;
    }

    /** Cuts the national file down to some provinces ({@code UDN,NAN} or a number of the first). */
    public interface PartMaker {
        Path make(String provinces) throws Exception;
    }

    public record Stage(ConfigurableApplicationContext app, URI base, String jdbcUrl, String user, String password, String machine, String server,
            Figures databaseReference, boolean chain, Map<String, String> options, FileMaker nationalFile, PartMaker someProvinces) {

        String option(String name, String otherwise) {
            return options.getOrDefault(name, otherwise);
        }

        double number(String name, double otherwise) {
            return Double.parseDouble(option(name, String.valueOf(otherwise)));
        }

        int whole(String name, int otherwise) {
            return Integer.parseInt(option(name, String.valueOf(otherwise)));
        }
    }

    /** A phase of the night: its steps' figures and what it cost each process. */
    record Phase(String name, double seconds, List<Figures> figures, String cost, long databaseBytes, List<String> notes) {
    }

    public static void run(Stage stage) throws Exception {
        new Rehearsal(stage).perform();
    }

    private final Stage stage;
    private final ConfigurableApplicationContext app;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Processes processes = new Processes();
    private final List<Phase> phases = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private Map<String, Double> cpuAtStart;
    private Map<Long, Double> threadsAtStart;
    private long phaseStart;
    private final Instant began = Instant.now();

    private Rehearsal(Stage stage) {
        this.stage = stage;
        this.app = stage.app();
        this.jdbc = JdbcClient.create(app.getBean(javax.sql.DataSource.class));
        this.json = app.getBean(JsonMapper.class);
    }

    private void perform() throws Exception {
        // the app runs on the election day's clock: the stream's readers measure delivery against it
        System.setProperty(org.khanaen.benchmarks.SubscriberClient.CLOCK_AHEAD,
                String.valueOf(app.getBean(java.time.Clock.class).millis() - System.currentTimeMillis()));
        double compress = stage.number("compress", 12);
        int clients = stage.whole("clients", 64);
        String provinces = stage.options().get("provinces");
        System.out.printf("rehearsal: %s; compressed clock x%.0f; %d clients%n", provinces == null ? "the whole nation" : "provinces " + provinces,
                compress, clients);

        begin();
        List<Figures> references = List.of(stage.databaseReference(), References.loopback(), References.staticFile(stage.base()));
        end("physical reference", references, List.of());

        begin();
        SetUp.Options setUpOptions = new SetUp.Options(stage.whole("volunteers", 100_000), stage.whole("organisations", 50),
                stage.number("no-show", 0.03), stage.whole("war-room", 100), Long.parseLong(stage.option("seed", "2566")));
        SetUp.Result setUp = SetUp.run(app, stage.base(), setUpOptions, provinces == null ? null : Set.of(provinces.split(",")));
        Cast cast = setUp.cast();
        offerForVolunteers(cast);
        String mediaKey = app.getBean(MediaOutlets.class).create("rehearsal newsroom", null, 1_000_000, "rehearsal").key();
        end("set-up", setUp.figures(), List.of(String.format("cast: %,d stations with reporters (%,d with two), %,d reporters, %d leads, %d war-room members",
                cast.reporters().size(), cast.reporters().values().stream().filter(r -> r.size() > 1).count(),
                cast.reporters().values().stream().mapToInt(List::size).sum(), cast.leads().size(), cast.warRoom().size())));

        begin();
        Path file = provinces == null ? stage.nationalFile().make(app) : stage.someProvinces().make(provinces);
        EctResults results;
        try (InputStream in = Files.newInputStream(file)) {
            results = EctResults.read(in, json);
        }
        ElectionCatalog catalog = app.getBean(ElectionCatalog.class);
        Map<String, Integer> partyBallots = new HashMap<>();
        for (PartyView p : catalog.parties(ELECTION)) {
            if (p.ballotNumber() != null) {
                partyBallots.put(p.code(), p.ballotNumber());
            }
        }
        Ledger ledger = new Ledger();
        NightPlan.Options planOptions = new NightPlan.Options(stage.number("running-tallies", 0.6), stage.number("resends", 0.02),
                stage.number("misread", 0.03), stage.number("wrong-sums", 0.01), !"false".equals(stage.option("photos", "true")),
                stage.whole("photo-kb", 0) * 1024, Long.parseLong(stage.option("seed", "2566")));
        NightPlan plan = NightPlan.make(results, catalog, app.getBean(ReportIntake.class).rules(ELECTION), partyBallots, cast, ledger, planOptions);
        end("the night's plan", List.of(), List.of(String.format("file %s: %,d constituencies; %,d stations, %,d requests planned, %,d station"
                + " contests to verify", file.getFileName(), results.constituencies().size(), plan.stations(), plan.requests(), ledger.truths().size())));

        begin();
        Audience.Options audienceOptions = new Audience.Options(stage.whole("readers", 5_000), stage.whole("per-process", 5_000),
                stage.whole("page-readers", 300), Duration.ofSeconds(stage.whole("page-every", 10)), stage.whole("newsrooms", 34),
                Duration.ofSeconds(stage.whole("newsroom-every", 5)));
        List<Figures> night = new ArrayList<>();
        List<String> nightNotes = new ArrayList<>();
        Watch.Finals finals = Watch.Finals.of(results);
        // the public reads the pages through a CDN on the night (docs/live-results.md); --cdn false: straight at the app
        try (Audience audience = Audience.start(stage.base(), ELECTION, mediaKey, audienceOptions, !"false".equals(stage.option("cdn", "true")))) {
            NightClock clock = NightClock.startingNow(compress);
            Watch watch = new Watch(app.getBean(LiveResults.class), ELECTION, clock, 2_000, ledger.truths().size());
            Desk.Options deskOptions = new Desk.Options(stage.whole("verifiers", Math.min(cast.warRoom().size(), 100)),
                    Duration.ofSeconds(stage.whole("verifier-seconds", 30)), Duration.ofSeconds(stage.whole("lead-seconds", 20)));
            try (Desk desk = Desk.start(stage.base(), cast, ledger, clock, deskOptions)) {
                night.addAll(plan.send(stage.base(), clock, clients));
                LocalTime lastAnswer = clock.now();
                nightNotes.add("last report answered at " + lastAnswer.withNano(0) + " on the night's clock");
                LocalTime allVerified = waitUntilVerified(ledger.truths().size(), clock, Duration.ofSeconds(stage.whole("patience", 3600)));
                nightNotes.add(allVerified == null ? "NOT every station contest verified within the patience" : "every station contest verified at "
                        + allVerified.withNano(0) + " on the night's clock");
                if (allVerified == null) {
                    problems.add("station contests left unverified: " + (ledger.truths().size() - verified()));
                }
                night.addAll(desk.stop());
            }
            night.addAll(audience.stop());
            watch.close();
            nightNotes.addAll(watch.milestones(finals));
            nightNotes.add(String.format("night clock: x%.0f (2 h of the night in %.1f min of wall time)", compress, 120 / compress));
        }
        end("the night", night, nightNotes);

        begin();
        List<Figures> after = new ArrayList<>();
        after.add(stationByStation(ledger, mediaKey));
        after.add(constituenciesAgainstFile(results, partyBallots, mediaKey));
        after.add(reportsCounted(ledger));
        after.add(coupons(ledger));
        end("afterwards", after, List.of());

        begin();
        // every station is verified by now: a change a second (a station contest's revision moved on, its numbers the same)
        // keeps the readers' caches going stale as on the night
        List<Long> stations = jdbc.sql("select distinct station_id from station_contest where election_id = ? order by station_id")
                .param(ELECTION).query(Long.class).list();
        int[] next = { 0 };
        Figures origin = Audience.originLoad(stage.base(), ELECTION, mediaKey, stage.whole("origin-readers", 1_000),
                Duration.ofSeconds(stage.whole("origin-seconds", 30)), () -> jdbc.sql("update station_contest set revision = revision + 1,"
                        + " updated_at = ? where station_id = ?").params(java.sql.Timestamp.from(Instant.now()),
                                stations.get(next[0]++ % stations.size())).update());
        end("the public's load on the origin", List.of(origin), List.of());

        String report = report(provinces, compress, clients, cast);
        System.out.println(report);
        if (!"false".equals(stage.option("append", "true"))) {
            Path benchmarks = benchmarksFile();
            // newest first, under "## Results"
            String text = Files.readString(benchmarks);
            int at = text.indexOf("## Results\n");
            Files.writeString(benchmarks, at < 0 ? text + "\n" + report : text.substring(0, at + 11) + "\n" + report + text.substring(at + 11));
            System.out.println("appended to " + benchmarks);
        }
        processes.close();
        phases.forEach(p -> p.figures().forEach(f -> f.problems().forEach(x -> problems.add(f.step() + ": " + x))));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the rehearsal found problems: " + problems);
        }
    }

    private void begin() {
        processes.takePeaks();
        cpuAtStart = processes.cpu();
        threadsAtStart = Processes.threads();
        phaseStart = System.nanoTime();
    }

    private void end(String name, List<Figures> figures, List<String> notes) {
        double seconds = (System.nanoTime() - phaseStart) / 1e9;
        Map<String, Long> peaks = processes.takePeaks();
        processes.rss().forEach((k, v) -> peaks.merge(k, v, Math::max));
        StringBuilder threads = new StringBuilder("; of this JVM, by threads (CPU s):");
        Processes.threadsSince(threadsAtStart).forEach((k, v) -> threads.append(String.format(" %s %.1f", k, v)));
        Phase phase = new Phase(name, seconds, figures, Processes.describe(cpuAtStart, processes.cpu(), seconds, peaks) + threads, databaseBytes(),
                notes);
        phases.add(phase);
        System.out.printf("%n== %s: %.1f s; %s; database %,d MB%n", name, seconds, phase.cost(), phase.databaseBytes() / 1024 / 1024);
        figures.forEach(f -> System.out.println("  " + f.line()));
        notes.forEach(n -> System.out.println("  " + n));
    }

    private long databaseBytes() {
        return jdbc.sql("select coalesce(sum(data_length + index_length), 0) from information_schema.tables where table_schema = database()")
                .query(Long.class).single();
    }

    /**
     * A sponsor's offers for every volunteer with a verified count and for the leads (through the sponsors' service, as
     * their page does).
     */
    private void offerForVolunteers(Cast cast) {
        Sponsorships sponsorships = app.getBean(Sponsorships.class);
        var sponsor = sponsorships.register("rehearsal-sponsor", "Rehearsal-sponsor-one-time", new SponsorProfile("ร้านกาแฟซ้อมใหญ่",
                "Rehearsal coffee", null, null, null));
        int reporters = cast.reporters().values().stream().mapToInt(List::size).sum();
        Instant today = app.getBean(java.time.Clock.class).instant(); // the app's day: the election's
        sponsorships.addOffer(sponsor, new OfferDraft("กาแฟฟรีหนึ่งแก้ว", "A free coffee", "แสดงคูปองที่ร้าน", "Show the coupon at the counter", 60_00,
                reporters + 1_000, today.minus(Duration.ofDays(1)), today.plus(Duration.ofDays(90)), org.khanaen.rewards.Audience.VERIFIED_VOLUNTEERS, null));
        // a lead who counted a station nobody came to has served too: the leads' offer
        sponsorships.addOffer(sponsor, new OfferDraft("ข้าวหนึ่งมื้อ", "A meal", "แสดงคูปองที่ร้าน", "Show the coupon at the counter", 120_00,
                cast.leads().size() + 100, today.minus(Duration.ofDays(1)), today.plus(Duration.ofDays(90)),
                org.khanaen.rewards.Audience.CONSTITUENCY_LEADS, null));
    }

    private long verified() {
        return jdbc.sql("select count(*) from station_contest where election_id = ? and state = 'VERIFIED'").param(ELECTION).query(Long.class).single();
    }

    /** Night time when every station contest of the plan was verified; null if not within the patience. */
    private LocalTime waitUntilVerified(long contests, NightClock clock, Duration patience) throws InterruptedException {
        long until = System.nanoTime() + patience.toNanos();
        long last = -1;
        while (System.nanoTime() < until) {
            long now = verified();
            if (now >= contests) {
                return clock.now();
            }
            if (now != last) {
                System.out.printf("  %s: %,d of %,d station contests verified%n", clock.now().withNano(0), now, contests);
                last = now;
            }
            Thread.sleep(2_000);
        }
        return null;
    }

    /** Every station contest's published numbers (the media's all-stations CSV) against its true count. */
    private Figures stationByStation(Ledger ledger, String mediaKey) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(stage.base().resolve("/api/v1/elections/" + ELECTION
                + "/results/stations.csv")).header("Authorization", "Bearer " + mediaKey).build(), HttpResponse.BodyHandlers.ofString());
        List<String> problems = new ArrayList<>();
        if (csv.statusCode() != 200) {
            return Figures.of("published numbers station by station", 0, 0, "station contests", null, List.of(),
                    List.of("stations.csv answered " + csv.statusCode()));
        }
        Map<Ledger.Key, String[]> published = new HashMap<>();
        for (String line : csv.body().split("\n")) {
            String[] f = line.split(",", -1);
            if (f.length >= 17 && !f[0].equals("election")) {
                published.put(new Ledger.Key(Long.parseLong(f[2]), f[6]), f);
            }
        }
        long same = 0;
        List<String> different = new ArrayList<>();
        for (var e : ledger.truths().entrySet()) {
            String[] f = published.get(e.getKey());
            String why = f == null ? "not published" : differs(f, json.readTree(e.getValue().json()));
            if (why == null) {
                same++;
            } else {
                different.add(e.getKey().stationId() + "/" + e.getKey().contest() + ": " + why);
            }
        }
        if (!different.isEmpty()) {
            problems.add(different.size() + " station contests differ from the file, e.g. " + different.subList(0, Math.min(5, different.size())));
        }
        return Figures.of("published numbers station by station (media CSV) against the file", (System.nanoTime() - start) / 1e9,
                ledger.truths().size(), "station contests", null, List.of(String.format("%,d exactly as the file, %,d different", same,
                        different.size())), problems);
    }

    /** Why the CSV's line is not the true count (null: it is). */
    private static String differs(String[] f, JsonNode truth) {
        if (!f[7].equals("VERIFIED")) {
            return "state " + f[7];
        }
        Map<String, Long> votes = new TreeMap<>();
        truth.path("votes").properties().forEach(v -> {
            if (v.getValue().asLong() != 0) {
                votes.put(v.getKey(), v.getValue().asLong());
            }
        });
        Map<String, Long> shown = new TreeMap<>();
        if (!f[14].isEmpty()) {
            for (String pair : f[14].split(";")) {
                String[] kv = pair.split("=");
                shown.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        if (!votes.equals(shown)) {
            return "votes " + shown + " instead of " + votes;
        }
        long[] expected = { truth.path("ballotsUsed").asLong(), truth.path("valid").asLong(), truth.path("invalid").asLong(), truth.path("noVote").asLong() };
        for (int i = 0; i < 4; i++) {
            if (!f[10 + i].equals(String.valueOf(expected[i]))) {
                return "totals " + f[10] + "/" + f[11] + "/" + f[12] + "/" + f[13] + " instead of " + expected[0] + "/" + expected[1] + "/"
                        + expected[2] + "/" + expected[3];
            }
        }
        return null;
    }

    /** The results API constituency by constituency against the file (the replay's comparison). */
    private Figures constituenciesAgainstFile(EctResults results, Map<String, Integer> partyBallots, String mediaKey) throws Exception {
        long start = System.nanoTime();
        List<String> differences = new org.khanaen.benchmarks.replay.Replay(json).compare(stage.base(), ELECTION, mediaKey, results, partyBallots);
        return Figures.of("results API constituency by constituency against the file", (System.nanoTime() - start) / 1e9,
                results.constituencies().size(), "constituencies", null, List.of(differences.isEmpty() ? "every constituency exactly as the file"
                        : differences.size() + " differences"), differences.isEmpty() ? List.of() : differences.subList(0, Math.min(5, differences.size())));
    }

    /** Every report answered 201 is stored once; nothing else is. */
    private Figures reportsCounted(Ledger ledger) {
        Set<Long> answered = new HashSet<>();
        ledger.truths().keySet().forEach(k -> ledger.sentFor(k).forEach(s -> answered.add(s.reportId())));
        List<Long> stored = jdbc.sql("select r.id from station_report r where r.election_id = ?").param(ELECTION).query(Long.class).list();
        Set<Long> storedSet = new HashSet<>(stored);
        long lost = answered.stream().filter(id -> !storedSet.contains(id)).count();
        long unknown = storedSet.stream().filter(id -> !answered.contains(id)).count();
        List<String> problems = new ArrayList<>();
        if (lost > 0 || unknown > 0 || stored.size() != storedSet.size()) {
            problems.add(lost + " answered reports not stored, " + unknown + " stored reports nobody was answered for");
        }
        return Figures.of("reports", 0, stored.size(), "reports stored", null, List.of(String.format("%,d answered 201, %,d stored: %d lost, %d doubled",
                answered.size(), stored.size(), lost, unknown)), problems);
    }

    /**
     * One coupon for each volunteer whose final count carried the verified numbers (every truthful final: all ended
     * verified with the true numbers), each minted on the chain; waits for the minting.
     */
    private Figures coupons(Ledger ledger) throws InterruptedException {
        long start = System.nanoTime();
        Set<Long> truthful = new HashSet<>();
        ledger.truths().keySet().forEach(k -> ledger.sentFor(k).stream().filter(s -> s.isFinal() && s.truthful()).forEach(s -> truthful.add(s.reportId())));
        Set<Long> volunteers = new HashSet<>();
        Map<Long, Long> volunteerOf = new HashMap<>();
        jdbc.sql("select id, volunteer_id from station_report where election_id = ?").param(ELECTION)
                .query((rs, n) -> volunteerOf.put(rs.getLong(1), rs.getLong(2))).list();
        truthful.forEach(id -> volunteers.add(volunteerOf.get(id)));
        long expected = volunteers.size();
        List<String> problems = new ArrayList<>();
        long until = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        long issued = 0;
        long minted = 0;
        while (System.nanoTime() < until) {
            issued = count("select count(*) from coupon where trigger_key like 'service:%'");
            minted = count("select count(*) from coupon where trigger_key like 'service:%' and chain_state = 'MINTED' and mint_tx is not null");
            if (issued >= expected && (minted == issued || !stage.chain())) {
                break;
            }
            Thread.sleep(2_000);
        }
        long keys = count("select count(distinct trigger_key) from coupon where trigger_key like 'service:%'");
        if (issued != expected || keys != issued) {
            problems.add(issued + " coupons (" + keys + " volunteers) for " + expected + " volunteers with a verified count");
        }
        if (stage.chain() && minted != issued) {
            problems.add(minted + " of " + issued + " coupons minted within 15 min");
        }
        return Figures.of("coupons for volunteers with a verified count", (System.nanoTime() - start) / 1e9, issued, "coupons", null,
                List.of(String.format("%,d volunteers' final counts carried the verified numbers; %,d coupons issued, %,d minted%s", expected, issued,
                        minted, stage.chain() ? " on the local chain (waited after the night, as shown)" : " (no chain: --chain false)")), problems);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private static Path benchmarksFile() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("BENCHMARKS.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no BENCHMARKS.md above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("BENCHMARKS.md");
    }

    private String report(String provinces, double compress, int clients, Cast cast) {
        StringBuilder b = new StringBuilder();
        b.append("### ").append(LocalDate.now()).append(" — the dress rehearsal: ").append(provinces == null ? "the whole nation" : "provinces " + provinces)
                .append(" (`./khanaen rehearse").append(optionsText()).append("`)\n\n");
        b.append("Machine: ").append(stage.machine()).append(". Database: ").append(stage.server()).append(". Started ").append(began)
                .append("; clock x").append(String.format("%.0f", compress)).append(", ").append(clients).append(" phone clients")
                .append(stage.chain() ? ", local hardhat chain" : ", no chain").append(". ").append(problems.isEmpty() && phases.stream()
                        .allMatch(p -> p.figures().stream().allMatch(f -> f.problems().isEmpty())) ? "**No problem found.**" : "**PROBLEMS: see the lines marked.**")
                .append("\n");
        for (Phase p : phases) {
            b.append(String.format("%n#### %s — %.1f s%n%n", p.name(), p.seconds()));
            p.figures().forEach(f -> b.append("- ").append(f.line()).append('\n'));
            p.notes().forEach(n -> b.append("- ").append(n).append('\n'));
            b.append(String.format("- cost: %s; database %,d MB after it%n", p.cost(), p.databaseBytes() / 1024 / 1024));
        }
        b.append(speedTable(cast));
        return b.toString();
    }

    private String optionsText() {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(stage.options()).forEach((k, v) -> b.append(" --").append(k).append(' ').append(v));
        return b.toString();
    }

    /** PRODUCT.md's speed table with what this run measured beside each target (or where it is measured instead). */
    private String speedTable(Cast cast) {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("national station set + 100,000 volunteers loaded | < 20 s", find("1 election") + "; " + find("csv imports"));
        rows.put("auto-assignment, 100,000 volunteers → 95,000 stations, all tiers | < 5 s incl. database, 100 % where volunteers suffice",
                find("automatic assignment"));
        rows.put("station reports through HTTP | ≥ 5,000/s, p99 < 100 ms; 0 lost", find("final") + "; " + find("reports"));
        rows.put("the whole nation's reports with photos | < 5 min of machine time", machineTime("the night"));
        rows.put("a verified report visible in totals and the stream | p99 < 200 ms on one node", find("stream"));
        rows.put("live readers | ≥ 20,000 subscribers per node, delivery p99 < 1 s", find("stream"));
        rows.put("media feed: national JSON / CSV | ≥ 20,000 req/s; < 0.5 s", find("newsroom"));
        rows.put("volunteer CSV import, 100,000 rows | < 5 s", find("csv imports"));
        rows.put("coupons: 100,000 issued and minted | < 60 s", find("coupons"));
        rows.put("1,000 concurrent redemptions of one coupon | exactly one", "not part of the night: `CouponRedemptionTests`, `./khanaen drill coupons`");
        rows.put("several nodes | a capacity table", "not part of this one-node night: `./khanaen drill cluster`, BENCHMARKS.md capacity table");
        StringBuilder b = new StringBuilder("\n#### PRODUCT.md's speed table beside this run\n\n| work | target | this run |\n|---|---|---|\n");
        rows.forEach((k, v) -> b.append("| ").append(k).append(" | ").append(v.replace("|", "/")).append(" |\n"));
        return b.toString();
    }

    private String find(String word) {
        for (Phase p : phases) {
            for (Figures f : p.figures()) {
                if (f.step().toLowerCase().contains(word)) {
                    return f.step() + ": " + String.format("%.1f s, %,d %s", f.seconds(), f.count(), f.unit())
                            + (f.micros().length > 0 ? String.format(", p99 %.0f ms", f.millis(99)) : "");
                }
            }
        }
        return "(no step named \"" + word + "\" in this run)";
    }

    private String machineTime(String phase) {
        return phases.stream().filter(p -> p.name().equals(phase)).findFirst().map(p -> p.cost()).orElse("-");
    }
}
