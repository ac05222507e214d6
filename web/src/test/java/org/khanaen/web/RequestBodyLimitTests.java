package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bodies without a Content-Length (chunked) through the real server: counted as they arrive, refused one byte past
 * their limit. Before, the size guard looked only at Content-Length, and a 400 MB chunked body to the webhook was
 * read whole.
 */
@FullStackTest
class RequestBodyLimitTests {

    private static final long MB = 1024 * 1024;

    @LocalServerPort
    int port;

    record Answer(String head, long bytesSent) {
    }

    @Test
    void aHugeChunkedBodyToTheStripeWebhookIsRefusedWithoutBeingReadWhole() throws Exception {
        var answer = sendChunked("/api/stripe/webhook", "application/json", 200 * MB);

        assertThat(answer.head()).startsWith("HTTP/1.1 413").contains("application/problem+json").contains("\"status\":413");
        assertThat(answer.bytesSent()).as("the server stopped taking the body: its 1 MB limit, then at most 60 MB swallowed")
                .isLessThan(100 * MB);
    }

    @Test
    void aChunkedFormPostPastTheLimitIsRefused() throws Exception {
        var answer = sendChunked("/login", "application/x-www-form-urlencoded", 20 * MB);

        assertThat(answer.head()).startsWith("HTTP/1.1 413");
    }

    @Test
    void aSmallChunkedBodyStillArrives() throws Exception {
        var answer = sendChunked("/api/stripe/webhook", "application/json", 64 * 1024);

        assertThat(answer.head()).as("read and answered by the webhook (no signature)").doesNotStartWith("HTTP/1.1 413");
    }

    /** Sends {@code size} bytes in 64 KB chunks while reading the answer; what the server took before it closed. */
    private Answer sendChunked(String path, String contentType, long size) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            AtomicLong sent = new AtomicLong();
            Thread writer = Thread.ofPlatform().start(() -> {
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'a');
                byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                            + "\r\nAccept: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    while (sent.get() < size) {
                        out.write(chunkHead);
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        sent.addAndGet(chunk.length);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException closedByTheServer) {
                    // expected once the server has refused the body
                }
            });
            String answer = readAnswer(new BufferedInputStream(socket.getInputStream()));
            writer.join(120_000);
            return new Answer(answer, sent.get());
        }
    }

    /** The status line, the headers and the body (by its Content-Length, its first chunk, or up to the close). */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder answer = new StringBuilder();
        long length = 0;
        boolean chunked = false;
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            answer.append(line).append('\n');
            String lower = line.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).strip());
            }
            chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
        }
        if (chunked) {
            String size = line(in);
            length = size.isEmpty() ? 0 : Long.parseLong(size.strip(), 16);
        }
        // neither: the body runs to the end of the connection (a refusal closes it)
        byte[] body = in.readNBytes((int) (length > 0 || chunked ? Math.min(length, 100_000) : 100_000));
        return answer.append('\n').append(new String(body, StandardCharsets.UTF_8)).toString();
    }

    private static String line(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
