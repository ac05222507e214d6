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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.StationView;
import org.khanaen.results.WarRoom.ContestState;
import org.khanaen.results.Photos;
import org.khanaen.results.Photos.PhotoKind;
import org.khanaen.results.ReportIntake;
import org.khanaen.results.WarRoom;
import org.khanaen.results.checks.Tally;
import org.khanaen.volunteers.OrganisationId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The war room decides conflicts beside the photos; a lead follows their stations' counts, chases and confirms. */
@FullStackTest
@Import({ AssignmentFixture.class, ReportFixture.class })
class WarRoomPagesTests {

    @Autowired MockMvc mvc;
    @Autowired AssignmentFixture people;
    @Autowired ReportFixture counts;
    @Autowired WarRoom warRoom;
    @Autowired Photos photos;
    @Autowired JdbcClient jdbc;
    @Autowired ReportIntake intake;
    @Autowired org.khanaen.elections.ElectionCatalog catalog;

    private long constituencyOf(StationView station) {
        return catalog.stationPoint(station.id()).orElseThrow().constituencyId();
    }

    private static RequestPostProcessor verifier(String name) {
        return user(name).roles("WAR_ROOM");
    }

    private static RequestPostProcessor volunteer(AssignmentFixture.Person person) {
        return user(person.email()).roles("VOLUNTEER");
    }


