package org.khanaen.benchmarks.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.khanaen.results.checks.Tally;

/**
 * Splits a constituency's official totals over its stations, deterministically: each station's ballots in proportion
 * to its registered voters (largest remainders, never more than it has voters), the same ballots in both contests
 * wherever the totals allow (the files differ by a ballot or two at most, so that many stations differ by one), and
 * each station's ballots over the candidates or parties, invalid and blank in proportion to the totals — rounded so
 * that every station adds up and every column sums to the official total exactly.
 */
public final class StationSplit {

    private StationSplit() {
    }

    /** One contest's totals: votes per ballot number, invalid, blank (no vote). */
    public record Totals(Map<Integer, Long> votes, long invalid, long noVote) {

        long valid() {
            return votes.values().stream().mapToLong(Long::longValue).sum();
        }

        long used() {
            return valid() + invalid + noVote;
        }
    }

    /**
     * @param registered each station's registered voters, in a fixed order (e.g. by station id)
     * @return per contest, per station, a final count
     * @throws IllegalArgumentException when the ballots exceed the stations' registered voters
     */
    public static List<List<Tally>> split(int[] registered, List<Totals> contests) {
        if (contests.isEmpty()) {
            return List.of();
        }
        long capacity = Arrays.stream(registered).asLongStream().sum();
        long[] first = shares(contests.getFirst().used(), registered, capacity);
        List<List<Tally>> out = new ArrayList<>();
        for (Totals t : contests) {
            long[] used = adjusted(first, t.used(), registered);
            out.add(rows(used, t));
        }
        return out;
    }

    /** {@code total} over the stations in proportion to their voters, by largest remainders, none above its voters. */
    static long[] shares(long total, int[] registered, long capacity) {
        if (total > capacity) {
            throw new IllegalArgumentException(total + " ballots for " + capacity + " registered voters");
        }
        int n = registered.length;
        long[] share = new long[n];
        long[] remainder = new long[n];
        long given = 0;
        for (int i = 0; i < n; i++) {
            share[i] = capacity == 0 ? 0 : total * registered[i] / capacity;
            remainder[i] = capacity == 0 ? 0 : total * registered[i] % capacity;
            given += share[i];
        }
        Integer[] order = byDescending(remainder);
        for (int k = 0; given < total; k = (k + 1) % n) {
            int i = order[k];
            if (share[i] < registered[i]) {
                share[i]++;
                given++;
            }
        }
        return share;
    }

    /** The first contest's ballots per station, moved by one at as many stations as the totals differ. */
    private static long[] adjusted(long[] base, long total, int[] registered) {
        long[] used = base.clone();
        long diff = total - Arrays.stream(base).sum();
        Integer[] order = byDescending(Arrays.stream(registered).asLongStream().toArray());
        for (int pass = 0; diff != 0 && pass < 1000; pass++) {
            for (int k = 0; k < used.length && diff != 0; k++) {
                int i = order[k];
                if (diff > 0 && used[i] < registered[i]) {
                    used[i]++;
                    diff--;
                } else if (diff < 0 && used[i] > 0) {
                    used[i]--;
                    diff++;
                }
            }
        }
        if (diff != 0) {
            throw new IllegalArgumentException("cannot place " + total + " ballots in these stations");
        }
        return used;
    }

