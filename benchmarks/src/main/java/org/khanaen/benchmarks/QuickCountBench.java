package org.khanaen.benchmarks;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.khanaen.elections.LargestRemainder;
import org.khanaen.results.quickcount.QuickCountEstimator;
import org.khanaen.results.quickcount.QuickCountEstimator.Estimate;
import org.khanaen.results.quickcount.QuickCountEstimator.Observation;
import org.khanaen.results.quickcount.SampleDesign;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./khanaen bench quick-count FILE [--sizes 400,800,1600] [--seeds 50] [--replicates 1000] [--spread 0.35]}: the
 * quick count's method checked against a real national result, offline (no application, no database).
 * <p>
 * FILE is the commission's national constituency file of 2023 ({@code stats_cons.json}: per constituency the
 * party-list votes per party, voters who came and stations counted). The commission published no per-station results,
 * so each constituency is split over its stations (as many as the file counts): station sizes vary (log-normal, 30 %),
 * and each party's share varies from station to station around the constituency's (log-normal, {@code --spread});
 * every party's votes and the voters who came add up to the file's constituency figures exactly, so the population's
 * national shares <em>are</em> the file's. For each size and seed a sample is drawn as the application draws it
 * (stratified by province, SHA-256 tickets), only its stations are "reported", and the estimates are checked against
 * the truth: how often the 95 % intervals hold the national shares of the parties above 1 %, and the seat ranges their
 * seats by the full file.
 */
final class QuickCountBench {

    private record Population(List<SampleDesign.Unit> frame, Map<Long, Observation> stations, String[] parties, long[] totals,
            long registered, long voters) {
    }

    static void run(Path file, Map<String, String> options) throws Exception {
        int[] sizes = java.util.Arrays.stream(options.getOrDefault("sizes", "400,800,1600").split(",")).mapToInt(Integer::parseInt).toArray();
        int seeds = Integer.parseInt(options.getOrDefault("seeds", "50"));
        int replicates = Integer.parseInt(options.getOrDefault("replicates", "1000"));
        double spread = Double.parseDouble(options.getOrDefault("spread", "0.35"));
        Population pop = population(file, spread);
        long valid = java.util.Arrays.stream(pop.totals()).sum();
        Map<Integer, Long> votes = new LinkedHashMap<>();
        for (int p = 0; p < pop.totals().length; p++) {
            votes.put(p, pop.totals()[p]);
        }
        Map<Integer, Integer> trueSeats = LargestRemainder.allocate(100, votes).seats();
        List<Integer> big = new ArrayList<>();
        for (int p = 0; p < pop.totals().length; p++) {
            if (pop.totals()[p] > valid / 100) {
                big.add(p);
            }
        }
        big.sort((a, b) -> Long.compare(pop.totals()[b], pop.totals()[a]));
        System.out.printf("quick count against %s: %,d stations in 77 provinces, %,d valid party-list votes, %d parties above 1 %%; "
                + "station spread %.2f%n", file.getFileName(), pop.frame().size(), valid, big.size(), spread);
        StringBuilder truth = new StringBuilder("true shares and seats (the file, largest remainders):");
        for (int p : big) {
            truth.append(String.format(" %s %.2f %% %d;", pop.parties()[p], 100.0 * pop.totals()[p] / valid, trueSeats.getOrDefault(p, 0)));
        }
        System.out.println(truth);
        System.out.println("| stations | seeds | share intervals holding the truth (parties > 1 %) | largest party ± (mean, max) | "
                + "turnout held | seat ranges holding the true seats (parties > 1 %) | largest party's seat range (mean width) | worst party |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int n : sizes) {
            int held = 0, checks = 0, turnoutHeld = 0, seatHeld = 0;
            double sumHalf = 0, maxHalf = 0, seatWidth = 0;
            int[] heldBy = new int[pop.totals().length];
            long start = System.nanoTime();
            long[] making = new long[seeds]; // CPU of each estimate on its thread: what the live quick count pays per change
            var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            for (int seed = 0; seed < seeds; seed++) {
                SampleDesign.Sample sample = SampleDesign.draw("th-2566", "bench-" + n + "-" + seed, pop.frame(), n);
                List<Observation> reported = sample.stations().stream().map(d -> pop.stations().get(d.id())).toList();
                long before = cpu.getCurrentThreadCpuTime();
                Estimate e = QuickCountEstimator.estimate(sample.strata(), reported, pop.parties().length, 100, replicates, seed);
                making[seed] = cpu.getCurrentThreadCpuTime() - before;
                for (int p : big) {
                    boolean ok = e.shares().get(p).covers((double) pop.totals()[p] / valid);
                    held += ok ? 1 : 0;
                    heldBy[p] += ok ? 1 : 0;
                    checks++;
                    var r = e.seats().get(p);
                    int t = trueSeats.getOrDefault(p, 0);
                    seatHeld += t >= r.low() && t <= r.high() ? 1 : 0;
                }
                double half = e.shares().get(big.getFirst()).halfWidth();
                sumHalf += half;
                maxHalf = Math.max(maxHalf, half);
                seatWidth += e.seats().get(big.getFirst()).high() - e.seats().get(big.getFirst()).low();
                turnoutHeld += e.turnout().covers((double) pop.voters() / pop.registered()) ? 1 : 0;
            }
            int worst = big.stream().min((a, b) -> Integer.compare(heldBy[a], heldBy[b])).orElseThrow();
            java.util.Arrays.sort(making);
            System.out.printf("| %,d | %d | %.1f %% (%d of %d) | ±%.2f pt, ±%.2f pt | %.0f %% | %.1f %% | %.1f seats | %s %d of %d |"
                    + "   (%.1f s; one estimate with its replicates: CPU p50 %.0f ms, max %.0f ms)%n", n, seeds,
                    100.0 * held / checks, held, checks, 100 * sumHalf / seeds, 100 * maxHalf, 100.0 * turnoutHeld / seeds,
                    100.0 * seatHeld / checks, seatWidth / seeds, pop.parties()[worst], heldBy[worst], seeds, (System.nanoTime() - start) / 1e9,
                    making[(seeds - 1) / 2] / 1e6, making[seeds - 1] / 1e6);
        }
    }

