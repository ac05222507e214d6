package org.khanaen.benchmarks.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.khanaen.benchmarks.NightTrialSupport;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImports;
import org.khanaen.elections.PartyView;
import org.khanaen.elections.StationPoint;
import org.khanaen.elections.ect.EctResults;
import org.khanaen.results.ReportIntake;

import tools.jackson.databind.json.JsonMapper;

/**
 * A trial of the night's reports on a few constituencies, the app started as the rehearsal starts it: the made-up 2023
 * file cut to the two smallest provinces (or {@code -Dnight.provinces=A,B}), two volunteers placed at every station as
 * the replay places them, of whom only some stations keep both (the rest one, as on the night), sent on a fast clock.
 * Afterwards, in the database: every station contest with two truthful finals and no other final is verified, and no
 * resend made a second report. Not part of the suite (minutes): {@code -Dtest=NightPlanTrial}.
 */
class NightPlanTrial {

    private static final String ELECTION = "th-2566";

    /**
     * The plan at national size, made and not sent (nothing goes to the app): how long making it takes and the heap it and
     * the ledger's truths hold. The tokens are made up: a plan only carries them.
     */
    @Test
    void theNationalPlanIsMadeInReasonableMemory() throws Exception {
        try (var trial = NightTrialSupport.start()) {
            var app = trial.app;
            ElectionCatalog catalog = app.getBean(ElectionCatalog.class);
            app.getBean(ElectionImports.class).importBuiltIn(ELECTION);
            EctResults file;
            try (InputStream in = Files.newInputStream(trial.national(catalog))) {
                file = EctResults.read(in, app.getBean(JsonMapper.class));
            }
            var random = new SplittableRandom(23);
            Map<Long, List<Cast.Reporter>> reporters = new HashMap<>();
            for (StationPoint s : catalog.stationPoints(ELECTION)) { // ~5 % with two, as 100,000 volunteers for 94,904 stations
                reporters.put(s.id(), random.nextDouble() < 0.05
                        ? List.of(new Cast.Reporter(2 * s.id(), "khv_night_" + s.id() + "_a"), new Cast.Reporter(2 * s.id() + 1, "khv_night_" + s.id() + "_b"))
                        : List.of(new Cast.Reporter(2 * s.id(), "khv_night_" + s.id() + "_a")));
            }
            Cast cast = new Cast(ELECTION, reporters, Map.of(), List.of(), null);
            Map<String, Integer> partyBallots = new HashMap<>();
            catalog.parties(ELECTION).stream().filter(p -> p.ballotNumber() != null).forEach(p -> partyBallots.put(p.code(), p.ballotNumber()));
            var rules = app.getBean(ReportIntake.class).rules(ELECTION);
            long before = heapUsed();
            long started = System.nanoTime();
            Ledger ledger = new Ledger();
            NightPlan plan = NightPlan.make(file, catalog, rules, partyBallots, cast, ledger, NightPlan.Options.defaults());
            double seconds = (System.nanoTime() - started) / 1e9;
            long held = heapUsed() - before;
            System.out.printf("night national plan: made in %.1f s: %,d stations, %,d requests %s, the last planned at %s; %,d truths in the"
                    + " ledger; plan and ledger hold %,d MB of heap%n", seconds, plan.stations(), plan.requests(), plan.planned(), plan.lastAt(),
                    ledger.truths().size(), held >> 20);
            assertThat(plan.stations()).isEqualTo(reporters.size());
            assertThat(held).isLessThan(1L << 30);
        }
    }

