package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationView;
import org.khanaen.results.LiveResults;
import org.khanaen.results.MediaOutlets;
import org.khanaen.results.QuickCounts;
import org.khanaen.results.WarRoom;
import org.khanaen.results.quickcount.SampleDesign;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The quick count on the web (issue 24): an administrator draws the sample and reveals it; before the reveal the
 * public sees its commitment only (page and media API), after it the list, and the estimates from the verified sample
 * stations, on the page, in the API and on the stream. Beside it the honest full count: seats marked as a projection,
 * constituencies leading or decided, the same in the commission-format feed. Stations of Nakhon Ratchasima (NMA), which
 * no other test uses.
 */
@FullStackTest
@Import({ AssignmentFixture.class, ReportFixture.class })
class QuickCountPagesTests {

    private static final String SEED = "khanaen-test quick count 2026";
    private static final String API = "/api/v1/elections/th-2566/results/quick-count";

    @Autowired MockMvc mvc;
    @Autowired AssignmentFixture fixture;
    @Autowired ReportFixture reports;
    @Autowired LiveResults live;
    @Autowired QuickCounts quickCounts;
    @Autowired ElectionCatalog catalog;
    @Autowired MediaOutlets outlets;
    @Autowired WarRoom warRoom;
    @Autowired JsonMapper json;
    @LocalServerPort int port;