    /**
     * Each station's ballots over the columns (ballot numbers, then invalid and blank) in proportion to the totals, then
     * rounded so that rows (stations' ballots) and columns (the totals) both come out exact. Where the first two are so
     * close that the invalid ballots would outnumber the margin at every station (a warning), stations lean alternately
     * to one or the other — as real stations do — by as much as keeps each station's margin above its invalid ballots,
     * the leans cancelling out over the constituency.
     */
    private static List<Tally> rows(long[] used, Totals t) {
        List<Integer> ballots = new ArrayList<>(t.votes().keySet());
        int columns = ballots.size() + 2;
        long[] column = new long[columns];
        for (int j = 0; j < ballots.size(); j++) {
            column[j] = t.votes().get(ballots.get(j));
        }
        column[columns - 2] = t.invalid();
        column[columns - 1] = t.noVote();
        long total = t.used();
        int n = used.length;
        double[] lean = leans(used, column, ballots.size(), total);
        int first = top(column, ballots.size(), -1), second = top(column, ballots.size(), first);
        long[][] cell = new long[n][columns];
        long[] rowLeft = new long[n];
        long[] columnLeft = column.clone();
        List<double[]> fractions = new ArrayList<>(n * columns); // {fraction, row, column}
        for (int i = 0; i < n; i++) {
            rowLeft[i] = used[i];
            for (int j = 0; j < columns; j++) {
                double share = total == 0 ? 0 : (double) column[j] / total;
                if (j == first) {
                    share += lean[i];
                } else if (j == second) {
                    share -= lean[i];
                }
                double exact = Math.max(0, used[i] * share);
                cell[i][j] = Math.min((long) Math.floor(exact), Math.min(rowLeft[i], columnLeft[j]));
                rowLeft[i] -= cell[i][j];
                columnLeft[j] -= cell[i][j];
                fractions.add(new double[] { exact - Math.floor(exact), i, j });
            }
        }
        fractions.sort((a, b) -> a[0] != b[0] ? Double.compare(b[0], a[0]) : a[1] != b[1] ? Double.compare(a[1], b[1]) : Double.compare(a[2], b[2]));
        boolean moved = true;
        while (moved) {
            moved = false;
            for (double[] f : fractions) {
                int i = (int) f[1], j = (int) f[2];
                if (rowLeft[i] > 0 && columnLeft[j] > 0) {
                    cell[i][j]++;
                    rowLeft[i]--;
                    columnLeft[j]--;
                    moved = true;
                }
            }
        }
        List<Tally> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<Integer, Long> votes = new TreeMap<>();
            long valid = 0;
            for (int j = 0; j < ballots.size(); j++) {
                votes.put(ballots.get(j), cell[i][j]);
                valid += cell[i][j];
            }
            out.add(new Tally(votes, valid, cell[i][columns - 2], cell[i][columns - 1], used[i], true));
        }
        return out;
    }

    /** The biggest ballot column other than {@code except}, or -1. */
    private static int top(long[] column, int ballots, int except) {
        int best = -1;
        for (int j = 0; j < ballots; j++) {
            if (j != except && (best < 0 || column[j] > column[best])) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Per station, how much of its ballots move from the second to the first (positive) or back (negative): nothing when
     * the first two are comfortably apart; otherwise alternate stations, the two sides' leans weighted so they cancel.
     */
    static double[] leans(long[] used, long[] column, int ballots, long total) {
        double[] lean = new double[used.length];
        int first = top(column, ballots, -1), second = top(column, ballots, first);
        if (total == 0 || first < 0 || second < 0) {
            return lean;
        }
        double a = (double) column[first] / total, b = (double) column[second] / total, r = (double) column[ballots] / total;
        double gap = 0.05; // above the invalid share, so that rounding at a small station cannot close it
        if (a - b > r + gap) {
            return lean;
        }
        double delta = Math.min((a - b) + r + gap, 0.95 * Math.min(a, b));
        Integer[] order = byDescending(used);
        long plus = 0, minus = 0;
        boolean[] toFirst = new boolean[used.length];
        for (int i : order) { // balance the two sides' ballots, largest stations first
            toFirst[i] = plus <= minus;
            if (toFirst[i]) {
                plus += used[i];
            } else {
                minus += used[i];
            }
        }
        if (plus == 0 || minus == 0) {
            return lean;
        }
        for (int i = 0; i < used.length; i++) {
            lean[i] = toFirst[i] ? delta * minus / Math.max(plus, minus) : -delta * plus / Math.max(plus, minus);
        }
        return lean;
    }

    private static Integer[] byDescending(long[] keys) {
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> keys[a] != keys[b] ? Long.compare(keys[b], keys[a]) : Integer.compare(a, b));
        return order;
    }
}
