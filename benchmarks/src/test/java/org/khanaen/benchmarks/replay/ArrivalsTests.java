package org.khanaen.benchmarks.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The order counts arrive in for a part of the night, and the quick count's delay as the replay reckons it. */
class ArrivalsTests {

    /** 1,000 stations of 100 to 1,099 voters. */
    private static Map<Long, Integer> stations() {
        Map<Long, Integer> registered = new HashMap<>();
        for (long id = 1; id <= 1000; id++) {
            registered.put(id, 100 + (int) ((id * 7919) % 1000));
        }
        return registered;
    }

    @Test
    void smallStationsArriveFirstOnTheWholeButNotStrictly() {
        Map<Long, Integer> registered = stations();
        List<Long> order = Arrivals.order(registered, 2566);

        assertThat(order).hasSize(1000).doesNotHaveDuplicates();
        List<Long> firstTenth = Arrivals.first(order, 0.1);
        assertThat(firstTenth).hasSize(100);
        double meanFirst = firstTenth.stream().mapToInt(registered::get).average().orElseThrow();
        double meanAll = registered.values().stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertThat(meanFirst).as("the first tenth is small stations").isLessThan(meanAll / 2);
        assertThat(firstTenth.stream().mapToInt(registered::get).max().orElseThrow())
                .as("chance lets a larger station in early").isGreaterThan(300);
    }

    @Test
    void theSameSeedGivesTheSameOrderAnotherSeedAnother() {
        assertThat(Arrivals.order(stations(), 7)).isEqualTo(Arrivals.order(new java.util.TreeMap<>(stations()), 7));
        assertThat(Arrivals.order(stations(), 7)).isNotEqualTo(Arrivals.order(stations(), 8));
    }

    @Test
    void aFractionIsRoundedUpAndMustBeAFraction() {
        List<Long> order = List.of(5L, 3L, 9L);
        assertThat(Arrivals.first(order, 0.5)).containsExactly(5L, 3L);
        assertThat(Arrivals.first(order, 1)).containsExactly(5L, 3L, 9L);
        assertThatThrownBy(() -> Arrivals.first(order, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Arrivals.first(order, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportsGoInTheStationsOrderAndOnlyTheChosenStations() {
        List<Replay.Send> sends = new ArrayList<>();
        for (long station : List.of(1L, 2L, 3L)) {
            for (String contest : List.of("constituency", "party-list")) {
                sends.add(new Replay.Send(station, contest, "t", station + contest, "{}", List.of(), false));
            }
        }
        List<Replay.Send> ordered = Arrivals.inOrder(sends, List.of(3L, 1L), 1);
        assertThat(ordered).extracting(Replay.Send::stationId).containsExactly(3L, 3L, 1L, 1L);
    }

    @Test
    void theKthVerifiedSampleStationIsCountedByTheFirstEventWithKMore() {
        // answers at 10, 20 and 30 ms (one station outside the sample at 15 ms); events (when, verified sample stations)
        Map<String, Long> answered = Map.of("1|party-list", 10_000_000L, "2|party-list", 20_000_000L, "3|party-list", 30_000_000L,
                "9|party-list", 15_000_000L, "1|constituency", 1_000_000L);
        List<long[]> events = List.of(new long[] { 0, 4 }, new long[] { 25_000_000L, 6 }, new long[] { 70_000_000L, 7 });

        long[] delays = Replay.quickCountDelays(answered, Set.of(1L, 2L, 3L), events);

        // 1st → the 25 ms event (15 ms), 2nd → the same (5 ms), 3rd → the 70 ms event (40 ms); in µs, sorted
        assertThat(delays).containsExactly(5_000, 15_000, 40_000);
        assertThat(Replay.quickCountDelays(answered, Set.of(), events)).isEmpty();
    }
}
