package org.khanaen.results.quickcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.khanaen.elections.LargestRemainder;
import org.khanaen.results.quickcount.QuickCountEstimator.Estimate;
import org.khanaen.results.quickcount.QuickCountEstimator.Observation;
import org.khanaen.results.quickcount.SampleDesign.Drawn;
import org.khanaen.results.quickcount.SampleDesign.Sample;
import org.khanaen.results.quickcount.SampleDesign.Unit;

class QuickCountTests {

    private static final double[] SHARES = { 0.38, 0.29, 0.12, 0.06, 0.05, 0.04, 0.03, 0.02, 0.01 };

    @Test
    void theSampleSizeIsTheFormulasWithTheFinitePopulationCorrection() {
        // n0 = (1.96 · 0.15 / 0.01)² = 864.3; n = 864.3 / (1 + 864.3 / 95,000) = 856.5 → 857
        assertThat(SampleDesign.size(0.01, 0.15, 95_000)).isEqualTo(857);
        assertThat(SampleDesign.margin(857, 0.15, 95_000)).isLessThanOrEqualTo(0.01);
        assertThat(SampleDesign.margin(856, 0.15, 95_000)).isGreaterThan(0.01);
        assertThat(SampleDesign.size(0.01, 0.15, 500)).isEqualTo(317); // a small population needs far fewer
        assertThat(SampleDesign.margin(500, 0.15, 500)).isZero(); // everything counted: no sampling error
    }

