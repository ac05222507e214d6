package org.khanaen.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImports;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.MediaOutlets;

/**
 * The media API under a newsroom's load: every station of 2023 verified (both contests, written straight into the
 * table, then the application restarted so it builds its live results from it), then (1) the national results JSON
 * polled by {@code --clients} clients revalidating with their ETag for {@code --seconds}, and (2) the CSV of all
 * stations, each time after a change (a fresh version, so it is made anew), timed from request to last byte.
 */
final class ResultsApiBench {

    private static final String ELECTION = "th-2566";

    private final Server server;
    private final int clients;
    private final int seconds;

    ResultsApiBench(Server server, int clients, int seconds) {
        this.server = server;
        this.clients = clients;
        this.seconds = seconds;
    }

    void run() throws Exception {
        server.describeAndMeasure();
        String url = server.freshSchema("bench_results_api");
        try {
            List<StationPoint> stations;
            try (var app = server.startApp(url)) {
                app.getBean(ElectionImports.class).importBuiltIn(ELECTION);
                ElectionCatalog catalog = app.getBean(ElectionCatalog.class);
                stations = catalog.stationPoints(ELECTION);
                long start = System.nanoTime();
                verifyEverything(url, catalog, stations);
                System.out.printf("set-up: %,d stations × 2 contests verified in the table in %.1f s%n", stations.size(),
                        (System.nanoTime() - start) / 1e9);
            }
            try (var app = server.startWebApp(url)) {
                int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
                String key = app.getBean(MediaOutlets.class).create("bench", null, 1_000_000, "bench").key();
                URI national = URI.create("http://127.0.0.1:" + port + "/api/v1/elections/" + ELECTION + "/results");
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpResponse<byte[]> first = waitForResults(http, national, key);
                String etag = first.headers().firstValue("ETag").orElseThrow();
                System.out.printf("national JSON: %,d bytes, ETag %s%n", first.body().length, etag);
                revalidation(http, national, key, etag, 3); // warm-up
                Polled polled = revalidation(http, national, key, etag, seconds);
                Polled full = fullReads(http, national, key, Math.max(3, seconds / 2));
                System.out.printf("national JSON revalidated (If-None-Match → 304) by %d clients for %d s: %,.0f requests/s, p50 %.2f ms,"
                        + " p99 %.2f ms; answers %s%n", clients, seconds, polled.perSecond(), pct(polled.micros(), 50), pct(polled.micros(), 99),
                        polled.statuses());
                System.out.printf("national JSON read in full (200, no ETag) by %d clients: %,.0f requests/s, p99 %.2f ms; answers %s%n",
                        clients, full.perSecond(), pct(full.micros(), 99), full.statuses());

                URI csv = URI.create(national + "/stations.csv");
                List<Double> times = new ArrayList<>();
                long bytes = 0;
                for (int i = 0; i < 5; i++) {
                    long start = System.nanoTime();
                    HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(csv).header("Authorization", "Bearer " + key).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    times.add((System.nanoTime() - start) / 1e6);
                    bytes = answer.body().length;
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException("CSV answered " + answer.statusCode());
                    }
                    touch(app, url, stations.get(i * 1000)); // a change: the next CSV is a new version, made anew
                    long v = version(http, national, key);
                    while (version(http, national, key) == v) {
                        Thread.sleep(10);
                    }
                }
                System.out.printf("all-stations CSV, a fresh version each time: %,d bytes, %s ms%n", bytes, times.stream()
                        .map(t -> String.format("%.0f", t)).toList());
                System.out.printf("%n| %s | results API, %,d stations verified, %d clients | national JSON with ETag revalidation **%,.0f req/s**"
                        + " (p99 %.1f ms); full reads %,.0f req/s | all-stations CSV (%,.1f MB) **%.0f ms** worst of 5 fresh versions |%n",
                        java.time.LocalDate.now(), stations.size(), clients, polled.perSecond(), pct(polled.micros(), 99), full.perSecond(),
                        bytes / 1e6, times.stream().mapToDouble(Double::doubleValue).max().orElse(0));
            }
        } finally {
            server.drop(url);
        }
    }

    private record Polled(double perSecond, long[] micros, Map<Integer, Long> statuses) {
    }

    private Polled revalidation(HttpClient http, URI uri, String key, String etag, int forSeconds) throws Exception {
        if (WRK != null) {
            return wrk(uri, forSeconds, "Authorization: Bearer " + key, "If-None-Match: " + etag);
        }
        return load(http, HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key).header("If-None-Match", etag).build(), forSeconds);
    }

    private Polled fullReads(HttpClient http, URI uri, String key, int forSeconds) throws Exception {
        if (WRK != null) {
            return wrk(uri, forSeconds, "Authorization: Bearer " + key);
        }
        return load(http, HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key).build(), forSeconds);
    }

    /** wrk (Debian's package), when installed: a load generator in C costs the shared cores far less than Java's client. */
    private static final String WRK = java.util.stream.Stream.of("/usr/bin/wrk", "/usr/local/bin/wrk")
            .filter(p -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(p))).findFirst().orElse(null);

    private Polled wrk(URI uri, int forSeconds, String... headers) throws Exception {
        List<String> command = new ArrayList<>(List.of(WRK, "-t2", "-c" + clients, "-d" + forSeconds + "s", "--latency"));
        for (String h : headers) {
            command.add("-H");
            command.add(h);
        }
        command.add(uri.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        double perSecond = Double.parseDouble(out.replaceAll("(?s).*Requests/sec:\\s*([0-9.]+).*", "$1"));
        long p50 = micros(out, "50%"), p99 = micros(out, "99%");
        String non2xx = out.contains("Non-2xx") ? out.replaceAll("(?s).*Non-2xx or 3xx responses:\\s*([0-9]+).*", "$1") : "0";
        System.out.println("(wrk -t2 -c" + clients + ": " + out.replaceAll("(?s).*?(\\d+ requests in [^\\n]*).*", "$1").strip()
                + "; non-2xx/3xx answers: " + non2xx + ")");
        return new Polled(perSecond, new long[] { p50, p99 }, Map.of(-1, Long.parseLong(non2xx)));
    }

    /** A latency percentile line of wrk's output ("99%   12.34ms") in microseconds. */
    private static long micros(String out, String percentile) {
        var m = java.util.regex.Pattern.compile("\\s" + percentile.replace("%", "%") + "\\s+([0-9.]+)(us|ms|s)").matcher(out);
        if (!m.find()) {
            return -1;
        }
        double v = Double.parseDouble(m.group(1));
        return (long) (switch (m.group(2)) { case "us" -> v; case "ms" -> v * 1000; default -> v * 1_000_000; });
    }

    private Polled load(HttpClient http, HttpRequest request, int forSeconds) throws Exception {
        long end = System.nanoTime() + forSeconds * 1_000_000_000L;
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        List<long[]> all = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<long[]>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    long[] micros = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        if (n == micros.length) {
                            micros = Arrays.copyOf(micros, n * 2);
                        }
                        micros[n++] = (System.nanoTime() - t) / 1000;
                        statuses.computeIfAbsent(answer.statusCode(), k -> new AtomicLong()).incrementAndGet();
                    }
                    return Arrays.copyOf(micros, n);
                }));
            }
            for (Future<long[]> w : workers) {
                all.add(w.get());
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] micros = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((k, v) -> counts.put(k, v.get()));
        return new Polled(micros.length / elapsed, micros, counts);
    }

    private static HttpResponse<byte[]> waitForResults(HttpClient http, URI uri, String key) throws Exception {
        for (int i = 0; i < 600; i++) {
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() == 200) {
                return answer;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no national results");
    }

    private static long version(HttpClient http, URI uri, String key) throws Exception {
        HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        String etag = answer.headers().firstValue("ETag").orElse("\"0-v\"");
        return Long.parseLong(etag.replaceAll("[^0-9-]", "").split("-")[0]);
    }

    /** Both contests of every station verified, numbers that add up, written in batches. */
    private void verifyEverything(String url, ElectionCatalog catalog, List<StationPoint> stations) throws Exception {
        var random = new SplittableRandom(2566);
        List<Integer> parties = new ArrayList<>(catalog.ballotNumbers(ELECTION, "party-list", stations.getFirst().constituencyId()));
        Map<Long, List<Integer>> candidates = new java.util.HashMap<>();
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = server.connect(url); PreparedStatement insert = c.prepareStatement("""
                insert into station_contest (election_id, station_id, constituency_id, contest_code, state, in_queue, queue_rank, version, votes,
                  valid_ballots, invalid_ballots, no_vote_ballots, ballots_used, verified_at, updated_at)
                values (?, ?, ?, ?, 'VERIFIED', false, 2, 1, ?, ?, ?, ?, ?, ?, ?)""")) {
            c.setAutoCommit(false);
            int n = 0;
            for (StationPoint s : stations) {
                List<Integer> numbers = candidates.computeIfAbsent(s.constituencyId(),
                        id -> new ArrayList<>(catalog.ballotNumbers(ELECTION, "constituency", id)));
                long used = Math.round(Math.max(20, s.registeredVoters()) * (0.6 + 0.2 * random.nextDouble()));
                long invalid = used / 50, noVote = used / 100, valid = used - invalid - noVote;
                for (String contest : List.of("constituency", "party-list")) {
                    List<Integer> ballots = contest.equals("party-list") ? parties : numbers;
                    StringBuilder votes = new StringBuilder();
                    long left = valid;
                    for (int i = 0; i < ballots.size(); i++) {
                        long v = i == ballots.size() - 1 ? left : Math.min(left, (long) (valid * (i < 3 ? 0.25 : 0.25 / ballots.size())));
                        left -= v;
                        votes.append(i == 0 ? "" : ";").append(ballots.get(i)).append('=').append(v);
                    }
                    insert.setString(1, ELECTION);
                    insert.setLong(2, s.id());
                    insert.setLong(3, s.constituencyId());
                    insert.setString(4, contest);
                    insert.setString(5, votes.toString());
                    insert.setLong(6, valid);
                    insert.setLong(7, invalid);
                    insert.setLong(8, noVote);
                    insert.setLong(9, used);
                    insert.setTimestamp(10, now);
                    insert.setTimestamp(11, now);
                    insert.addBatch();
                    if (++n % 5000 == 0) {
                        insert.executeBatch();
                    }
                }
            }
            insert.executeBatch();
            c.commit();
        }
    }

    /**
     * A change as the war room makes one: the station contest queued (as a disagreeing report would), claimed and
     * corrected with the numbers from its form; the live results take it as a new version.
     */
    private void touch(org.springframework.context.ConfigurableApplicationContext app, String url, StationPoint s) throws Exception {
        long id;
        org.khanaen.results.checks.Tally numbers;
        try (Connection c = server.connect(url)) {
            try (PreparedStatement p = c.prepareStatement("update station_contest set in_queue = true, queue_rank = 0, state = 'CONFLICT', "
                    + "queued_at = ? where station_id = ? and contest_code = 'party-list'")) {
                p.setTimestamp(1, Timestamp.from(Instant.now()));
                p.setLong(2, s.id());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("select id, votes, valid_ballots, invalid_ballots, no_vote_ballots, ballots_used "
                    + "from station_contest where station_id = ? and contest_code = 'party-list'")) {
                p.setLong(1, s.id());
                try (var rs = p.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                    Map<Integer, Long> votes = new TreeMap<>();
                    for (String pair : rs.getString(2).split(";")) {
                        String[] kv = pair.split("=");
                        votes.put(Integer.parseInt(kv[0]), Long.parseLong(kv[1]));
                    }
                    numbers = new org.khanaen.results.checks.Tally(votes, rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), true);
                }
            }
        }
        var warRoom = app.getBean(org.khanaen.results.WarRoom.class);
        if (!warRoom.claim(id, "bench") || !warRoom.correct(id, numbers, "bench", "bench: a fresh version").errors().isEmpty()) {
            throw new IllegalStateException("could not correct station contest " + id);
        }
    }

    private static double pct(long[] sortedMicros, int p) {
        if (sortedMicros.length == 2 && WRK != null) { // wrk's own p50 and p99
            return (p <= 50 ? sortedMicros[0] : sortedMicros[1]) / 1000.0;
        }
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        return sortedMicros[Math.min(sortedMicros.length - 1, (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1)] / 1000.0;
    }
}
