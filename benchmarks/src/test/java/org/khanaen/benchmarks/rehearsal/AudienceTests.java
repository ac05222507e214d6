package org.khanaen.benchmarks.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

class AudienceTests {

    @Test
    void deliveryTimesAreSampledFromTheClientsCountsKeepingTheirShapeAndMaximum() {
        long[] histogram = new long[120_001];
        histogram[3] = 3_000_000;
        histogram[700] = 30_000;
        histogram[5_000] = 1;
        long[] micros = StreamReaders.sample(histogram, 5_000_432);
        assertThat(micros.length).isBetween(990_000, 1_010_000);
        Figures f = Figures.of("s", 1, micros.length, "e", micros, java.util.List.of(), java.util.List.of());
        assertThat(f.millis(50)).isEqualTo(3.5);
        assertThat(f.millis(99.5)).isEqualTo(700.5);
        assertThat(f.millis(100)).isEqualTo(5_000.432);
        assertThat(StreamReaders.sample(new long[10], 0)).isEmpty();
    }

    @Test
    void theEdgeServesFreshCopiesItselfAndPassesPrivateAnswersThrough() throws Exception {
        AtomicInteger shared = new AtomicInteger(), own = new AtomicInteger(), revalidated = new AtomicInteger();
        HttpServer origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/shared", x -> {
            shared.incrementAndGet();
            x.getResponseHeaders().add("Cache-Control", "max-age=1, s-maxage=1, public, stale-while-revalidate=30");
            x.getResponseHeaders().add("ETag", "\"a\"");
            if ("\"a\"".equals(x.getRequestHeaders().getFirst("If-None-Match"))) {
                revalidated.incrementAndGet();
                x.sendResponseHeaders(304, -1);
            } else {
                byte[] body = "page".getBytes(StandardCharsets.UTF_8);
                x.sendResponseHeaders(200, body.length);
                x.getResponseBody().write(body);
            }
            x.close();
        });
        origin.createContext("/own", x -> {
            own.incrementAndGet();
            x.getResponseHeaders().add("Cache-Control", "no-cache, private");
            x.sendResponseHeaders(200, 2);
            x.getResponseBody().write("me".getBytes(StandardCharsets.UTF_8));
            x.close();
        });
        origin.start();
        var background = Executors.newSingleThreadExecutor();
        try (HttpClient http = HttpClient.newHttpClient()) {
            URI base = URI.create("http://127.0.0.1:" + origin.getAddress().getPort());
            java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
            SharedCache edge = new SharedCache(http, background, clock::get);
            for (int i = 0; i < 50; i++) {
                assertThat(new String(edge.get(base.resolve("/shared")).body(), StandardCharsets.UTF_8)).isEqualTo("page");
                edge.get(base.resolve("/own"));
            }
            assertThat(shared).hasValue(1);
            assertThat(own).hasValue(50);
            clock.addAndGet(1_100_000_000L); // stale now: served as it is while one revalidation goes to the origin
            for (int i = 0; i < 20; i++) {
                assertThat(edge.get(base.resolve("/shared")).status()).isEqualTo(200);
            }
            background.shutdown();
            background.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(shared).hasValue(2);
            assertThat(revalidated).hasValue(1);
            assertThat(edge.origin.ok.get() + edge.origin.notModified.get()).isEqualTo(52);
            clock.addAndGet(35_000_000_000L); // past stale-while-revalidate too: fetched again before it is served
            edge.get(base.resolve("/shared"));
            assertThat(shared).hasValue(3);
        } finally {
            origin.stop(0);
        }
    }

    @Test
    void onlyPublicAnswersAreStoredByTheEdge() {
        assertThat(SharedCache.storable("max-age=5, s-maxage=5, public, stale-while-revalidate=30")).isTrue();
        assertThat(SharedCache.storable("no-cache, private")).isFalse();
        assertThat(SharedCache.storable("max-age=5")).isFalse();
    }
}