    @Test
    void everyStratumGetsTwoThenTheRestInProportionNeverMoreThanItHas() {
        Map<String, Integer> strata = new LinkedHashMap<>();
        strata.put("A", 1000);
        strata.put("B", 100);
        strata.put("C", 1);
        strata.put("D", 3000);
        Map<String, Integer> take = SampleDesign.allocate(strata, 82);
        assertThat(take.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(82);
        assertThat(take).containsEntry("C", 1);
        // 82 − 7 = 75 over 4,100 stations in proportion (C is full): A 18.3, B 1.8, D 54.9 → 18, 2, 55
        assertThat(take).containsEntry("A", 2 + 18).containsEntry("B", 2 + 2).containsEntry("D", 2 + 55);
        assertThat(SampleDesign.allocate(Map.of("A", 3, "B", 2), 5)).containsEntry("A", 3).containsEntry("B", 2);
        assertThatThrownBy(() -> SampleDesign.allocate(Map.of("A", 10, "B", 10, "C", 10), 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSampleIsTheSmallestTicketsOfEachStratumAndItsCommitmentIsTheHashOfTheList() {
        SyntheticElection e = new SyntheticElection(12, 60, SHARES, 1);
        Sample sample = SampleDesign.draw("x-2570", "moon-over-the-river", e.frame, 100);
        assertThat(sample.size()).isEqualTo(100);
        Map<String, List<Unit>> byStratum = e.frame.stream().collect(Collectors.groupingBy(Unit::stratum));
        for (SampleDesign.Stratum s : sample.strata()) {
            Set<String> expected = byStratum.get(s.code()).stream().map(Unit::code)
                    .sorted((a, b) -> SampleDesign.ticket("moon-over-the-river", a).compareTo(SampleDesign.ticket("moon-over-the-river", b)))
                    .limit(s.drawn()).collect(Collectors.toSet());
            assertThat(sample.stations().stream().filter(d -> d.stratum().equals(s.code())).map(Drawn::code)).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(sample.canonical()).startsWith("khanaen-quick-count-sample/1\nelection x-2570\nseed moon-over-the-river\n")
                .contains("\n" + sample.stations().getFirst().stratum() + "," + sample.stations().getFirst().code() + "\n");
        assertThat(sample.commitment()).isEqualTo(SampleDesign.sha256(sample.canonical())).hasSize(64);
        // the ticket is the plain SHA-256 of "seed\ncode": `printf 'moon-over-the-river\nS0-0' | sha256sum`
        assertThat(SampleDesign.ticket("abc", "")).isEqualTo(SampleDesign.sha256("abc\n"));
        assertThat(SampleDesign.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

        Sample again = SampleDesign.draw("x-2570", "moon-over-the-river", e.frame, 100);
        assertThat(again.commitment()).isEqualTo(sample.commitment());
        Sample other = SampleDesign.draw("x-2570", "moon-over-the-river.", e.frame, 100);
        assertThat(other.commitment()).isNotEqualTo(sample.commitment());
        assertThat(other.stations()).isNotEqualTo(sample.stations());
    }

    @Test
    void the95PercentIntervalsCoverTheTrueSharesInAboutNineteenSamplesOfTwenty() {
        SyntheticElection e = new SyntheticElection(40, 200, SHARES, 7);
        int seeds = 200, covered = 0, checks = 0, turnoutCovered = 0, invalidCovered = 0;
        double widest = 0;
        for (int seed = 0; seed < seeds; seed++) {
            Estimate est = estimateFrom(e, "seed-" + seed, 600, 0);
            for (int p = 0; p < SHARES.length; p++) {
                double truth = (double) e.partyTotals[p] / e.valid;
                checks++;
                if (est.shares().get(p).covers(truth)) {
                    covered++;
                }
                widest = Math.max(widest, est.shares().get(p).halfWidth());
            }
            turnoutCovered += est.turnout().covers((double) e.voters / e.registered) ? 1 : 0;
            invalidCovered += est.invalid().covers((double) e.invalid / e.used) ? 1 : 0;
        }
        double coverage = (double) covered / checks;
        assertThat(coverage).as("coverage of the party shares").isBetween(0.90, 0.985);
        assertThat((double) turnoutCovered / seeds).as("coverage of turnout").isGreaterThan(0.88);
        assertThat((double) invalidCovered / seeds).as("coverage of invalid ballots").isGreaterThan(0.88);
        assertThat(widest).as("not covered by being useless").isLessThan(0.03);
    }

    @Test
    void theSeatRangesHoldTheTrueSeatsAndComeFromTheExactSeatRule() {
        SyntheticElection e = new SyntheticElection(40, 200, SHARES, 11);
        Map<Integer, Integer> trueSeats = seats(e.partyTotals);
        int seeds = 40, held = 0, checks = 0;
        for (int seed = 0; seed < seeds; seed++) {
            Estimate est = estimateFrom(e, "seat-" + seed, 800, 300);
            for (int p = 0; p < SHARES.length; p++) {
                var range = est.seats().get(p);
                assertThat(range.low()).isLessThanOrEqualTo(range.median()).isLessThanOrEqualTo(range.high());
                checks++;
                int truth = trueSeats.getOrDefault(p, 0);
                held += truth >= range.low() && truth <= range.high() ? 1 : 0;
            }
        }
        assertThat((double) held / checks).as("seat ranges holding the true seats").isGreaterThan(0.88);
    }

    @Test
    void withEveryStationCountedTheSharesAreExactAndTheSeatsAreTheLargestRemaindersNotDHondt() {
        // 3 parties, 10 seats, votes 6,500 / 2,600 / 900: quotas 6.5 / 2.6 / 0.9, so largest remainders give 6 / 3 / 1
        // (D'Hondt, the other common rule, would give 7 / 2 / 1)
        List<Observation> all = List.of(
                new Observation(1, "A", 5000, 4000, 4000, 4000, 0, 0, new long[] { 3000, 1000, 0 }),
                new Observation(2, "A", 5000, 3000, 3000, 3000, 0, 0, new long[] { 2000, 700, 300 }),
                new Observation(3, "B", 5000, 3000, 3000, 3000, 0, 0, new long[] { 1500, 900, 600 }));
        var strata = List.of(new SampleDesign.Stratum("A", 2, 2), new SampleDesign.Stratum("B", 1, 1));
        Estimate est = QuickCountEstimator.estimate(strata, all, 3, 10, 200, 1);
        assertThat(est.shares().get(0).estimate()).isCloseTo(0.65, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(est.shares().get(0).halfWidth()).isZero(); // f = 1: no sampling error
        assertThat(est.seats()).extracting(QuickCountEstimator.SeatRange::median).containsExactly(6, 3, 1);
        assertThat(est.seats()).extracting(QuickCountEstimator.SeatRange::low).containsExactly(6, 3, 1);
        assertThat(est.seats()).extracting(QuickCountEstimator.SeatRange::high).containsExactly(6, 3, 1);
        assertThat(est.shareReported()).isEqualTo(1.0);
        assertThat(est.unbalanced()).isFalse();
    }

    @Test
    void aSampleReportedFromOneSideOnlyIsFlaggedAsUnbalanced() {
        SyntheticElection e = new SyntheticElection(20, 100, SHARES, 3);
        Sample sample = SampleDesign.draw("x", "s", e.frame, 200);
        Map<Long, Observation> byId = new HashMap<>();
        e.stations.forEach(o -> byId.put(o.stationId(), o));
        // only the first half of the strata have reported, fully
        List<Observation> half = sample.stations().stream().filter(d -> Integer.parseInt(d.stratum().substring(1)) < 10)
                .map(d -> byId.get(d.id())).toList();
        Estimate est = QuickCountEstimator.estimate(sample.strata(), half, SHARES.length, 100, 0, 1);
        assertThat(est.unbalanced()).isTrue();
        assertThat(est.missingWeight()).isGreaterThan(0.3);
        // every stratum reporting in proportion: balanced
        List<Observation> everyOther = new java.util.ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (Drawn d : sample.stations()) {
            if (seen.merge(d.stratum(), 1, Integer::sum) % 2 == 1) {
                everyOther.add(byId.get(d.id()));
            }
        }
        Estimate balanced = QuickCountEstimator.estimate(sample.strata(), everyOther, SHARES.length, 100, 0, 1);
        assertThat(balanced.unbalanced()).isFalse();
        assertThat(balanced.shareReported()).isBetween(0.5, 0.6);
    }

    private static Estimate estimateFrom(SyntheticElection e, String seed, int n, int replicates) {
        Sample sample = SampleDesign.draw("x", seed, e.frame, n);
        Map<Long, Observation> byId = new HashMap<>();
        e.stations.forEach(o -> byId.put(o.stationId(), o));
        List<Observation> reported = sample.stations().stream().map(d -> byId.get(d.id())).toList();
        return QuickCountEstimator.estimate(sample.strata(), reported, SHARES.length, 100, replicates, seed.hashCode());
    }

    private static Map<Integer, Integer> seats(long[] totals) {
        Map<Integer, Long> votes = new LinkedHashMap<>();
        for (int p = 0; p < totals.length; p++) {
            votes.put(p, totals[p]);
        }
        return LargestRemainder.allocate(100, votes).seats();
    }
}
