package org.khanaen.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The chain's JSON-RPC endpoint as the application sees it, on a port of its own in front of the hardhat node, so the
 * node behind it can be killed and a new one put in its place on the same address. It keeps every signed transaction
 * sent through it ({@code eth_sendRawTransaction}), in order: the new node gets those the old one had mined, and so
 * the same chain (hardhat keeps no state on disk), as a real node finds its chain again after a restart. Closed, it
 * refuses connections, as a dead node's address does.
 */
final class ChainRelay implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final int port;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> sent = new ArrayList<>();
    private volatile URI upstream;
    private HttpServer server;

    ChainRelay(int port, URI upstream) throws IOException {
        this.port = port;
        this.upstream = upstream;
        open();
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Listening again, now in front of this node. */
    synchronized void open(URI node) throws IOException {
        upstream = node;
        open();
    }

    private synchronized void open() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::relay);
        server.start();
    }

    /** No longer listening: connections are refused and those open are closed. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** The signed transactions sent so far, in the order they came. */
    synchronized List<String> sent() {
        return List.copyOf(sent);
    }

    private void relay(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            remember(body);
            HttpResponse<byte[]> answer;
            try {
                answer = http.send(HttpRequest.newBuilder(upstream).header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                exchange.sendResponseHeaders(502, -1);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(502, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        }
    }

    private void remember(byte[] body) {
        try {
            JsonNode request = JSON.readTree(body);
            List<JsonNode> calls = new ArrayList<>();
            if (request.isArray()) {
                request.forEach(calls::add);
            } else {
                calls.add(request);
            }
            for (JsonNode call : calls) {
                if ("eth_sendRawTransaction".equals(call.path("method").asText())) {
                    synchronized (this) {
                        sent.add(call.path("params").path(0).asText());
                    }
                }
            }
        } catch (IOException e) {
            // not JSON: the node will answer it
        }
    }
}
