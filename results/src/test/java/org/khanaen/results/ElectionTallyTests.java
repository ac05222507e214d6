package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

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
import org.khanaen.results.LiveResults.ConstituencyContest;
import org.khanaen.results.LiveResults.ContestTotals;
import org.khanaen.results.LiveResults.View;
import org.khanaen.results.WarRoom.ContestState;

/**
 * The tally by itself, no database: a small made-up election of two provinces, three constituencies and six stations,
 * with a constituency race and a party list of 10 seats between three parties.
 */
class ElectionTallyTests {

    private static final Instant T0 = Instant.parse("2023-05-14T10:00:00Z");
    private static final LocalizedName N = new LocalizedName("ชื่อ", "name");
    private static final List<ContestView> CONTESTS = List.of(
            new ContestView(1, "constituency", N, ContestScope.CONSTITUENCY, BallotKind.CANDIDATE, 1, SeatRule.PLURALITY),
            new ContestView(2, "party-list", N, ContestScope.ELECTION, BallotKind.PARTY, 10, SeatRule.LARGEST_REMAINDER));
    private static final List<ProvinceView> PROVINCES = List.of(
            new ProvinceView("AAA", "1", N, 13.0, 100.0, 0, 2, 4, null, null),
            new ProvinceView("BBB", "2", N, 14.0, 101.0, 0, 1, 2, null, null));
    private static final List<ConstituencyView> CONSTITUENCIES = List.of(
            new ConstituencyView(11, "AAA_1", 1, new ProvinceRef("AAA", N), 2000, 2, List.of()),
            new ConstituencyView(12, "AAA_2", 2, new ProvinceRef("AAA", N), 2000, 2, List.of()),
            new ConstituencyView(21, "BBB_1", 1, new ProvinceRef("BBB", N), 2000, 2, List.of()));
    private static final List<PartyView> PARTIES = List.of(
            new PartyView(1, "P1", 1, N, "P1", "#111111", null),
            new PartyView(2, "P2", 2, N, "P2", "#222222", null),
            new PartyView(3, "P3", 3, N, "P3", "#333333", null));
    private static final List<StationPoint> STATIONS = List.of(
            station(101, 11, "AAA_1", "AAA"), station(102, 11, "AAA_1", "AAA"),
            station(103, 12, "AAA_2", "AAA"), station(104, 12, "AAA_2", "AAA"),
            station(105, 21, "BBB_1", "BBB"), station(106, 21, "BBB_1", "BBB"));

    @Test
    void aVerifiedCountIsAddedOnceEverywhereAndACorrectionReplacesIt() {
        ElectionTally tally = tally();
        tally.apply(verified(101, "constituency", 1, 1, Map.of(1, 300L, 2, 200L), 10));
        tally.changed(T0);
        assertThat(race(tally, "AAA_1").candidates()).extracting(LiveResults.CandidateResult::votes).containsExactly(300L, 200L);
        assertThat(race(tally, "AAA_1").leaderBallot()).isEqualTo(1);
        assertThat(nation(tally, "constituency").valid()).isEqualTo(500);

        tally.apply(verified(101, "constituency", 2, 2, Map.of(1, 250L, 2, 260L), 11)); // the war room corrects it
        tally.changed(T0);
        assertThat(race(tally, "AAA_1").leaderBallot()).isEqualTo(2);
        assertThat(race(tally, "AAA_1").margin()).isEqualTo(10);
        assertThat(nation(tally, "constituency").valid()).isEqualTo(510);
        assertThat(nation(tally, "constituency").stationsVerified()).isEqualTo(1);
    }

    @Test
    void aWaitingFinalCountIsProvisionalOnly() {
        ElectionTally tally = tally();
        tally.apply(new ElectionTally.Row(103, "constituency", ContestState.FINAL, 0, null, null, Map.of(1, 10L, 2, 20L),
                totals(30), null, null, null, false, 5));
        tally.changed(T0);
        assertThat(nation(tally, "constituency").valid()).isZero();
        assertThat(tally.national(View.PROVISIONAL).contests().getFirst().valid()).isEqualTo(30);
        assertThat(tally.national(View.PROVISIONAL).contests().getFirst().stationsFinal()).isEqualTo(1);
    }

    @Test
    void theSameWritesInAnyOrderGiveTheSameStampAndAWriteTakenTwiceChangesNothing() {
        List<ElectionTally.Row> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(verified(101 + i, "party-list", 1, 1, Map.of(1, 100L + i, 2, 50L, 3, 10L * i), 100 + i));
        }
        ElectionTally inOrder = tally(), shuffled = tally();
        rows.forEach(inOrder::apply);
        List<ElectionTally.Row> other = new ArrayList<>(rows);
        Collections.shuffle(other, new Random(7));
        other.forEach(shuffled::apply);
        assertThat(shuffled.stamp()).isEqualTo(inOrder.stamp()).isNotZero();

