package org.khanaen.results.quickcount;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

import org.khanaen.elections.LargestRemainder;
import org.khanaen.results.quickcount.SampleDesign.Stratum;

/**
 * Estimates from the sample stations that have reported (docs/quick-count.md has the formulas).
 * <ul>
 * <li>Shares: the combined ratio estimator R̂ = Σ N_h ȳ_h / Σ N_h x̄_h over the strata with a reported station, its
 * variance (1 / X̂²) Σ N_h² (1 − f_h) s²_dh / n_h with d = y − R̂x and f_h = n_h / N_h, and R̂ ± 1.96·SE.</li>
 * <li>Seats: replicates by the rescaled bootstrap of Rao and Wu (n_h − 1 stations drawn with replacement in each
 * stratum, weights rescaled so the replicates' spread matches the variance with its finite-population correction); each
 * replicate's estimated party totals go through the exact seat rule ({@link LargestRemainder#allocate}); per party the
 * median and the 2.5 / 97.5 percentiles.</li>
 * </ul>
 */
public final class QuickCountEstimator {

    /** Warn when the strata without a reported station hold more than this share of the stations. */
    public static final double MISSING_WEIGHT_WARNING = 0.05;
    /** Warn when the reported stations' spread over strata differs from the drawn sample's by more than this (total variation). */
    public static final double IMBALANCE_WARNING = 0.10;

    /**
     * A reported sample station: its party-list contest's numbers and the station's voters.
     *
     * @param votes party-list votes per party, by the caller's party index
     */
    public record Observation(long stationId, String stratum, long registered, long voters, long ballotsUsed, long valid, long invalid,
            long noVote, long[] votes) {
    }

    /** A share (0–1) and its 95 % interval; the bounds are NaN while no stratum has two reported stations. */
    public record Interval(double estimate, double low, double high) {

        public double halfWidth() {
            return (high - low) / 2;
        }

        public boolean covers(double x) {
            return x >= low && x <= high;
        }
    }

    /** A party's seats: by the point estimate, and the replicates' median, 2.5 and 97.5 percentiles. */
    public record SeatRange(int point, int median, int low, int high) {
    }

    /**
     * @param shares        per party index: share of the valid party-list votes
     * @param seats         per party index
     * @param missingWeight the share of the population's stations in strata with no reported sample station
     * @param imbalance     total variation distance between the drawn sample's and the reported stations' spread over strata
     * @param unbalanced    the reported part of the sample is unbalanced across strata (see the two thresholds)
     */
    public record Estimate(int drawn, int reported, double shareReported, Interval turnout, Interval invalid, Interval noVote,
            List<Interval> shares, List<SeatRange> seats, int replicates, double missingWeight, double imbalance, boolean unbalanced) {
    }

    private QuickCountEstimator() {
    }

    /**
     * @param strata     every stratum with its population and drawn stations
     * @param reported   the verified sample stations (one each)
     * @param parties    how many parties (the length of every observation's votes)
     * @param seats      the party-list seats to share out
     * @param replicates bootstrap replicates for the seat ranges (0: none)
     * @param seed       the bootstrap's seed, so the same reports give the same ranges
     */
    public static Estimate estimate(List<Stratum> strata, List<Observation> reported, int parties, int seats, int replicates, long seed) {
        Map<String, Integer> index = new HashMap<>();
        for (int h = 0; h < strata.size(); h++) {
            index.put(strata.get(h).code(), h);
        }
        List<List<Observation>> by = new ArrayList<>();
        strata.forEach(s -> by.add(new ArrayList<>()));
        for (Observation o : reported) {
            Integer h = index.get(o.stratum());
            if (h == null) {
                throw new IllegalArgumentException("station " + o.stationId() + " is of no stratum of the sample: " + o.stratum());
            }
            by.get(h).add(o);
        }
        Design d = new Design(strata, by);
        List<Interval> shares = new ArrayList<>(parties);
        for (int p = 0; p < parties; p++) {
            int party = p;
            shares.add(d.ratio(o -> o.votes()[party], Observation::valid));
        }
        int drawn = strata.stream().mapToInt(Stratum::drawn).sum();
        return new Estimate(drawn, reported.size(), drawn == 0 ? 0 : (double) reported.size() / drawn,
                d.ratio(Observation::voters, Observation::registered), d.ratio(Observation::invalid, Observation::ballotsUsed),
                d.ratio(Observation::noVote, Observation::ballotsUsed), shares, d.seats(parties, seats, replicates, seed), replicates,
                d.missingWeight(), d.imbalance(), reported.size() > 0 && (d.missingWeight() > MISSING_WEIGHT_WARNING
                        || d.imbalance() > IMBALANCE_WARNING));
    }

    /** The strata and their reported stations. */
    private record Design(List<Stratum> strata, List<List<Observation>> by) {

