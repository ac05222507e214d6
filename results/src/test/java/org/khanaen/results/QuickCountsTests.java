package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.khanaen.results.ReportFixture.ELECTION;
import static org.khanaen.results.ReportFixture.report;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.SampleStations;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.QuickCounts.PublicSample;
import org.khanaen.results.QuickCounts.SampleStation;
import org.khanaen.results.checks.Tally;
import org.khanaen.results.quickcount.SampleDesign;
import org.khanaen.volunteers.OrganisationId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The quick count stored: commitment before, seed and list after, estimates following the verified sample stations. */
@SpringBootTest
class QuickCountsTests {

    // constituencies other tests report in: a sample station there could be verified by them meanwhile
    private static final Set<String> TAKEN = Set.of("RNG_1", "CMI_2", "CMI_3", "TRT_1", "STN_1", "PKT_2", "YLA_1", "YLA_2");

    @Autowired QuickCounts quickCounts;
    @Autowired ReportSubmissions submissions;
    @Autowired ReportFixture fixture;
    @Autowired ElectionCatalog catalog;
    @Autowired SampleStations sampleStations;

    @Test
    void theCommitmentIsPublicBeforeTheListAndAVerifiedSampleStationEntersTheEstimates() throws Exception {
        PublicSample drawn = quickCounts.draw(ELECTION, "qc-test-seed", 200, 0.01, 0.15, "test");
        assertThat(drawn.size()).isEqualTo(200);
        assertThat(drawn.strata()).isEqualTo(77);
        assertThat(drawn.seed()).as("secret until the reveal").isNull();
        assertThat(drawn.stations()).isEmpty();

        PublicSample whole = quickCounts.sampleForAdministrators(ELECTION).orElseThrow();
        assertThat(whole.stations()).hasSize(200);
        // the commitment is the SHA-256 of the canonical list, as docs/quick-count.md tells a reader to recompute it
        StringBuilder canonical = new StringBuilder("khanaen-quick-count-sample/1\nelection " + ELECTION + "\nseed qc-test-seed\n");
        whole.stations().stream().sorted(Comparator.comparing(SampleStation::code))
                .forEach(s -> canonical.append(s.stratum()).append(',').append(s.code()).append('\n'));
        assertThat(drawn.commitment()).isEqualTo(SampleDesign.sha256(canonical.toString()));
        assertThat(whole.stations()).allSatisfy(s -> assertThat(s.ticket()).isEqualTo(SampleDesign.ticket("qc-test-seed", s.code())));
        assertThat(sampleStations.of(ELECTION)).as("assignment is told, to cover them first")
                .isEqualTo(whole.stations().stream().map(SampleStation::stationId).collect(java.util.stream.Collectors.toSet()));

        var before = quickCounts.estimate(ELECTION).orElseThrow();
        assertThat(before.drawn()).isEqualTo(200);
        SampleStation chosen = whole.stations().stream()
                .filter(s -> !TAKEN.contains(catalog.stationPoint(s.stationId()).orElseThrow().constituencyCode())).findFirst().orElseThrow();
        StationPoint station = catalog.stationPoint(chosen.stationId()).orElseThrow();
        OrganisationId org = fixture.organisation("quick-count");
        Tally count = fixture.goodCount(station, "party-list");
        submissions.submit(report(station, "party-list", fixture.placed(org, station, StationRole.PRIMARY), "quick-count-1", count));
        submissions.submit(report(station, "party-list", fixture.placed(org, station, StationRole.BACKUP), "quick-count-2", count));
        long until = System.nanoTime() + 10_000_000_000L;
        while (quickCounts.estimate(ELECTION).orElseThrow().reported() == before.reported() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        var after = quickCounts.estimate(ELECTION).orElseThrow();
        assertThat(after.reported()).isEqualTo(before.reported() + 1);
        assertThat(after.shareReported()).isEqualTo((before.reported() + 1) / 200.0);
        assertThat(after.parties()).isNotEmpty();
        assertThat(after.seats()).isEqualTo(100);

        quickCounts.reveal(ELECTION);
        PublicSample revealed = quickCounts.sample(ELECTION).orElseThrow();
        assertThat(revealed.seed()).isEqualTo("qc-test-seed");
        assertThat(revealed.stations()).isEqualTo(whole.stations());
        assertThatThrownBy(() -> quickCounts.draw(ELECTION, "another", 200, 0.01, 0.15, "test")).isInstanceOf(ReportProblem.class);
        assertThat(quickCounts.stationIds(ELECTION)).hasSize(200).contains(chosen.stationId());
    }

    @Test
    void aSampleTooSmallForTwoStationsPerProvinceIsRefused() {
        assertThatThrownBy(() -> quickCounts.draw(ELECTION, "x", 100, 0.01, 0.15, "test")).isInstanceOf(ReportProblem.class)
                .hasMessage("quickcount.problem.size");
        assertThat(List.of()).isEmpty();
    }
}
