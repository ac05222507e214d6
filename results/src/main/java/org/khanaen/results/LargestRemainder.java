package org.khanaen.results;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Seats in proportion to votes, the seats left over to the largest remainders (the 2023 party list: 100 seats over
 * all party-list votes). Exact: each party's share is votes × seats / total as a whole part and an integer remainder,
 * so no rounding decides a seat. When parties tie for the last seats, the law has the commission draw lots: those
 * seats stay undecided here and the tied parties are named, rather than given to one of them by some invented order.
 */
final class LargestRemainder {

    /**
     * @param seats      per party with votes, whole seats (the undecided ones not included)
     * @param undecided  seats that a tie of remainders leaves to be drawn by lot
     * @param tied       the parties tied for them (empty when none)
     */
    record Allocation<K>(Map<K, Integer> seats, int undecided, Set<K> tied) {
    }

    private LargestRemainder() {
    }

    static <K extends Comparable<K>> Allocation<K> allocate(int seats, Map<K, Long> votes) {
        if (seats < 0) {
            throw new IllegalArgumentException("seats must not be negative");
        }
        long total = 0;
        for (long v : votes.values()) {
            if (v < 0) {
                throw new IllegalArgumentException("votes must not be negative");
            }
            total += v;
        }
        Map<K, Integer> result = new LinkedHashMap<>();
        if (total == 0 || seats == 0) {
            return new Allocation<>(result, total == 0 ? seats : 0, Set.of());
        }
        record Share(Object party, long whole, BigInteger remainder) {
        }
        BigInteger t = BigInteger.valueOf(total);
        List<Share> shares = new ArrayList<>();
        int given = 0;
        for (var e : votes.entrySet()) {
            if (e.getValue() == 0) {
                continue;
            }
            BigInteger[] qr = BigInteger.valueOf(e.getValue()).multiply(BigInteger.valueOf(seats)).divideAndRemainder(t);
            shares.add(new Share(e.getKey(), qr[0].longValueExact(), qr[1]));
            given += qr[0].intValueExact();
        }
        shares.forEach(s -> result.put(cast(s.party()), (int) s.whole()));
        int left = seats - given;
        shares.sort(Comparator.comparing(Share::remainder).reversed());
        int i = 0;
        while (left > 0 && i < shares.size()) {
            BigInteger r = shares.get(i).remainder();
            int j = i;
            while (j < shares.size() && shares.get(j).remainder().equals(r)) {
                j++;
            }
            int group = j - i;
            if (group <= left) {
                for (int k = i; k < j; k++) {
                    result.merge(cast(shares.get(k).party()), 1, Integer::sum);
                }
                left -= group;
                i = j;
            } else {
                Set<K> tied = new TreeSet<>();
                for (int k = i; k < j; k++) {
                    tied.add(cast(shares.get(k).party()));
                }
                return new Allocation<>(result, left, tied);
            }
        }
        return new Allocation<>(result, left, Set.of());
    }

    @SuppressWarnings("unchecked")
    private static <K> K cast(Object o) {
        return (K) o;
    }
}
