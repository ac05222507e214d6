package org.khanaen.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.khanaen.results.OfficialResults.Contradiction;
import org.khanaen.results.OfficialResults.OfficialCount;

/**
 * Where an official results file contradicts itself. The commission's files are official documents: they are taken as
 * published and what does not add up in them is listed, never a reason to refuse them (its national 2023 file has 10
 * constituencies whose candidates' votes do not make their valid ballots, 15 whose party-list votes do not, and 9
 * parties whose national vote in its party file is 1–2 off the sum of their constituencies'). Offered to other modules
 * through {@link OfficialResults}.
 */
final class OfficialContradictions {

    private OfficialContradictions() {
    }

    /** A contest's votes add up to the valid ballots the file writes beside them. */
    static List<Contradiction> of(OfficialCount count) {
        long sum = count.votes().values().stream().mapToLong(Long::longValue).sum();
        return sum == count.valid() ? List.of()
                : List.of(new Contradiction(count.constituencyCode(), count.contest(), Contradiction.VOTES_SUM, count.valid(), sum));
    }

    /** Every contest's contradictions, in the order given. */
    static List<Contradiction> of(List<OfficialCount> counts) {
        List<Contradiction> out = new ArrayList<>();
        counts.forEach(c -> out.addAll(of(c)));
        return out;
    }

    /**
     * A national total per party as one file writes it against the sum of the party's constituency figures in the
     * other; a party missing on one side counts 0 there.
     */
    static List<Contradiction> ofTotals(String contest, Map<String, Long> written, Map<String, Long> sums) {
        List<Contradiction> out = new ArrayList<>();
        TreeSet<String> parties = new TreeSet<>(written.keySet());
        parties.addAll(sums.keySet());
        for (String party : parties) {
            long w = written.getOrDefault(party, 0L);
            long s = sums.getOrDefault(party, 0L);
            if (w != s) {
                out.add(new Contradiction(party, contest, Contradiction.PARTY_TOTAL, w, s));
            }
        }
        return out;
    }
}
