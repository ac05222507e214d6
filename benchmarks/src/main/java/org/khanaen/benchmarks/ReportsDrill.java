package org.khanaen.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.khanaen.assignment.AutoAssignment;
import org.khanaen.assignment.RunRequest;
import org.khanaen.assignment.RunView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImports;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.ReportIntake;
import org.khanaen.rewards.Audience;
import org.khanaen.rewards.OfferDraft;
import org.khanaen.rewards.SponsorProfile;
import org.khanaen.rewards.Sponsorships;
import org.khanaen.volunteers.OrganisationDraft;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.RosterImports;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Reports across a kill: the smallest provinces of 2023 (at least {@code --stations}), a primary and a backup per
 * station placed by the automatic run from a CSV import, a token each and an open offer for verified volunteers. Then
 * a node in its own JVM takes both volunteers' final counts of both contests (the same numbers, so each station is
 * verified by agreement and hands its reporters to the rewards module) from {@code --clients} retrying clients, and is
 * killed with SIGKILL when 40% are answered; a new node takes over. Counted afterwards in the database: every report
 * once by its idempotency key, each station contest in the state its reports imply, one coupon per verified reporter
 * (the cross-module hand-off), no event publication left incomplete, and the public ECT feed's party votes equal to
 * the verified counts.
 */
final class ReportsDrill implements Drill {

    private static final String ELECTION = "th-2566";
    private static final String KEY_PREFIX = "drill-";

    private final int stationsWanted;
    private List<Report> reports;

    ReportsDrill(int stationsWanted) {
        this.stationsWanted = stationsWanted;
    }

    private record Report(long stationId, String contest, int position, String token, String key, String body) {
    }

    @Override
    public String name() {
        return "reports";
    }

