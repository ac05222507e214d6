package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.StationView;
import org.khanaen.proofs.PublicRecord;
import org.khanaen.results.Photos;
import org.khanaen.results.checks.Tally;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The public record's page and API, without signing in or a key: a verified station's entries all match after a round;
 * after a count is changed and a photo swapped in the database, the page names exactly those two, in Thai and in
 * English. Stations of MSN_1 (Mae Hong Son), used by no other test.
 */
@FullStackTest
@Import({ AssignmentFixture.class, ReportFixture.class })
class PublicRecordPagesTests {

    @Autowired MockMvc mvc;
    @Autowired AssignmentFixture fixture;
    @Autowired ReportFixture reports;
    @Autowired PublicRecord record;
    @Autowired Photos photos;
    @Autowired JdbcClient jdbc;

    private record Verified(StationView station, List<Long> reports, List<Long> photos) {
    }

    /** Both of the station's volunteers send the same final count with a photo each: verified by agreement. */
    private Verified verified(String slug, StationView station) {
        var org = fixture.organisation(slug);
        Tally count = reports.goodCount(station, "constituency");
        List<Long> sent = new ArrayList<>();
        List<Long> pictures = new ArrayList<>();
        int i = 0;
        for (StationRole role : List.of(StationRole.PRIMARY, StationRole.BACKUP)) {
            var person = fixture.volunteer(org, slug, "อาสา ตรวจ");
            fixture.atStation(person, station, role);
            long photo = photos.store(ReportFixture.unique(ReportFixture.image("png", i)), Photos.PhotoKind.TALLY_BOARD,
                    ReportFixture.actor(person.volunteer())).id();
            pictures.add(photo);
            sent.add(reports.send(station, "constituency", person.volunteer(), slug + "-key-" + i++, count, List.of(photo)));
        }
        return new Verified(station, sent, pictures);
    }

    @Test
    void aVerifiedStationsEntriesMatchTheirAnchoredRecordForAnyoneWithoutAKey() throws Exception {
        Verified v = verified("verify-ok", fixture.stations("MSN_1").get(0));
        record.roundNow();

        mvc.perform(get("/api/v1/elections/th-2566/stations/{s}/verification", v.station().id()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.station.code").value(v.station().code()))
                .andExpect(jsonPath("$.findings").isEmpty())
                .andExpect(jsonPath("$.items[0].status").value("MATCHES"))
                .andExpect(jsonPath("$.items[0].proof").isArray())
                .andExpect(jsonPath("$.items[0].tree.anchored").value(false));
        mvc.perform(get("/verify/th-2566/{code}", v.station().code()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
                .andExpect(content().string(containsString("ทุกรายการตรงกับบันทึกที่ยึดไว้บนบล็อกเชน")))
                .andExpect(content().string(containsString("/js/verify.js")));
        mvc.perform(get("/verify/th-2566/{code}", v.station().code()).param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Everything matches the record anchored on chain.")));
        mvc.perform(get("/verify/photos/{id}", v.photos().getFirst())).andExpect(status().isFound());
    }

    @Test
    void aCountChangedAndAPhotoSwappedAfterAnchoringAreExactlyWhatThePageReports() throws Exception {
        Verified v = verified("verify-tamper", fixture.stations("MSN_1").get(1));
        record.roundNow();

        jdbc.sql("update station_report set valid_ballots = valid_ballots + 10 where id = ?").param(v.reports().getFirst()).update();
        jdbc.sql("update report_photo set sha256 = ? where id = ?").params("ab".repeat(32), v.photos().get(1)).update();

        String thai = mvc.perform(get("/verify/th-2566/{id}", v.station().id())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(thai.split("class=\"finding-error\"", -1)).as("exactly two findings").hasSize(3);
        assertThat(thai).contains("รายงานถูกแก้ไข", "report " + v.reports().getFirst(), "ภาพถ่ายถูกเปลี่ยน", "photo " + v.photos().get(1));
        mvc.perform(get("/verify/th-2566/{id}", v.station().id()).param("lang", "en"))
                .andExpect(content().string(containsString("2 things do not match the anchored record.")))
                .andExpect(content().string(containsString("Report changed")))
                .andExpect(content().string(containsString("Photo swapped")));
        mvc.perform(get("/api/v1/elections/th-2566/stations/{s}/verification", v.station().id()))
                .andExpect(jsonPath("$.findings.length()").value(2))
                .andExpect(jsonPath("$.findings[?(@.kind == 'REPORT_CHANGED')].changes[0].field").value("valid"));
    }

    @Test
    void anUnknownStationIsA404ProblemAndAPhotoNoReportNamesIsNotShown() throws Exception {
        mvc.perform(get("/api/v1/elections/th-2566/stations/NO_SUCH-1/verification"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        long loose = photos.store(ReportFixture.unique(ReportFixture.image("png", 7)), Photos.PhotoKind.TALLY_BOARD, "nobody").id();
        mvc.perform(get("/verify/photos/{id}", loose)).andExpect(status().isNotFound());
    }
}
