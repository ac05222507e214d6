package org.khanaen.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.khanaen.assignment.AutoAssignment;
import org.khanaen.assignment.RunRequest;
import org.khanaen.assignment.RunView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImports;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.ReportIntake;
import org.khanaen.volunteers.OrganisationDraft;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.RosterImports;
import org.khanaen.volunteers.VolunteerId;

/**
 * Election night's peak: every station's final count of both contests sent over HTTP through the partner
 * API ({@code POST /api/v1/stations/{id}/reports}) by {@code --clients} concurrent clients, each report as its
 * station's assigned volunteer with that volunteer's token. A share of the reports ({@code --resend}) is sent a
 * second time with the same idempotency key, as a phone does after a dropped answer. Afterwards the database is
 * counted: exactly one report per station and contest, none lost, none doubled.
 * <p>
 * Set-up (not timed): the 2023 stations, one volunteer per station imported by CSV and placed by the automatic
 * run, a token each. Counts are made up but add up, with the same ballots used in both contests.
 */
final class ReportsBench {

    private static final String ELECTION = "th-2566";

    private record Request(long stationId, String token, String body) {
    }

    /** wrk (Debian's package), when installed: the load from another process, in C, as phones would send it. */
    static final String WRK = java.util.stream.Stream.of("/usr/bin/wrk", "/usr/local/bin/wrk")
            .filter(p -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(p))).findFirst().orElse(null);

    private final Server server;
    private final int clients;
    private final double resend;
    private final int limit;
    private final String client;

    /**
     * @param limit  at most this many stations report (all by default; fewer for a quick look)
     * @param client {@code wrk} (another process) or {@code java} (Java's HTTP client in this process)
     */
    ReportsBench(Server server, int clients, double resend, int limit, String client) {
        this.server = server;
        this.clients = clients;
        this.resend = resend;
        this.limit = limit;
        this.client = client;
    }

    void run() throws Exception {
        PhysicalReference reference = server.describeAndMeasure();
        String url = server.freshSchema("bench_reports");
        try (var app = server.startWebApp(url)) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            app.getBean(ElectionImports.class).importBuiltIn(ELECTION);
            ElectionCatalog catalog = app.getBean(ElectionCatalog.class);
            List<StationPoint> stations = catalog.stationPoints(ELECTION);
            Map<Long, VolunteerId> primaries = placeOnePerStation(app, url, catalog, stations);
            Map<Long, String> tokens = tokens(app.getBean(ReportIntake.class), primaries);
            List<Request> requests = requests(catalog, stations.subList(0, Math.min(limit, stations.size())), primaries, tokens);
            System.out.printf("%,d stations, %,d with a volunteer and a token; %,d reports to send, %.1f%% of them twice%n",
                    stations.size(), primaries.size(), requests.size(), 100 * resend);

            warmUp(port, requests);
            Outcome outcome = "wrk".equals(client) ? sendWithWrk(port, url, requests) : send(port, requests);
            Counted counted = count(url);
            long[] ms = outcome.latenciesMicros();
            Arrays.sort(ms);
            double seconds = outcome.seconds();
            long sent = outcome.statuses().values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("sent %,d requests (%,d first sends, %,d resends) with %s in %.1f s: %,.0f requests/s, %,.0f reports/s stored;"
                    + " latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; answers %s%n",
                    sent, requests.size(), outcome.resends(), client, seconds, sent / seconds, counted.reports() / seconds,
                    pct(ms, 50), pct(ms, 95), pct(ms, 99), ms[ms.length - 1] / 1000.0, outcome.statuses());
            System.out.printf("counted after the run: %,d reports (expected %,d), %,d station-contests with more than one report,"
                    + " %,d station-contests (%s)%n", counted.reports(), requests.size(), counted.doubled(), counted.contests(), counted.states());
            boolean exact = counted.reports() == requests.size() && counted.doubled() == 0;
            System.out.printf("%n| %s | reports over HTTP, %,d final reports (2 contests × %,d stations), %d clients (" + client + "), %.0f%% resent |"
                    + " **%,.0f reports/s** sustained (%.1f s) | p50 %.1f ms, p95 %.1f ms, **p99 %.1f ms** | %s | raw JDBC %,.0f rows/s batched,"
                    + " %,.0f rows/s per-row commit |%n",
                    java.time.LocalDate.now(), requests.size(), primaries.size(), clients, 100 * resend, requests.size() / seconds, seconds,
                    pct(ms, 50), pct(ms, 95), pct(ms, 99), exact ? "nothing lost or doubled" : "MISMATCH: " + counted,
                    reference.batchedRowsPerSecond(), reference.perRowCommitsPerSecond());
            if (!exact) {
                throw new IllegalStateException("reports lost or doubled: " + counted);
            }
        } finally {
            server.drop(url);
        }
    }

    /** One volunteer per station: a CSV of as many volunteers as stations, placed by one automatic run; station → volunteer. */
    private Map<Long, VolunteerId> placeOnePerStation(org.springframework.context.ConfigurableApplicationContext app, String url,
            ElectionCatalog catalog, List<StationPoint> stations) throws Exception {
        long start = System.nanoTime();
        OrganisationId org = app.getBean(PartnerOrganisations.class)
                .create(new OrganisationDraft("bench", "องค์กรทดสอบ", "Bench", null, null, null)).id();
        RosterImports imports = app.getBean(RosterImports.class);
        // a few more people than stations: the nearest-first plan leaves a station or two beyond everyone's reach otherwise
        byte[] csv = AssignmentBench.csv(catalog.districts(ELECTION), stations, (int) (stations.size() * 1.03), true);
        long job = imports.upload(org, "volunteers.csv", csv, "bench");
        VolunteerImportBench.waitFor(imports, org, job, RosterImports.Status.CHECKED);
        imports.importValidRows(org, job, "bench");
        VolunteerImportBench.waitFor(imports, org, job, RosterImports.Status.IMPORTED);
        RunView view = app.getBean(AutoAssignment.class)
                .runAndWait(new RunRequest(ELECTION, RunRequest.Scope.ELECTION, null, null, RunRequest.Mode.FILL, "bench"));
        if (view.status() != RunView.Status.DONE) {
            throw new IllegalStateException("assignment " + view.status() + ": " + view.error());
        }
        Map<Long, VolunteerId> primaries = new HashMap<>();
        try (Connection c = server.connect(url);
             ResultSet rs = c.createStatement().executeQuery(
                     "select place_id, volunteer_id from assignment where tier = 'STATION' and position = 1")) {
            while (rs.next()) {
                primaries.put(rs.getLong(1), new VolunteerId(rs.getLong(2)));
            }
        }
        System.out.printf("set-up: %,d volunteers imported and placed in %.1f s%n", primaries.size(), (System.nanoTime() - start) / 1e9);
        return primaries;
    }

    private static Map<Long, String> tokens(ReportIntake tokens, Map<Long, VolunteerId> primaries) throws Exception {
        long start = System.nanoTime();
        Map<Long, String> byStation = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> done = new ArrayList<>();
            for (var e : primaries.entrySet()) {
                done.add(pool.submit(() -> byStation.put(e.getKey(), tokens.issueToken(e.getValue()))));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        System.out.printf("set-up: %,d tokens issued in %.1f s%n", byStation.size(), (System.nanoTime() - start) / 1e9);
        return byStation;
    }

    /** Both contests' final counts for every placed station: they add up, ballots used the same in both, turnout 60–80%. */
    private static List<Request> requests(ElectionCatalog catalog, List<StationPoint> stations, Map<Long, VolunteerId> primaries,
            Map<Long, String> tokens) {
        var random = new SplittableRandom(2566);
        Map<Long, List<Integer>> candidates = new HashMap<>();
        List<Integer> parties = new ArrayList<>(catalog.ballotNumbers(ELECTION, "party-list", stations.getFirst().constituencyId()));
        List<Request> requests = new ArrayList<>(primaries.size() * 2);
        for (StationPoint s : stations) {
            String token = tokens.get(s.id());
            if (token == null) {
                continue;
            }
            List<Integer> numbers = candidates.computeIfAbsent(s.constituencyId(),
                    id -> new ArrayList<>(catalog.ballotNumbers(ELECTION, "constituency", id)));
            long registered = Math.max(20, s.registeredVoters());
            long used = Math.round(registered * (0.6 + 0.2 * random.nextDouble()));
            long invalid = used / 50;
            long noVote = used / 100;
            for (String contest : List.of("constituency", "party-list")) {
                Map<Integer, Long> votes = split(used - invalid - noVote, contest.equals("party-list") ? parties : numbers, random);
                StringBuilder json = new StringBuilder(256).append("{\"contest\":\"").append(contest).append("\",\"final\":true,\"votes\":{");
                String sep = "";
                for (var v : votes.entrySet()) {
                    json.append(sep).append('"').append(v.getKey()).append("\":").append(v.getValue());
                    sep = ",";
                }
                json.append("},\"valid\":").append(used - invalid - noVote).append(",\"invalid\":").append(invalid)
                        .append(",\"noVote\":").append(noVote).append(",\"ballotsUsed\":").append(used)
                        .append(",\"warningsConfirmed\":true,\"idempotencyKey\":\"bench-").append(s.id()).append('-').append(contest)
                        .append("\"}");
                requests.add(new Request(s.id(), token, json.toString()));
            }
        }
        java.util.Collections.shuffle(requests, new java.util.Random(2566)); // stations report in no particular order
        return requests;
    }

    /** Valid votes over the numbers, a few taking most; every number at least 1 (no "major party at 0"). */
    static Map<Integer, Long> split(long valid, List<Integer> numbers, SplittableRandom random) {
        double[] weights = new double[numbers.size()];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = i < 4 ? 5 + 20 * random.nextDouble() : 0.1 * random.nextDouble();
            total += weights[i];
        }
        Map<Integer, Long> votes = new java.util.TreeMap<>();
        long left = valid;
        for (int i = 0; i < weights.length; i++) {
            long v = i == weights.length - 1 ? left : Math.min(left, Math.round(valid * weights[i] / total));
            votes.put(numbers.get(i), v);
            left -= v;
        }
        return votes;
    }

    private record Outcome(long[] latenciesMicros, double seconds, int resends, Map<Integer, Long> statuses) {
    }

    /** A few hundred requests first, so that the JIT and the pools are warm; they count like the rest. */
    private void warmUp(int port, List<Request> requests) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (Request r : requests.subList(0, Math.min(300, requests.size()))) {
            http.send(post(port, r), HttpResponse.BodyHandlers.discarding());
        }
    }

    private Outcome send(int port, List<Request> requests) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger resends = new AtomicInteger();
        long[] latencies = new long[requests.size() * 2];
        AtomicInteger recorded = new AtomicInteger();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                SplittableRandom random = new SplittableRandom(c);
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
                        Request r = requests.get(i);
                        int times = random.nextDouble() < resend ? 2 : 1;
                        resends.addAndGet(times - 1);
                        for (int t = 0; t < times; t++) {
                            long sent = System.nanoTime();
                            HttpResponse<String> answer = http.send(post(port, r), HttpResponse.BodyHandlers.ofString());
                            latencies[recorded.getAndIncrement()] = (System.nanoTime() - sent) / 1000;
                            statuses.computeIfAbsent(answer.statusCode(), k -> new AtomicLong()).incrementAndGet();
                            if (!Set.of(200, 201).contains(answer.statusCode())) {
                                System.err.println(answer.statusCode() + " for station " + r.stationId() + ": " + answer.body());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        statuses.forEach((k, v) -> counts.put(k, v.get()));
        return new Outcome(Arrays.copyOf(latencies, recorded.get()), seconds, resends.get(), counts);
    }

    /**
     * The same requests from wrk: {@code --clients} connections over two threads, each thread sending its share of the
     * requests in order (a resend right after its first send, possibly on another connection of the thread: a phone
     * that retried before the first answer came). Done when every report is stored, counted in the database; a thread
     * that has sent its share meanwhile repeats its last report (wrk cannot leave a connection idle): more retries,
     * answered 200, counted with the rest. Latencies and answers come from the script's summary.
     */
    private Outcome sendWithWrk(int port, String url, List<Request> requests) throws Exception {
        var dir = java.nio.file.Files.createTempDirectory("khanaen-wrk");
        var lines = dir.resolve("requests.tsv");
        var random = new SplittableRandom(2566);
        int resends = 0;
        try (var out = java.nio.file.Files.newBufferedWriter(lines)) {
            for (Request r : requests) {
                int times = random.nextDouble() < resend ? 2 : 1;
                resends += times - 1;
                for (int t = 0; t < times; t++) {
                    out.write(r.stationId() + "\t" + r.token() + "\t" + r.body() + "\n");
                }
            }
        }
        var script = dir.resolve("reports.lua");
        java.nio.file.Files.writeString(script, WRK_SCRIPT);
        int sends = requests.size() + resends;
        int threads = 2;
        List<String> command = List.of(WRK, "-t" + threads, "-c" + clients, "-d3600s", "--timeout", "30s", "-s", script.toString(),
                "http://127.0.0.1:" + port, "--", String.valueOf(threads), lines.toString());
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("wrk.out").toFile()).start();
        // done when every report is stored (counted in the database); then wrk is stopped as by Ctrl-C and writes its summary
        try (Connection c = server.connect(url); var st = c.createStatement()) {
            long stored = -1, changed = System.nanoTime();
            while (p.isAlive()) {
                // the ids' span is read from the primary key's two ends at once; counting (an index scan of every report,
                // measured as most of MariaDB's row reads when it ran every 50 ms) only once the span could hold them all
                long now = single(st, "select coalesce(max(id) - min(id) + 1, 0) from station_report");
                if (now >= requests.size() && (now = single(st, "select count(*) from station_report")) >= requests.size()) {
                    break;
                }
                if (now != stored) {
                    stored = now;
                    changed = System.nanoTime();
                } else if (System.nanoTime() - changed > 30_000_000_000L) {
                    System.err.println("wrk: no new report stored for 30 s at " + now + " of " + requests.size() + "; stopping");
                    break;
                }
                Thread.sleep(50);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
        p.waitFor();
        String out = java.nio.file.Files.readString(dir.resolve("wrk.out"));
        var m = java.util.regex.Pattern.compile("KHANAEN (.*)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk said:\n" + out);
        }
        Map<String, Long> v = new HashMap<>();
        for (String kv : m.group(1).trim().split(" ")) {
            v.put(kv.split("=")[0], Long.parseLong(kv.split("=")[1]));
        }
        Map<Integer, Long> statuses = new java.util.TreeMap<>();
        v.forEach((k, n) -> {
            if (k.matches("s\\d+") && n > 0) {
                statuses.put(Integer.parseInt(k.substring(1)), n);
            }
        });
        System.out.printf("wrk: %,d requests (%,d repeats of a thread's last report at the end); socket errors: connect %d, read %d,"
                + " write %d, timeout %d%n", v.get("requests"), v.get("requests") - sends,
                v.get("connect"), v.get("read"), v.get("write"), v.get("timeout"));
        try (var files = java.nio.file.Files.list(dir)) {
            for (var f : files.toList()) {
                java.nio.file.Files.delete(f);
            }
        }
        java.nio.file.Files.delete(dir);
        // wrk's percentiles stand in for the sorted latencies: p50, p95, p99, max at the places pct() reads
        long[] micros = new long[100];
        for (int i = 0; i < 100; i++) {
            micros[i] = i < 50 ? v.get("p50") : i < 95 ? v.get("p95") : i < 99 ? v.get("p99") : v.get("max");
        }
        return new Outcome(micros, seconds, resends, statuses);
    }

    /** Each thread keeps every n-th line; answers are counted per status; a thread stops when all its answers are in. */
    private static final String WRK_SCRIPT = """
            local counter = 0
            local threads = {}
            function setup(thread)
              thread:set("id", counter)
              counter = counter + 1
              table.insert(threads, thread)
            end
            function init(args)
              local n, i = tonumber(args[1]), 0
              lines, sent, answered = {}, 0, 0
              s200, s201, s4xx, s5xx, sother = 0, 0, 0, 0, 0
              for line in io.lines(args[2]) do
                if i % n == id then
                  local station, token, body = line:match("([^\\t]+)\\t([^\\t]+)\\t(.+)")
                  table.insert(lines, wrk.format("POST", "/api/v1/stations/" .. station .. "/reports",
                    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json"}, body))
                end
                i = i + 1
              end

            end
            function request()
              sent = sent + 1
              -- past its share a thread repeats its last report (a retry, answered 200) until wrk is stopped
              return lines[math.min(sent, #lines)]
            end
            function response(status, headers, body)
              if status == 200 then s200 = s200 + 1 elseif status == 201 then s201 = s201 + 1
              elseif status >= 500 then s5xx = s5xx + 1 elseif status >= 400 then s4xx = s4xx + 1 else sother = sother + 1 end
            end
            function done(summary, latency, requests)
              local t = {s200 = 0, s201 = 0, s4xx = 0, s5xx = 0, sother = 0}
              for _, thread in ipairs(threads) do
                for k, _ in pairs(t) do t[k] = t[k] + thread:get(k) end
              end
              local e = summary.errors
              io.write(string.format("KHANAEN p50=%d p95=%d p99=%d max=%d requests=%d connect=%d read=%d write=%d timeout=%d s200=%d s201=%d s400=%d s500=%d s0=%d\\n",
                latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max, summary.requests,
                e.connect, e.read, e.write, e.timeout, t.s200, t.s201, t.s4xx, t.s5xx, t.sother))
            end
            """;

    private static HttpRequest post(int port, Request r) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/stations/" + r.stationId() + "/reports"))
                .header("Authorization", "Bearer " + r.token()).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(r.body())).build();
    }

    private record Counted(long reports, long doubled, long contests, Map<String, Long> states) {
    }

    private Counted count(String url) throws Exception {
        try (Connection c = server.connect(url); var st = c.createStatement()) {
            long reports = single(st, "select count(*) from station_report");
            long doubled = single(st, "select count(*) from (select station_id, contest_code from station_report"
                    + " group by station_id, contest_code having count(*) > 1) d");
            long contests = single(st, "select count(*) from station_contest");
            Map<String, Long> states = new java.util.TreeMap<>();
            try (ResultSet rs = st.executeQuery("select state, count(*) from station_contest group by state")) {
                while (rs.next()) {
                    states.put(rs.getString(1), rs.getLong(2));
                }
            }
            return new Counted(reports, doubled, contests, states);
        }
    }

    private static long single(java.sql.Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double pct(long[] sortedMicros, int p) {
        return sortedMicros[Math.min(sortedMicros.length - 1, (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1)] / 1000.0;
    }
}