    @Test
    void aVerifierTakesTheConflictSeesTheDifferenceAndThePhotosAndApprovesTheRightReport() throws Exception {
        OrganisationId org = people.organisation("war-room-pages");
        StationView station = people.stations("SKM_1").get(3);
        var primary = people.volunteer(org, "war-room-pages", "แดง นับถูก");
        var backup = people.volunteer(org, "war-room-pages", "ดำ พิมพ์ผิด");
        people.atStation(primary, station, StationRole.PRIMARY);
        people.atStation(backup, station, StationRole.BACKUP);
        long photo = photos.store(ReportFixture.image("png", 3), PhotoKind.COUNT_FORM, ReportFixture.actor(primary.volunteer())).id();
        Tally right = counts.goodCount(station, "constituency");
        long good = counts.send(station, "constituency", primary.volunteer(), "war-page-001", right, List.of(photo));
        long bad = counts.send(station, "constituency", backup.volunteer(), "war-page-002", ReportFixture.misread(right), List.of());
        long item = warRoom.itemOf(station.id(), "constituency").orElseThrow();

        mvc.perform(get("/war-room").with(volunteer(primary))).andExpect(status().isForbidden())
                .andExpect(content().string(containsString("สำหรับห้องปฏิบัติการกลาง")));
        mvc.perform(get("/war-room/photos/" + photo).with(volunteer(primary))).andExpect(status().isForbidden());
        mvc.perform(get("/war-room").with(verifier("somchai"))).andExpect(status().isOk())
                .andExpect(content().string(containsString(station.code())))
                .andExpect(content().string(containsString("รายงานขัดแย้งกัน")))
                .andExpect(content().string(containsString("http-equiv=\"refresh\" content=\"30\"")));

        // claimed by another verifier first: "next" gives somchai something else, and deciding this one is refused
        assertThat(warRoom.claim(item, "somsri")).isTrue();
        mvc.perform(post("/war-room/items/" + item + "/approve").param("report", String.valueOf(good)).with(csrf()).with(verifier("somchai")))
                .andExpect(redirectedUrl("/war-room/items/" + item))
                .andExpect(flash().attribute("problem", "คุณไม่ได้ถือรายการนี้อยู่ (หมดเวลาหรือมีผู้อื่นรับไป) กรุณารับรายการใหม่"));
        warRoom.release(item, "somsri");

        mvc.perform(post("/war-room/items/" + item + "/claim").with(csrf()).with(verifier("somchai")))
                .andExpect(redirectedUrl("/war-room/items/" + item));
        String page = mvc.perform(get("/war-room/items/" + item).with(verifier("somchai"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("class=\"differs\"")))
                .andExpect(content().string(containsString("/war-room/photos/" + photo)))
                // the 40×30 photo's box is sized before it loads: the buttons below it do not move under a finger
                .andExpect(content().string(containsString("width=\"240\" height=\"180\"")))
                .andExpect(content().string(containsString("แบบ ส.ส. 5/18")))
                .andExpect(content().string(containsString("id=\"correct-form\""))).andReturn().getResponse().getContentAsString();
        // the page shows the photo straight from the bucket (no request to the app per photo); "open" still asks the app
        assertThat(imageFromBucket(page)).isEqualTo(ReportFixture.image("png", 3));
        var shown = fromBucket(mvc.perform(get("/war-room/photos/" + photo).with(verifier("somchai"))).andReturn());
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(shown.body()).isEqualTo(ReportFixture.image("png", 3));

        mvc.perform(post("/war-room/items/" + item + "/reject").param("report", String.valueOf(bad)).param("reason", "")
                        .with(csrf()).with(verifier("somchai")))
                .andExpect(flash().attribute("problem", "กรุณาระบุเหตุผล"));
        mvc.perform(post("/war-room/items/" + item + "/approve").param("report", String.valueOf(good)).param("reason", "ตรงกับรูปแบบ 5/18")
                        .with(csrf()).with(verifier("somchai")))
                .andExpect(flash().attribute("notice", "war-room.verified"))
                .andExpect(result -> assertTakenNext(result.getResponse().getRedirectedUrl(), item, "somchai"));

        WarRoom.Item decided = warRoom.item(item).orElseThrow();
        assertThat(decided.state()).isEqualTo(ContestState.VERIFIED);
        assertThat(decided.verified().votes()).isEqualTo(right.votes());
        assertThat(decided.steps()).last().satisfies(s -> {
            assertThat(s.actor()).isEqualTo("somchai");
            assertThat(s.reason()).isEqualTo("ตรงกับรูปแบบ 5/18");
        });
        mvc.perform(get("/war-room/items/" + item).with(verifier("somchai"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("ยืนยันโดยห้องปฏิบัติการกลาง")))
                .andExpect(content().string(not(containsString("id=\"correct-form\""))));
    }

    @Test
    void aCorrectionWithNumbersThatDoNotAddUpIsRefusedInWords() throws Exception {
        OrganisationId org = people.organisation("war-room-correct");
        StationView station = people.stations("SKM_1").get(4);
        var primary = people.volunteer(org, "war-room-correct", "ขาว ส่งผล");
        people.atStation(primary, station, StationRole.PRIMARY);
        Tally count = counts.goodCount(station, "constituency");
        counts.send(station, "constituency", primary.volunteer(), "war-page-101", count, List.of());
        long item = warRoom.itemOf(station.id(), "constituency").orElseThrow();
        assertThat(warRoom.claim(item, "somsak")).isTrue();

        var request = post("/war-room/items/" + item + "/correct").param("valid", String.valueOf(count.valid() + 1))
                .param("invalid", "5").param("noVote", "2").param("ballotsUsed", String.valueOf(count.valid() + 8)).param("reason", "อ่านจากรูป");
        count.votes().forEach((n, v) -> request.param("vote_" + n, String.valueOf(v)));
        mvc.perform(request.with(csrf()).with(verifier("somsak")))
                .andExpect(redirectedUrl("/war-room/items/" + item))
                .andExpect(flash().attribute("problem", containsString("ต้องเท่ากับบัตรดี")));
        mvc.perform(post("/war-room/items/" + item + "/correct").param("valid", "x").with(csrf()).with(verifier("somsak")))
                .andExpect(flash().attribute("problem", "ทุกช่องต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป"));
        assertThat(warRoom.item(item).orElseThrow().state()).isEqualTo(ContestState.FINAL);
    }

    @Test
    void aLeadSeesEachStationsStateChasesTheSilentOnesAndConfirmsAWaitingCount() throws Exception {
        OrganisationId org = people.organisation("lead-results");
        List<StationView> stations = people.stations("SKM_1");
        var lead = people.volunteer(org, "lead-results", "หัวหน้า เขตสมุทรสงคราม");
        var reporter = people.volunteer(org, "lead-results", "ส้ม ส่งผลแล้ว");
        var silent = people.volunteer(org, "lead-results", "เงียบ ยังไม่ส่ง");
        var stranger = people.volunteer(org, "lead-results", "ไกล เขตอื่น");
        people.asLead(lead, "SKM_1");
        people.asLead(stranger, "PKN_3");
        StationView reported = stations.get(10);
        StationView quiet = stations.get(11);
        people.atStation(reporter, reported, StationRole.PRIMARY);
        people.atStation(silent, quiet, StationRole.PRIMARY);
        long photo = photos.store(ReportFixture.image("png", 11), PhotoKind.TALLY_BOARD, ReportFixture.actor(reporter.volunteer())).id();
        long report = counts.send(reported, "constituency", reporter.volunteer(), "lead-page-01", counts.goodCount(reported, "constituency"),
                List.of(photo));
        long item = warRoom.itemOf(reported.id(), "constituency").orElseThrow();

        mvc.perform(get("/lead/results").with(volunteer(lead))).andExpect(status().isOk())
                .andExpect(content().string(containsString(quiet.code())))
                .andExpect(content().string(containsString("ผลนับครั้งสุดท้าย รอตรวจ")))
                .andExpect(content().string(containsString("/lead/results/stations/" + quiet.id() + "/chase")));
        mvc.perform(get("/lead/results").with(volunteer(reporter))).andExpect(status().isForbidden());

        mvc.perform(post("/lead/results/stations/" + quiet.id() + "/chase").with(csrf()).with(volunteer(lead)))
                .andExpect(redirectedUrl("/lead/results")).andExpect(flash().attribute("noticeText", "ส่งอีเมลถึงอาสา 1 คนแล้ว"));
        assertThat(jdbc.sql("select text_body from mail_outbox where recipient = ? and category = 'report-chase'").param(silent.email())
                .query(String.class).list()).singleElement().satisfies(text -> {
                    assertThat(text).contains(quiet.code()).contains("หัวหน้า เขตสมุทรสงคราม"); // the lead's name, not their sign-in
                    assertThat(text).doesNotContain(lead.email());
                });

        mvc.perform(get("/lead/results/items/" + item).with(volunteer(stranger))).andExpect(status().isNotFound());
        mvc.perform(get("/lead/results/photos/" + photo).with(volunteer(stranger))).andExpect(status().isNotFound());
        assertThat(fromBucket(mvc.perform(get("/lead/results/photos/" + photo).with(volunteer(lead))).andReturn()).body())
                .isEqualTo(ReportFixture.image("png", 11));
        mvc.perform(get("/lead/results/items/" + item).with(volunteer(lead))).andExpect(status().isOk())
                .andExpect(content().string(containsString("ยืนยันรายงานที่ 1")));
        mvc.perform(get("/lead/results/items/" + item).with(volunteer(lead))).andExpect(result ->
                assertThat(imageFromBucket(result.getResponse().getContentAsString())).isEqualTo(ReportFixture.image("png", 11)));
        // confirmed: on to the next count waiting for this lead (another of the constituency's), else the stations' list
        String next = mvc.perform(post("/lead/results/items/" + item + "/confirm").param("report", String.valueOf(report)).with(csrf())
                        .with(volunteer(lead)))
                .andExpect(flash().attribute("notice", "lead.results.confirmed")).andReturn().getResponse().getRedirectedUrl();
        // the next is the lead's now (a verifier's "next" passes it by); asked again, the lead gets the same
        assertThat(next).isEqualTo(warRoom.claimNextForLead(reported.electionId(), constituencyOf(reported), lead.email())
                .map(id -> "/lead/results/items/" + id).orElse("/lead/results"));
        assertThat(warRoom.item(item).orElseThrow().state()).isEqualTo(ContestState.VERIFIED);
        assertThat(warRoom.item(item).orElseThrow().steps()).last().satisfies(s -> assertThat(s.action()).isEqualTo("LEAD_CONFIRMED"));
    }

    @Test
    void aLeadIsNotOfferedAFormThatDoesNotAddUpTheWarRoomAcceptsItAsWritten() throws Exception {
        OrganisationId org = people.organisation("lead-as-written");
        StationView station = people.stations("NYK_1").get(2);
        var lead = people.volunteer(org, "lead-as-written", "หัวหน้า เขตนครนายก");
        var reporter = people.volunteer(org, "lead-as-written", "ฟ้า เขียนตามแบบ");
        people.asLead(lead, "NYK_1");
        people.atStation(reporter, station, StationRole.PRIMARY);
        Tally good = counts.goodCount(station, "constituency");
        Tally asSigned = new Tally(good.votes(), good.valid() + 1, good.invalid(), good.noVote(), good.ballotsUsed() + 1, true);
        long report = intake.submit(new ReportIntake.Submission(station.electionId(), station.id(), "constituency", reporter.volunteer(),
                ReportFixture.actor(reporter.volunteer()), "lead-aw-01", asSigned, true, List.of(), true), List.of()).reportId();
        long item = warRoom.itemOf(station.id(), "constituency").orElseThrow();

        mvc.perform(get("/lead/results/items/" + item).with(volunteer(lead))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("/lead/results/items/" + item + "/confirm"))))
                .andExpect(content().string(containsString("แบบที่ผลรวมไม่ตรงกันต้องให้ห้องปฏิบัติการกลางตรวจ")));
        mvc.perform(post("/lead/results/items/" + item + "/confirm").param("report", String.valueOf(report)).with(csrf()).with(volunteer(lead)))
                .andExpect(redirectedUrl("/lead/results/items/" + item))
                .andExpect(flash().attribute("problem", containsString("แบบที่ผลรวมไม่ตรงกัน")));
        assertThat(warRoom.item(item).orElseThrow().state()).isEqualTo(ContestState.FINAL);
    }

