package org.khanaen.benchmarks.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The order stations' counts arrive in on election night, for replays of part of a night: small stations finish
 * counting first (fewer ballots to count), with chance on top (queues, travel, a slow phone). This is the bias that makes
 * the tally of whatever has arrived lean early, and that a quick count's random sample is drawn to avoid
 * (docs/quick-count.md). A station's arrival is its registered voters times a log-normal factor; the same seed gives
 * the same order.
 */
public final class Arrivals {

    /** The spread of the chance factor (σ of its logarithm): a station twice another's size still comes first ~16 % of the time. */
    static final double SPREAD = 0.5;

    private Arrivals() {
    }

    /** Station ids in the order their counts arrive: smaller ones first on the whole, not strictly. */
    public static List<Long> order(Map<Long, Integer> registeredVoters, long seed) {
        var random = new SplittableRandom(seed);
        Map<Long, Double> at = new HashMap<>();
        // ids in order, so the random draws fall to the same stations whatever the map's order
        registeredVoters.keySet().stream().sorted()
                .forEach(id -> at.put(id, Math.max(1, registeredVoters.get(id)) * Math.exp(SPREAD * gaussian(random))));
        List<Long> order = new ArrayList<>(at.keySet());
        order.sort(Comparator.comparingDouble((Long id) -> at.get(id)).thenComparing(id -> id));
        return order;
    }

    /** The first {@code fraction} of them (rounded up, at least one where there are any). */
    public static List<Long> first(List<Long> order, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("a fraction is more than 0 and at most 1, not " + fraction);
        }
        return List.copyOf(order.subList(0, (int) Math.min(order.size(), Math.ceil(order.size() * fraction))));
    }

    /** The reports in the stations' order of arrival; a station's own reports in a shuffled order among themselves. */
    public static List<Replay.Send> inOrder(List<Replay.Send> sends, List<Long> order, long seed) {
        Map<Long, Integer> rank = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            rank.put(order.get(i), i);
        }
        var random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Map<Replay.Send, Double> tie = new java.util.IdentityHashMap<>();
        sends.forEach(s -> tie.put(s, random.nextDouble()));
        List<Replay.Send> out = new ArrayList<>(sends.stream().filter(s -> rank.containsKey(s.stationId())).toList());
        out.sort(Comparator.comparingInt((Replay.Send s) -> rank.get(s.stationId())).thenComparingDouble(tie::get));
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller: SplittableRandom has no nextGaussian
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
