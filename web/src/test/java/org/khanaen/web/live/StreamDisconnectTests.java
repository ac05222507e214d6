package org.khanaen.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.khanaen.results.MediaOutlets;
import org.khanaen.web.FullStackTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A media client (or a results page) that drops its stream is ordinary on election night, thousands of times: it is
 * noted once at DEBUG, never an ERROR with stack traces, which used to come twice per disconnect some 30 s later
 * ("response is already committed") and flooded the logs.
 */
@FullStackTest
@ExtendWith(OutputCaptureExtension.class)
class StreamDisconnectTests {

    @LocalServerPort int port;
    @Autowired MediaOutlets outlets;
    @Autowired ResultsStream stream;

    @Test
    void aDroppedStreamLogsNoErrorAndIsForgotten(CapturedOutput output) throws Exception {
        String key = outlets.create("Dropping Desk", "drop@example.org", 100, "test").key();
        int before = stream.listeners();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/elections/th-2566/results/stream"))
                .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        try (var in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).as("the first event arrives").startsWith("event:");
        } // closed: the client went away
        http.close();
        int at = output.length();

        // the stream notices at its next write (a keep-alive at the latest); give it the time it took to log before
        long until = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (System.nanoTime() < until && stream.listeners() > before) {
            Thread.sleep(200);
        }
        assertThat(stream.listeners()).as("the dropped listener is forgotten").isEqualTo(before);
        Thread.sleep(Duration.ofSeconds(35)); // past the async timeout after which the errors used to come
        String after = output.toString().substring(at);
        assertThat(after).doesNotContain(" ERROR ").doesNotContain("already committed").doesNotContain("\tat org.")
                .doesNotContain("AccessDenied").doesNotContain("AsyncRequestNotUsable").doesNotContain("Broken pipe");
    }
}
