package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.khanaen.results.OfficialResults.Contradiction;
import org.khanaen.results.OfficialResults.OfficialCount;

/** What an official file writes against what its own parts add up to: listed with by how much, never refused. */
class OfficialContradictionsTests {

    @Test
    void candidatesVotesThatDoNotMakeTheValidBallotsAreListedWithTheGap() {
        // the national 2023 file's BKK_15: the votes add up to 92171, the file says 92172 valid ballots
        var count = new OfficialCount("BKK_15", "constituency", Map.of(1, 50_000L, 2, 42_171L), 92_172, 1_000, 500);

        assertThat(OfficialContradictions.of(count))
                .containsExactly(new Contradiction("BKK_15", "constituency", Contradiction.VOTES_SUM, 92_172, 92_171));
        assertThat(OfficialContradictions.of(count).getFirst().by()).isEqualTo(1);
    }

    @Test
    void partyListVotesBelowTheirSumAreListedWithANegativeGap() {
        var count = new OfficialCount("RNG_1", "party-list", Map.of(1, 600L, 2, 402L), 1_000, 0, 0);

        assertThat(OfficialContradictions.of(count)).singleElement()
                .satisfies(c -> assertThat(c.contest()).isEqualTo("party-list"))
                .satisfies(c -> assertThat(c.by()).isEqualTo(-2));
    }

    @Test
    void aCountThatAddsUpIsNoContradiction() {
        assertThat(OfficialContradictions.of(List.of(new OfficialCount("ACR_1", "constituency", Map.of(1, 6L, 2, 4L), 10, 3, 1)))).isEmpty();
    }

    @Test
    void aPartysNationalTotalOffTheSumOfItsConstituenciesIsListedPerParty() {
        var found = OfficialContradictions.ofTotals("party-list", Map.of("705", 69_826L, "709", 1_000L, "778", 5L),
                Map.of("705", 69_824L, "709", 1_000L, "780", 3L));

        assertThat(found).containsExactly(
                new Contradiction("705", "party-list", Contradiction.PARTY_TOTAL, 69_826, 69_824),
                new Contradiction("778", "party-list", Contradiction.PARTY_TOTAL, 5, 0),
                new Contradiction("780", "party-list", Contradiction.PARTY_TOTAL, 0, 3));
    }
}