    private static long heapUsed() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    @Test
    void aFewConstituenciesOnAFastClock() throws Exception {
        double compress = Double.parseDouble(System.getProperty("night.compress", "200"));
        int clients = Integer.parseInt(System.getProperty("night.clients", "16"));
        double pairs = Double.parseDouble(System.getProperty("night.pairs", "0.3"));
        try (var trial = NightTrialSupport.start()) {
            var app = trial.app;
            ElectionCatalog catalog = app.getBean(ElectionCatalog.class);
            app.getBean(ElectionImports.class).importBuiltIn(ELECTION);
            Map<String, Long> sizes = catalog.stationPoints(ELECTION).stream()
                    .collect(Collectors.groupingBy(StationPoint::provinceCode, Collectors.counting()));
            String provinces = System.getProperty("night.provinces", sizes.entrySet().stream()
                    .sorted(Map.Entry.comparingByValue()).limit(2).map(Map.Entry::getKey).collect(Collectors.joining(",")));
            Path path = trial.provinces(catalog, provinces);
            JsonMapper json = app.getBean(JsonMapper.class);
            EctResults file;
            try (InputStream in = Files.newInputStream(path)) {
                file = EctResults.read(in, json);
            }
            Set<String> codes = new HashSet<>();
            file.constituencies().forEach(c -> codes.add(c.code()));
            List<StationPoint> stations = catalog.stationPoints(ELECTION).stream().filter(s -> codes.contains(s.constituencyCode())).toList();
            Map<Long, List<String>> tokens = trial.placeTwoPerStation(catalog, stations, codes);
            // most stations keep one reporter (the night's 100,000 volunteers for 94,904 stations); some keep both
            var random = new SplittableRandom(23);
            Map<Long, List<Cast.Reporter>> reporters = new TreeMap<>();
            tokens.forEach((station, t) -> reporters.put(station, null));
            reporters.replaceAll((station, none) -> {
                List<String> t = tokens.get(station);
                return random.nextDouble() < pairs ? List.of(new Cast.Reporter(0, t.get(0)), new Cast.Reporter(0, t.get(1)))
                        : List.of(new Cast.Reporter(0, t.get(0)));
            });
            Cast cast = new Cast(ELECTION, reporters, Map.of(), List.of(), null);
            Map<String, Integer> partyBallots = new HashMap<>();
            for (PartyView p : catalog.parties(ELECTION)) {
                if (p.ballotNumber() != null) {
                    partyBallots.put(p.code(), p.ballotNumber());
                }
            }
            Ledger ledger = new Ledger();
            long made = System.nanoTime();
            NightPlan plan = NightPlan.make(file, catalog, app.getBean(ReportIntake.class).rules(ELECTION), partyBallots, cast, ledger,
                    NightPlan.Options.defaults());
            System.out.printf("night trial: provinces %s, %d constituencies; plan made in %.2f s: %,d stations, %,d requests %s, the last"
                    + " planned at %s%n", provinces, codes.size(), (System.nanoTime() - made) / 1e9, plan.stations(), plan.requests(),
                    plan.planned(), plan.lastAt());
            long started = System.nanoTime();
            List<Figures> figures = plan.send(URI.create("http://127.0.0.1:" + trial.port()), NightClock.startingNow(compress), clients);
            System.out.printf("night trial: sent in %.1f s (compress %.0f, %d clients)%n", (System.nanoTime() - started) / 1e9, compress, clients);
            figures.forEach(f -> System.out.println("  " + f.line()));
            assertThat(figures.stream().flatMap(f -> f.problems().stream())).isEmpty();

            Map<String, String> states = new HashMap<>();
            Map<String, Integer> byState = new TreeMap<>();
            try (Connection c = app.getBean(javax.sql.DataSource.class).getConnection()) {
                try (ResultSet rs = c.createStatement().executeQuery("select station_id, contest_code, state from station_contest")) {
                    while (rs.next()) {
                        states.put(rs.getLong(1) + "|" + rs.getString(2), rs.getString(3));
                    }
                }
                try (ResultSet rs = c.createStatement().executeQuery(
                        "select count(*), count(distinct idempotency_key) from station_report where idempotency_key like 'night-%'")) {
                    rs.next();
                    long stored = ledger.truths().keySet().stream().mapToLong(k -> ledger.sentFor(k).size()).sum();
                    System.out.printf("night trial: %,d reports stored under %,d keys; the ledger holds %,d%n", rs.getLong(1), rs.getLong(2), stored);
                    assertThat(rs.getLong(1)).isEqualTo(rs.getLong(2)).isEqualTo(stored);
                }
            }
            int agreeing = 0;
            List<String> notVerified = new ArrayList<>();
            for (Ledger.Key k : ledger.truths().keySet()) {
                List<Ledger.Sent> finals = ledger.sentFor(k).stream().filter(Ledger.Sent::isFinal).toList();
                String state = states.get(k.stationId() + "|" + k.contest());
                byState.merge((finals.size() == 2 && finals.stream().allMatch(Ledger.Sent::truthful) ? "two truthful finals: "
                        : finals.stream().allMatch(Ledger.Sent::truthful) ? finals.size() + " truthful finals: " : "a misread final: ") + state,
                        1, Integer::sum);
                if (finals.size() == 2 && finals.stream().allMatch(Ledger.Sent::truthful) && !ledger.truthOf(k).asWritten()) {
                    agreeing++;
                    if (!"VERIFIED".equals(state)) {
                        notVerified.add(k + " " + state);
                    }
                }
            }
            System.out.printf("night trial: station contests by their finals and state: %s; %,d with two truthful agreeing finals%n",
                    byState, agreeing);
            assertThat(agreeing).isPositive();
            assertThat(notVerified).isEmpty();
        }
    }
}
