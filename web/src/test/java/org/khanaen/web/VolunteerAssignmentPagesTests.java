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

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.AssignmentId;
import org.khanaen.assignment.AssignmentResponses;
import org.khanaen.assignment.AssignmentView;
import org.khanaen.assignment.Coverage;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.StationView;
import org.khanaen.volunteers.OrganisationId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The pages behind the assignment mail's links, the volunteer's own assignment and the lead's dashboard (not election day). */
@FullStackTest
@Import(AssignmentFixture.class)
class VolunteerAssignmentPagesTests {

    private static final String ELECTION = AssignmentFixture.ELECTION;

    @Autowired
    MockMvc mvc;
    @Autowired
    AssignmentFixture fixture;
    @Autowired
    Coverage coverage;
    @Autowired
    AssignmentResponses responses;
    @Autowired
    JdbcClient jdbc;

    private static RequestPostProcessor signedIn(AssignmentFixture.Person person) {
        return user(person.email()).roles("VOLUNTEER");
    }

    private AssignmentView assignmentOf(AssignmentFixture.Person person) {
        return coverage.assignmentOf(ELECTION, person.volunteer()).orElseThrow();
    }

    @Test
    void openingTheLinkShowsThePlaceAndUsesNothingUpConfirmingWorksOnce() throws Exception {
        OrganisationId org = fixture.organisation("assign-link");
        var somchai = fixture.volunteer(org, "assign-link", "สมชาย ลิงก์");
        StationView station = fixture.stations("BKK_20").get(0);
        fixture.atStation(somchai, station, StationRole.PRIMARY);
        String token = fixture.token(somchai, "/assignment/respond");

        for (int opened = 0; opened < 2; opened++) { // a mail scanner opens it first
            mvc.perform(get("/assignment/respond").param("token", token)).andExpect(status().isOk())
                    .andExpect(content().string(containsString(station.code())))
                    .andExpect(content().string(containsString("14 พฤษภาคม พ.ศ. 2566")))
                    .andExpect(content().string(containsString("openstreetmap.org")))
                    .andExpect(content().string(containsString("ตอบรับ ฉันไปได้")))
                    .andExpect(content().string(containsString("name=\"_csrf\"")));
        }
        assertThat(assignmentOf(somchai).responded()).isFalse();

        mvc.perform(post("/assignment/respond").with(csrf()).param("token", token).param("answer", "CONFIRM"))
                .andExpect(redirectedUrl("/assignment/answered?answer=CONFIRM"));
        mvc.perform(get("/assignment/answered").param("answer", "CONFIRM")).andExpect(status().isOk())
                .andExpect(content().string(containsString("ขอบคุณที่ตอบรับ")));
        assertThat(assignmentOf(somchai).state()).isEqualTo(AssignmentView.State.CONFIRMED);

        mvc.perform(post("/assignment/respond").with(csrf()).param("token", token).param("answer", "DECLINE"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("ลิงก์นี้ถูกใช้ไปแล้วหรือไม่ถูกต้อง")));
        mvc.perform(get("/assignment/respond").param("token", token).param("lang", "en")).andExpect(status().isOk())
                .andExpect(content().string(containsString("This link was already used or is not valid")));
        assertThat(assignmentOf(somchai).state()).isEqualTo(AssignmentView.State.CONFIRMED);
    }

    @Test
    void aForgedOrMissingTokenGetsAFriendlyPageAndNoStackTrace() throws Exception {
        String forged = "1.AAAAAAAAAAAAAAAAAAAAAA.R." + "A".repeat(43);
        mvc.perform(get("/assignment/respond").param("token", forged)).andExpect(status().isOk())
                .andExpect(content().string(containsString("ลิงก์นี้ใช้ไม่ได้")));
        mvc.perform(get("/assignment/respond")).andExpect(status().isOk()).andExpect(content().string(containsString("ลิงก์นี้ใช้ไม่ได้")));
        mvc.perform(post("/assignment/respond").with(csrf()).param("token", forged).param("answer", "CONFIRM"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("ลิงก์นี้ใช้ไม่ได้")));
        mvc.perform(post("/assignment/respond").with(csrf()).param("token", forged).param("answer", "MAYBE"))
                .andExpect(status().isBadRequest()).andExpect(content().string(not(containsString("Exception"))));
        mvc.perform(post("/assignment/reminders/stop").with(csrf()).param("token", forged))
                .andExpect(status().isOk()).andExpect(content().string(containsString("ลิงก์นี้ใช้ไม่ได้")));
        // the links are public, but their buttons are forms like any other: no CSRF token, no change
        mvc.perform(post("/assignment/respond").param("token", forged).param("answer", "CONFIRM")).andExpect(status().isForbidden());
    }

