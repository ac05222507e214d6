package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationView;
import org.khanaen.results.LiveResults;
import org.khanaen.results.MediaOutlets;
import org.khanaen.results.checks.Tally;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

/** Media outlets read the live results with their key, within their rate, never writing; every read revalidates by ETag. */
@FullStackTest
@Import({ AssignmentFixture.class, ReportFixture.class })
class ResultsApiTests {

    private static final String NATIONAL = "/api/v1/elections/th-2566/results";

    @Autowired MockMvc mvc;
    @Autowired MediaOutlets outlets;
    @Autowired AssignmentFixture fixture;
    @Autowired ReportFixture reports;
    @Autowired LiveResults live;
    @Autowired ElectionCatalog catalog;
    @LocalServerPort int port;

    private String key(String name, int perMinute) {
        return outlets.create(name, "desk@example.org", perMinute, "test").key();
    }

    /** Both of a station's volunteers send the same final count: verified by agreement. */
    private Tally verify(String slug, StationView station, String contest) {
        var org = fixture.organisation(slug);
        Tally count = reports.goodCount(station, contest);
        int i = 0;
        for (StationRole role : List.of(StationRole.PRIMARY, StationRole.BACKUP)) {
            var person = fixture.volunteer(org, slug, "อาสา ผล");
            fixture.atStation(person, station, role);
            reports.send(station, contest, person.volunteer(), slug + "-key-" + i++, count, List.of());
        }
        return count;
    }

