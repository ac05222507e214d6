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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.khanaen.accounts.AccountDirectory;
import org.khanaen.assignment.AssignmentId;
import org.khanaen.assignment.Coverage;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.StationView;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.web.browser.Browser;
import org.khanaen.web.browser.Look;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Election day, 10:00 in Bangkok: its own context with the assignment clock stopped on 14 May 2023, on a real
 * port so a browser can check in too. No development mail server and a mail sender that waits an hour, so it
 * does not compete with the full-stack context for the shared test database.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "khanaen.mail.dev-server.enabled=false", "khanaen.mail.poll-interval=1h" })
@AutoConfigureMockMvc
@Import(AssignmentFixture.class)
class AssignmentElectionDayTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class ElectionDay {
        @Bean
        @Primary
        Clock electionDayClock() {
            return Clock.fixed(Instant.parse("2023-05-14T03:00:00Z"), ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    AssignmentFixture fixture;
    @Autowired
    Coverage coverage;
    @Autowired
    AccountDirectory accounts;
    @LocalServerPort
    int port;

    /** In each look (phone or desktop, Thai or English): a station volunteer arrives, signs in and checks in. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.khanaen.web.browser.Look#all")
    void aVolunteerChecksInFromTheirPhoneOnElectionDay(Look look) {
        String slug = "browser-check-in-" + look;
        var person = fixture.volunteer(fixture.organisation(slug), slug, "ถึงแล้ว เช้าตรู่");
        accounts.setEnabled(fixture.account(person), true);
        StationView station = fixture.stations("LPG_1").get(look.number());
        fixture.atStation(person, station, StationRole.PRIMARY);
        try (Browser browser = Browser.start(port, "check-in", look)) {
            browser.signIn(person.email(), "volunteer pass");
            browser.open("/me/assignment");
            assertThat(browser.find(By.tagName("main")).getText()).contains(station.code());
            browser.keyPage("01-before");
            browser.follow(browser.find(By.cssSelector("form[action$='/check-in'] button")));

            assertThat(browser.location()).isEqualTo("/me/assignment");
            assertThat(browser.find(By.tagName("main")).getText())
                    .contains(look.text("เช็กอินเรียบร้อย ขอบคุณที่มาตามนัด", "You are checked in. Thank you for coming."))
                    .contains(look.text("เช็กอินแล้ว", "Checked in"));
            assertThat(browser.driver().findElements(By.cssSelector("form[action$='/check-in']"))).as("checked in once").isEmpty();
            browser.keyPage("02-checked-in");
        }
        assertThat(coverage.assignmentOf(AssignmentFixture.ELECTION, person.volunteer()).orElseThrow().checkedInAt())
                .isEqualTo(Instant.parse("2023-05-14T03:00:00Z"));
    }

    @Test
    void volunteersCheckInAndTheLeadSeesWhoIsMissingFirst() throws Exception {
        OrganisationId org = fixture.organisation("assign-day");
        var lead = fixture.volunteer(org, "assign-day", "ผู้นำ วันเลือกตั้ง");
        var arrived = fixture.volunteer(org, "assign-day", "มาแล้ว ตรงเวลา");
        var missing = fixture.volunteer(org, "assign-day", "ยังไม่มา สาย");
        var standby = fixture.volunteer(org, "assign-day", "สำรอง พร้อม");
        List<StationView> stations = fixture.stations("BKK_27");
        StationView early = stations.get(0);
        StationView late = stations.get(stations.size() - 1);
        fixture.asLead(lead, "BKK_27");
        AssignmentId arrivedAt = fixture.atStation(arrived, early, StationRole.PRIMARY);
        fixture.atStation(missing, late, StationRole.PRIMARY);
        fixture.atStation(standby, late, StationRole.BACKUP);

        mvc.perform(post("/me/assignment/" + arrivedAt.value() + "/check-in").with(csrf()).with(user(arrived.email()).roles("VOLUNTEER")))
                .andExpect(redirectedUrl("/me/assignment")).andExpect(flash().attribute("notice", "assignment.volunteer.checked-in"));
        mvc.perform(get("/me/assignment").with(user(arrived.email()).roles("VOLUNTEER")))
                .andExpect(content().string(containsString("เช็กอินแล้ว")))
                .andExpect(content().string(not(containsString("/check-in"))));
        assertThat(coverage.assignmentOf(AssignmentFixture.ELECTION, arrived.volunteer()).orElseThrow().checkedInAt()).isNotNull();

        String needing = mvc.perform(get("/lead").with(user(lead.email()).roles("VOLUNTEER"))).andReturn().getResponse()
                .getContentAsString();
        assertThat(needing).as("by default only the stations needing the lead").contains("ยังไม่มา สาย", "ตัวจริงยังไม่เช็กอิน")
                .doesNotContain("/lead/stations/" + early.id() + "/backup-into-place").doesNotContain(">" + early.code() + "<");
        assertThat(needing.indexOf("<li class=\"card")).as("the station whose primary has not come is the first card")
                .isLessThan(needing.indexOf(">" + late.code() + "<")).isGreaterThan(0);
        assertThat(needing.indexOf(">" + late.code() + "<")).isLessThan(needing.indexOf("<li class=\"card", needing.indexOf("<li class=\"card") + 1));
        assertThat(needing).contains("/lead/stations/" + late.id() + "/backup-into-place");
        int pages = (stations.size() + 39) / 40;
        String lastOfAll = mvc.perform(get("/lead").param("show", "all").param("page", String.valueOf(pages))
                .with(user(lead.email()).roles("VOLUNTEER"))).andReturn().getResponse().getContentAsString();
        assertThat(lastOfAll).as("the arrived primary's station comes last of all").contains(">" + early.code() + "<", "มาแล้ว ตรงเวลา")
                .doesNotContain("/lead/stations/" + early.id() + "/backup-into-place");

        mvc.perform(post("/lead/stations/" + late.id() + "/backup-into-place").with(csrf()).with(user(lead.email()).roles("VOLUNTEER")))
                .andExpect(redirectedUrl("/lead"));
        var row = coverage.stations(AssignmentFixture.ELECTION, "BKK_27").stream().filter(r -> r.station().id() == late.id()).findFirst()
                .orElseThrow();
        assertThat(row.primary().name()).isEqualTo("สำรอง พร้อม");
    }
}
