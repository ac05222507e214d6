package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.StationView;
import org.khanaen.results.checks.Tally;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The volunteer's count report page: as a plain form (no script) and as the script's JSON, with its checks in words. */
@FullStackTest
@Import({ AssignmentFixture.class, ReportFixture.class })
class ReportPagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    AssignmentFixture fixture;
    @Autowired
    ReportFixture reports;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    org.khanaen.results.WarRoom warRoom;
    @Autowired
    org.khanaen.elections.ElectionCatalog catalog;

    private static RequestPostProcessor signedIn(AssignmentFixture.Person person) {
        return user(person.email()).roles("VOLUNTEER");
    }

    private record Placed(AssignmentFixture.Person person, StationView station) {
    }

    private Placed placed(String slug, String constituency, int station) {
        var org = fixture.organisation(slug);
        var person = fixture.volunteer(org, slug, "อาสา ส่งผล");
        StationView at = fixture.stations(constituency).get(station);
        fixture.atStation(person, at, StationRole.PRIMARY);
        return new Placed(person, at);
    }

    private MockMultipartHttpServletRequestBuilder form(Placed placed, Tally tally, String key) {
        return form(placed, ReportFixture.formOf(tally), key);
    }

    /** @param fields {@code photosLater} absent: the choice to send without photos made; blank: not made */
    private MockMultipartHttpServletRequestBuilder form(Placed placed, java.util.Map<String, String> fields, String key) {
        var request = multipart("/me/report");
        var given = new java.util.HashMap<>(fields);
        String later = given.remove("photosLater");
        given.forEach(request::param);
        request.param("station", String.valueOf(placed.station().id())).param("contest", "constituency").param("idempotencyKey", key);
        if (later == null) {
            request.param("photosLater", "true"); // these tests are about the numbers; the photo rule has its own
        } else if (!later.isEmpty()) {
            request.param("photosLater", later);
        }
        request.with(csrf()).with(signedIn(placed.person()));
        return request;
    }

    /** The page's JSON for this station, the choice to send without photos made unless {@code photosLater} says otherwise. */
    private static String json(Placed placed, Tally tally, String contest, String key, List<Long> photos, Boolean photosLater) {
        return ReportFixture.json(tally, contest, key, false, photos).replace("{\"contest\"", "{\"stationId\":" + placed.station().id()
                + (photosLater == null ? "" : ",\"photosLater\":" + photosLater) + ",\"contest\"");
    }

    private org.springframework.test.web.servlet.ResultActions sendJson(Placed placed, String body, String... lang) throws Exception {
        var request = post("/me/report").contentType(MediaType.APPLICATION_JSON).content(body).with(csrf()).with(signedIn(placed.person()));
        if (lang.length > 0) {
            request.param("lang", lang[0]);
        }
        return mvc.perform(request);
    }

    @Test
    void theAssignmentPageLinksToTheReportPageWhichShowsTheStationItsNumbersAndAKey() throws Exception {
        Placed p = placed("report-show", "BKK_10", 0);

        mvc.perform(get("/me/assignment").with(signedIn(p.person()))).andExpect(content().string(containsString("href=\"/me/report\"")))
                .andExpect(content().string(containsString("ส่งผลนับคะแนนของหน่วย")));
        mvc.perform(get("/me/report").with(signedIn(p.person()))).andExpect(status().isOk())
                .andExpect(content().string(containsString(p.station().code())))
                .andExpect(content().string(containsString("name=\"vote-1\"")))
                .andExpect(content().string(containsString("name=\"idempotencyKey\"")))
                .andExpect(content().string(containsString("ใบประกาศผลนับคะแนน (ส.ส. 5/18)")))
                .andExpect(content().string(containsString("src=\"/js/report-form.js\"")))
                .andExpect(content().string(not(containsString("<script>")))); // the CSP allows no inline script
        mvc.perform(get("/me/report").param("contest", "party-list").param("lang", "en").with(signedIn(p.person())))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Send the count")))
                .andExpect(content().string(containsString("Signed count form")));

        var nobody = fixture.volunteer(fixture.organisation("report-nobody"), "report-nobody", "ไม่มี ตำแหน่ง");
        mvc.perform(get("/me/report").with(signedIn(nobody))).andExpect(status().isForbidden())
                .andExpect(content().string(containsString("คุณยังไม่ได้ประจำหน่วยเลือกตั้ง")));
    }

    @Test
    void thePlainFormStoresTheReportWithItsPhotosAndTheSameKeyTwiceStoresOne() throws Exception {
        Placed p = placed("report-form", "BKK_11", 0);
        Tally count = reports.goodCount(p.station(), "constituency");
        String key = "page-form-key-0001";

        mvc.perform(form(p, count, key)
                        .file(new MockMultipartFile("tally_board", "board.png", "image/png", ReportFixture.image("png", 101)))
                        .file(new MockMultipartFile("count_form", "form.jpg", "image/jpeg", ReportFixture.image("jpg", 102)))
                        .file(new MockMultipartFile("station_sign", "sign.png", "image/png", ReportFixture.image("png", 103))))
                .andExpect(redirectedUrl("/me/report?station=" + p.station().code() + "&contest=constituency"))
                .andExpect(flash().attributeExists("sent"));
        mvc.perform(form(p, count, key)).andExpect(status().is3xxRedirection());

        assertThat(reports.reports(key)).isEqualTo(1);
        assertThat(reports.photosOf(key)).isEqualTo(3);
    }

    @Test
    void warningsComeBackWithTheirNumbersAndNeedTheConfirmation() throws Exception {
        Placed p = placed("report-warn", "BKK_12", 0);
        Tally close = reports.closeCount(p.station(), "constituency");
        long leader = close.votes().values().stream().max(Long::compare).orElseThrow();
        String key = "page-warn-key-0001";

        var refused = mvc.perform(form(p, close, key)
                        .file(new MockMultipartFile("tally_board", "board.png", "image/png", ReportFixture.image("png", 111))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("ได้รับรูปไว้แล้ว 1 รูป")))
                .andExpect(content().string(containsString("บัตรเสีย 9 ใบ มากกว่าคะแนนที่ผู้นำทิ้งห่าง: 9 &gt; 1 = " + leader)))
                .andExpect(content().string(containsString("ตัวเลขถูกต้องตามที่นับจริง")))
                .andExpect(content().string(containsString("value=\"" + key + "\""))) // the same draft, the same key
                .andExpect(content().string(containsString("value=\"" + close.ballotsUsed() + "\""))) // as typed
                .andReturn();
        assertThat(reports.reports(key)).isZero();

        // the photo came with the refused form and is kept by the page: the confirmed report names it
        var kept = java.util.regex.Pattern.compile("name=\"photoIds\" value=\"(\\d+)\"").matcher(refused.getResponse().getContentAsString());
        assertThat(kept.find()).isTrue();
        mvc.perform(form(p, close, key).param("warningsConfirmed", "true").param("photoIds", kept.group(1)))
                .andExpect(status().is3xxRedirection());
        assertThat(reports.reports(key)).isEqualTo(1);
        assertThat(reports.photosOf(key)).isEqualTo(1);
    }

    @Test
    void errorsRefuseTheReportWithTheFormulaAndWhatWasTyped() throws Exception {
        Placed p = placed("report-error", "BKK_13", 0);
        Tally good = reports.goodCount(p.station(), "constituency");
        Tally wrong = new Tally(good.votes(), good.valid(), good.invalid(), good.noVote(), good.ballotsUsed() + 3, true);

        mvc.perform(form(p, wrong, "page-error-key-01").param("warningsConfirmed", "true")).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("บัตรดี " + good.valid() + " + บัตรเสีย 5 + ไม่เลือกผู้ใด 2 = " + (good.valid() + 7)
                        + " ต้องเท่ากับบัตรที่ใช้ (" + (good.ballotsUsed() + 3) + ")")));
        mvc.perform(form(p, wrong, "page-error-key-01").param("lang", "en")).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("must equal the ballots used")));
        // a total left out, a number that is not one: said, nothing stored
        var fields = ReportFixture.formOf(good);
        fields.put("valid", "");
        fields.put("vote-" + good.votes().keySet().iterator().next(), "12a");
        mvc.perform(form(p, fields, "page-error-key-01")).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("ต้องกรอกจำนวนบัตรดี")))
                .andExpect(content().string(containsString("คะแนนต้องเป็นจำนวนเต็ม")));
        assertThat(reports.reports("page-error-key-01")).isZero();
    }

    @Test
    void aSignedFormThatDoesNotAddUpIsOfferedToBeSentAsWrittenAndIsThenKept() throws Exception {
        Placed p = placed("report-as-written", "BKK_13", 4);
        Tally good = reports.goodCount(p.station(), "constituency");
        var fields = ReportFixture.formOf(good);
        int first = good.votes().keySet().iterator().next();
        fields.put("vote-" + first, String.valueOf(good.votes().get(first) + 1)); // as signed: one vote more than its valid ballots
        fields.put("votersCame", String.valueOf(good.ballotsUsed()));
        fields.put("ballotsReceived", String.valueOf(good.ballotsUsed() + 20));
        fields.put("ballotsLeft", "19");

        mvc.perform(form(p, fields, "page-as-written-01")).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("ต้องเท่ากับบัตรที่ได้รับจัดสรร (" + (good.ballotsUsed() + 20) + ")")))
                .andExpect(content().string(containsString("id=\"as-written-box\" class=\"confirm\">")))
                .andExpect(content().string(containsString("value=\"19\"")));
        // a mistake of the report, not of the form, is never offered as written
        var overRegistered = new java.util.HashMap<>(fields);
        overRegistered.put("votersCame", String.valueOf(p.station().registeredVoters() + 1));
        mvc.perform(form(p, overRegistered, "page-as-written-01")).andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("id=\"as-written-box\" class=\"confirm is-hidden\"")));
        assertThat(reports.reports("page-as-written-01")).isZero();

        mvc.perform(form(p, fields, "page-as-written-01").param("asWritten", "true")).andExpect(status().is3xxRedirection());
        assertThat(reports.reports("page-as-written-01")).isEqualTo(1);
    }

    @Test
    void theScriptsJsonIsStoredOnceAndAnswersWithFindings() throws Exception {
        Placed p = placed("report-json", "BKK_14", 0);
        Tally count = reports.goodCount(p.station(), "constituency");
        String body = json(p, count, "constituency", "page-json-key-0001", List.of(), true);

        var first = mvc.perform(post("/me/report").contentType(MediaType.APPLICATION_JSON).content(body).with(csrf())
                        .with(signedIn(p.person())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("STORED"))
                .andExpect(jsonPath("$.message", startsWith("ได้รับรายงานแล้ว"))).andReturn();
        Number id = com.jayway.jsonpath.JsonPath.read(first.getResponse().getContentAsString(), "$.reportId");
        mvc.perform(post("/me/report").contentType(MediaType.APPLICATION_JSON).content(body).with(csrf()).with(signedIn(p.person())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("ALREADY_STORED"))
                .andExpect(jsonPath("$.reportId").value(id.longValue()));
        assertThat(reports.reports("page-json-key-0001")).isEqualTo(1);

        Tally close = reports.closeCount(p.station(), "party-list");
        String warned = json(p, close, "party-list", "page-json-key-0002", List.of(), true);
        mvc.perform(post("/me/report").contentType(MediaType.APPLICATION_JSON).content(warned).with(csrf()).with(signedIn(p.person())))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.needsConfirmation").value(true))
                .andExpect(jsonPath("$.findings[0].severity").value("WARNING"))
                .andExpect(jsonPath("$.findings[*].code", org.hamcrest.Matchers.hasItem("invalid-over-margin")));
        // without the session's CSRF token the page's JSON is refused like any form
        mvc.perform(post("/me/report").contentType(MediaType.APPLICATION_JSON).content(body).with(signedIn(p.person())))
                .andExpect(status().isForbidden());
    }

    @Test
    void aLeadReportsAnyStationOfTheirConstituencyChosenByCodeButNoOther() throws Exception {
        var org = fixture.organisation("report-lead");
        var lead = fixture.volunteer(org, "report-lead", "ผู้นำ รายงาน");
        fixture.asLead(lead, "BKK_15");
        StationView mine = fixture.stations("BKK_15").get(3);
        StationView elsewhere = fixture.stations("BKK_16").get(0);

        mvc.perform(get("/me/report").with(signedIn(lead))).andExpect(status().isOk())
                .andExpect(content().string(containsString("คุณเป็นผู้ประสานงานเขต BKK_15")))
                .andExpect(content().string(not(containsString("name=\"vote-1\""))));
        mvc.perform(get("/me/report").param("station", mine.code()).with(signedIn(lead))).andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"vote-1\"")));
        mvc.perform(get("/me/report").param("station", elsewhere.code()).with(signedIn(lead)))
                .andExpect(content().string(containsString("ไม่พบหน่วยนี้ในเขตของคุณ")));

        Placed asLead = new Placed(lead, mine);
        mvc.perform(form(asLead, reports.goodCount(mine, "constituency"), "page-lead-key-001")).andExpect(status().is3xxRedirection());
        assertThat(reports.reports("page-lead-key-001")).isEqualTo(1);
        Placed outside = new Placed(lead, elsewhere);
        mvc.perform(form(outside, reports.goodCount(elsewhere, "constituency"), "page-lead-key-002")).andExpect(status().isForbidden())
                .andExpect(content().string(containsString("คุณไม่ได้รับมอบหมายที่หน่วยนี้")));
        assertThat(reports.reports("page-lead-key-002")).isZero();
    }

    @Test
    void aPhotoUploadAnswersItsIdAndHashAndRefusesWhatIsNotAnImage() throws Exception {
        Placed p = placed("report-photo", "BKK_17", 0);
        mvc.perform(multipart("/me/report/photos").file(new MockMultipartFile("file", "b.jpg", "image/jpeg", ReportFixture.image("jpg", 201)))
                        .param("kind", "TALLY_BOARD").with(csrf()).with(signedIn(p.person())))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.id").isNumber()).andExpect(jsonPath("$.sha256").isString());
        mvc.perform(multipart("/me/report/photos").file(new MockMultipartFile("file", "b.jpg", "image/jpeg", "not a photo".getBytes()))
                        .param("kind", "TALLY_BOARD").with(csrf()).with(signedIn(p.person())))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.problems[0]").value("ไฟล์นี้ไม่ใช่รูปภาพ JPEG, PNG หรือ WebP"));
    }

    /**
     * The page's script: a shrunk photo announced, put straight into the bucket by the presigned link, then named by
     * the report; a report naming one that never arrived is refused with words the volunteer understands.
     */
    @Test
    void thePagesScriptPutsAPhotoIntoTheBucketAndAReportNamingOneThatNeverArrivedIsRefused() throws Exception {
        Placed p = placed("report-bucket", "NAN_3", 0);
        byte[] jpeg = ReportFixture.unique(ReportFixture.image("jpg", 202));
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(jpeg));
        String ask = "{\"kind\":\"TALLY_BOARD\",\"contentType\":\"image/jpeg\",\"bytes\":" + jpeg.length + ",\"sha256\":\"" + sha + "\"}";
        String granted = mvc.perform(post("/me/report/photos/uploads").contentType(MediaType.APPLICATION_JSON).content(ask).with(csrf())
                        .with(signedIn(p.person())))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.headers['content-type']").value("image/jpeg"))
                .andReturn().getResponse().getContentAsString();
        long photo = ((Number) com.jayway.jsonpath.JsonPath.read(granted, "$.id")).longValue();
        String body = json(p, reports.goodCount(p.station(), "constituency"), "constituency", "page-bucket-key-01", List.of(photo), true);

        mvc.perform(post("/me/report").contentType(MediaType.APPLICATION_JSON).content(body).with(csrf()).with(signedIn(p.person())))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.outcome").value("REFUSED"))
                .andExpect(jsonPath("$.problems[0]").value("ยังไม่พบรูปในที่เก็บ กรุณาอัปโหลดรูปอีกครั้ง"));
        assertThat(reports.reports("page-bucket-key-01")).isZero();

        var put = java.net.http.HttpRequest.newBuilder(java.net.URI.create(com.jayway.jsonpath.JsonPath.read(granted, "$.url")))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(jpeg));
        java.util.Map<String, String> headers = com.jayway.jsonpath.JsonPath.read(granted, "$.headers");
        headers.forEach(put::header);
        assertThat(java.net.http.HttpClient.newHttpClient().send(put.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(200);
        mvc.perform(post("/me/report").contentType(MediaType.APPLICATION_JSON).content(body).with(csrf()).with(signedIn(p.person())))
                .andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("STORED"));
        assertThat(reports.photosOf("page-bucket-key-01")).isEqualTo(1);
        // the page may show photos from the bucket and put them there: its address is in the page's policy
        mvc.perform(get("/me/report").with(signedIn(p.person())))
                .andExpect(header().string("Content-Security-Policy", containsString("connect-src 'self' http://127.0.0.1:")))
                .andExpect(header().string("Content-Security-Policy", containsString("img-src 'self' data: blob: http://127.0.0.1:")));
    }

    @Test
    void aVolunteerMakesAnApiTokenSeenOnceAndRevokesIt() throws Exception {
        Placed p = placed("report-token", "BKK_18", 0);
        var made = mvc.perform(post("/me/report/token").with(csrf()).with(signedIn(p.person())))
                .andExpect(redirectedUrl("/me/report#token")).andReturn();
        String token = (String) made.getFlashMap().get("newToken");
        assertThat(token).startsWith("khv_").hasSizeGreaterThan(40);
        // the flash lives in the shared (JDBC) session: the next page is asked for with its cookie, as a browser would
        jakarta.servlet.http.Cookie session = made.getResponse().getCookie("SESSION");
        assertThat(session).as("a session cookie with the flash").isNotNull();
        mvc.perform(get("/me/report").with(signedIn(p.person())).cookie(session))
                .andExpect(content().string(containsString(token)));
        mvc.perform(get("/me/report").with(signedIn(p.person()))).andExpect(content().string(not(containsString(token))))
                .andExpect(content().string(containsString("คุณมีโทเคนที่ใช้งานอยู่")));
        mvc.perform(post("/me/report/token/revoke").with(csrf()).with(signedIn(p.person()))).andExpect(redirectedUrl("/me/report#token"));
        mvc.perform(get("/me/report").with(signedIn(p.person()))).andExpect(content().string(containsString("สร้างโทเคน")))
                .andExpect(content().string(not(containsString("คุณมีโทเคนที่ใช้งานอยู่"))));
    }

    /**
     * Issue 25: a final count is not sent without its three photos unless the volunteer chose so, warned; a refused file
     * says which and why and sends nothing; a running tally needs no photos.
     */
    @Test
    void aFinalCountWithoutItsThreePhotosIsNotSentWithoutTheWarnedChoice() throws Exception {
        Placed p = placed("report-photo-rule", "UDN_7", 0);
        Tally count = reports.goodCount(p.station(), "constituency");
        var fields = new java.util.HashMap<>(ReportFixture.formOf(count));
        fields.put("photosLater", "");

        mvc.perform(form(p, fields, "page-photo-rule-01")
                        .file(new MockMultipartFile("tally_board", "board.png", "image/png", ReportFixture.image("png", 121))))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("ยังขาด 2 รูป: ใบประกาศผลนับคะแนน (ส.ส. 5/18), ป้ายหน่วยเลือกตั้ง")))
                .andExpect(content().string(containsString("id=\"photos-later-box\" class=\"confirm\">")))
                .andExpect(content().string(containsString("ส่งผลนับโดยยังไม่มีรูปครบ ฉันจะส่งรูปตามมาทีหลัง")));
        // the file the walk chose: a text file; the page says which photo and why, and stores nothing
        mvc.perform(form(p, fields, "page-photo-rule-01")
                        .file(new MockMultipartFile("count_form", "notes.txt", "text/plain", "not a photo".getBytes())))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("ใบประกาศผลนับคะแนน (ส.ส. 5/18): ไฟล์นี้ไม่ใช่รูปภาพ")));
        assertThat(reports.reports("page-photo-rule-01")).isZero();

        // the page's script: refused alike, the missing kinds named for it
        sendJson(p, json(p, count, "constituency", "page-photo-rule-02", List.of(), null))
                .andExpect(status().isUnprocessableContent()).andExpect(jsonPath("$.outcome").value("REFUSED"))
                .andExpect(jsonPath("$.photosMissing.length()").value(3))
                .andExpect(jsonPath("$.problems[0]", containsString("ยังขาด 3 รูป")));
        sendJson(p, json(p, count, "constituency", "page-photo-rule-02", List.of(), false), "en")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0]", containsString("A final count needs its 3 photos; 3 missing")));
        assertThat(reports.reports("page-photo-rule-02")).isZero();
        // a running tally needs none; the choice, made, sends the final count
        Tally partial = new Tally(count.votes(), count.valid(), count.invalid(), count.noVote(), count.ballotsUsed(), false);
        sendJson(p, json(p, partial, "constituency", "page-photo-rule-03", List.of(), null)).andExpect(status().isOk());
        sendJson(p, json(p, count, "constituency", "page-photo-rule-02", List.of(), true)).andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("STORED"));
        mvc.perform(form(p, ReportFixture.formOf(count), "page-photo-rule-01")).andExpect(status().is3xxRedirection());
        assertThat(reports.reports("page-photo-rule-01")).isEqualTo(1);
    }

    /**
     * Issue 25: after sending, the receipt says exactly what was stored and where it stands; a changed count sent again by
     * the same volunteer corrects their own report (on the receipt and in the war room), it is no second source: the
     * station is not in conflict with itself.
     */
    @Test
    void aResendOfAChangedCountCorrectsTheSendersOwnReportOnTheReceiptAndInTheWarRoom() throws Exception {
        Placed p = placed("report-receipt", "UDN_8", 0);
        Tally first = reports.goodCount(p.station(), "constituency");
        Tally fixed = ReportFixture.misread(first);
        var sent = sendJson(p, json(p, first, "constituency", "page-receipt-key-01", List.of(), true)).andExpect(status().isOk())
                .andExpect(jsonPath("$.receipts", startsWith("/me/report/receipts?station=" + p.station().id()))).andReturn();
        long one = ((Number) com.jayway.jsonpath.JsonPath.read(sent.getResponse().getContentAsString(), "$.reportId")).longValue();
        mvc.perform(get("/me/report/receipts").param("station", String.valueOf(p.station().id())).param("sent", String.valueOf(one))
                        .with(signedIn(p.person())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("class=\"receipt is-sent\" id=\"receipt-" + one + "\"")))
                .andExpect(content().string(containsString("page-receipt-key-01")))
                .andExpect(content().string(containsString("ได้รับแล้ว รอตรวจ")))
                .andExpect(content().string(containsString("ไม่มีรูป (ต้องส่งตามมา)")))
                .andExpect(content().string(containsString(">" + first.valid() + "<")))
                .andExpect(content().string(containsString("data-waiting=\"true\"")));

        long two = ((Number) com.jayway.jsonpath.JsonPath.read(sendJson(p, json(p, fixed, "constituency", "page-receipt-key-02", List.of(), true))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(), "$.reportId")).longValue();
        assertThat(jdbc.sql("select status from station_report where id = ?").param(one).query(String.class).single()).isEqualTo("CORRECTED");
        assertThat(jdbc.sql("select state from station_contest where station_id = ? and contest_code = 'constituency'")
                .param(p.station().id()).query(String.class).single()).as("one sender is no conflict").isEqualTo("FINAL");
        mvc.perform(get("/me/report").with(signedIn(p.person()))).andExpect(status().isOk())
                .andExpect(content().string(containsString("รายงานที่ฉันส่งสำหรับหน่วยนี้")))
                .andExpect(content().string(containsString("แก้ไขรายงานเลขที่ " + one + " ของคุณเอง (ไม่นับเป็นอีกแหล่งข่าว)")))
                .andExpect(content().string(containsString("แทนที่ด้วยรายงานเลขที่ " + two + " ของคุณ")));
        mvc.perform(get("/me/report/receipts").param("station", String.valueOf(p.station().id())).param("lang", "en")
                        .with(signedIn(p.person())))
                .andExpect(content().string(containsString("Corrects your own report no. " + one + " (not another source)")));
        // someone else's station: nothing
        Placed other = placed("report-receipt-other", "UDN_8", 1);
        mvc.perform(get("/me/report/receipts").param("station", String.valueOf(p.station().id())).with(signedIn(other.person())))
                .andExpect(status().isForbidden());

        long item = warRoom.itemOf(p.station().id(), "constituency").orElseThrow();
        assertThat(warRoom.item(item).orElseThrow().reports()).extracting(org.khanaen.results.WarRoom.ReportLine::corrects)
                .containsExactly(null, one);
        mvc.perform(get("/war-room/items/" + item).with(user("somsri").roles("WAR_ROOM"))).andExpect(status().isOk())
                .andExpect(content().string(containsString("แก้ไขรายงานที่ 1 ของผู้ส่งคนเดียวกัน (ไม่ใช่อีกแหล่ง)")));
    }

    /** Issue 25: the party-list warnings name the party, not only its number. */
    @Test
    void aPartyListWarningNamesTheParty() throws Exception {
        Placed p = placed("report-party-name", "UDN_7", 1);
        Tally good = reports.goodCount(p.station(), "party-list");
        var votes = new java.util.TreeMap<>(good.votes());
        long moved = votes.put(29, 0L);
        int leader = votes.firstKey();
        votes.merge(leader, moved, Long::sum);
        Tally zero = new Tally(votes, good.valid(), good.invalid(), good.noVote(), good.ballotsUsed(), true);
        String party = catalog.parties(AssignmentFixture.ELECTION).stream().filter(x -> Integer.valueOf(29).equals(x.ballotNumber()))
                .findFirst().orElseThrow().name().in(java.util.Locale.forLanguageTag("th"));

        sendJson(p, json(p, zero, "party-list", "page-party-name-1", List.of(), true)).andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.findings[*].message", org.hamcrest.Matchers.hasItem("หมายเลข 29 (" + party + ") ได้ 0 คะแนน ทั้งที่มีบัตรดี "
                        + zero.valid() + " ใบ")))
                .andExpect(jsonPath("$.findings[*].numbers[0]", org.hamcrest.Matchers.hasItem(29)));
    }
}