    /** The photo as the browser gets it: the app answers a redirect (never cached) to a presigned link into the bucket. */
    @Test
    void aLeadGoesOnToTheNextCountTheyMayConfirmNotToAConflictNorAFormAsWritten() throws Exception {
        OrganisationId org = people.organisation("lead-next");
        List<StationView> stations = people.stations("NPT_3");
        var lead = people.volunteer(org, "lead-next", "หัวหน้า ไปต่อ");
        people.asLead(lead, "NPT_3");
        var a = people.volunteer(org, "lead-next", "หนึ่ง ส่งก่อน");
        var b = people.volunteer(org, "lead-next", "สอง ส่งถัดมา");
        var c = people.volunteer(org, "lead-next", "สาม ขัดแย้ง");
        var d = people.volunteer(org, "lead-next", "สี่ ขัดแย้ง");
        StationView first = stations.get(20), second = stations.get(21), conflict = stations.get(22);
        people.atStation(a, first, StationRole.PRIMARY);
        people.atStation(b, second, StationRole.PRIMARY);
        people.atStation(c, conflict, StationRole.PRIMARY);
        people.atStation(d, conflict, StationRole.BACKUP);
        Tally good = counts.goodCount(conflict, "constituency");
        counts.send(conflict, "constituency", c.volunteer(), "lead-next-c", good, List.of());
        counts.send(conflict, "constituency", d.volunteer(), "lead-next-d", ReportFixture.misread(good), List.of());
        var e = people.volunteer(org, "lead-next", "ห้า เขียนตามแบบ");
        StationView asWritten = stations.get(23);
        people.atStation(e, asWritten, StationRole.PRIMARY);
        Tally sum = counts.goodCount(asWritten, "constituency");
        intake.submit(new ReportIntake.Submission(asWritten.electionId(), asWritten.id(), "constituency", e.volunteer(),
                ReportFixture.actor(e.volunteer()), "lead-next-e", new Tally(sum.votes(), sum.valid() + 1, sum.invalid(), sum.noVote(),
                        sum.ballotsUsed() + 1, true), true, List.of(), true), List.of());
        long one = counts.send(first, "constituency", a.volunteer(), "lead-next-a", counts.goodCount(first, "constituency"), List.of());
        counts.send(second, "constituency", b.volunteer(), "lead-next-b", counts.goodCount(second, "constituency"), List.of());
        long firstItem = warRoom.itemOf(first.id(), "constituency").orElseThrow();
        long secondItem = warRoom.itemOf(second.id(), "constituency").orElseThrow();

        // the conflict and the form as written came first but are the war room's; of the two single counts, the older first
        assertThat(warRoom.claimNextForLead(first.electionId(), constituencyOf(first), "another-lead")).contains(firstItem);
        assertThat(warRoom.claimNext(AssignmentFixture.ELECTION, "somjai")).as("the war room's next passes a lead's by")
                .isNotEqualTo(java.util.Optional.of(firstItem));
        warRoom.claimNext(AssignmentFixture.ELECTION, "somjai").ifPresent(taken -> warRoom.release(taken, "somjai"));
        warRoom.release(firstItem, "another-lead");
        assertThat(warRoom.claim(firstItem, "somjai")).isTrue(); // a verifier holds it: not offered to the lead meanwhile
        assertThat(warRoom.claimNextForLead(first.electionId(), constituencyOf(first), "another-lead")).contains(secondItem);
        warRoom.release(secondItem, "another-lead");
        warRoom.release(firstItem, "somjai");
        mvc.perform(post("/lead/results/items/" + firstItem + "/confirm").param("report", String.valueOf(one)).with(csrf()).with(volunteer(lead)))
                .andExpect(redirectedUrl("/lead/results/items/" + secondItem));
        assertThat(warRoom.item(secondItem).orElseThrow().claimedBy(lead.email(), java.time.Instant.now())).isTrue();
        // not confirming it, the lead leaves it to the war room at once (not when the hold runs out)
        mvc.perform(get("/lead/results/items/" + secondItem).with(volunteer(lead)))
                .andExpect(content().string(containsString("/lead/results/items/" + secondItem + "/leave")));
        mvc.perform(post("/lead/results/items/" + secondItem + "/leave").with(csrf()).with(volunteer(lead)))
                .andExpect(redirectedUrl("/lead/results")).andExpect(flash().attribute("notice", "lead.results.left"));
        assertThat(warRoom.item(secondItem).orElseThrow().claimedBy()).isNull();
        assertThat(warRoom.claim(secondItem, "somjai")).as("the war room may take it now").isTrue();
        warRoom.release(secondItem, "somjai");
    }

