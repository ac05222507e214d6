package org.khanaen.elections.importing;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Shares a whole number out in proportion to weights: everyone gets the floor of their quota, the
 * rest go one each to the largest remainders (ties to the earlier entry), so the parts always add
 * up to exactly the total.
 */
public final class LargestRemainder {

    private LargestRemainder() {
    }

    public static long[] share(long total, double[] weights) {
        int n = weights.length;
        long[] parts = new long[n];
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        if (n == 0 || total <= 0 || sum <= 0) {
            return parts;
        }
        double[] remainders = new double[n];
        long given = 0;
        for (int i = 0; i < n; i++) {
            double quota = total * weights[i] / sum;
            parts[i] = (long) Math.floor(quota);
            remainders[i] = quota - parts[i];
            given += parts[i];
        }
        int[] order = IntStream.range(0, n).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> remainders[i]).reversed().thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        for (int k = 0; given < total; k = (k + 1) % n, given++) {
            parts[order[k]]++;
        }
        return parts;
    }

    /** As {@link #share}, but nobody gets less than one (the total must allow it). */
    public static long[] shareAtLeastOne(long total, double[] weights) {
        int n = weights.length;
        long[] parts = share(total - n, weights);
        for (int i = 0; i < n; i++) {
            parts[i]++;
        }
        return parts;
    }
}
