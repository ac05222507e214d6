package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.khanaen.elections.BallotKind;
import org.khanaen.elections.CandidateView;
import org.khanaen.elections.ConstituencyView;
import org.khanaen.elections.ContestScope;
import org.khanaen.elections.ContestView;
import org.khanaen.elections.LocalizedName;
import org.khanaen.elections.PartyView;
import org.khanaen.elections.ProvinceRef;
import org.khanaen.elections.ProvinceView;
import org.khanaen.elections.SeatRule;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.LiveResults.ConstituencyLine;
import org.khanaen.results.LiveResults.NationalResults;
import org.khanaen.results.LiveResults.View;
import org.khanaen.results.WarRoom.ContestState;

/** The honest full count: a constituency decided only when the votes still possible cannot change it; seats projected only past a share. */
class HonestCountTests {

    private static final LocalizedName N = new LocalizedName("x", "x");
    // four stations of 400, 300, 100 and 200 registered voters
    private static final int[] REGISTERED = { 400, 300, 100, 200 };

    private static ElectionTally tally() {
        var province = new ProvinceView("TST", "99", N, null, null, 1000, 1, 4, null, null);
        var cons = new ConstituencyView(1, "TST_1", 1, new ProvinceRef("TST", N), 1000, 4, List.of());
        var red = new PartyView(1, "701", 1, N, "R", "#f00", null);
        var blue = new PartyView(2, "702", 2, N, "B", "#00f", null);
        var contests = List.of(new ContestView(1, "constituency", N, ContestScope.CONSTITUENCY, BallotKind.CANDIDATE, 1, SeatRule.PLURALITY),
                new ContestView(2, "party-list", N, ContestScope.ELECTION, BallotKind.PARTY, 100, SeatRule.LARGEST_REMAINDER));
        var candidates = List.of(new CandidateView(1, "TST_1_1", "constituency", "TST_1", 1, "A", red, null),
                new CandidateView(2, "TST_1_2", "constituency", "TST_1", 2, "B", blue, null));
        List<StationPoint> stations = new java.util.ArrayList<>();
        for (int s = 0; s < REGISTERED.length; s++) {
            stations.add(new StationPoint(s + 1, 1, "TST_1", "TST", 0, 0, false, REGISTERED[s], "t"));
        }
        return new ElectionTally("t", contests, List.of(province), List.of(cons), List.of(red, blue), candidates, stations, Instant.EPOCH);
    }

    private static void count(ElectionTally t, int station, String contest, long first, long second) {
        long valid = first + second;
        t.apply(new ElectionTally.Row(station, contest, ContestState.VERIFIED, 1, Map.of(1, first, 2, second),
                new long[] { valid, valid, 0, 0 }, null, null, Instant.EPOCH));
        t.changed(Instant.EPOCH);
    }

    private static ConstituencyLine line(ElectionTally t) {
        return t.province("TST", View.VERIFIED).orElseThrow().constituencies().getFirst();
    }

    @Test
    void aConstituencyTurnsDecidedExactlyWhenTheMarginExceedsTheVotesStillPossible() {
        ElectionTally t = tally();
        count(t, 1, "constituency", 300, 50); // margin 250; 600 voters still to count
        assertThat(line(t)).extracting(ConstituencyLine::margin, ConstituencyLine::votesOutstanding, ConstituencyLine::decided)
                .containsExactly(250L, 600L, false);
        count(t, 2, "constituency", 60, 10); // margin 300 = the 300 still possible: they could make it level
        assertThat(line(t)).extracting(ConstituencyLine::margin, ConstituencyLine::votesOutstanding, ConstituencyLine::decided)
                .containsExactly(300L, 300L, false);
        assertThat(t.national(View.VERIFIED).seats().constituenciesDecided()).isZero();
        count(t, 2, "constituency", 61, 10); // a corrected count: margin 301 > 300
        assertThat(line(t)).extracting(ConstituencyLine::margin, ConstituencyLine::decided).containsExactly(301L, true);
        var contest = t.constituency("TST_1", View.VERIFIED).orElseThrow().contests().getFirst();
        assertThat(contest.decided()).isTrue();
        assertThat(contest.votesOutstanding()).isEqualTo(300);
        NationalResults nation = t.national(View.VERIFIED);
        assertThat(nation.seats().constituenciesDecided()).isEqualTo(1);
        assertThat(nation.parties()).filteredOn(p -> p.partyId().equals("701")).singleElement()
                .extracting(LiveResults.PartyResult::constituencySeatsDecided).isEqualTo(1);
    }

    @Test
    void neverDecidedWhileTheStationsStillToCountCouldTieOrTurnIt() {
        var random = new SplittableRandom(24);
        for (int run = 0; run < 2_000; run++) {
            ElectionTally t = tally();
            long[] a = new long[4], b = new long[4];
            boolean[] in = new boolean[4];
            for (int step = 0; step < 4; step++) {
                int s = random.nextInt(4);
                a[s] = random.nextInt(REGISTERED[s] + 1);
                b[s] = random.nextInt((int) (REGISTERED[s] - a[s]) + 1);
                in[s] = true;
                count(t, s + 1, "constituency", a[s], b[s]);
                long first = 0, second = 0, left = 0;
                for (int i = 0; i < 4; i++) {
                    first += a[i];
                    second += b[i];
                    left += in[i] ? 0 : REGISTERED[i];
                }
                // the worst case for the leader: every voter still to count votes for the runner-up
                long lead = Math.max(first, second), trail = Math.min(first, second);
                boolean cannotChange = lead > trail + left;
                assertThat(line(t).decided()).as("run %d step %d: %d – %d with %d to count", run, step, first, second, left)
                        .isEqualTo(cannotChange);
            }
        }
    }

    @Test
    void partyListSeatsAreProjectedOnlyPastTheStatedShareOfStations() {
        ElectionTally t = tally();
        t.projectionFrom(50);
        NationalResults none = t.national(View.VERIFIED);
        assertThat(none.projection().shown()).isFalse();
        assertThat(none.seats().partyListUndecided()).as("nothing about lots before there are votes").isZero();
        count(t, 1, "party-list", 300, 50); // one station of four: 25 %
        NationalResults early = t.national(View.VERIFIED);
        assertThat(early.projection()).isEqualTo(new LiveResults.Projection(false, 50, 25));
        assertThat(early.parties()).allSatisfy(p -> assertThat(p.partyListSeats()).isZero());
        assertThat(early.seats().partyListUndecided()).isZero();
        count(t, 3, "party-list", 50, 50); // two of four: 50 %
        NationalResults projected = t.national(View.VERIFIED);
        assertThat(projected.projection()).isEqualTo(new LiveResults.Projection(true, 50, 50));
        // 350 / 100 of 450: quotas 77.8 / 22.2 → 78 / 22
        assertThat(projected.parties()).extracting(LiveResults.PartyResult::partyListSeats).containsExactly(78, 22);
    }
}