    /** After a decision: the next item, now the verifier's, or the queue when nothing waits. */
    private void assertTakenNext(String redirect, long decided, String verifier) {
        if ("/war-room".equals(redirect)) {
            assertThat(warRoom.claimNext(AssignmentFixture.ELECTION, verifier + "-looks")).isEmpty();
            return;
        }
        assertThat(redirect).startsWith("/war-room/items/");
        long next = Long.parseLong(redirect.substring("/war-room/items/".length()));
        assertThat(next).isNotEqualTo(decided);
        assertThat(warRoom.item(next).orElseThrow().claimedBy(verifier, java.time.Instant.now().plusSeconds(1))).isTrue();
        warRoom.release(next, verifier); // other tests' items stay theirs to take
    }

    /** The item page's photo, fetched from the presigned link in its img (as a browser does). */
    private static byte[] imageFromBucket(String page) throws Exception {
        var img = java.util.regex.Pattern.compile("<img src=\"(http[^\"]+)\"").matcher(page);
        assertThat(img.find()).as("an img straight from the bucket").isTrue();
        var answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(img.group(1).replace("&amp;", "&"))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    private static java.net.http.HttpResponse<byte[]> fromBucket(org.springframework.test.web.servlet.MvcResult answer) throws Exception {
        assertThat(answer.getResponse().getStatus()).isEqualTo(302);
        assertThat(answer.getResponse().getHeader("Cache-Control")).contains("no-store");
        assertThat(answer.getResponse().getContentAsByteArray()).isEmpty();
        return java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(answer.getResponse().getHeader("Location"))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    }
}
