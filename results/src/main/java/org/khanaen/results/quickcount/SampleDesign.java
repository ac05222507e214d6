package org.khanaen.results.quickcount;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.khanaen.elections.LargestRemainder;

/**
 * How many stations, from which strata, and which ones: the sample of a quick count.
 * <p>
 * Which stations: each station's <b>ticket</b> is SHA-256(seed, a line feed, the station's code) in hex; in each stratum
 * the stations with the smallest tickets are drawn. Anyone with the seed and the station list can draw the same sample
 * with {@code sha256sum}; nobody can steer it without changing the seed, and the seed is bound by the commitment
 * published before election day.
 */
public final class SampleDesign {

    /** 95 % two-sided. */
    public static final double Z95 = 1.959963984540054;
    /** At least this many stations per stratum (where it has them), so that each stratum's variance can be estimated. */
    public static final int MIN_PER_STRATUM = 2;

    /** A station of the frame: its stable code (e.g. {@code BKK_1-007}), its stratum and registered voters. */
    public record Unit(long id, String code, String stratum, int registered) {
    }

    /** A drawn station with its ticket. */
    public record Drawn(long id, String code, String stratum, String ticket) {
    }

    /** A stratum's stations in the population and in the sample. */
    public record Stratum(String code, int stations, int drawn) {
    }

    /**
     * @param commitment SHA-256 (hex) of {@link #canonical()}: published before polls close, the list and seed after
     */
    public record Sample(String electionId, String seed, List<Drawn> stations, List<Stratum> strata, String commitment) {

        public int size() {
            return stations.size();
        }

        /** The text the commitment is of: a header, the seed, then one line per station, {@code stratum,code}, by code. */
        public String canonical() {
            return SampleDesign.canonical(electionId, seed, stations);
        }
    }

    private SampleDesign() {
    }

    /**
     * Stations needed for a margin (half-width of the 95 % interval) on a share: n₀ = (z·σ / e)², n = n₀ / (1 + n₀ / N).
     *
     * @param sigma the between-station relative standard deviation of the estimator's residual, S_d / x̄ with
     *              d = votes − share · valid (see docs/quick-count.md; 0.15 is a cautious planning value for a
     *              large party)
     */
    public static int size(double margin, double sigma, int populationStations) {
        if (margin <= 0 || sigma <= 0 || populationStations <= 0) {
            throw new IllegalArgumentException("margin, sigma and population must be positive");
        }
        double n0 = Math.pow(Z95 * sigma / margin, 2);
        return (int) Math.min(populationStations, Math.ceil(n0 / (1 + n0 / populationStations)));
    }

    /** The margin a sample of n stations gives: e = z·σ·√((1 − n/N) / n). */
    public static double margin(int n, double sigma, int populationStations) {
        return Z95 * sigma * Math.sqrt(Math.max(0, 1 - (double) n / populationStations) / n);
    }

    /**
     * Stations per stratum: {@link #MIN_PER_STRATUM} each (or all it has), the rest in proportion to the strata's
     * stations by largest remainders, none above what a stratum has. Proportional allocation keeps the sample close to
     * self-weighting.
     */
    public static Map<String, Integer> allocate(Map<String, Integer> strata, int n) {
        int total = strata.values().stream().mapToInt(Integer::intValue).sum();
        if (n > total) {
            throw new IllegalArgumentException("a sample of " + n + " from " + total + " stations");
        }
        List<String> codes = new ArrayList<>(new TreeMap<>(strata).keySet());
        int[] cap = codes.stream().mapToInt(strata::get).toArray();
        int[] take = new int[cap.length];
        int given = 0;
        for (int i = 0; i < cap.length; i++) {
            take[i] = Math.min(MIN_PER_STRATUM, cap[i]);
            given += take[i];
        }
        if (given > n) {
            throw new IllegalArgumentException("a sample of " + n + " cannot give " + MIN_PER_STRATUM + " stations to each of "
                    + codes.size() + " strata (" + given + " needed)");
        }
        while (given < n) { // proportional shares of what is left, among the strata not yet full
            double[] w = new double[cap.length];
            for (int i = 0; i < cap.length; i++) {
                w[i] = take[i] < cap[i] ? cap[i] : 0;
            }
            long[] extra = LargestRemainder.share(n - given, w);
            for (int i = 0; i < cap.length; i++) {
                int add = (int) Math.min(extra[i], cap[i] - take[i]);
                take[i] += add;
                given += add;
            }
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            out.put(codes.get(i), take[i]);
        }
        return out;
    }

    /** Draws n stations, stratified, by their tickets under the seed. */
    public static Sample draw(String electionId, String seed, List<Unit> frame, int n) {
        if (seed == null || seed.isBlank()) {
            throw new IllegalArgumentException("a seed is needed");
        }
        Map<String, List<Unit>> byStratum = new TreeMap<>();
        frame.forEach(u -> byStratum.computeIfAbsent(u.stratum(), k -> new ArrayList<>()).add(u));
        Map<String, Integer> sizes = new TreeMap<>();
        byStratum.forEach((k, v) -> sizes.put(k, v.size()));
        Map<String, Integer> take = allocate(sizes, n);
        List<Drawn> drawn = new ArrayList<>(n);
        List<Stratum> strata = new ArrayList<>();
        for (var e : byStratum.entrySet()) {
            int k = take.get(e.getKey());
            e.getValue().stream().map(u -> new Drawn(u.id(), u.code(), u.stratum(), ticket(seed, u.code())))
                    .sorted(Comparator.comparing(Drawn::ticket).thenComparing(Drawn::code)).limit(k).forEach(drawn::add);
            strata.add(new Stratum(e.getKey(), e.getValue().size(), k));
        }
        drawn.sort(Comparator.comparing(Drawn::code));
        return new Sample(electionId, seed, List.copyOf(drawn), List.copyOf(strata), sha256(canonical(electionId, seed, drawn)));
    }

    /** SHA-256 of the seed, a line feed and the station's code, in hex. */
    public static String ticket(String seed, String stationCode) {
        return sha256(seed + "\n" + stationCode);
    }

    static String canonical(String electionId, String seed, List<Drawn> stations) {
        StringBuilder text = new StringBuilder("khanaen-quick-count-sample/1\nelection ").append(electionId).append("\nseed ").append(seed)
                .append('\n');
        stations.stream().sorted(Comparator.comparing(Drawn::code)).forEach(d -> text.append(d.stratum()).append(',').append(d.code()).append('\n'));
        return text.toString();
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