    @Test
    void decliningThroughTheLinkFreesTheSlot() throws Exception {
        OrganisationId org = fixture.organisation("assign-decline");
        var nid = fixture.volunteer(org, "assign-decline", "นิด ปฏิเสธ");
        StationView station = fixture.stations("BKK_21").get(0);
        fixture.atStation(nid, station, StationRole.PRIMARY);
        String token = fixture.token(nid, "/assignment/respond");

        mvc.perform(post("/assignment/respond").with(csrf()).param("token", token).param("answer", "DECLINE").param("reason", "ต้องไปต่างจังหวัด"))
                .andExpect(redirectedUrl("/assignment/answered?answer=DECLINE"));
        mvc.perform(get("/assignment/answered").param("answer", "DECLINE")).andExpect(content().string(containsString("บันทึกการปฏิเสธแล้ว")));

        assertThat(coverage.assignmentOf(ELECTION, nid.volunteer())).isEmpty();
        assertThat(coverage.stations(ELECTION, "BKK_21").get(0).primary()).isNull();
        assertThat(jdbc.sql("select reason from assignment_history where volunteer_id = ? and action = 'DECLINED'")
                .param(nid.volunteer().value()).query(String.class).single()).isEqualTo("ต้องไปต่างจังหวัด");
    }

    @Test
    void theStopLinkShowsAButtonAndOnlyThePostStopsReminders() throws Exception {
        OrganisationId org = fixture.organisation("assign-stop");
        var dao = fixture.volunteer(org, "assign-stop", "ดาว หยุดเตือน");
        fixture.atStation(dao, fixture.stations("BKK_22").get(0), StationRole.PRIMARY);
        String token = fixture.token(dao, "/assignment/reminders/stop");

        mvc.perform(get("/assignment/reminders/stop").param("token", token)).andExpect(status().isOk())
                .andExpect(content().string(containsString("หยุดอีเมลเตือน")));
        assertThat(responses.remindersStopped(fixture.account(dao))).isFalse();

        mvc.perform(post("/assignment/reminders/stop").with(csrf()).param("token", token)).andExpect(redirectedUrl("/assignment/reminders/stopped"));
        mvc.perform(get("/assignment/reminders/stopped").param("lang", "en")).andExpect(content().string(containsString("Reminders stopped")));
        assertThat(responses.remindersStopped(fixture.account(dao))).isTrue();
        mvc.perform(get("/me/assignment").with(signedIn(dao))).andExpect(content().string(containsString("คุณหยุดรับอีเมลเตือนแล้ว")));
    }

