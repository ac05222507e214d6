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

    /**
     * Each entry's whole part, the entries by remainder (largest first, equal ones in entry order), and which of them
     * has the same remainder as the next in that order.
     */
    private record Quotas(long[] whole, int[] largestFirst, boolean[] sameAsNext, long left) {

        /** Exact in {@code long} while weight × seats cannot overflow (a nation's votes × 100 seats is ~10^10). */
        static Quotas of(long seats, long[] weights) {
            long total = 0;
            long largest = 0;
            for (long w : weights) {
                total = Math.addExact(total, w);
                largest = Math.max(largest, w);
            }
            if (seats != 0 && largest > Long.MAX_VALUE / seats) {
                return of(seats, Arrays.stream(weights).mapToObj(BigInteger::valueOf).toArray(BigInteger[]::new));
            }
            long[] whole = new long[weights.length];
            long[] remainder = new long[weights.length];
            long given = 0;
            for (int i = 0; i < weights.length; i++) {
                long share = weights[i] * seats;
                whole[i] = share / total;
                remainder[i] = share % total;
                given += whole[i];
            }
            Integer[] order = new Integer[weights.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(remainder[b], remainder[a])); // stable: equal ones keep entry order
            boolean[] same = new boolean[order.length];
            for (int k = 0; k + 1 < order.length; k++) {
                same[k] = remainder[order[k]] == remainder[order[k + 1]];
            }
            return new Quotas(whole, Arrays.stream(order).mapToInt(Integer::intValue).toArray(), same, seats - given);
        }

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
            boolean[] same = new boolean[order.length];
            for (int k = 0; k + 1 < order.length; k++) {
                same[k] = remainder[order[k]].equals(remainder[order[k + 1]]);
            }
            return new Quotas(whole, order, same, seats - given);
        }
    }

    private LargestRemainder() {
    }

    /** The seats of a count: ties for the last seats are left to the lot (see the class comment). */
    public static <K extends Comparable<K>> Allocation<K> allocate(int seats, Map<K, Long> votes) {
        List<K> parties = List.copyOf(votes.keySet());
        Seats s = seats(seats, parties.stream().mapToLong(votes::get).toArray());
        Map<K, Integer> result = new LinkedHashMap<>();
        Set<K> tied = new TreeSet<>();
        for (int i = 0; i < parties.size(); i++) {
            if (votes.get(parties.get(i)) > 0) {
                result.put(parties.get(i), s.seats()[i]);
            }
            if (s.tied()[i]) {
                tied.add(parties.get(i));
            }
        }
        return new Allocation<>(result, s.undecided(), tied);
    }

    /**
     * {@link #allocate} by index, without maps: for the quick count's bootstrap, which applies the rule a thousand
     * times per estimate.
     *
     * @param seats     per entry (0 for entries without votes, and for the tied ones' undecided seats)
     * @param undecided seats a tie of remainders leaves to the lot
     * @param tied      per entry, whether it is among the parties tied for them
     */
    public record Seats(int[] seats, int undecided, boolean[] tied) {
    }

    /** The seats of a count by index; the same rule as {@link #allocate}. */
    public static Seats seats(int seats, long[] votes) {
        if (seats < 0) {
            throw new IllegalArgumentException("seats must not be negative");
        }
        int[] result = new int[votes.length];
        boolean[] tied = new boolean[votes.length];
        int withVotes = 0;
        for (long v : votes) {
            if (v < 0) {
                throw new IllegalArgumentException("votes must not be negative");
            }
            withVotes += v > 0 ? 1 : 0;
        }
        if (withVotes == 0 || seats == 0) {
            return new Seats(result, withVotes == 0 ? seats : 0, tied);
        }
        // entries without votes take no part (not even in a tie of zero remainders)
        int[] party = new int[withVotes];
        long[] weights = new long[withVotes];
        for (int i = 0, k = 0; i < votes.length; i++) {
            if (votes[i] > 0) {
                party[k] = i;
                weights[k++] = votes[i];
            }
        }
        Quotas quotas = Quotas.of(seats, weights);
        for (int k = 0; k < withVotes; k++) {
            result[party[k]] = Math.toIntExact(quotas.whole()[k]);
        }
        int left = Math.toIntExact(quotas.left());
        int[] order = quotas.largestFirst();
        for (int i = 0; left > 0 && i < order.length;) {
            int j = i;
            while (j + 1 < order.length && quotas.sameAsNext()[j]) {
                j++;
            }
            j++; // past the last entry with entry i's remainder
            if (j - i > left) {
                for (int k = i; k < j; k++) {
                    tied[party[order[k]]] = true;
                }
                return new Seats(result, left, tied);
            }
            for (int k = i; k < j; k++) {
                result[party[order[k]]]++;
            }
            left -= j - i;
            i = j;
        }
        return new Seats(result, left, tied);
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
