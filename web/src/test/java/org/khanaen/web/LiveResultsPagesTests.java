package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.StationView;
import org.khanaen.results.LiveResults;
import org.khanaen.results.MediaOutlets;
import org.khanaen.results.checks.Tally;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/** The public results pages, open to everyone, showing verified numbers only; administrators manage media keys. */
@FullStackTest
@Import({ AssignmentFixture.class, ReportFixture.class })
class LiveResultsPagesTests {

    @Autowired MockMvc mvc;
    @Autowired AssignmentFixture fixture;
    @Autowired ReportFixture reports;
    @Autowired LiveResults live;
    @Autowired MediaOutlets outlets;
    @Autowired tools.jackson.databind.json.JsonMapper json;

    @Test
    void anyoneSeesTheNationAProvinceAndAConstituencyInThaiOrEnglish() throws Exception {
        mvc.perform(get("/results")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/results/th-2566"));
        mvc.perform(get("/results/th-2566")).andExpect(status().isOk())
                .andExpect(content().string(containsString("ผลคะแนนอย่างไม่เป็นทางการ")))
                .andExpect(content().string(containsString("data-stream=\"/results/th-2566/stream\"")))
                .andExpect(content().string(containsString("/results/th-2566/provinces/BKK")));
        mvc.perform(get("/results/th-2566").param("lang", "en")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Projected seats")));
        mvc.perform(get("/results/th-2566/provinces/PYO")).andExpect(status().isOk())
                .andExpect(content().string(containsString("/results/th-2566/constituencies/PYO_1")));
        mvc.perform(get("/results/th-2566/constituencies/PYO_1/part")).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<html"))));
        mvc.perform(get("/results/th-2566/constituencies/XXX_1")).andExpect(status().isNotFound());
        mvc.perform(get("/results/no-such-election")).andExpect(status().isNotFound());
    }

    /**
     * Issue 23: the public pages come through a CDN. Asked without cookies they are everyone's: cacheable for 5 s by
     * shared caches and served stale while revalidated, with an ETag answered 304 without rendering, and no cookie set;
     * with a cookie (a session, a language chosen) the reader's own.
     */
    @Test
    void thePublicPagesAreCacheableByACdnAndRevalidatedByTheirETag() throws Exception {
        for (String page : List.of("/results/th-2566", "/results/th-2566/part", "/results/th-2566/provinces/PYO",
                "/results/th-2566/provinces/PYO/part", "/results/th-2566/constituencies/PYO_1", "/results/th-2566/constituencies/PYO_1/part")) {
            var answer = mvc.perform(get(page)).andExpect(status().isOk())
                    .andExpect(header().string("Cache-Control", allOf(containsString("public"), containsString("max-age=5"),
                            containsString("s-maxage=5"), containsString("stale-while-revalidate=30"))))
                    .andExpect(header().doesNotExist("Set-Cookie")).andReturn().getResponse();
            assertThat(answer.getCookies()).as(page).isEmpty();
            String etag = answer.getHeader("ETag");
            assertThat(etag).as(page).isNotBlank();
            // other tests' counts may land in between (a new stamp, a new tag): then the page again with the new tag
            int status = 0;
            for (int i = 0; i < 5 && status != 304; i++) {
                var again = mvc.perform(get(page).header("If-None-Match", etag)).andReturn().getResponse();
                status = again.getStatus();
                etag = status == 304 ? etag : again.getHeader("ETag");
                if (status == 304) {
                    assertThat(again.getContentAsString()).isEmpty();
                    assertThat(again.getHeader("Cache-Control")).contains("s-maxage=5");
                }
            }
            assertThat(status).as(page + " revalidated").isEqualTo(304);
            mvc.perform(get(page).cookie(new jakarta.servlet.http.Cookie("khanaen-lang", "en"))).andExpect(status().isOk())
                    .andExpect(header().string("Cache-Control", allOf(containsString("private"), containsString("no-cache"))))
                    .andExpect(header().string("ETag", not(etag)));
        }
        mvc.perform(get("/results/th-2566").param("lang", "en")).andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", containsString("private")));
    }

    @Test
    void aVerifiedCountShowsOnTheConstituencyPageAndAWaitingOneDoesNot() throws Exception {
        StationView station = fixture.stations("PYO_2").get(3);
        var org = fixture.organisation("pages-live");
        Tally count = reports.goodCount(station, "constituency");
        long leaderVotes = count.votes().values().stream().mapToLong(Long::longValue).max().orElseThrow();
        String shown = String.format("%,d", leaderVotes);
        var first = fixture.volunteer(org, "pages-live", "อาสา หน้า");
        fixture.atStation(first, station, StationRole.PRIMARY);
        long v0 = live.version("th-2566");
        reports.send(station, "constituency", first.volunteer(), "pages-live-1", count, List.of());
        await(v0);
        mvc.perform(get("/results/th-2566/constituencies/PYO_2")).andExpect(status().isOk())
                .andExpect(content().string(not(containsString(">" + shown + "<"))));

        var second = fixture.volunteer(org, "pages-live", "อาสา สอง");
        fixture.atStation(second, station, StationRole.BACKUP);
        long v1 = live.version("th-2566");
        reports.send(station, "constituency", second.volunteer(), "pages-live-2", count, List.of());
        await(v1);
        mvc.perform(get("/results/th-2566/constituencies/PYO_2")).andExpect(status().isOk())
                .andExpect(content().string(containsString(">" + shown + "<")));
    }

    @Test
    void administratorsCreateAKeyShownOnceAndRevokeIt() throws Exception {
        var admin = user("admin").roles("ADMIN");
        mvc.perform(get("/admin/media").with(admin)).andExpect(status().isOk()).andExpect(content().string(containsString("กุญแจ")));
        mvc.perform(post("/admin/media").with(admin).with(csrf()).param("name", " ").param("perMinute", "600"))
                .andExpect(flash().attribute("error", "media.problem.name"));
        mvc.perform(post("/admin/media").with(admin).with(csrf()).param("name", "ข่าวดึก").param("perMinute", "lots"))
                .andExpect(flash().attribute("error", "media.problem.rate"));
        var created = mvc.perform(post("/admin/media").with(admin).with(csrf()).param("name", "ข่าวดึก").param("contact", "desk@example.org")
                .param("perMinute", "120")).andExpect(redirectedUrl("/admin/media")).andReturn();
        String key = (String) created.getFlashMap().get("mediaKey");
        assertThat(key).startsWith("khm_");
        var outlet = outlets.outletOf(key).orElseThrow();
        assertThat(outlet.perMinute()).isEqualTo(120);
        mvc.perform(get("/admin/media").with(admin)).andExpect(content().string(not(containsString(key))));
        mvc.perform(post("/admin/media/" + outlet.id() + "/revoke").with(admin).with(csrf())).andExpect(flash().attribute("notice", "media.revoked"));
        assertThat(outlets.outletOf(key)).isEmpty();
        mvc.perform(get("/admin/media").with(user("someone").roles("VOLUNTEER"))).andExpect(status().isForbidden());
    }

    @Test
    void administratorsLoadTheOfficialSampleAndSeeWhereItDiffers() throws Exception {
        var admin = user("admin").roles("ADMIN");
        byte[] sample = java.nio.file.Files.readAllBytes(EctSample.path());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/admin/elections/th-2566/official")
                .file(new org.springframework.mock.web.MockMultipartFile("file", "sample.json", "application/json", sample)).with(admin).with(csrf()))
                .andExpect(flash().attribute("notice", "official.recorded")).andExpect(flash().attribute("noticeArgument", 6));
        // the sample's constituencies have no verified stations here (or, after the replay test, exactly its numbers)
        mvc.perform(get("/admin/elections/th-2566/official").with(admin)).andExpect(status().isOk())
                .andExpect(content().string(containsString("ผลอย่างเป็นทางการแล้ว 6 รายการ")));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/admin/elections/th-2566/official")
                .file(new org.springframework.mock.web.MockMultipartFile("file", "x.json", "application/json", "{\"a\": 1}".getBytes()))
                .with(admin).with(csrf()))
                .andExpect(flash().attribute("error", "official.problem.file"));
    }

