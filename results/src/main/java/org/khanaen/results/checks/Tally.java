package org.khanaen.results.checks;

import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers of one station's count for one contest, as reported.
 *
 * @param votes       votes per ballot number (candidate or party)
 * @param valid       valid ballots (บัตรดี)
 * @param invalid     invalid ballots (บัตรเสีย)
 * @param noVote      ballots marked "no vote" (ไม่เลือกผู้ใด)
 * @param ballotsUsed ballots used (บัตรที่ใช้)
 * @param isFinal     the final count; otherwise a running tally during the count
 * @param form        the count form's other figures (voters who came, ballots received and left), as far as given
 */
public record Tally(Map<Integer, Long> votes, long valid, long invalid, long noVote, long ballotsUsed, boolean isFinal, CountForm form) {

    public Tally {
        // sorted, and seen as sorted by whoever copies or writes it out (a copy of a sorted map is linear)
        votes = java.util.Collections.unmodifiableSortedMap(votes == null ? new TreeMap<>() : new TreeMap<>(votes));
        form = form == null ? CountForm.NONE : form;
    }

    /** A count without the form's other figures. */
    public Tally(Map<Integer, Long> votes, long valid, long invalid, long noVote, long ballotsUsed, boolean isFinal) {
        this(votes, valid, invalid, noVote, ballotsUsed, isFinal, CountForm.NONE);
    }

    /** The same count, with these figures of the form. */
    public Tally withForm(CountForm figures) {
        return new Tally(votes, valid, invalid, noVote, ballotsUsed, isFinal, figures);
    }

    /** The same numbers as a final count. */
    public Tally asFinal() {
        return new Tally(votes, valid, invalid, noVote, ballotsUsed, true, form);
    }

    /** Saturates rather than wraps: four candidates at 2^62 must not "add up" to 0 valid ballots. */
    public long sumOfVotes() {
        long sum = 0;
        for (long v : votes.values()) {
            sum = plus(sum, v);
        }
        return sum;
    }

    /** a + b, held at Long.MAX_VALUE or MIN_VALUE instead of wrapping round (such a count is refused anyway). */
    public static long plus(long a, long b) {
        long sum = a + b;
        // overflow only when both have the same sign and the sum's sign differs (Hacker's Delight 2-13)
        return ((a ^ sum) & (b ^ sum)) < 0 ? (a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : sum;
    }

    /** The leader's and the runner-up's votes (0 when missing). */
    long[] topTwo() {
        long first = 0;
        long second = 0;
        for (long v : votes.values()) {
            if (v > first) {
                second = first;
                first = v;
            } else if (v > second) {
                second = v;
            }
        }
        return new long[] { first, second };
    }
}
