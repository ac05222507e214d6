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
@org.springframework.modulith.NamedInterface("checks") // with its nested types: part of the module's API
public record Tally(Map<Integer, Long> votes, long valid, long invalid, long noVote, long ballotsUsed, boolean isFinal, CountForm form) {

    /**
     * The count form's figures beyond the tally (ส.ส. 5/18, parts 1 and 2), as volunteers photograph it: the voters who
     * came (signed the register), the ballots the station received for the contest and those left unused. Ballots used,
     * valid, invalid and no-vote are the {@link Tally}'s; the registered voters are the station's. Each figure may be
     * missing (null): a running tally has none yet, an older partner app sends none, and the commission's results file
     * gives the voters who came but not the ballots received; the form's checks then look only at what is there.
     *
     * @param votersCame      ผู้มาแสดงตน: the commission's {@code turn_out}, which can differ from the ballots counted
     * @param ballotsReceived บัตรเลือกตั้งที่ได้รับจัดสรร
     * @param ballotsLeft     บัตรเลือกตั้งที่เหลือ
     */
    public record CountForm(Long votersCame, Long ballotsReceived, Long ballotsLeft) {

        /** No figure of the form's was given. */
        public static final CountForm NONE = new CountForm(null, null, null);

        public CountForm(long votersCame, long ballotsReceived, long ballotsLeft) {
            this(Long.valueOf(votersCame), Long.valueOf(ballotsReceived), Long.valueOf(ballotsLeft));
        }

        /** Only the voters who came, as the commission's results file gives them. */
        public static CountForm votersCame(long votersCame) {
            return new CountForm(votersCame, null, null);
        }

        public boolean isEmpty() {
            return votersCame == null && ballotsReceived == null && ballotsLeft == null;
        }
    }

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
