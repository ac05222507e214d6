package org.khanaen.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImports;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.LiveResults;

/**
 * The ECT-compatible feed under the load of a whole country refreshing: every station of 2023 verified (as in the
 * results-API benchmark), then {@code records/stats_cons.json} (the largest file) revalidated with its ETag by
 * {@code --clients} clients for {@code --seconds}, as a CDN's edges or newsrooms' pollers would; read in full; and the
 * time to a new file after a change (the whole election read at one version and written out).
 */
final class EctFeedBench {

    private static final String ELECTION = "th-2566";

    private final Server server;
    private final int clients;
    private final int seconds;

    EctFeedBench(Server server, int clients, int seconds) {
        this.server = server;
        this.clients = clients;
        this.seconds = seconds;
    }

    void run() throws Exception {
        server.describeAndMeasure();
        String url = server.freshSchema("bench_ect_feed");
        ResultsApiBench helper = new ResultsApiBench(server, clients, seconds);
        try {
            List<StationPoint> stations;
            try (var app = server.startApp(url)) {
                app.getBean(ElectionImports.class).importBuiltIn(ELECTION);
                ElectionCatalog catalog = app.getBean(ElectionCatalog.class);
                stations = catalog.stationPoints(ELECTION);
                long start = System.nanoTime();
                helper.verifyEverything(url, catalog, stations);
                System.out.printf("set-up: %,d stations × 2 contests verified in the table in %.1f s%n", stations.size(),
                        (System.nanoTime() - start) / 1e9);
            }
            try (var app = server.startWebApp(url)) {
                int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                URI base = URI.create("http://127.0.0.1:" + port + "/ect/" + ELECTION + "/");
                for (String file : List.of("refs/info_province.json", "refs/info_constituency.json", "refs/info_party_overview.json",
                        "refs/info_mp_candidate.json", "records/stats_party.json", "records/stats_cons.json")) {
                    long t = System.nanoTime();
                    HttpResponse<byte[]> first = http.send(HttpRequest.newBuilder(base.resolve(file)).build(), HttpResponse.BodyHandlers.ofByteArray());
                    System.out.printf("%-28s %d, %,9d bytes, first answer %.0f ms, ETag %s, Cache-Control %s%n", file, first.statusCode(),
                            first.body().length, (System.nanoTime() - t) / 1e6, first.headers().firstValue("ETag").orElse("-"),
                            first.headers().firstValue("Cache-Control").orElse("-"));
                }
                URI cons = base.resolve("records/stats_cons.json");
                HttpResponse<byte[]> first = http.send(HttpRequest.newBuilder(cons).build(), HttpResponse.BodyHandlers.ofByteArray());
                String etag = first.headers().firstValue("ETag").orElseThrow();
                HttpRequest revalidate = HttpRequest.newBuilder(cons).header("If-None-Match", etag).build();
                helper.load(http, revalidate, 3); // warm-up
                ResultsApiBench.Polled polled = helper.load(http, revalidate, seconds);
                ResultsApiBench.Polled full = helper.load(http, HttpRequest.newBuilder(cons).build(), Math.max(3, seconds / 2));
                System.out.printf("stats_cons.json revalidated (If-None-Match → 304) by %d clients for %d s: %,.0f requests/s, p50 %.2f ms,"
                        + " p99 %.2f ms; answers %s%n", clients, seconds, polled.perSecond(), ResultsApiBench.pct(polled.micros(), 50),
                        ResultsApiBench.pct(polled.micros(), 99), polled.statuses());
                System.out.printf("stats_cons.json read in full (200, %,d bytes) by %d clients: %,.0f requests/s, p99 %.2f ms; answers %s%n",
                        first.body().length, clients, full.perSecond(), ResultsApiBench.pct(full.micros(), 99), full.statuses());

                // after a change: the time until the feed answers with the new version's file (it rebuilds at most once a second)
                LiveResults live = app.getBean(LiveResults.class);
                List<Double> rebuilds = new ArrayList<>();
                String last = etag;
                for (int i = 0; i < 5; i++) {
                    Thread.sleep(1100);
                    long v = live.version(ELECTION);
                    helper.touch(app, url, stations.get(i * 1000 + 7), true);
                    while (live.version(ELECTION) == v) {
                        Thread.sleep(5);
                    }
                    long t = System.nanoTime();
                    HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(cons).header("If-None-Match", last).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    rebuilds.add((System.nanoTime() - t) / 1e6);
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException("after a change the feed answered " + answer.statusCode());
                    }
                    last = answer.headers().firstValue("ETag").orElseThrow();
                }
                System.out.printf("stats_cons.json after a change (the whole election read at one version, written): %s ms%n",
                        rebuilds.stream().map(t -> String.format("%.0f", t)).toList());
                System.out.printf("%n| %s | ECT feed, %,d stations verified, %d clients | records/stats_cons.json (%,.1f MB) with ETag revalidation"
                        + " **%,.0f req/s** (p99 %.1f ms); full reads %,.0f req/s | a new file after a change **%.0f ms** worst of 5 |%n",
                        java.time.LocalDate.now(), stations.size(), clients, first.body().length / 1e6, polled.perSecond(),
                        ResultsApiBench.pct(polled.micros(), 99), full.perSecond(),
                        rebuilds.stream().mapToDouble(Double::doubleValue).max().orElse(0));
            }
        } finally {
            server.drop(url);
        }
    }
}
