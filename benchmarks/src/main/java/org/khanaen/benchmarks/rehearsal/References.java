package org.khanaen.benchmarks.rehearsal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The physical references the night's figures stand beside, measured in the same run on the same machine: a loopback
 * TCP round trip (a byte sent and answered, 20,000 times), and a static file (the site's stylesheet) served by the
 * app's own web server to 16 clients for 5 s. The database's raw batched insert rate is measured by the Server.
 */
final class References {

    static Figures loopback() throws Exception {
        Figures.Latencies l = new Figures.Latencies();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread echo = Thread.ofPlatform().start(() -> {
                try (Socket s = server.accept(); var in = new DataInputStream(s.getInputStream()); var out = new DataOutputStream(s.getOutputStream())) {
                    s.setTcpNoDelay(true);
                    while (true) {
                        out.writeByte(in.readByte());
                        out.flush();
                    }
                } catch (Exception end) {
                    // the client closed: done
                }
            });
            long start = System.nanoTime();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()); var in = new DataInputStream(s.getInputStream());
                 var out = new DataOutputStream(s.getOutputStream())) {
                s.setTcpNoDelay(true);
                for (int i = 0; i < 20_000; i++) {
                    long t = System.nanoTime();
                    out.writeByte(i);
                    out.flush();
                    in.readByte();
                    l.add((System.nanoTime() - t) / 1000);
                }
            }
            echo.join(2000);
            long[] micros = l.toArray();
            java.util.Arrays.sort(micros);
            return Figures.of("reference: loopback TCP round trip", (System.nanoTime() - start) / 1e9, 20_000, "round trips", micros,
                    List.of(String.format("p50 %d µs, p99 %d µs", micros[micros.length / 2], micros[(int) (micros.length * 0.99)])), List.of());
        }
    }

    static Figures staticFile(URI base) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI css = base.resolve("/css/khanaen.css");
        Figures.Latencies l = new Figures.Latencies();
        AtomicLong bytes = new AtomicLong();
        List<String> problems = new ArrayList<>();
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long start = System.nanoTime();
        try (var pool = Executors.newFixedThreadPool(16)) {
            for (int t = 0; t < 16; t++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long s = System.nanoTime();
                        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(css).build(), HttpResponse.BodyHandlers.ofByteArray());
                        l.add((System.nanoTime() - s) / 1000);
                        bytes.addAndGet(r.body().length);
                        if (r.statusCode() != 200) {
                            synchronized (problems) {
                                problems.add("static file answered " + r.statusCode());
                            }
                            return null;
                        }
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long n = l.size();
        return Figures.of("reference: a static file (/css/khanaen.css) from the app's web server, 16 clients", seconds, n, "requests", l.toArray(),
                List.of(String.format("%,d bytes each", n == 0 ? 0 : bytes.get() / n)), problems.isEmpty() ? List.of() : problems.subList(0, 1));
    }
}
