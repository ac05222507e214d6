package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.StationView;
import org.khanaen.results.ReportIntake;
import org.khanaen.results.checks.Tally;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.mock.web.MockPart;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.HandlerMapping;

import com.jayway.jsonpath.JsonPath;

/** Partner apps send a station's report with the volunteer's token: stored once per key, only for the volunteer's station. */
@FullStackTest
@Import({ AssignmentFixture.class, ReportFixture.class })
class ReportApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    AssignmentFixture fixture;
    @Autowired
    ReportFixture reports;
    @Autowired
    ReportIntake tokens;

    private record Reporter(String token, StationView station) {
    }

    private Reporter reporter(String slug, String constituency) {
        var org = fixture.organisation(slug);
        var person = fixture.volunteer(org, slug, "อาสา แอป");
        StationView station = fixture.stations(constituency).get(1);
        fixture.atStation(person, station, StationRole.PRIMARY);
        return new Reporter(tokens.issueToken(person.volunteer()), station);
    }

    private static String reportsOf(StationView station) {
        return "/api/v1/stations/" + station.id() + "/reports";
    }

    @Test
    void aReportIsCreatedOnceAndItsRetryAnswersTheSame() throws Exception {
        Reporter r = reporter("api-report-once", "CMI_5");
        String body = ReportFixture.json(reports.goodCount(r.station(), "constituency"), "constituency", null, false, List.of());

        var created = mvc.perform(post(reportsOf(r.station())).header("Authorization", "Bearer " + r.token())
                        .header("Idempotency-Key", "api-key-once-0001").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.outcome").value("STORED"))
                .andExpect(jsonPath("$.final").value(true)).andExpect(jsonPath("$.electionId").value("th-2566"))
                .andReturn();
        long id = ((Number) JsonPath.read(created.getResponse().getContentAsString(), "$.reportId")).longValue();
        assertThat(created.getResponse().getHeader("Location")).isEqualTo(reportsOf(r.station()) + "/" + id);

        mvc.perform(post(reportsOf(r.station())).header("Authorization", "Bearer " + r.token())
                        .header("Idempotency-Key", "api-key-once-0001").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value("ALREADY_STORED"))
                .andExpect(jsonPath("$.reportId").value(id));
        assertThat(reports.reports("api-key-once-0001")).isEqualTo(1);

        // the Location answers where the report stands, for its sender only
        mvc.perform(get(reportsOf(r.station()) + "/" + id).header("Authorization", "Bearer " + r.token()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("RECEIVED"))
                .andExpect(jsonPath("$.contestState").value("FINAL")).andExpect(jsonPath("$.contest").value("constituency"));
        Reporter other = reporter("api-report-other", "LPN_2");
        mvc.perform(get(reportsOf(r.station()) + "/" + id).header("Authorization", "Bearer " + other.token()))
                .andExpect(status().isNotFound());
        mvc.perform(get(reportsOf(other.station()) + "/" + id).header("Authorization", "Bearer " + r.token()))
                .andExpect(status().isNotFound());
    }

    @Test
    void anotherStationIsForbiddenAndAnUnknownOrMissingTokenIsUnauthorised() throws Exception {
        Reporter r = reporter("api-report-403", "CMI_6");
        StationView other = fixture.stations("CMI_6").get(5);
        String body = ReportFixture.json(reports.goodCount(other, "constituency"), "constituency", "api-key-403-00001", false, List.of());

        mvc.perform(post(reportsOf(other)).header("Authorization", "Bearer " + r.token()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden()).andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("คุณไม่ได้รับมอบหมายที่หน่วยนี้ จึงรายงานผลของหน่วยนี้ไม่ได้"));
        mvc.perform(post(reportsOf(r.station())).header("Authorization", "Bearer khv_not-a-real-token-at-all")
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized()).andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post(reportsOf(r.station())).contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/stations/999999999/reports").header("Authorization", "Bearer " + r.token())
                .contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isNotFound());
        assertThat(reports.reports("api-key-403-00001")).isZero();

        // a replaced token stops working at once on this node
        String old = r.token();
        tokens.issueToken(tokens.volunteerOfToken(old).orElseThrow());
        mvc.perform(post(reportsOf(r.station())).header("Authorization", "Bearer " + old).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void refusedCountsAnswer422WithEachFindingsCodeNumbersAndMessage() throws Exception {
        Reporter r = reporter("api-report-422", "CMI_7");
        Tally good = reports.goodCount(r.station(), "constituency");
        Tally wrong = new Tally(good.votes(), good.valid() + 1, good.invalid(), good.noVote(), good.ballotsUsed() + 1, true);

        mvc.perform(post(reportsOf(r.station())).header("Authorization", "Bearer " + r.token()).contentType(MediaType.APPLICATION_JSON)
                        .content(ReportFixture.json(wrong, "constituency", "api-key-422-00001", true, List.of())))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.findings[0].code").value("votes-sum"))
                .andExpect(jsonPath("$.findings[0].severity").value("ERROR"))
                .andExpect(jsonPath("$.findings[0].numbers[0]").value(good.valid()))
                .andExpect(jsonPath("$.findings[0].numbers[1]").value(good.valid() + 1))
                .andExpect(jsonPath("$.findings[0].message").value("ผลรวมคะแนนทุกหมายเลข (" + good.valid() + ") ต้องเท่ากับบัตรดี ("
                        + (good.valid() + 1) + ")"));

        Tally close = reports.closeCount(r.station(), "constituency");
        mvc.perform(post(reportsOf(r.station())).header("Authorization", "Bearer " + r.token()).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON).content(ReportFixture.json(close, "constituency", "api-key-422-00002", false, List.of())))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value("Some numbers need checking; if they are right, send again with warningsConfirmed: true"))
                .andExpect(jsonPath("$.findings[*].code", hasItem("invalid-over-margin")));
        assertThat(reports.reports("api-key-422-00001") + reports.reports("api-key-422-00002")).isZero();

        // malformed: said field by field, nothing stored
        mvc.perform(post(reportsOf(r.station())).header("Authorization", "Bearer " + r.token()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"contest\":\"constituency\",\"final\":true,\"votes\":{\"x\":1},\"idempotencyKey\":\"api-key-400-00001\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].code", hasItem("report-page.malformed.valid")))
                .andExpect(jsonPath("$.errors[*].code", hasItem("report-page.malformed.votes")));
        mvc.perform(post(reportsOf(r.station())).header("Authorization", "Bearer " + r.token()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"contest\": ")).andExpect(status().isBadRequest());
    }

    @Test
    void aMultipartReportCarriesItsThreePhotosAndARefusedOneLeavesNoPhotoBehind() throws Exception {
        Reporter r = reporter("api-report-multi", "CMI_8");
        Tally count = reports.goodCount(r.station(), "constituency");
        var report = new MockPart("report", ReportFixture.json(count, "constituency", "api-key-multi-0001", false, List.of()).getBytes());
        report.getHeaders().setContentType(MediaType.APPLICATION_JSON);

        mvc.perform(multipart(reportsOf(r.station())).part(report)
                        .file(new MockMultipartFile("tally_board", "a.jpg", "image/jpeg", ReportFixture.image("jpg", 301)))
                        .file(new MockMultipartFile("count_form", "b.png", "image/png", ReportFixture.image("png", 302)))
                        .file(new MockMultipartFile("station_sign", "c.png", "image/png", ReportFixture.image("png", 303)))
                        .header("Authorization", "Bearer " + r.token()))
                .andExpect(status().isCreated());
        assertThat(reports.photosOf("api-key-multi-0001")).isEqualTo(3);

        long photosBefore = reports.photoRows();
        Tally wrong = new Tally(count.votes(), count.valid(), count.invalid(), count.noVote(), count.ballotsUsed() + 1, true);
        var refused = new MockPart("report", ReportFixture.json(wrong, "constituency", "api-key-multi-0002", false, List.of()).getBytes());
        mvc.perform(multipart(reportsOf(r.station())).part(refused)
                        .file(new MockMultipartFile("tally_board", "a.jpg", "image/jpeg", ReportFixture.image("jpg", 304)))
                        .header("Authorization", "Bearer " + r.token()))
                .andExpect(status().isUnprocessableContent());
        assertThat(reports.photoRows()).isEqualTo(photosBefore);
        assertThat(reports.reports("api-key-multi-0002")).isZero();
    }

    @Test
    void aPhotoUploadedFirstIsNamedByTheReportAndANonImageIsRefused() throws Exception {
        Reporter r = reporter("api-report-photo", "CMI_9");
        var uploaded = mvc.perform(multipart("/api/v1/photos").file(new MockMultipartFile("file", "x.png", "image/png", ReportFixture.image("png", 401)))
                        .param("kind", "COUNT_FORM").header("Authorization", "Bearer " + r.token()))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.kind").value("COUNT_FORM"))
                .andExpect(jsonPath("$.sha256").isString()).andReturn();
        long photo = ((Number) JsonPath.read(uploaded.getResponse().getContentAsString(), "$.id")).longValue();
        mvc.perform(post("/api/v1/photos").param("kind", "TALLY_BOARD").contentType(MediaType.IMAGE_JPEG)
                        .content(ReportFixture.image("jpg", 402)).header("Authorization", "Bearer " + r.token()))
                .andExpect(status().isCreated());

        mvc.perform(multipart("/api/v1/photos").file(new MockMultipartFile("file", "x.png", "image/png", "<html>not a photo</html>".getBytes()))
                        .param("kind", "COUNT_FORM").header("Authorization", "Bearer " + r.token()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("photo.problem.not-an-image"));
        mvc.perform(multipart("/api/v1/photos").file(new MockMultipartFile("file", "x.png", "image/png", ReportFixture.image("png", 403)))
                .param("kind", "SELFIE").header("Authorization", "Bearer " + r.token())).andExpect(status().isBadRequest());

        mvc.perform(post(reportsOf(r.station())).header("Authorization", "Bearer " + r.token()).contentType(MediaType.APPLICATION_JSON)
                        .content(ReportFixture.json(reports.goodCount(r.station(), "constituency"), "constituency", "api-key-photo-001", false,
                                List.of(photo))))
                .andExpect(status().isCreated());
        assertThat(reports.photosOf("api-key-photo-001")).isEqualTo(1);
        mvc.perform(post(reportsOf(r.station())).header("Authorization", "Bearer " + r.token()).contentType(MediaType.APPLICATION_JSON)
                        .content(ReportFixture.json(reports.goodCount(r.station(), "constituency"), "constituency", "api-key-photo-002", false,
                                List.of(987654321L))))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("report.problem.no-photo"));
    }

    /**
     * A partner app's photo without the app carrying it: announced (kind, type, size, SHA-256), put straight into the
     * bucket by the presigned link, then named by the report. Asked again (a retry), it is the same photo.
     */
    @Test
    void aPhotoPutStraightIntoTheBucketIsNamedByTheReportAndOneLeftOutOrNotAsAnnouncedRefusesIt() throws Exception {
        Reporter r = reporter("api-report-bucket", "PYO_3");
        byte[] png = ReportFixture.unique(ReportFixture.image("png", 405));
        var granted = askUpload(r, "TALLY_BOARD", png, png.length).andExpect(status().isCreated())
                .andExpect(jsonPath("$.method").value("PUT")).andExpect(jsonPath("$.url").isString())
                .andExpect(jsonPath("$.headers['x-amz-checksum-sha256']").value(java.util.Base64.getEncoder()
                        .encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(png))))
                .andReturn().getResponse().getContentAsString();
        long photo = ((Number) JsonPath.read(granted, "$.id")).longValue();
        long rowsBefore = reports.photoRows();

        String early = ReportFixture.json(reports.goodCount(r.station(), "constituency"), "constituency", "api-key-bucket-01", false, List.of(photo));
        mvc.perform(post(reportsOf(r.station())).header("Authorization", "Bearer " + r.token()).contentType(MediaType.APPLICATION_JSON)
                        .content(early))
                .andExpect(status().isBadRequest()).andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("photo.problem.not-uploaded"))
                .andExpect(jsonPath("$.detail").value("ยังไม่พบรูปในที่เก็บ กรุณาอัปโหลดรูปอีกครั้ง"));
        assertThat(reports.reports("api-key-bucket-01")).isZero();

        byte[] other = png.clone();
        other[other.length - 1] ^= 1;
        assertThat(putTo(granted, other)).as("bytes other than announced: refused by the bucket itself").isEqualTo(400);
        assertThat(putTo(granted, png)).isEqualTo(200);
        String again = askUpload(r, "TALLY_BOARD", png, png.length).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        assertThat(((Number) JsonPath.read(again, "$.id")).longValue()).isEqualTo(photo);
        assertThat(putTo(again, png)).as("a phone's resend: the same object again").isEqualTo(200);

        mvc.perform(post(reportsOf(r.station())).header("Authorization", "Bearer " + r.token()).contentType(MediaType.APPLICATION_JSON)
                .content(early)).andExpect(status().isCreated());
        assertThat(reports.photosOf("api-key-bucket-01")).isEqualTo(1);
        assertThat(reports.photoRows()).isEqualTo(rowsBefore);

        // announced one byte longer than it is: the photo the bucket holds under that hash is not that one
        String lying = askUpload(r, "COUNT_FORM", png, png.length + 1).andExpect(status().isCreated()).andReturn().getResponse()
                .getContentAsString();
        mvc.perform(post(reportsOf(r.station())).header("Authorization", "Bearer " + r.token()).header("Accept-Language", "en")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ReportFixture.json(reports.goodCount(r.station(), "party-list"), "party-list", "api-key-bucket-02", false,
                                List.of(((Number) JsonPath.read(lying, "$.id")).longValue()))))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("photo.problem.wrong-size"))
                .andExpect(jsonPath("$.detail", containsString("not the " + (png.length + 1) + " bytes announced")));
        assertThat(reports.reports("api-key-bucket-02")).isZero();

        askUpload(r, "TALLY_BOARD", png, 9L << 20).andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("photo.problem.too-large"));
        mvc.perform(post("/api/v1/photos/uploads").header("Authorization", "Bearer " + r.token()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\":\"TALLY_BOARD\",\"contentType\":\"image/gif\",\"bytes\":10,\"sha256\":\"" + "0".repeat(64) + "\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("photo.problem.not-an-image"));
    }

    /** All of a report's photos in one ask: one request, the grants in the order asked; one bad photo refuses the ask whole. */
    @Test
    void aReportsPhotosAreAskedForInOneRequestAndOneNotAcceptableGrantsNone() throws Exception {
        Reporter r = reporter("api-report-ask-all", "PYO_1");
        byte[][] shots = { ReportFixture.unique(ReportFixture.image("png", 406)), ReportFixture.unique(ReportFixture.image("png", 407)),
                ReportFixture.unique(ReportFixture.image("png", 408)) };
        String[] kinds = { "TALLY_BOARD", "COUNT_FORM", "STATION_SIGN" };
        StringBuilder ask = new StringBuilder("[");
        for (int i = 0; i < shots.length; i++) {
            ask.append(i == 0 ? "" : ",").append(described(kinds[i], shots[i], shots[i].length));
        }
        long rowsBefore = reports.photoRows();
        String granted = mvc.perform(post("/api/v1/photos/uploads").header("Authorization", "Bearer " + r.token())
                        .contentType(MediaType.APPLICATION_JSON).content(ask.append("]").toString()))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[0].kind").value("TALLY_BOARD")).andExpect(jsonPath("$[2].kind").value("STATION_SIGN"))
                .andReturn().getResponse().getContentAsString();
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < shots.length; i++) {
            String one = new tools.jackson.databind.json.JsonMapper().writeValueAsString((Object) JsonPath.read(granted, "$[" + i + "]"));
            assertThat(putTo(one, shots[i])).isEqualTo(200);
            ids.add(((Number) JsonPath.read(granted, "$[" + i + "].id")).longValue());
        }
        mvc.perform(post(reportsOf(r.station())).header("Authorization", "Bearer " + r.token()).contentType(MediaType.APPLICATION_JSON)
                        .content(ReportFixture.json(reports.goodCount(r.station(), "constituency"), "constituency", "api-key-ask-all-01", false, ids)))
                .andExpect(status().isCreated());
        assertThat(reports.photosOf("api-key-ask-all-01")).isEqualTo(3);
        assertThat(reports.photoRows()).isEqualTo(rowsBefore + 3);

        byte[] fresh = ReportFixture.unique(ReportFixture.image("png", 409));
        mvc.perform(post("/api/v1/photos/uploads").header("Authorization", "Bearer " + r.token()).contentType(MediaType.APPLICATION_JSON)
                        .content("[" + described("TALLY_BOARD", fresh, fresh.length) + "," + described("COUNT_FORM", fresh, 9L << 20) + "]"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("photo.problem.too-large"));
        assertThat(reports.photoRows()).as("nothing granted of a refused ask").isEqualTo(rowsBefore + 3);
        mvc.perform(post("/api/v1/photos/uploads").header("Authorization", "Bearer " + r.token()).contentType(MediaType.APPLICATION_JSON)
                        .content("[]"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("photo.problem.how-many"));
        mvc.perform(post("/api/v1/photos/uploads").header("Authorization", "Bearer " + r.token()).contentType(MediaType.APPLICATION_JSON)
                        .content("[{\"kind\":\"NOT_A_KIND\"}]"))
                .andExpect(status().isBadRequest()).andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private static String described(String kind, byte[] photo, long bytes) throws Exception {
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(photo));
        return "{\"kind\":\"" + kind + "\",\"contentType\":\"image/png\",\"bytes\":" + bytes + ",\"sha256\":\"" + sha + "\"}";
    }

    private org.springframework.test.web.servlet.ResultActions askUpload(Reporter r, String kind, byte[] photo, long bytes) throws Exception {
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(photo));
        return mvc.perform(post("/api/v1/photos/uploads").header("Authorization", "Bearer " + r.token()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"" + kind + "\",\"contentType\":\"image/png\",\"bytes\":" + bytes + ",\"sha256\":\"" + sha + "\"}"));
    }

    /** The PUT a partner app makes to the presigned link, with the headers answered; the app sees none of it. */
    private static int putTo(String granted, byte[] content) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(JsonPath.read(granted, "$.url")))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(content));
        java.util.Map<String, String> headers = JsonPath.read(granted, "$.headers");
        headers.forEach(request::header);
        return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aFractionOrANumberWrittenAsTextIsRefusedByFieldAndNothingIsStored() throws Exception {
        Reporter r = reporter("api-report-strict", "LPN_1");
        Tally good = reports.goodCount(r.station(), "constituency");
        String json = ReportFixture.json(good, "constituency", "api-key-strict-01", false, List.of());
        String first = good.votes().keySet().iterator().next().toString();
        long votes = good.votes().values().iterator().next();

        String fraction = json.replace("\"" + first + "\":" + votes, "\"" + first + "\":" + votes + ".9");
        mvc.perform(post(reportsOf(r.station())).header("Authorization", "Bearer " + r.token()).contentType(MediaType.APPLICATION_JSON)
                        .content(fraction))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("votes." + first))
                .andExpect(jsonPath("$.detail", containsString("whole numbers")));
        String text = json.replace("\"valid\":" + good.valid(), "\"valid\":\"" + good.valid() + "\"");
        mvc.perform(post(reportsOf(r.station())).header("Authorization", "Bearer " + r.token()).contentType(MediaType.APPLICATION_JSON)
                        .content(text))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("valid"));
        assertThat(reports.reports("api-key-strict-01")).isZero();
        // the same count with proper numbers goes in
        mvc.perform(post(reportsOf(r.station())).header("Authorization", "Bearer " + r.token()).contentType(MediaType.APPLICATION_JSON)
                .content(json)).andExpect(status().isCreated());
    }

    @Test
    void aReportCannotNameAPhotoAnotherVolunteerUploaded() throws Exception {
        Reporter owner = reporter("api-report-photo-owner", "LPG_2");
        Reporter other = reporter("api-report-photo-thief", "LPG_3");
        var uploaded = mvc.perform(multipart("/api/v1/photos").file(new MockMultipartFile("file", "x.png", "image/png", ReportFixture.image("png", 404)))
                        .param("kind", "COUNT_FORM").header("Authorization", "Bearer " + owner.token()))
                .andExpect(status().isCreated()).andReturn();
        long photo = ((Number) JsonPath.read(uploaded.getResponse().getContentAsString(), "$.id")).longValue();

        mvc.perform(post(reportsOf(other.station())).header("Authorization", "Bearer " + other.token()).contentType(MediaType.APPLICATION_JSON)
                        .content(ReportFixture.json(reports.goodCount(other.station(), "constituency"), "constituency", "api-key-borrow-01", false,
                                List.of(photo))))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("report.problem.no-photo"));
        assertThat(reports.reports("api-key-borrow-01")).isZero();
        mvc.perform(post(reportsOf(owner.station())).header("Authorization", "Bearer " + owner.token()).contentType(MediaType.APPLICATION_JSON)
                        .content(ReportFixture.json(reports.goodCount(owner.station(), "constituency"), "constituency", "api-key-borrow-02", false,
                                List.of(photo))))
                .andExpect(status().isCreated());
    }

    /**
     * The busiest call is found by a mapping of its own, ahead of the application's; everything else goes on as before:
     * another method or content type on the same path, a page, the language chosen by ?lang=.
     */
    @Test
    void theReportsCallIsFoundFirstAndEverythingElseAnswersAsBefore(@Autowired List<HandlerMapping> mappings) throws Exception {
        HandlerMapping first = mappings.stream().min(AnnotationAwareOrderComparator.INSTANCE).orElseThrow();
        MockHttpServletRequest report = new MockHttpServletRequest("POST", "/api/v1/stations/12/reports");
        report.setContentType(MediaType.APPLICATION_JSON_VALUE);
        assertThat(first.getHandler(report)).isNotNull();
        assertThat(first.getHandler(new MockHttpServletRequest("GET", "/results"))).isNull();
        assertThat(first.getHandler(new MockHttpServletRequest("DELETE", "/api/v1/stations/12/reports"))).isNull();

        Reporter r = reporter("api-report-mapping", "CMI_10");
        StationView other = fixture.stations("CMI_10").get(5);
        String body = ReportFixture.json(reports.goodCount(other, "constituency"), "constituency", "api-key-map-00001", false, List.of());
        mvc.perform(post(reportsOf(other) + "?lang=en").header("Authorization", "Bearer " + r.token())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("You are not assigned to this station, so you cannot report its count"));
        mvc.perform(put(reportsOf(r.station())).header("Authorization", "Bearer " + r.token())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isMethodNotAllowed()).andExpect(header().string("Allow", containsString("POST")));
        mvc.perform(post(reportsOf(r.station())).header("Authorization", "Bearer " + r.token())
                        .contentType(MediaType.TEXT_PLAIN).content(body))
                .andExpect(status().isUnsupportedMediaType());
        assertThat(reports.reports("api-key-map-00001")).isZero();
    }
}

