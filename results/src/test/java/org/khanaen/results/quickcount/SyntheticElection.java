package org.khanaen.results.quickcount;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.khanaen.results.quickcount.QuickCountEstimator.Observation;
import org.khanaen.results.quickcount.SampleDesign.Unit;

/**
 * A made-up election with known results: strata whose party shares differ from the nation's, stations whose shares
 * scatter around their stratum's (log-normal), sizes and turnout that vary.
 */
final class SyntheticElection {

    final List<Unit> frame = new ArrayList<>();
    final List<Observation> stations = new ArrayList<>();
    final long[] partyTotals;
    long valid, registered, voters, invalid, noVote, used;

    SyntheticElection(int strata, int stationsPerStratum, double[] national, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int parties = national.length;
        partyTotals = new long[parties];
        long id = 1;
        for (int h = 0; h < strata; h++) {
            double[] local = new double[parties];
            for (int p = 0; p < parties; p++) {
                local[p] = national[p] * Math.exp(0.4 * gaussian(random));
            }
            int count = stationsPerStratum / 2 + random.nextInt(stationsPerStratum);
            double turnoutH = 0.6 + 0.2 * random.nextDouble();
            for (int s = 0; s < count; s++, id++) {
                int reg = 200 + random.nextInt(800);
                long came = Math.round(reg * Math.min(0.98, turnoutH + 0.05 * gaussian(random)));
                long inv = Math.round(came * (0.01 + 0.03 * random.nextDouble()));
                long nv = Math.round(came * 0.02 * random.nextDouble());
                long val = came - inv - nv;
                double[] w = new double[parties];
                double sum = 0;
                for (int p = 0; p < parties; p++) {
                    w[p] = local[p] * Math.exp(0.3 * gaussian(random));
                    sum += w[p];
                }
                long[] votes = new long[parties];
                long left = val;
                for (int p = 0; p < parties; p++) {
                    votes[p] = p == parties - 1 ? left : Math.min(left, Math.round(val * w[p] / sum));
                    left -= votes[p];
                }
                String code = "S" + h + "-" + s;
                frame.add(new Unit(id, code, "P" + h, reg));
                stations.add(new Observation(id, "P" + h, reg, came, came, val, inv, nv, votes));
                for (int p = 0; p < parties; p++) {
                    partyTotals[p] += votes[p];
                }
                valid += val;
                registered += reg;
                voters += came;
                invalid += inv;
                noVote += nv;
                used += came;
            }
        }
    }

    private static double gaussian(SplittableRandom r) {
        double u = Math.max(1e-12, r.nextDouble()), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