    @Test
    void aSignedInVolunteerSeesAnswersAndCannotCheckInBeforeElectionDay() throws Exception {
        OrganisationId org = fixture.organisation("assign-me");
        var mali = fixture.volunteer(org, "assign-me", "มะลิ หน้าของฉัน");
        var other = fixture.volunteer(org, "assign-me", "ชบา ไม่มีตำแหน่ง");
        StationView station = fixture.stations("BKK_23").get(0);
        AssignmentId id = fixture.atStation(mali, station, StationRole.PRIMARY);

        mvc.perform(get("/me").with(signedIn(mali))).andExpect(content().string(containsString("href=\"/me/assignment\"")));
        mvc.perform(get("/me/assignment").with(signedIn(mali))).andExpect(status().isOk())
                .andExpect(content().string(containsString(station.code())))
                .andExpect(content().string(containsString("รอคุณตอบรับ")))
                .andExpect(content().string(containsString("เช็กอิน: ฉันถึงหน่วยแล้ว")))
                .andExpect(content().string(containsString("/me/assignment/" + id.value() + "/calendar.ics")));
        mvc.perform(get("/me/assignment/" + id.value() + "/calendar.ics").with(signedIn(mali))).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/calendar"))
                .andExpect(content().string(containsString("BEGIN:VEVENT")))
                .andExpect(content().string(containsString(station.code())));
        mvc.perform(get("/me/assignment/" + id.value() + "/calendar.ics").with(signedIn(other))).andExpect(status().isNotFound());
        mvc.perform(get("/me/assignment").with(signedIn(other))).andExpect(content().string(containsString("คุณยังไม่ได้รับมอบหมายตำแหน่ง")));

        MvcResult checkIn = mvc.perform(post("/me/assignment/" + id.value() + "/check-in").with(csrf()).with(signedIn(mali)))
                .andExpect(redirectedUrl("/me/assignment"))
                .andExpect(flash().attribute("problem", containsString("เช็กอินได้เฉพาะวันเลือกตั้ง (14 พฤษภาคม พ.ศ. 2566)")))
                .andReturn();
        // the flash lives in the shared (JDBC) session: the next page is asked for with its cookie, as a browser would
        mvc.perform(get("/me/assignment").with(signedIn(mali)).cookie(checkIn.getResponse().getCookie("SESSION")))
                .andExpect(content().string(containsString("เช็กอินได้เฉพาะวันเลือกตั้ง")));
        assertThat(assignmentOf(mali).checkedInAt()).isNull();

        // someone else's assignment is not theirs to answer
        mvc.perform(post("/me/assignment/" + id.value() + "/answer").param("answer", "DECLINE").with(csrf()).with(signedIn(other)))
                .andExpect(flash().attribute("problem", "ไม่พบการจัดสรรนี้"));

        mvc.perform(post("/me/assignment/" + id.value() + "/answer").param("answer", "CONFIRM").with(csrf()).with(signedIn(mali)))
                .andExpect(redirectedUrl("/me/assignment")).andExpect(flash().attribute("notice", "assignment.volunteer.confirmed"));
        mvc.perform(get("/me/assignment").with(signedIn(mali)).param("lang", "en")).andExpect(content().string(containsString("Confirmed")))
                .andExpect(content().string(not(containsString("Confirm: I will be there"))));

        mvc.perform(post("/me/assignment/reminders/stop").with(csrf()).with(signedIn(mali))).andExpect(redirectedUrl("/me/assignment"));
        assertThat(responses.remindersStopped(fixture.account(mali))).isTrue();
        mvc.perform(post("/me/assignment/reminders/resume").with(csrf()).with(signedIn(mali))).andExpect(redirectedUrl("/me/assignment"));
        assertThat(responses.remindersStopped(fixture.account(mali))).isFalse();
    }

