package org.khanaen.elections;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Seats (or anything whole) in proportion to votes (or weights), the ones left over to the largest remainders: the
 * 2023 party list's 100 seats, and the generated stations and voters of an election file. Exact: each share is
 * weight × seats / total as a whole part and an integer remainder, so no rounding decides a seat (with doubles,
 * remainders that are equal can come out unequal and hand the seat to either side).
 * <p>
 * Ties for the last seats: the law has the commission draw lots, so {@link #allocate} leaves those seats undecided
 * and names the tied parties; {@link #share}, which makes up data rather than deciding an election, gives them to the
 * earlier entry so the same input always makes the same stations.
 */
public final class LargestRemainder {

    /**
     * @param seats      per party with votes, whole seats (the undecided ones not included)
     * @param undecided  seats that a tie of remainders leaves to be drawn by lot
     * @param tied       the parties tied for them (empty when none)
     */
    public record Allocation<K>(Map<K, Integer> seats, int undecided, Set<K> tied) {
    }

    /** Entry {@code index}'s whole part and remainder (over the common total), and the order of the remainders. */
    private record Quotas(long[] whole, BigInteger[] remainder, int[] largestFirst, long left) {

        static Quotas of(long seats, BigInteger[] weights) {
            BigInteger total = Arrays.stream(weights).reduce(BigInteger.ZERO, BigInteger::add);
            long[] whole = new long[weights.length];
            BigInteger[] remainder = new BigInteger[weights.length];
            long given = 0;
            for (int i = 0; i < weights.length; i++) {
                BigInteger[] qr = weights[i].multiply(BigInteger.valueOf(seats)).divideAndRemainder(total);
                whole[i] = qr[0].longValueExact();
                remainder[i] = qr[1];
                given += whole[i];
            }
            // a stable sort: among equal remainders the earlier entry comes first
            int[] order = IntStream.range(0, weights.length).boxed()
                    .sorted(Comparator.comparing((Integer i) -> remainder[i]).reversed())
                    .mapToInt(Integer::intValue).toArray();
            return new Quotas(whole, remainder, order, seats - given);
        }
    }

    private LargestRemainder() {
    }

    /** The seats of a count: ties for the last seats are left to the lot (see the class comment). */
    public static <K extends Comparable<K>> Allocation<K> allocate(int seats, Map<K, Long> votes) {
        if (seats < 0) {
            throw new IllegalArgumentException("seats must not be negative");
        }
        if (votes.values().stream().anyMatch(v -> v < 0)) {
            throw new IllegalArgumentException("votes must not be negative");
        }
        List<K> parties = votes.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList();
        Map<K, Integer> result = new LinkedHashMap<>();
        if (parties.isEmpty() || seats == 0) {
            return new Allocation<>(result, parties.isEmpty() ? seats : 0, Set.of());
        }
        Quotas quotas = Quotas.of(seats, parties.stream().map(p -> BigInteger.valueOf(votes.get(p))).toArray(BigInteger[]::new));
        for (int i = 0; i < parties.size(); i++) {
            result.put(parties.get(i), Math.toIntExact(quotas.whole()[i]));
        }
        int left = Math.toIntExact(quotas.left());
        int[] order = quotas.largestFirst();
        for (int i = 0; left > 0 && i < order.length;) {
            int j = i;
            while (j < order.length && quotas.remainder()[order[j]].equals(quotas.remainder()[order[i]])) {
                j++;
            }
            if (j - i > left) {
                Set<K> tied = new TreeSet<>();
                IntStream.range(i, j).forEach(k -> tied.add(parties.get(order[k])));
                return new Allocation<>(result, left, tied);
            }
            IntStream.range(i, j).forEach(k -> result.merge(parties.get(order[k]), 1, Integer::sum));
            left -= j - i;
            i = j;
        }
        return new Allocation<>(result, left, Set.of());
    }

    /**
     * Shares a whole number out in proportion to weights, ties to the earlier entry, so the parts always add up to
     * exactly the total. Each weight is taken at its exact binary value.
     */
    public static long[] share(long total, double[] weights) {
        long[] parts = new long[weights.length];
        if (weights.length == 0 || total <= 0 || Arrays.stream(weights).sum() <= 0) {
            return parts;
        }
        Quotas quotas = Quotas.of(total, exact(weights));
        System.arraycopy(quotas.whole(), 0, parts, 0, parts.length);
        for (int k = 0; k < quotas.left(); k++) {
            parts[quotas.largestFirst()[k]]++;
        }
        return parts;
    }

    /** As {@link #share}, but nobody gets less than one (the total must allow it). */
    public static long[] shareAtLeastOne(long total, double[] weights) {
        long[] parts = share(total - weights.length, weights);
        for (int i = 0; i < parts.length; i++) {
            parts[i]++;
        }
        return parts;
    }

    /** Doubles as whole numbers over one common power of ten: exact, as a double is a finite binary fraction. */
    private static BigInteger[] exact(double[] weights) {
        BigDecimal[] decimals = Arrays.stream(weights).mapToObj(BigDecimal::new).toArray(BigDecimal[]::new);
        int scale = Arrays.stream(decimals).mapToInt(d -> Math.max(0, d.scale())).max().orElse(0);
        return Arrays.stream(decimals).map(d -> d.setScale(scale).unscaledValue()).toArray(BigInteger[]::new);
    }
}
