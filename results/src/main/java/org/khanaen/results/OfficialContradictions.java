package org.khanaen.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.khanaen.results.OfficialResults.OfficialCount;

/**
 * Where an official results file contradicts itself. The commission's files are official documents: they are taken as
 * published and what does not add up in them is listed, never a reason to refuse them (its national 2023 file has 10
 * constituencies whose candidates' votes do not make their valid ballots, 15 whose party-list votes do not, and 9
 * parties whose national vote in its party file is 1–2 off the sum of their constituencies').
 */
public final class OfficialContradictions {

    /** The kinds, as the pages name them. */
    public static final String VOTES_SUM = "votes-sum";
    public static final String PARTY_TOTAL = "party-total";

    /**
     * One figure the file writes that its own parts do not make.
     *
     * @param where    a constituency code, or a party's id for a national total
     * @param written  the figure as the file writes it
     * @param addsUpTo what the file's own parts of it add up to
     */
    public record Contradiction(String where, String contest, String kind, long written, long addsUpTo) implements java.io.Serializable {

        /** By how much the written figure is off its parts (negative: below them). */
        public long by() {
            return written - addsUpTo;
        }
    }

    private OfficialContradictions() {
    }

    /** A contest's votes add up to the valid ballots the file writes beside them. */
    public static List<Contradiction> of(OfficialCount count) {
        long sum = count.votes().values().stream().mapToLong(Long::longValue).sum();
        return sum == count.valid() ? List.of()
                : List.of(new Contradiction(count.constituencyCode(), count.contest(), VOTES_SUM, count.valid(), sum));
    }

    /** Every contest's contradictions, in the order given. */
    public static List<Contradiction> of(List<OfficialCount> counts) {
        List<Contradiction> out = new ArrayList<>();
        counts.forEach(c -> out.addAll(of(c)));
        return out;
    }

    /**
     * A national total per party as one file writes it against the sum of the party's constituency figures in the
     * other; a party missing on one side counts 0 there.
     */
    public static List<Contradiction> ofTotals(String contest, Map<String, Long> written, Map<String, Long> sums) {
        List<Contradiction> out = new ArrayList<>();
        TreeSet<String> parties = new TreeSet<>(written.keySet());
        parties.addAll(sums.keySet());
        for (String party : parties) {
            long w = written.getOrDefault(party, 0L);
            long s = sums.getOrDefault(party, 0L);
            if (w != s) {
                out.add(new Contradiction(party, contest, PARTY_TOTAL, w, s));
            }
        }
        return out;
    }
}
