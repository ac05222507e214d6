package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.ManualAssignments;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.PartyView;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.LiveResults;
import org.khanaen.results.MediaOutlets;
import org.khanaen.results.ReportSubmissions;
import org.khanaen.results.ReporterTokens;
import org.khanaen.volunteers.OrganisationDraft;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.RosterEdits;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerInput;
import org.khanaen.web.replay.EctResults;
import org.khanaen.web.replay.Replay;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.json.JsonMapper;

/**
 * The sample of official 2023 results (two provinces, three constituencies) replayed through the volunteers' API: every
 * station's split numbers sent by both its volunteers, verified by agreement, and the results API then shows exactly the
 * file's votes and winners.
 */
@FullStackTest
class ReplayTests {

    static final Path SAMPLE = Path.of("../../shared/data/thailand/ect-2566/sample_results_2_provinces.json");

    @Autowired ElectionCatalog catalog;
    @Autowired PartnerOrganisations organisations;
    @Autowired RosterEdits roster;
    @Autowired ManualAssignments manual;
    @Autowired ReporterTokens tokens;
    @Autowired MediaOutlets outlets;
    @Autowired ReportSubmissions submissions;
    @Autowired LiveResults live;
    @Autowired JsonMapper json;
    @Autowired org.khanaen.platform.mail.MailOutbox outbox;
    @LocalServerPort int port;

    private static final AtomicInteger next = new AtomicInteger(500_000);

    @Test
    void replayingTheSampleGivesExactlyItsVotesAndWinners() throws Exception {
        EctResults file;
        try (InputStream in = Files.newInputStream(sample())) {
            file = EctResults.read(in, json);
        }
        assertThat(file.constituencies()).extracting(EctResults.Constituency::code).containsExactly("ACR_1", "ACR_2", "RNG_1");

        var org = organisations.create(new OrganisationDraft("replay", "องค์กรซ้อม", "Replay", null, null, null)).id();
        Map<String, List<Replay.Station>> stations = new HashMap<>();
        for (StationPoint s : catalog.stationPoints("th-2566")) {
            if (file.constituencies().stream().anyMatch(c -> c.code().equals(s.constituencyCode()))) {
                List<String> both = new ArrayList<>();
                for (StationRole role : List.of(StationRole.PRIMARY, StationRole.BACKUP)) {
                    VolunteerId v = volunteer(org);
                    manual.assign("th-2566", v, ManualAssignments.Place.station(s.id(), role), "test");
                    // 1,606 assignment mails to made-up people would hold up the outbox for the tests after this one
                    outbox.forget("replay" + next.get() + "@example.org");
                    both.add(tokens.issue(v));
                }
                stations.computeIfAbsent(s.constituencyCode(), k -> new ArrayList<>())
                        .add(new Replay.Station(s.id(), s.constituencyCode(), s.registeredVoters(), both));
            }
        }
        Map<String, Integer> partyBallots = new HashMap<>();
        for (PartyView p : catalog.parties("th-2566")) {
            if (p.ballotNumber() != null) {
                partyBallots.put(p.code(), p.ballotNumber());
            }
        }
        var rules = submissions.rules("th-2566");
        Replay replay = new Replay(json);
        Replay.Plan plan = replay.plan(file, stations, partyBallots, rules.majorParties(), rules.tolerances(), true);
        int stationCount = stations.values().stream().mapToInt(List::size).sum();
        assertThat(plan.sends()).hasSize(stationCount * 2 * 2);
        String key = outlets.create("replay", null, 100_000, "test").key();

        Replay.Outcome outcome = replay.run(URI.create("http://localhost:" + port), "th-2566", key, plan.sends(), 8, Duration.ofSeconds(60));

        assertThat(outcome.statuses()).containsOnlyKeys(201);
        assertThat(outcome.seenVerified()).isEqualTo(outcome.stationContests()).isEqualTo(stationCount * 2);
        assertThat(replay.compare(URI.create("http://localhost:" + port), "th-2566", key, file, partyBallots)).isEmpty();
        // and the winners, as the commission ranked them
        for (EctResults.Constituency c : file.constituencies()) {
            String winner = c.ranks().entrySet().stream().filter(e -> e.getValue() == 1).findFirst().orElseThrow().getKey();
            var results = live.constituency("th-2566", c.code(), LiveResults.View.VERIFIED).orElseThrow();
            var contest = results.contests().stream().filter(x -> x.contest().equals("constituency")).findFirst().orElseThrow();
            assertThat(contest.leaderBallot()).as(c.code()).isEqualTo(Integer.parseInt(winner));
            assertThat(contest.totals().stationsVerified()).isEqualTo(contest.totals().stations());
        }
        System.out.printf("replay of the sample: %d stations, %d reports in %.1f s (%.0f/s), answers p99 %.0f ms, shown on the stream p99 %.0f ms;"
                + " warnings confirmed %s%n", stationCount, outcome.reports(), outcome.seconds(), outcome.reportsPerSecond(),
                Replay.Outcome.percentile(outcome.answerMicros(), 99), Replay.Outcome.percentile(outcome.visibleMicros(), 99), plan.warnings());
    }

    /** The shared sample, found from the module's folder or the repository's. */
    static Path sample() {
        for (Path p : List.of(SAMPLE, Path.of("../shared/data/thailand/ect-2566/sample_results_2_provinces.json"))) {
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("the shared sample results file is not at " + SAMPLE.toAbsolutePath());
    }

    private VolunteerId volunteer(org.khanaen.volunteers.OrganisationId org) {
        int n = next.incrementAndGet();
        StringBuilder name = new StringBuilder("อาสา ");
        for (char c : String.valueOf(n).toCharArray()) {
            name.append("กขคงจฉชซฌญ".charAt(c - '0'));
        }
        return roster.add(org, new VolunteerInput(name.toString(), "08" + String.format("%08d", 40_000_000 + n),
                "replay" + n + "@example.org", null, "1001", "STATION", "ALL_DAY"), "test");
    }
}