        Interval ratio(ToLongFunction<Observation> y, ToLongFunction<Observation> x) {
            double yHat = 0, xHat = 0;
            for (int h = 0; h < strata.size(); h++) {
                int n = by.get(h).size();
                if (n == 0) {
                    continue;
                }
                double weight = (double) strata.get(h).stations() / n;
                for (Observation o : by.get(h)) {
                    yHat += weight * y.applyAsLong(o);
                    xHat += weight * x.applyAsLong(o);
                }
            }
            if (xHat == 0) {
                return new Interval(Double.NaN, Double.NaN, Double.NaN);
            }
            double r = yHat / xHat;
            // per stratum: s²_d and x̄; a stratum with one reported station borrows the others' pooled relative variance
            double variance = 0, relSum = 0, relWeight = 0;
            double[] s2 = new double[strata.size()], xBar = new double[strata.size()];
            for (int h = 0; h < strata.size(); h++) {
                List<Observation> its = by.get(h);
                int n = its.size();
                if (n == 0) {
                    continue;
                }
                double dBar = 0;
                for (Observation o : its) {
                    dBar += y.applyAsLong(o) - r * x.applyAsLong(o);
                    xBar[h] += x.applyAsLong(o);
                }
                dBar /= n;
                xBar[h] /= n;
                if (n < 2) {
                    s2[h] = Double.NaN;
                    continue;
                }
                double ss = 0;
                for (Observation o : its) {
                    double e = y.applyAsLong(o) - r * x.applyAsLong(o) - dBar;
                    ss += e * e;
                }
                s2[h] = ss / (n - 1);
                if (xBar[h] > 0) {
                    relSum += strata.get(h).stations() * s2[h] / (xBar[h] * xBar[h]);
                    relWeight += strata.get(h).stations();
                }
            }
            if (relWeight == 0) {
                return new Interval(r, Double.NaN, Double.NaN);
            }
            double pooled = relSum / relWeight;
            for (int h = 0; h < strata.size(); h++) {
                int n = by.get(h).size();
                if (n == 0) {
                    continue;
                }
                double big = strata.get(h).stations(), f = Math.min(1, n / big);
                double s = Double.isNaN(s2[h]) ? pooled * xBar[h] * xBar[h] : s2[h];
                variance += big * big * (1 - f) * s / n;
            }
            double se = Math.sqrt(variance) / xHat;
            return new Interval(r, Math.max(0, r - SampleDesign.Z95 * se), Math.min(1, r + SampleDesign.Z95 * se));
        }

        /** The seat rule on the point estimate and on each bootstrap replicate. */
        List<SeatRange> seats(int parties, int seats, int replicates, long seed) {
            double[][] votes = votesByStratum(parties);
            int[] point = allocate(totals(votes, parties, null), seats);
            int[][] bySeat = new int[parties][replicates];
            SplittableRandom random = new SplittableRandom(seed);
            for (int b = 0; b < replicates; b++) {
                int[] rep = allocate(totals(votes, parties, random), seats);
                for (int p = 0; p < parties; p++) {
                    bySeat[p][b] = rep[p];
                }
            }
            List<SeatRange> out = new ArrayList<>(parties);
            for (int p = 0; p < parties; p++) {
                if (replicates == 0) {
                    out.add(new SeatRange(point[p], point[p], point[p], point[p]));
                    continue;
                }
                int[] sorted = bySeat[p];
                Arrays.sort(sorted);
                out.add(new SeatRange(point[p], sorted[rank(0.5, replicates)], sorted[rank(0.025, replicates)], sorted[rank(0.975, replicates)]));
            }
            return out;
        }

        /**
         * Each stratum's reported votes as one array of doubles, station after station: the bootstrap's inner loop
         * then runs over plain doubles, which the JIT vectorises (five times faster than over the stations' longs).
         */
        private double[][] votesByStratum(int parties) {
            double[][] out = new double[strata.size()][];
            for (int h = 0; h < strata.size(); h++) {
                List<Observation> its = by.get(h);
                out[h] = new double[its.size() * parties];
                for (int i = 0; i < its.size(); i++) {
                    long[] v = its.get(i).votes();
                    for (int p = 0; p < parties; p++) {
                        out[h][i * parties + p] = v[p];
                    }
                }
            }
            return out;
        }

        /** Estimated national votes per party: the point estimate (random null) or one rescaled-bootstrap replicate. */
        private double[] totals(double[][] votes, int parties, SplittableRandom random) {
            double[] total = new double[parties];
            for (int h = 0; h < strata.size(); h++) {
                List<Observation> its = by.get(h);
                int n = its.size();
                if (n == 0) {
                    continue;
                }
                double big = strata.get(h).stations();
                double[] a = new double[n];
                Arrays.fill(a, 1);
                if (random != null && n >= 2) {
                    int[] times = new int[n];
                    for (int k = 0; k < n - 1; k++) {
                        times[random.nextInt(n)]++;
                    }
                    double lambda = Math.sqrt(Math.max(0, 1 - n / big));
                    for (int i = 0; i < n; i++) {
                        a[i] = 1 - lambda + lambda * n / (n - 1.0) * times[i];
                    }
                }
                double[] v = votes[h];
                for (int i = 0; i < n; i++) {
                    double w = big / n * a[i];
                    int at = i * parties;
                    for (int p = 0; p < parties; p++) {
                        total[p] += w * v[at + p];
                    }
                }
            }
            return total;
        }

        private static int[] allocate(double[] totals, int seats) {
            long[] votes = new long[totals.length];
            for (int p = 0; p < totals.length; p++) {
                votes[p] = Math.round(totals[p]);
            }
            return LargestRemainder.seats(seats, votes).seats();
        }

        /** Nearest rank. */
        private static int rank(double q, int n) {
            return Math.min(n - 1, Math.max(0, (int) Math.ceil(q * n) - 1));
        }

        double missingWeight() {
            double all = 0, missing = 0;
            for (int h = 0; h < strata.size(); h++) {
                all += strata.get(h).stations();
                if (by.get(h).isEmpty()) {
                    missing += strata.get(h).stations();
                }
            }
            return all == 0 ? 0 : missing / all;
        }

        double imbalance() {
            double drawn = strata.stream().mapToInt(Stratum::drawn).sum(), reported = by.stream().mapToInt(List::size).sum();
            if (drawn == 0 || reported == 0) {
                return 0;
            }
            double distance = 0;
            for (int h = 0; h < strata.size(); h++) {
                distance += Math.abs(strata.get(h).drawn() / drawn - by.get(h).size() / reported);
            }
            return distance / 2;
        }
    }
}