    @Test
    void drawnThenCommittedThenRevealedThenEstimatedOnThePageTheApiAndTheStream() throws Exception {
        var admin = user("admin").roles("ADMIN");
        String base = "/admin/elections/th-2566/quick-count";
        mvc.perform(get(base).with(admin)).andExpect(status().isOk()).andExpect(content().string(containsString("n₀ = (1.96 · σ / e)²")));
        mvc.perform(get(base).with(user("v").roles("VOLUNTEER"))).andExpect(status().isForbidden());
        mvc.perform(post(base + "/draw").with(admin).with(csrf()).param("seed", " ").param("size", "300"))
                .andExpect(flash().attribute("problem", containsString("seed")));
        mvc.perform(post(base + "/draw").with(admin).with(csrf()).param("seed", SEED).param("size", "10"))
                .andExpect(flash().attribute("problem", containsString("อย่างน้อย 154")));
        mvc.perform(post(base + "/draw").with(admin).with(csrf()).param("seed", SEED).param("size", "lots"))
                .andExpect(flash().attribute("flashError", "qc.admin.problem.number"));
        mvc.perform(post(base + "/draw").with(admin).with(csrf()).param("seed", SEED).param("size", "300"))
                .andExpect(flash().attribute("notice", "qc.admin.drawn"));
        var drawn = quickCounts.sampleForAdministrators("th-2566").orElseThrow();
        assertThat(drawn.stations()).hasSize(300);
        mvc.perform(get(base).with(admin)).andExpect(content().string(containsString(drawn.commitment())))
                .andExpect(content().string(containsString(SEED)));

        // before the reveal: the commitment only
        mvc.perform(get("/results/th-2566")).andExpect(status().isOk())
                .andExpect(content().string(containsString(drawn.commitment())))
                .andExpect(content().string(not(containsString(SEED))))
                .andExpect(content().string(not(containsString("qc-bar"))));
        mvc.perform(get("/results/th-2566/quick-count/sample.csv")).andExpect(status().isNotFound());
        String key = outlets.create("Quick Desk", null, 1000, "test").key();
        mvc.perform(get(API)).andExpect(status().isUnauthorized());
        JsonNode before = json.readTree(mvc.perform(get(API).header("X-Api-Key", key)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsByteArray());
        assertThat(before.get("revealed").asBoolean()).isFalse();
        assertThat(before.get("commitment").asString()).isEqualTo(drawn.commitment());
        assertThat(before.get("seed").isNull()).isTrue();
        assertThat(before.get("estimate").isNull()).isTrue();

        mvc.perform(post(base + "/reveal").with(admin).with(csrf())).andExpect(flash().attribute("notice", "qc.admin.revealed"));
        mvc.perform(post(base + "/draw").with(admin).with(csrf()).param("seed", "another").param("size", "300"))
                .andExpect(flash().attribute("problem", containsString("เปิดเผยแล้ว")));

        // after it: the list, each station with the ticket anyone can recompute from the seed
        String csv = mvc.perform(get("/results/th-2566/quick-count/sample.csv")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        List<String> lines = csv.lines().filter(l -> !l.startsWith("#")).toList();
        assertThat(lines).hasSize(301).first().isEqualTo("station_code,province,ticket");
        assertThat(csv).contains("# seed " + SEED, "# commitment sha256 " + drawn.commitment());
        String[] first = lines.get(1).split(",");
        assertThat(first[2]).isEqualTo(SampleDesign.ticket(SEED, first[0]));

        // two of the sample's stations in one province verified: estimates with intervals, and the imbalance warning
        List<StationView> nma = drawn.stations().stream().filter(s -> s.stratum().equals("NMA"))
                .map(s -> catalog.station(s.stationId()).orElseThrow()).filter(s -> !s.constituency().equals("NMA_7")).toList();
        assertThat(nma).hasSizeGreaterThanOrEqualTo(4);
        // a sample station's waiting count goes before every other item of the war room's queue
        StationView waiting = nma.get(3);
        var waitingOrg = fixture.organisation("quick-count-queue");
        var reporter = fixture.volunteer(waitingOrg, "quick-count-queue", "อาสา คิว");
        fixture.atStation(reporter, waiting, StationRole.PRIMARY);
        reports.send(waiting, "party-list", reporter.volunteer(), "quick-count-queue-1", reports.goodCount(waiting, "party-list"), List.of());
        List<WarRoom.QueueItem> queue = warRoom.queue("th-2566", 500);
        int ours = queue.stream().map(WarRoom.QueueItem::stationId).toList().indexOf(waiting.id());
        assertThat(ours).as("the sample station's item is queued").isNotNegative();
        assertThat(queue.get(ours).sample()).isTrue();
        assertThat(queue.subList(0, ours)).allSatisfy(q -> assertThat(q.sample()).isTrue());
        mvc.perform(get("/war-room").with(user("qc-verifier").roles("WAR_ROOM"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("หน่วยตัวอย่าง (นับเร็ว) ตรวจก่อน")));

        verify("quick-count-1", nma.get(0), "party-list");
        verify("quick-count-2", nma.get(1), "party-list");
        JsonNode after = json.readTree(mvc.perform(get(API).header("X-Api-Key", key)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsByteArray());
        assertThat(after.get("seed").asString()).isEqualTo(SEED);
        JsonNode estimate = after.get("estimate");
        assertThat(estimate.get("reported").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(estimate.get("unbalanced").asBoolean()).isTrue();
        JsonNode top = estimate.get("parties").get(0);
        assertThat(top.get("share").get("low").asDouble()).isLessThanOrEqualTo(top.get("share").get("estimate").asDouble());
        assertThat(top.get("share").get("high").asDouble()).isGreaterThanOrEqualTo(top.get("share").get("estimate").asDouble());
        assertThat(top.get("seatsLow").asInt()).isLessThanOrEqualTo(top.get("seatsHigh").asInt());
        mvc.perform(get("/results/th-2566")).andExpect(status().isOk())
                .andExpect(content().string(containsString("qc-bar")))
                .andExpect(content().string(containsString("หน่วยตัวอย่างที่ยืนยันแล้ว")))
                .andExpect(content().string(containsString("คำเตือน: หน่วยตัวอย่างที่รายงานแล้วยังกระจายไม่ทั่วถึงทุกจังหวัด")));
        mvc.perform(get("/results/th-2566").param("lang", "en")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Quick count from sample stations")))
                .andExpect(content().string(containsString("Download the sample stations (CSV)")));

        // the stream: the current estimate on connecting, a new one when another sample station is verified
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/results/th-2566/stream")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BlockingQueue<String[]> events = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String name = null, data = null;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data = line.substring(5);
                    } else if (line.isEmpty() && name != null) {
                        events.add(new String[] { name, data });
                        name = null;
                    }
                }
            } catch (java.io.IOException e) {
                // closed at the end of the test
            }
        });
        try {
            assertThat(reportedIn(nextQuickCount(events))).isEqualTo(estimate.get("reported").asInt());
            long sent = System.nanoTime();
            verify("quick-count-3", nma.get(2), "party-list");
            int reported;
            do {
                String[] next = nextQuickCount(events);
                assertThat(next).as("a quick-count event arrives").isNotNull();
                reported = reportedIn(next);
            } while (reported <= estimate.get("reported").asInt());
            long millis = (System.nanoTime() - sent) / 1_000_000;
            System.out.println("quick count on the stream " + millis + " ms after the second matching report was sent");
        } finally {
            reader.interrupt();
            response.body().close();
        }
    }

    /** Seats from the count marked as a projection with its share; a constituency leading, not yet decided; the same in the feeds. */
    @Test
    void seatsAreMarkedAsAProjectionAndAConstituencyLeadsUntilItIsDecided() throws Exception {
        StationView station = fixture.stations("NMA_7").get(2);
        verify("honest-count", station, "constituency", "party-list");
        var national = live.national("th-2566", LiveResults.View.VERIFIED).orElseThrow();
        assertThat(national.projection().shown()).isTrue(); // the tests project from the first count (projection-from=0)
        String percent = String.format(java.util.Locale.ROOT, "%.1f", national.projection().percentCounted());
        mvc.perform(get("/results/th-2566")).andExpect(status().isOk())
                .andExpect(content().string(containsString("ที่นั่งบัญชีรายชื่อเป็นการคาดการณ์จากหน่วยที่นับแล้ว " + percent + " %")))
                .andExpect(content().string(containsString("คาดการณ์จาก " + percent + " % ของหน่วย")))
                .andExpect(content().string(containsString("ตัดสินแล้ว")));
        mvc.perform(get("/results/th-2566").param("lang", "en")).andExpect(status().isOk())
                .andExpect(content().string(containsString("projection from " + percent + " % of stations")));
        mvc.perform(get("/results/th-2566/constituencies/NMA_7")).andExpect(status().isOk())
                .andExpect(content().string(containsString("นำอยู่ ยังไม่ตัดสิน")))
                .andExpect(content().string(not(containsString("ตัดสินแล้ว: ทิ้งห่าง"))));
        mvc.perform(get("/results/th-2566/provinces/NMA")).andExpect(status().isOk())
                .andExpect(content().string(containsString("<span class=\"badge\">นำอยู่</span>")));

        JsonNode api = json.readTree(mvc.perform(get("/api/v1/elections/th-2566/results/constituencies/NMA_7")
                .header("X-Api-Key", outlets.create("Honest Desk", null, 100, "test").key())).andReturn().getResponse().getContentAsByteArray());
        JsonNode race = api.get("contests").get(0).get("candidates").isEmpty() ? api.get("contests").get(1) : api.get("contests").get(0);
        assertThat(race.get("decided").asBoolean()).isFalse();
        assertThat(race.get("votesOutstanding").asLong()).isGreaterThan(race.get("margin").asLong());

        JsonNode feed = json.readTree(mvc.perform(get("/ect/th-2566/records/stats_party.json")).andReturn().getResponse().getContentAsByteArray());
        assertThat(feed.get("khanaen_seats").get("party_list_count_projected").asBoolean()).isTrue();
        assertThat(feed.get("khanaen_seats").get("meaning").asString()).contains("PROJECTION");
        assertThat(feed.get("result_party").get(0).has("first_mp_app_decided_count")).isTrue();
    }

    private String[] nextQuickCount(BlockingQueue<String[]> events) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            String[] e = events.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && e[0].equals("quick-count")) {
                return e;
            }
        }
        return null;
    }

    private int reportedIn(String[] event) {
        return json.readTree(event[1]).get("estimate").get("reported").asInt();
    }

    /** Two volunteers at the station send the same final count of each contest: verified (waits until the live results say so). */
    private void verify(String slug, StationView station, String... contests) throws InterruptedException {
        var org = fixture.organisation(slug);
        var first = fixture.volunteer(org, slug, "อาสา หนึ่ง");
        var second = fixture.volunteer(org, slug, "อาสา สอง");
        fixture.atStation(first, station, StationRole.PRIMARY);
        fixture.atStation(second, station, StationRole.BACKUP);
        for (String contest : contests) {
            var count = reports.goodCount(station, contest);
            reports.send(station, contest, first.volunteer(), slug + "-" + contest + "-a", count, List.of());
            reports.send(station, contest, second.volunteer(), slug + "-" + contest + "-b", count, List.of());
            long until = System.nanoTime() + 10_000_000_000L;
            while (live.station("th-2566", station.id(), LiveResults.View.VERIFIED).map(r -> r.contests().stream()
                    .noneMatch(c -> c.contest().equals(contest) && c.verifiedAt() != null)).orElse(true)) {
                assertThat(System.nanoTime()).as("%s verified at %s", contest, station.code()).isLessThan(until);
                Thread.sleep(20);
            }
        }
    }
}
