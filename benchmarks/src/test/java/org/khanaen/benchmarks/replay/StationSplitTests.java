package org.khanaen.benchmarks.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.khanaen.results.checks.CheckContext;
import org.khanaen.results.checks.CheckContext.Tolerances;
import org.khanaen.results.checks.Checks;
import org.khanaen.results.checks.Findings;
import org.khanaen.results.checks.Tally;

/** A constituency's totals over its stations: exact sums both ways, and numbers every station could really have sent. */
class StationSplitTests {

    private static int[] stations(int n, int seed) {
        int[] registered = new int[n];
        for (int i = 0; i < n; i++) {
            registered[i] = 300 + (i * 7919 + seed) % 500;
        }
        return registered;
    }

    private static Map<Integer, Long> votes(long... v) {
        Map<Integer, Long> m = new TreeMap<>();
        for (int i = 0; i < v.length; i++) {
            m.put(i + 1, v[i]);
        }
        return m;
    }

    @Test
    void everyStationAddsUpAndEveryTotalIsExact() {
        int[] registered = stations(240, 3);
        var candidates = new StationSplit.Totals(votes(38_275, 21_388, 17_003, 9_120, 15_160), 3_359, 1_269);
        var parties = new StationSplit.Totals(votes(40_000, 30_111, 20_000, 11_242), 3_539, 681);
        List<List<Tally>> split = StationSplit.split(registered, List.of(candidates, parties));

        for (int c = 0; c < 2; c++) {
            StationSplit.Totals t = c == 0 ? candidates : parties;
            List<Tally> rows = split.get(c);
            assertThat(rows).hasSize(240);
            for (var e : t.votes().entrySet()) {
                assertThat(rows.stream().mapToLong(r -> r.votes().get(e.getKey())).sum()).isEqualTo(e.getValue());
            }
            assertThat(rows.stream().mapToLong(Tally::invalid).sum()).isEqualTo(t.invalid());
            assertThat(rows.stream().mapToLong(Tally::noVote).sum()).isEqualTo(t.noVote());
            for (int i = 0; i < rows.size(); i++) {
                Tally r = rows.get(i);
                assertThat(r.sumOfVotes()).isEqualTo(r.valid());
                assertThat(r.valid() + r.invalid() + r.noVote()).isEqualTo(r.ballotsUsed());
                assertThat(r.ballotsUsed()).isLessThanOrEqualTo(registered[i]);
            }
        }
        // the two contests' totals differ by one ballot: exactly one station differs, by one
        long differing = 0;
        for (int i = 0; i < 240; i++) {
            long d = Math.abs(split.get(0).get(i).ballotsUsed() - split.get(1).get(i).ballotsUsed());
            assertThat(d).isLessThanOrEqualTo(1);
            differing += d;
        }
        assertThat(differing).isEqualTo(1);
        assertThat(StationSplit.split(registered, List.of(candidates, parties))).isEqualTo(split); // deterministic
    }

    @Test
    void aCloseRaceStillLeavesEveryStationAMarginAboveItsInvalidBallots() {
        int[] registered = stations(200, 11);
        // the first two 2 votes apart over ~90,000, invalid ballots 3.5 %: split evenly, every station would warn
        var close = new StationSplit.Totals(votes(30_001, 29_999, 20_000, 10_000), 3_300, 900);
        List<Tally> rows = StationSplit.split(registered, List.of(close)).getFirst();
        for (int i = 0; i < rows.size(); i++) {
            Findings f = Checks.run(rows.get(i), new CheckContext(registered[i], Set.of(1, 2, 3, 4), Set.of(), Optional.empty(), List.of(),
                    List.of(), Tolerances.DEFAULT));
            assertThat(f.errors()).isEmpty();
            assertThat(f.warnings()).as("station %d: %s", i, rows.get(i)).isEmpty();
        }
        assertThat(rows.stream().mapToLong(r -> r.votes().get(1)).sum()).isEqualTo(30_001);
        assertThat(rows.stream().mapToLong(r -> r.votes().get(2)).sum()).isEqualTo(29_999);
    }

    @Test
    void moreBallotsThanVotersCannotBeSplit() {
        assertThatThrownBy(() -> StationSplit.split(new int[] { 100, 100 }, List.of(new StationSplit.Totals(votes(150, 60), 0, 0))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("210 ballots for 200 registered voters");
    }
}