    /**
     * The commission's files as published, where they contradict themselves (a small file of each kind, made from the
     * sample): recorded as written, every contradiction listed with where, what and by how much.
     */
    @Test
    void officialFilesThatDoNotAddUpAreRecordedAsWrittenAndTheirContradictionsListed() throws Exception {
        var admin = user("admin").roles("ADMIN");
        tools.jackson.databind.node.ObjectNode file = (tools.jackson.databind.node.ObjectNode) json.readTree(
                java.nio.file.Files.readAllBytes(EctSample.path()));
        var acr = file.get("result_province").get(0).get("constituencies");
        var acr1 = (tools.jackson.databind.node.ObjectNode) acr.get(0);
        var acr2 = (tools.jackson.databind.node.ObjectNode) acr.get(1);
        acr1.put("valid_votes", acr1.get("valid_votes").asLong() + 1);                         // candidates' votes: one short
        acr2.put("party_list_valid_votes", acr2.get("party_list_valid_votes").asLong() - 2);   // party list: two over
        long party705 = 0;
        for (var p : file.get("result_province")) {
            for (var c : p.get("constituencies")) {
                for (var x : c.get("result_party")) {
                    party705 += x.get("party_id").asInt() == 705 ? x.get("party_list_vote").asLong() : 0;
                }
            }
        }
        String partyFile = "{\"result_party\": [{\"party_id\": 705, \"party_vote\": " + (party705 + 1) + ".0, \"mp_app_vote\": 10.0,"
                + " \"candidates\": [{\"mp_app_id\": \"ACR_1_1\", \"mp_app_vote\": 10.0}]}]}";

        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/admin/elections/th-2566/official")
                .file(new org.springframework.mock.web.MockMultipartFile("file", "stats_cons.json", "application/json", json.writeValueAsBytes(file)))
                .file(new org.springframework.mock.web.MockMultipartFile("partyFile", "stats_party.json", "application/json", partyFile.getBytes()))
                .with(admin).with(csrf()))
                .andExpect(flash().attribute("notice", "official.recorded")).andExpect(flash().attribute("noticeArgument", 6))
                .andExpect(flash().attribute("partyContradictions", List.of(new org.khanaen.results.OfficialResults.Contradiction(
                        "705", "party-list", "party-total", party705 + 1, party705))));
        String page = mvc.perform(get("/admin/elections/th-2566/official").param("lang", "en").with(admin)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        String table = page.substring(page.indexOf("<table id=\"contradictions\""));
        table = table.substring(0, table.indexOf("</table>"));
        assertThat(table).contains("ACR_1", "The candidates&#39; votes do not make the valid ballots", "+1")
                .contains("ACR_2", "The party-list votes do not make the valid ballots", "-2")
                .doesNotContain("RNG_1");

        // the sample as published adds up: nothing listed any more
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/admin/elections/th-2566/official")
                .file(new org.springframework.mock.web.MockMultipartFile("file", "sample.json", "application/json",
                        java.nio.file.Files.readAllBytes(EctSample.path())))
                .with(admin).with(csrf())).andExpect(flash().attribute("notice", "official.recorded"));
        mvc.perform(get("/admin/elections/th-2566/official").param("lang", "en").with(admin)).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<table id=\"contradictions\""))))
                .andExpect(content().string(containsString("Every figure in the file adds up.")));
    }

    private void await(long version) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (live.version("th-2566") <= version) {
            assertThat(System.nanoTime()).isLessThan(until);
            Thread.sleep(20);
        }
    }
}