    private void awaitVersionAfter(long version) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (live.version("th-2566") <= version) {
            assertThat(System.nanoTime()).as("live results changed within 10 s").isLessThan(until);
            Thread.sleep(20);
        }
    }

    @Test
    void withoutAKeyOrWithAnUnknownOrRevokedOneTheAnswerIs401() throws Exception {
        mvc.perform(get(NATIONAL)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("media key")));
        mvc.perform(get(NATIONAL).header("Authorization", "Bearer khm_not-a-key")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("unknown or has been revoked")));
        var created = outlets.create("Revoked Daily", null, 100, "test");
        mvc.perform(get(NATIONAL).header("X-Api-Key", created.key())).andExpect(status().isOk());
        assertThat(outlets.revoke(created.id())).isTrue();
        mvc.perform(get(NATIONAL).header("X-Api-Key", created.key())).andExpect(status().isUnauthorized());
        assertThat(outlets.revoke(created.id())).isFalse();
    }

    @Test
    void aMediaKeyCannotWriteAnything() throws Exception {
        String key = key("Read Only News", 100);
        StationView station = fixture.stations("NAN_1").get(2);
        mvc.perform(post("/api/v1/stations/" + station.id() + "/reports").header("Authorization", "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isUnauthorized());
        mvc.perform(post(NATIONAL).header("Authorization", "Bearer " + key)).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/photos").header("Authorization", "Bearer " + key)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/org/volunteers").header("Authorization", "Bearer " + key)).andExpect(status().isUnauthorized());
    }

    @Test
    void anOutletOverItsRateGets429WithRetryAfter() throws Exception {
        String key = key("Busy Wire", 3);
        for (int i = 0; i < 3; i++) {
            mvc.perform(get(NATIONAL).header("Authorization", "Bearer " + key)).andExpect(status().isOk());
        }
        var refused = mvc.perform(get(NATIONAL).header("Authorization", "Bearer " + key)).andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.status").value(429)).andReturn();
        int retryAfter = Integer.parseInt(refused.getResponse().getHeader("Retry-After"));
        assertThat(retryAfter).isBetween(1, 60);
        // another outlet is not held back by this one
        mvc.perform(get(NATIONAL).header("Authorization", "Bearer " + key("Calm Gazette", 3))).andExpect(status().isOk());
    }

    @Test
    void verifiedNumbersByDefaultUnverifiedOnlyOnRequestAndMarkedAndEveryReadRevalidates() throws Exception {
        String key = "Bearer " + key("Night Desk", 1000);
        StationView station = fixture.stations("NAN_1").get(5);
        String stationPath = NATIONAL + "/stations/" + station.id();

        // one final count: not verified yet
        var org = fixture.organisation("api-live-one");
        var person = fixture.volunteer(org, "api-live-one", "อาสา หนึ่ง");
        fixture.atStation(person, station, StationRole.PRIMARY);
        long v0 = live.version("th-2566");
        Tally count = reports.goodCount(station, "constituency");
        reports.send(station, "constituency", person.volunteer(), "api-live-one-1", count, List.of());
        awaitVersionAfter(v0);
        mvc.perform(get(stationPath).header("Authorization", key)).andExpect(status().isOk())
                .andExpect(jsonPath("$.verifiedOnly").value(true))
                .andExpect(jsonPath("$.contests[?(@.contest == 'constituency')].numbers").value(Matchers.contains((Object) null)));
        mvc.perform(get(stationPath + "?unverified=true").header("Authorization", key)).andExpect(status().isOk())
                .andExpect(jsonPath("$.verifiedOnly").value(false))
                .andExpect(jsonPath("$.contests[?(@.contest == 'constituency')].provisional").value(Matchers.contains(true)))
                .andExpect(jsonPath("$.contests[?(@.contest == 'constituency')].numbers.valid")
                        .value(Matchers.contains((int) count.valid())));

        var first = mvc.perform(get(NATIONAL).header("Authorization", key)).andExpect(status().isOk())
                .andExpect(header().exists("ETag")).andExpect(jsonPath("$.parties[0].partyId").exists())
                .andExpect(jsonPath("$.parties[0].partyListSeats").exists()).andExpect(jsonPath("$.seats.partyList").value(100))
                .andReturn();
        String etag = first.getResponse().getHeader("ETag");
        mvc.perform(get(NATIONAL).header("Authorization", key).header("If-None-Match", etag)).andExpect(status().isNotModified());

        // the second volunteer agrees: verified; the national document changes and so does its ETag
        var second = fixture.volunteer(org, "api-live-one", "อาสา สอง");
        fixture.atStation(second, station, StationRole.BACKUP);
        long v1 = live.version("th-2566");
        reports.send(station, "constituency", second.volunteer(), "api-live-one-2", count, List.of());
        awaitVersionAfter(v1);
        mvc.perform(get(NATIONAL).header("Authorization", key).header("If-None-Match", etag)).andExpect(status().isOk())
                .andExpect(header().string("ETag", Matchers.not(etag)));
        mvc.perform(get(stationPath).header("Authorization", key)).andExpect(status().isOk())
                .andExpect(jsonPath("$.contests[?(@.contest == 'constituency')].numbers.valid")
                        .value(Matchers.contains((int) count.valid())))
                .andExpect(jsonPath("$.contests[?(@.contest == 'constituency')].version").value(Matchers.contains(1)));
        var cons = mvc.perform(get(NATIONAL + "/constituencies/NAN_1").header("Authorization", key)).andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value("NAN_1")).andReturn();
        String consEtag = cons.getResponse().getHeader("ETag");
        mvc.perform(get(NATIONAL + "/constituencies/NAN_1").header("Authorization", key).header("If-None-Match", consEtag))
                .andExpect(status().isNotModified());
        List<Integer> ranks = JsonPath.read(cons.getResponse().getContentAsString(),
                "$.contests[?(@.contest == 'constituency')].candidates[*].rank");
        assertThat(ranks).isNotEmpty().startsWith(1);
        mvc.perform(get(NATIONAL + "/provinces/NAN").header("Authorization", key)).andExpect(status().isOk())
                .andExpect(jsonPath("$.code").value("NAN"));
        mvc.perform(get(NATIONAL + "/provinces/XXX").header("Authorization", key)).andExpect(status().isNotFound());
        mvc.perform(get(NATIONAL + "/constituencies/XXX_1").header("Authorization", key)).andExpect(status().isNotFound());
        mvc.perform(get(NATIONAL + "/stations/999999999").header("Authorization", key)).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/elections/no-such/results").header("Authorization", key)).andExpect(status().isNotFound());
    }

    @Test
    void theCsvHasEveryStationAndContest() throws Exception {
        String key = "Bearer " + key("Data Desk", 100);
        var answer = mvc.perform(get(NATIONAL + "/stations.csv").header("Authorization", key)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", Matchers.startsWith("text/csv"))).andReturn();
        String[] lines = answer.getResponse().getContentAsString(StandardCharsets.UTF_8).split("\n");
        int stations = catalog.stationPoints("th-2566").size();
        assertThat(lines[0]).startsWith("election,version,station_id,province,constituency");
        assertThat(lines).hasSize(1 + 2 * stations);
        mvc.perform(get(NATIONAL + "/stations.csv").header("Authorization", key)
                .header("If-None-Match", answer.getResponse().getHeader("ETag"))).andExpect(status().isNotModified());
    }

    @Test
    void theStreamSendsTheCurrentResultsThenEveryVerifiedStation() throws Exception {
        String key = key("Live Blog", 100);
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + NATIONAL + "/stream"))
                .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // closed at the end of the test
            }
        });
        try {
            assertThat(nextEvent(lines)).isEqualTo("national");
            StationView station = fixture.stations("NAN_2").get(4);
            verify("api-stream", station, "party-list");
            String event;
            do {
                event = nextEvent(lines);
                assertThat(event).as("a stations event arrives").isNotNull();
            } while (!event.equals("stations") || JsonPath.<List<?>>read(lastData,
                    "$.stations[?(@.stationId == " + station.id() + " && @.contest == 'party-list' && @.state == 'VERIFIED')]").isEmpty());
        } finally {
            reader.interrupt();
            response.body().close();
        }
    }

    private String lastData = "";

    /** The next event's name (its data kept in {@link #lastData}), or null after 10 s. */
    private String nextEvent(BlockingQueue<String> lines) throws InterruptedException {
        String name = null;
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < until) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            if (line.startsWith("event:")) {
                name = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                lastData = line.substring(5);
            } else if (line.isEmpty() && name != null) {
                return name;
            }
        }
        return null;
    }
}
