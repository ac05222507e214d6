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
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bodies without a Content-Length (chunked) through the real server: counted as they arrive, refused one byte past
 * their limit. Before, the size guard looked only at Content-Length, and a 400 MB chunked body to the webhook was
 * read whole.
 */
@FullStackTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
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

    /**
     * The station report's form without its script (issue 25's walk): the 2023 party list has 67 ballot numbers, each a
     * part, with the totals, the keys and three file fields ~85 parts. Tomcat's default of 50 parts refused it as "file
     * too large" before anyone could read it; here it reaches the security chain, which refuses it for its own reason
     * (no session, no CSRF token).
     */
    @Test
    void aPartyListCountFormWithoutItsScriptIsReadWhole() throws Exception {
        var answer = sendForm(67);

        assertThat(answer.statusCode()).as("83 parts read: refused for the missing CSRF token, not as too large").isEqualTo(403);
    }

    /** Past the part limit: refused as the sender's doing, without the two ERROR stack traces it used to log each time. */
    @Test
    void aFormOfTooManyPartsIsRefusedWithoutAnError(CapturedOutput output) throws Exception {
        int at = output.length();

        var answer = sendForm(400);

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.body()).contains("แบบฟอร์มมีช่องมากเกินไป").contains("Too many fields");
        assertThat(output.toString().substring(at)).doesNotContain(" ERROR ").doesNotContain("FileCountLimitExceeded");
    }

    /** A multipart form as the report page sends it without its script: its fields, {@code votes} ballot numbers, three empty files. */
    private java.net.http.HttpResponse<String> sendForm(int votes) throws Exception {
        String boundary = "walk25boundary";
        StringBuilder body = new StringBuilder();
        java.util.function.BiConsumer<String, String> field = (name, value) -> body.append("--").append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value).append("\r\n");
        for (String name : new String[] { "station", "contest", "idempotencyKey", "final", "valid", "invalid", "noVote", "ballotsUsed",
                "votersCame", "ballotsReceived", "ballotsLeft", "photosLater", "warningsConfirmed" }) {
            field.accept(name, "1");
        }
        for (int number = 1; number <= votes; number++) {
            field.accept("vote-" + number, "0");
        }
        for (String kind : new String[] { "tally_board", "count_form", "station_sign" }) { // file fields left empty
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(kind)
                    .append("\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n");
        }
        body.append("--").append(boundary).append("--\r\n");
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/me/report"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build();

        return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
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
