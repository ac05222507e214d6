package org.khanaen.benchmarks.rehearsal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/** Conditional GETs as a browser or poller makes them, timed; and the HTTP client they go through. */
final class Fetch {

    /**
     * An answer: status, body (empty on 304; as received, so still compressed when {@code contentEncoding} says so),
     * ETag, Last-Modified (on a 304 too: Spring keeps the 200's headers), Cache-Control and Content-Encoding (null when
     * absent), time taken.
     */
    record Answer(int status, byte[] body, String etag, String lastModified, String cacheControl, long micros, String contentEncoding) {

        Answer(int status, byte[] body, String etag, String lastModified, String cacheControl, long micros) {
            this(status, body, etag, lastModified, cacheControl, micros, null);
        }

        boolean gzipped() {
            return "gzip".equalsIgnoreCase(contentEncoding);
        }
    }

    private Fetch() {
    }

    /**
     * An HTTP/1.1 client whose work runs on platform threads named {@code prefix-…} that live as long as it (so their
     * CPU can be counted: the JDK's default pool lets its threads die, their CPU with them).
     */
    static HttpClient client(String prefix, int threads, ExecutorService[] pool) {
        AtomicInteger n = new AtomicInteger();
        pool[0] = Executors.newFixedThreadPool(threads, r -> Thread.ofPlatform().daemon().name(prefix + "-" + n.incrementAndGet()).unstarted(r));
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool[0]).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A GET, with If-None-Match when {@code etag} is given; {@code headers} as name, value pairs. */
    static Answer get(HttpClient http, URI uri, String etag, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        if (etag != null) {
            b.header("If-None-Match", etag);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        long t = System.nanoTime();
        HttpResponse<byte[]> a = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        long micros = (System.nanoTime() - t) / 1000;
        return new Answer(a.statusCode(), a.body(), a.headers().firstValue("ETag").orElse(null),
                a.headers().firstValue("Last-Modified").orElse(null), a.headers().firstValue("Cache-Control").orElse(null), micros,
                a.headers().firstValue("Content-Encoding").orElse(null));
    }

    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

    /** The public pages of an election's places: {@code /results/{id}/provinces/{code}} and {@code …/constituencies/{code}}. */
    static List<URI> places(HttpClient http, URI base, String electionId) throws Exception {
        java.util.Set<URI> places = new java.util.LinkedHashSet<>();
        for (String kind : List.of("provinces", "constituencies")) {
            Answer a = get(http, base.resolve("/api/v1/elections/" + electionId + "/" + kind), null, "Accept", "application/json");
            if (a.status() != 200) {
                throw new IllegalStateException("the " + kind + " of " + electionId + " answered " + a.status());
            }
            var m = CODE.matcher(new String(a.body(), java.nio.charset.StandardCharsets.UTF_8));
            while (m.find()) {
                if (kind.equals("constituencies") && !m.group(1).contains("_")) {
                    continue; // the constituency's province, named inside it
                }
                places.add(base.resolve("/results/" + electionId + "/" + kind + "/" + m.group(1)));
            }
        }
        return new ArrayList<>(places);
    }
}