    @Test
    void onlyTheConstituencysLeadSeesItsStationsMovesABackupIntoPlaceAndReadsContacts() throws Exception {
        OrganisationId org = fixture.organisation("assign-lead");
        var lead = fixture.volunteer(org, "assign-lead", "ผู้นำ เขตยี่สิบสี่");
        var primary = fixture.volunteer(org, "assign-lead", "แดง ตัวจริง");
        var backup = fixture.volunteer(org, "assign-lead", "ขาว ตัวสำรอง");
        var elsewhere = fixture.volunteer(org, "assign-lead", "เขียว เขตอื่น");
        StationView station = fixture.stations("BKK_24").get(0);
        fixture.asLead(lead, "BKK_24");
        fixture.atStation(primary, station, StationRole.PRIMARY);
        fixture.atStation(backup, station, StationRole.BACKUP);
        fixture.atStation(elsewhere, fixture.stations("BKK_25").get(0), StationRole.PRIMARY);

        mvc.perform(get("/lead")).andExpect(status().is3xxRedirection()); // to sign in
        mvc.perform(get("/lead").with(signedIn(primary))).andExpect(status().isForbidden())
                .andExpect(content().string(containsString("หน้านี้สำหรับผู้ประสานงานเขต")));
        mvc.perform(get("/lead").with(user("boss").roles("ADMIN"))).andExpect(status().isForbidden());
        mvc.perform(post("/lead/stations/" + station.id() + "/backup-into-place").with(csrf()).with(signedIn(primary)))
                .andExpect(status().isForbidden());

        mvc.perform(get("/lead").with(signedIn(lead))).andExpect(status().isOk())
                .andExpect(content().string(containsString("ผู้ประสานงานเขต: กรุงเทพมหานคร เขต 24")))
                .andExpect(content().string(containsString(station.code())))
                .andExpect(content().string(containsString("แดง ตัวจริง")))
                .andExpect(content().string(containsString("ขาว ตัวสำรอง")))
                .andExpect(content().string(containsString("ตัวจริงยังไม่ตอบรับ"))) // before election day: who has not said yes
                .andExpect(content().string(not(containsString("ยังไม่เช็กอิน"))))
                .andExpect(content().string(containsString("/lead/stations/" + station.id() + "/backup-into-place")));
        mvc.perform(get("/me/assignment").with(signedIn(lead))).andExpect(content().string(containsString("href=\"/lead\"")));
        // ~200 stations: forty cards a page, the way to the next, a page past the end shows the last
        int stations = fixture.stations("BKK_24").size();
        int pages = (stations + 39) / 40;
        String first = mvc.perform(get("/lead").param("show", "all").with(signedIn(lead))).andReturn().getResponse().getContentAsString();
        assertThat(first.split("<li class=\"card", -1).length - 1).isEqualTo(40);
        assertThat(first).contains("หน้า 1 จาก " + pages).contains("href=\"/lead?show=all&amp;page=2\"");
        String last = mvc.perform(get("/lead").param("show", "all").param("page", "999").with(signedIn(lead))).andReturn().getResponse()
                .getContentAsString();
        assertThat(last.split("<li class=\"card", -1).length - 1).isEqualTo(stations - 40 * (pages - 1));
        assertThat(last).contains("หน้า " + pages + " จาก " + pages).doesNotContain("rel=\"next\"");

        mvc.perform(post("/lead/stations/" + station.id() + "/backup-into-place").with(csrf()).with(signedIn(lead)))
                .andExpect(redirectedUrl("/lead")).andExpect(flash().attribute("notice", "lead.backup.done"));
        var row = coverage.stations(ELECTION, "BKK_24").stream().filter(r -> r.station().id() == station.id()).findFirst().orElseThrow();
        assertThat(row.primary().volunteer()).isEqualTo(backup.volunteer());
        assertThat(row.backup().volunteer()).isEqualTo(primary.volunteer());
        // a station of another constituency is not theirs to change
        mvc.perform(post("/lead/stations/" + fixture.stations("BKK_25").get(0).id() + "/backup-into-place").with(csrf()).with(signedIn(lead)))
                .andExpect(status().isNotFound());
        // a station without a backup: said in words
        mvc.perform(post("/lead/stations/" + fixture.stations("BKK_24").get(1).id() + "/backup-into-place").with(csrf()).with(signedIn(lead)))
                .andExpect(flash().attribute("problem", "หน่วยนี้ยังไม่มีอาสาสมัครสำรอง"));

        mvc.perform(get("/lead/volunteers/" + primary.volunteer().value()).with(signedIn(lead))).andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", containsString("no-store")))
                .andExpect(content().string(containsString("แดง ตัวจริง")))
                .andExpect(content().string(containsString(primary.email())))
                .andExpect(content().string(containsString("tel:086")));
        assertThat(jdbc.sql("select count(*) from personal_data_audit where actor = ? and volunteer_id = ? and detail = ?")
                .params(lead.email(), primary.volunteer().value(), "lead: constituency BKK_24").query(Long.class).single()).isEqualTo(1);
        mvc.perform(get("/lead/volunteers/" + elsewhere.volunteer().value()).with(signedIn(lead))).andExpect(status().isNotFound());
        mvc.perform(get("/lead/volunteers/" + backup.volunteer().value()).with(signedIn(primary))).andExpect(status().isForbidden());
    }
}