        long before = inOrder.stamp();
        assertThat(inOrder.apply(rows.get(2))).as("the same write again").isFalse();
        assertThat(inOrder.stamp()).isEqualTo(before);
        assertThat(inOrder.apply(verified(103, "party-list", 2, 1, Map.of(1, 102L, 2, 50L, 3, 20L), 999))).isTrue();
        assertThat(inOrder.stamp()).isNotEqualTo(before);
    }

    @Test
    void runningSumsEqualATallyBuiltAfreshAfterAnyRunOfCorrections() {
        Random random = new Random(42);
        ElectionTally followed = tally();
        Map<String, ElectionTally.Row> last = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            long station = 101 + random.nextInt(6);
            String contest = random.nextBoolean() ? "constituency" : "party-list";
            Map<Integer, Long> votes = Map.of(1, (long) random.nextInt(300), 2, (long) random.nextInt(300), 3, (long) random.nextInt(300));
            ElectionTally.Row row = random.nextInt(4) == 0
                    ? new ElectionTally.Row(station, contest, ContestState.FINAL, 0, null, null, votes, totals(sum(votes)), null, null, null,
                            false, i + 1)
                    : verified(station, contest, i + 1, i + 1, votes, i + 1);
            followed.apply(row);
            last.put(station + contest, row);
        }
        followed.changed(T0);
        ElectionTally afresh = tally();
        last.values().forEach(afresh::apply);
        afresh.changed(T0);
        for (View view : View.values()) {
            assertThat(followed.national(view)).usingRecursiveComparison().ignoringFields("version").isEqualTo(afresh.national(view));
            for (ConstituencyView c : CONSTITUENCIES) {
                assertThat(followed.constituency(c.code(), view)).usingRecursiveComparison().ignoringFields("value.version")
                        .isEqualTo(afresh.constituency(c.code(), view));
            }
        }
        assertThat(followed.stamp()).isEqualTo(afresh.stamp());
    }

    @Test
    void partyListSeatsGoByLargestRemainders() {
        ElectionTally tally = tally();
        // 10 seats over 1000 votes: quotas 4.6, 3.3, 2.1 → 4 + 3 + 2 whole seats, the last to the largest remainder (0.6)
        tally.apply(verified(101, "party-list", 1, 1, Map.of(1, 460L, 2, 330L, 3, 210L), 1));
        tally.changed(T0);
        assertThat(tally.national(View.VERIFIED).parties()).extracting(LiveResults.PartyResult::partyListSeats).containsExactly(5, 3, 2);
    }

    private static ElectionTally tally() {
        List<CandidateView> candidates = new ArrayList<>();
        for (ConstituencyView c : CONSTITUENCIES) {
            for (int b = 1; b <= 2; b++) {
                candidates.add(new CandidateView(c.id() * 10 + b, c.code() + "-" + b, "constituency", c.code(), b, "ผู้สมัคร " + b,
                        PARTIES.get(b - 1), null));
            }
        }
        return new ElectionTally("test", CONTESTS, PROVINCES, CONSTITUENCIES, PARTIES, candidates, STATIONS, T0);
    }

    private static ElectionTally.Row verified(long station, String contest, int version, int mark, Map<Integer, Long> votes, long seed) {
        return new ElectionTally.Row(station, contest, ContestState.VERIFIED, version, votes, totals(sum(votes)), null, null,
                T0.plusSeconds(seed), null, null, false, ContestChangeFeed.mark((int) seed * 1000 + mark));
    }

    private static long[] totals(long valid) {
        return new long[] { valid + 5, valid, 3, 2 }; // used, valid, invalid, no vote
    }

    private static long sum(Map<Integer, Long> votes) {
        return votes.values().stream().mapToLong(Long::longValue).sum();
    }

    private static ContestTotals nation(ElectionTally tally, String contest) {
        return tally.national(View.VERIFIED).contests().stream().filter(c -> c.contest().equals(contest)).findFirst().orElseThrow();
    }

    private static ConstituencyContest race(ElectionTally tally, String code) {
        return tally.constituency(code, View.VERIFIED).orElseThrow().contests().stream().filter(c -> c.contest().equals("constituency"))
                .findFirst().orElseThrow();
    }

    private static StationPoint station(long id, long constituencyId, String constituency, String province) {
        return new StationPoint(id, constituencyId, constituency, province, 13.5, 100.5, false, 1000, "test");
    }
}