    private static Population population(Path file, double spread) throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readAllBytes();
            int skip = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef ? 3 : 0; // a byte-order mark
            root = json.readTree(new String(bytes, skip, bytes.length - skip, java.nio.charset.StandardCharsets.UTF_8));
        }
        Map<String, Long> registeredBy = new HashMap<>();
        try (InputStream in = QuickCountBench.class.getResourceAsStream("/reference/th-2566/th_election66_info_constituency.json")) {
            for (JsonNode c : json.readTree(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replace("\uFEFF", ""))) {
                registeredBy.put(c.get("cons_id").asString(), c.get("registered_vote").asLong());
            }
        }
        Map<String, Integer> partyIndex = new TreeMap<>();
        for (JsonNode p : root.path("result_province")) {
            for (JsonNode c : p.path("constituencies")) {
                for (JsonNode x : c.path("result_party")) {
                    partyIndex.putIfAbsent(x.get("party_id").asString(), partyIndex.size());
                }
            }
        }
        int parties = partyIndex.size();
        String[] names = new String[parties];
        partyIndex.forEach((id, i) -> names[i] = id);
        SplittableRandom random = new SplittableRandom(2566);
        List<SampleDesign.Unit> frame = new ArrayList<>();
        Map<Long, Observation> stations = new HashMap<>();
        long[] totals = new long[parties];
        long registered = 0, voters = 0, id = 1;
        for (JsonNode p : root.path("result_province")) {
            String province = p.get("prov_id").asString();
            for (JsonNode c : p.path("constituencies")) {
                String code = c.get("cons_id").asString();
                double percent = c.path("percent_count").asDouble(100);
                int n = (int) Math.max(1, Math.round(c.get("counted_vote_stations").asInt() / Math.max(0.01, percent / 100)));
                long reg = registeredBy.get(code), came = c.get("turn_out").asLong();
                long[] party = new long[parties];
                for (JsonNode x : c.path("result_party")) {
                    party[partyIndex.get(x.get("party_id").asString())] += x.get("party_list_vote").asLong();
                }
                double[] size = new double[n];
                for (int s = 0; s < n; s++) {
                    size[s] = Math.exp(0.3 * gaussian(random));
                }
                long[] regS = LargestRemainder.shareAtLeastOne(reg, size);
                long[] cameS = LargestRemainder.share(came, toDouble(regS));
                long[][] votes = new long[n][parties];
                for (int q = 0; q < parties; q++) {
                    if (party[q] == 0) {
                        continue;
                    }
                    double[] w = new double[n];
                    for (int s = 0; s < n; s++) {
                        w[s] = cameS[s] * Math.exp(spread * gaussian(random));
                    }
                    long[] split = LargestRemainder.share(party[q], w);
                    for (int s = 0; s < n; s++) {
                        votes[s][q] = split[s];
                    }
                    totals[q] += party[q];
                }
                for (int s = 0; s < n; s++, id++) {
                    long val = java.util.Arrays.stream(votes[s]).sum();
                    long used = Math.max(val, cameS[s]);
                    frame.add(new SampleDesign.Unit(id, code + "-" + (s + 1), province, (int) regS[s]));
                    stations.put(id, new Observation(id, province, regS[s], cameS[s], used, val, 0, used - val, votes[s]));
                }
                registered += reg;
                voters += came;
            }
        }
        return new Population(frame, stations, names, totals, registered, voters);
    }

    private static double[] toDouble(long[] x) {
        return java.util.Arrays.stream(x).asDoubleStream().toArray();
    }

    private static double gaussian(SplittableRandom r) {
        double u = Math.max(1e-12, r.nextDouble()), v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
