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
 */
public record Tally(Map<Integer, Long> votes, long valid, long invalid, long noVote, long ballotsUsed, boolean isFinal) {

    public Tally {
        // sorted, and seen as sorted by whoever copies or writes it out (a copy of a sorted map is linear)
        votes = java.util.Collections.unmodifiableSortedMap(votes == null ? new TreeMap<>() : new TreeMap<>(votes));
    }

    public long sumOfVotes() {
        return votes.values().stream().mapToLong(Long::longValue).sum();
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