    @Override
    public List<List<KillStream.Step>> jobs(ChildApp node) {
        List<List<KillStream.Step>> jobs = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            Report r = reports.get(i);
            KillStream.Step step = new KillStream.Step("report", () -> post(node, r));
            // one in twenty sent again once answered, as a phone that lost the answer does: 200, the same report
            jobs.add(resent(i) ? List.of(step, new KillStream.Step("resent", () -> post(node, r))) : List.of(step));
        }
        return jobs;
    }

    private static boolean resent(int i) {
        return i % 20 == 11;
    }

    private static HttpRequest post(ChildApp node, Report r) {
        return HttpRequest.newBuilder(URI.create(node.base() + "/api/v1/stations/" + r.stationId() + "/reports"))
                .header("Authorization", "Bearer " + r.token()).header("Content-Type", "application/json")
                .header("Idempotency-Key", r.key()).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(r.body())).build();
    }

    /** The election, the volunteers placed and their tokens, an offer for verified volunteers; the reports to send. */
    @Override
    public void setUp(ConfigurableApplicationContext app, String url) throws Exception {
        app.getBean(ElectionImports.class).importBuiltIn(ELECTION);
        ElectionCatalog catalog = app.getBean(ElectionCatalog.class);
        Map<String, List<StationPoint>> byProvince = catalog.stationPoints(ELECTION).stream()
                .collect(Collectors.groupingBy(StationPoint::provinceCode));
        Set<String> provinces = new LinkedHashSet<>();
        List<StationPoint> stations = new ArrayList<>();
        for (var e : byProvince.entrySet().stream().sorted(Comparator.comparingInt(e -> e.getValue().size())).toList()) {
            if (stations.size() >= stationsWanted) {
                break;
            }
            provinces.add(e.getKey());
            stations.addAll(e.getValue());
        }
        OrganisationId org = app.getBean(PartnerOrganisations.class)
                .create(new OrganisationDraft("drill", "องค์กรซ้อม", "Drill", null, null, null)).id();
        RosterImports imports = app.getBean(RosterImports.class);
        var districts = catalog.districts(ELECTION).stream().filter(d -> provinces.contains(d.province())).toList();
        if (districts.isEmpty()) {
            throw new IllegalStateException("no districts in provinces " + provinces);
        }
        // two per station and a few more: the nearest-first plan leaves a slot or two beyond everyone's reach otherwise
        byte[] csv = AssignmentBench.csv(districts, stations, (int) (stations.size() * 2.1), true);
        long job = imports.upload(org, "volunteers.csv", csv, "drill");
        VolunteerImportBench.waitFor(imports, org, job, RosterImports.Status.CHECKED);
        imports.importValidRows(org, job, "drill");
        VolunteerImportBench.waitFor(imports, org, job, RosterImports.Status.IMPORTED);
        for (String province : provinces) {
            RunView view = app.getBean(AutoAssignment.class)
                    .runAndWait(new RunRequest(ELECTION, RunRequest.Scope.PROVINCE, province, null, RunRequest.Mode.FILL, "drill"));
            if (view.status() != RunView.Status.DONE) {
                throw new IllegalStateException("assignment in " + province + ": " + view.status() + ": " + view.error());
            }
        }
        Map<Long, Map<Integer, Long>> placed = new HashMap<>(); // station → position → volunteer
        try (Connection c = app.getBean(javax.sql.DataSource.class).getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "select place_id, position, volunteer_id from assignment where tier = 'STATION' and position in (1, 2)")) {
            while (rs.next()) {
                placed.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getInt(2), rs.getLong(3));
            }
        }
        ReportIntake tokens = app.getBean(ReportIntake.class);
        Map<Long, String> tokenOf = new HashMap<>();
        for (var atStation : placed.values()) {
            for (long volunteer : atStation.values()) {
                tokenOf.put(volunteer, tokens.issueToken(new VolunteerId(volunteer)));
            }
        }
        Sponsorships sponsorships = app.getBean(Sponsorships.class);
        var sponsor = sponsorships.register("drill-reports-sponsor", "Drill-sponsor-one-time", new SponsorProfile("ร้านซ้อม", "Drill shop", null, null, null));
        sponsorships.addOffer(sponsor, new OfferDraft("คูปองอาสา", "Volunteer coupon", "เงื่อนไข", "Terms", 50_00, tokenOf.size() + 10,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)), Audience.VERIFIED_VOLUNTEERS, null));
        reports = reports(catalog, stations, placed, tokenOf);
        System.out.printf("reports drill: provinces %s, %,d stations, %,d volunteers placed (%,d stations with two); %,d reports%n",
                provinces, stations.size(), tokenOf.size(), placed.values().stream().filter(p -> p.size() == 2).count(), reports.size());
    }

    /** Both contests' final counts for every placed station, the same from its primary and its backup. */
    private static List<Report> reports(ElectionCatalog catalog, List<StationPoint> stations, Map<Long, Map<Integer, Long>> placed,
            Map<Long, String> tokenOf) {
        var random = new SplittableRandom(2566);
        List<Integer> parties = new ArrayList<>(catalog.ballotNumbers(ELECTION, "party-list", stations.getFirst().constituencyId()));
        Map<Long, List<Integer>> candidates = new HashMap<>();
        List<Report> reports = new ArrayList<>();
        for (StationPoint s : stations) {
            Map<Integer, Long> atStation = placed.get(s.id());
            if (atStation == null) {
                continue;
            }
            List<Integer> numbers = candidates.computeIfAbsent(s.constituencyId(),
                    id -> new ArrayList<>(catalog.ballotNumbers(ELECTION, "constituency", id)));
            long registered = Math.max(20, s.registeredVoters());
            long used = Math.round(registered * (0.6 + 0.2 * random.nextDouble()));
            long invalid = used / 50;
            long noVote = used / 100;
            for (String contest : List.of("constituency", "party-list")) {
                Map<Integer, Long> votes = ReportsBench.split(used - invalid - noVote, contest.equals("party-list") ? parties : numbers, random);
                String counts = votes.entrySet().stream().map(v -> "\"" + v.getKey() + "\":" + v.getValue()).collect(Collectors.joining(","));
                for (var p : atStation.entrySet()) {
                    String key = KEY_PREFIX + s.id() + "-" + contest + "-" + p.getKey();
                    String body = "{\"contest\":\"" + contest + "\",\"final\":true,\"votes\":{" + counts + "},\"valid\":" + (used - invalid - noVote)
                            + ",\"invalid\":" + invalid + ",\"noVote\":" + noVote + ",\"ballotsUsed\":" + used + ",\"warningsConfirmed\":true}";
                    reports.add(new Report(s.id(), contest, p.getKey(), tokenOf.get(p.getValue()), key, body));
                }
            }
        }
        java.util.Collections.shuffle(reports, new java.util.Random(2566)); // stations report in no particular order
        return reports;
    }

    @Override
    public DrillResult verify(String url, ChildApp node, KillStream.Outcome outcome) throws Exception {
        List<String> problems = Drills.streamProblems(outcome, "report", "resent");
        try (Connection c = node.connect(); var st = c.createStatement()) {
            long incomplete = DrillResult.awaitNoIncompletePublications(st);
            Set<String> stored = new HashSet<>();
            try (ResultSet rs = st.executeQuery("select idempotency_key from station_report where idempotency_key like '" + KEY_PREFIX + "%'")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
            long rows = DrillResult.single(st, "select count(*) from station_report");
            long doubled = DrillResult.single(st, "select count(*) from (select station_id, contest_code, volunteer_id from station_report"
                    + " group by station_id, contest_code, volunteer_id having count(*) > 1) d");
            Set<String> sent = reports.stream().map(Report::key).collect(Collectors.toSet());
            long lost = sent.stream().filter(k -> !stored.contains(k)).count();
            if (rows != sent.size() || lost > 0 || doubled > 0) {
                problems.add("reports: " + rows + " rows for " + sent.size() + " keys sent, " + lost + " lost, " + doubled + " doubled");
            }
            // each station contest: verified by agreement when both its volunteers reported, else final and waiting
            Map<String, Integer> reporters = new HashMap<>();
            for (Report r : reports) {
                reporters.merge(r.stationId() + "/" + r.contest(), 1, Integer::sum);
            }
            Map<String, Long> states = new TreeMap<>();
            long wrong = 0;
            try (ResultSet rs = st.executeQuery("select station_id, contest_code, state from station_contest")) {
                while (rs.next()) {
                    String state = rs.getString(3);
                    states.merge(state, 1L, Long::sum);
                    Integer n = reporters.remove(rs.getLong(1) + "/" + rs.getString(2));
                    if (n == null || !state.equals(n == 2 ? "VERIFIED" : "FINAL")) {
                        wrong++;
                    }
                }
            }
            wrong += reporters.size();
            if (wrong > 0) {
                problems.add(wrong + " station contests not in the expected state (" + states + ")");
            }
            // the hand-off to rewards: each reporter of a verified station one coupon, once
            long expectedCoupons = DrillResult.single(st, "select count(distinct r.volunteer_id) from station_report r join station_contest s"
                    + " on s.station_id = r.station_id and s.contest_code = r.contest_code where s.state = 'VERIFIED'");
            long coupons = DrillResult.single(st, "select count(*) from coupon where trigger_key like 'service:%'");
            long couponKeys = DrillResult.single(st, "select count(distinct trigger_key) from coupon where trigger_key like 'service:%'");
            if (coupons != expectedCoupons || couponKeys != coupons) {
                problems.add("rewards hand-off: " + coupons + " coupons (" + couponKeys + " volunteers) for " + expectedCoupons + " verified reporters");
            }
            if (incomplete > 0) {
                problems.add(incomplete + " event publications still incomplete");
            }
            long verifiedVotes = DrillResult.single(st, "select coalesce(sum(valid_ballots), 0) from station_contest"
                    + " where contest_code = 'party-list' and state = 'VERIFIED'");
            long feedVotes = feedPartyVotes(node, verifiedVotes);
            if (feedVotes != verifiedVotes) {
                problems.add("ECT feed: party votes " + feedVotes + ", verified counts " + verifiedVotes);
            }
            long resent = java.util.stream.IntStream.range(0, reports.size()).filter(ReportsDrill::resent).count();
            String figures = String.format("sent %d (+%d resent), stored %d, doubled %d, lost %d; contests %s; coupons %d for %d verified reporters;"
                    + " incomplete publications %d; ECT feed party votes %d = verified %d; %s", sent.size(), resent, stored.size(), doubled, lost, states,
                    coupons, expectedCoupons, incomplete, feedVotes, verifiedVotes, Drills.killFigures(outcome, "report", "resent"));
            return new DrillResult("reports", figures, problems, node.logs());
        }
    }

    /** The party votes in the public ECT-compatible feed, once it shows {@code expected} (it follows within seconds), or as last seen. */
    private static long feedPartyVotes(ChildApp node, long expected) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var pattern = java.util.regex.Pattern.compile("\"party_vote\"\\s*:\\s*([0-9.]+)");
        long seen = -1;
        for (int i = 0; i < 60 && seen != expected; i++) {
            if (i > 0) {
                Thread.sleep(500);
            }
            var answer = http.send(HttpRequest.newBuilder(URI.create(node.base() + "/ect/" + ELECTION + "/records/stats_party.json")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                continue;
            }
            var m = pattern.matcher(answer.body());
            long sum = 0;
            while (m.find()) {
                sum += Math.round(Double.parseDouble(m.group(1)));
            }
            seen = sum;
        }
        return seen;
    }
}
