package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.khanaen.results.LiveResults.View;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Official results beside Khanaen's verified ones: only where they differ is listed, with what differs. */
@SpringBootTest
class OfficialResultsTests {

    @Autowired OfficialResults official;
    @Autowired LiveResults live;

    /** Khanaen's verified numbers of a constituency contest, as official counts. */
    private OfficialResults.OfficialCount same(String constituency, String contest) {
        var c = live.constituency(ReportFixture.ELECTION, constituency, View.VERIFIED).orElseThrow().contests().stream()
                .filter(x -> x.contest().equals(contest)).findFirst().orElseThrow();
        Map<Integer, Long> votes = new HashMap<>();
        c.candidates().forEach(x -> votes.put(x.ballotNumber(), x.votes()));
        c.parties().forEach(x -> votes.put(x.ballotNumber(), x.votes()));
        return new OfficialResults.OfficialCount(constituency, contest, votes, c.totals().valid(), c.totals().invalid(), c.totals().noVote());
    }

    @Test
    void onlyConstituenciesThatDifferAreListedWithWhatDiffers() {
        var agreeing = same("KBI_1", "constituency");
        Map<Integer, Long> votes = new HashMap<>();
        votes.put(1, 500L);
        votes.put(2, 300L);
        var differing = new OfficialResults.OfficialCount("KBI_2", "constituency", votes, 800, 10, 5, 820L);
        assertThat(official.record(ReportFixture.ELECTION, List.of(agreeing, differing), "test", "tester").recorded()).isEqualTo(2);

        var found = official.differences(ReportFixture.ELECTION);
        assertThat(found).extracting(OfficialResults.ConstituencyDifference::constituency).contains("KBI_2").doesNotContain("KBI_1");
        var kbi2 = found.stream().filter(d -> d.constituency().equals("KBI_2")).findFirst().orElseThrow();
        assertThat(kbi2.differences()).contains(new OfficialResults.Difference("1", 500, 0), new OfficialResults.Difference("valid", 800, 0),
                new OfficialResults.Difference("turn-out", 820, 0)); // the commission's turnout: its voters who came
        assertThat(kbi2.officialWinner()).isEqualTo(1);
        assertThat(kbi2.winnerDiffers()).isTrue();

        // recorded again with other numbers: replaced, not added
        var corrected = new OfficialResults.OfficialCount("KBI_2", "constituency", Map.of(1, 400L, 2, 300L), 700, 10, 5);
        official.record(ReportFixture.ELECTION, List.of(corrected), "test", "tester");
        assertThat(official.differences(ReportFixture.ELECTION).stream().filter(d -> d.constituency().equals("KBI_2")).findFirst()
                .orElseThrow().differences()).contains(new OfficialResults.Difference("1", 400, 0));
    }

    @Test
    void aFileWithAnUnknownConstituencyRecordsNothing() {
        long before = official.count(ReportFixture.ELECTION);
        var unknown = official.record(ReportFixture.ELECTION, List.of(new OfficialResults.OfficialCount("XXX_1", "constituency", Map.of(1, 1L), 1, 0, 0),
                same("KBI_3", "constituency")), "test", "tester");
        assertThat(unknown.recorded()).isZero();
        assertThat(unknown.unknown()).containsExactly("XXX_1");
        assertThatThrownBy(() -> official.record(ReportFixture.ELECTION,
                List.of(new OfficialResults.OfficialCount("KBI_3", "constituency", Map.of(1, -10L), -10, 0, 0)), "test", "tester"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        assertThat(official.count(ReportFixture.ELECTION)).isEqualTo(before);
    }

    @Test
    void countsThatDoNotAddUpAreRecordedAsWrittenAndTheirContradictionsListed() {
        // the candidates' votes make 11, the form says 12 valid ballots; the party list adds up
        var off = new OfficialResults.OfficialCount("KBI_3", "constituency", Map.of(1, 10L, 2, 1L), 12, 0, 0);
        var fine = same("KBI_3", "party-list");

        var recorded = official.record(ReportFixture.ELECTION, List.of(off, fine), "test", "tester");

        assertThat(recorded.recorded()).isEqualTo(2);
        var expected = new OfficialResults.Contradiction("KBI_3", "constituency", OfficialResults.Contradiction.VOTES_SUM, 12, 11);
        assertThat(recorded.contradictions()).containsExactly(expected);
        assertThat(official.contradictions(ReportFixture.ELECTION)).contains(expected)
                .noneMatch(c -> c.where().equals("KBI_3") && c.contest().equals("party-list"));
        // and compared as written: the official valid ballots are the form's 12
        assertThat(official.differences(ReportFixture.ELECTION).stream().filter(d -> d.constituency().equals("KBI_3") && d.contest().equals("constituency"))
                .findFirst().orElseThrow().differences()).anyMatch(d -> d.what().equals("valid") && d.official() == 12);
    }
}
