package org.khanaen.benchmarks.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The night's bodies made from a true final: running tallies add up, a misread keeps the sums, a wrong sum does not add up. */
class NightPlanTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String TRUTH = """
            {"contest":"constituency","final":true,"votes":{"1":120,"2":95,"3":7},"valid":222,"invalid":5,"noVote":3,"ballotsUsed":230,\
            "votersCame":231,"warningsConfirmed":true}""";

    @Test
    void aRunningTallyIsAShareOfEveryNumberWithItsSumsRight() {
        JsonNode t = JSON.readTree(NightPlan.runningTally(TRUTH, 1 / 3.0));
        assertThat(t.path("final").asBoolean()).isFalse();
        assertThat(t.path("votes").path("1").asLong()).isEqualTo(40);
        assertThat(t.path("votes").path("2").asLong()).isEqualTo(31);
        assertThat(t.path("votes").path("3").asLong()).isEqualTo(2);
        assertThat(t.path("valid").asLong()).isEqualTo(73);
        assertThat(t.path("ballotsUsed").asLong()).isEqualTo(73 + 1 + 1);
        assertThat(t.has("votersCame")).isFalse();
    }

    @Test
    void aMisreadMovesAFewVotesAndKeepsTheSums() {
        for (long seed = 0; seed < 50; seed++) {
            JsonNode m = JSON.readTree(NightPlan.misread(TRUTH, new SplittableRandom(seed)));
            JsonNode votes = m.path("votes");
            long sum = votes.path("1").asLong() + votes.path("2").asLong() + votes.path("3").asLong();
            assertThat(sum).isEqualTo(222);
            long moved = Math.abs(votes.path("1").asLong() - 120) + Math.abs(votes.path("2").asLong() - 95) + Math.abs(votes.path("3").asLong() - 7);
            assertThat(moved).isBetween(2L, 10L);
            assertThat(m.path("valid").asLong()).isEqualTo(222);
        }
    }

    @Test
    void nothingToMisreadWhereNobodyVoted() {
        assertThat(NightPlan.misread("""
                {"contest":"constituency","final":true,"votes":{"1":0,"2":0},"valid":0,"invalid":0,"noVote":0,"ballotsUsed":0}""",
                new SplittableRandom(1))).isNull();
    }

    @Test
    void aWrongSumHasMoreVotesThanValidBallots() {
        JsonNode w = JSON.readTree(NightPlan.wrongSum(TRUTH, new SplittableRandom(7)));
        JsonNode votes = w.path("votes");
        long sum = votes.path("1").asLong() + votes.path("2").asLong() + votes.path("3").asLong();
        assertThat(sum).isBetween(223L, 231L);
        assertThat(w.path("valid").asLong()).isEqualTo(222);
    }

    @Test
    void stationsFinishBetweenHalfPastFiveAndSevenSmallOnesFirst() {
        int n = 10_000;
        int before = -1;
        for (int rank = 0; rank < n; rank++) {
            int at = NightPlan.finish(rank, n);
            assertThat(at).isBetween(30 * 60_000, 120 * 60_000).isGreaterThanOrEqualTo(before);
            before = at;
        }
        assertThat(NightPlan.finish(n / 2, n)).isBetween(74 * 60_000, 76 * 60_000); // the middle of the night's counts at 18:15
    }
}
