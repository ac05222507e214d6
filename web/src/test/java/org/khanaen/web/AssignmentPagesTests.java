package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.AutoAssignment;
import org.khanaen.assignment.Coverage;
import org.khanaen.assignment.RunView;
import org.khanaen.assignment.WarRoomShifts;
import org.khanaen.volunteers.Rosters;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The assignment and coverage pages: administrators for the whole election, coordinators for their organisation. */
@FullStackTest
@Import(RegistryFixture.class)
class AssignmentPagesTests {

    static final String ELECTION = "/admin/elections/th-2566";
    static int run;

    @Autowired
    MockMvc mvc;
    @Autowired
    RegistryFixture fixture;
    @Autowired
    AutoAssignment auto;
    @Autowired
    Coverage coverage;
    @Autowired
    Rosters rosters;
    @Autowired
    WarRoomShifts shifts;

    private static RequestPostProcessor admin() {
        return user("admin-assign").roles("ADMIN");
    }

    private static RequestPostProcessor coordinatorOf(RegistryFixture.Org org) {
        return user(org.coordinator()).roles("ORG_COORDINATOR");
    }

    /** An organisation whose one volunteer is approved, so the pool has someone in Bangkok. */
    private RegistryFixture.Org approvedOrganisation(String name) {
        var org = fixture.organisation(name + "-" + (++run));
        rosters.decide(org.organisation().id(), new VolunteerId(org.volunteerId()), Rosters.Decision.APPROVE, "test");
        return org;
    }

    private RunView awaitDone(long id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            RunView view = auto.run(id).orElseThrow();
            if (!view.running()) {
                return view;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run " + id + " did not finish");
    }

    private static long runId(String location) {
        Matcher m = Pattern.compile("/runs/(\\d+)$").matcher(location);
        assertThat(m.find()).as(location).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void anAdministratorStartsAConstituencyRunAndReadsItsReport() throws Exception {
        approvedOrganisation("assign-run");
        mvc.perform(get(ELECTION + "/assignment").with(admin())).andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"ELECTION\"")))
                .andExpect(content().string(containsString("value=\"REPLAN\"")));

        String location = mvc.perform(post(ELECTION + "/assignment/runs").param("scope", "CONSTITUENCY").param("code", "bkk_1")
                        .param("mode", "FILL").with(csrf()).with(admin()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern(ELECTION + "/assignment/runs/*"))
                .andReturn().getResponse().getRedirectedUrl();
        RunView done = awaitDone(runId(location));
        assertThat(done.status()).isEqualTo(RunView.Status.DONE);
        assertThat(done.scopeCode()).isEqualTo("BKK_1");

        mvc.perform(get(location).with(admin())).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"report\"")))
                .andExpect(content().string(containsString(String.valueOf(done.report().stations()))))
                .andExpect(content().string(containsString("เสร็จแล้ว")))
                .andExpect(content().string(not(containsString("http-equiv=\"refresh\""))));
        mvc.perform(get(ELECTION + "/assignment").with(admin()))
                .andExpect(content().string(containsString(ELECTION + "/assignment/runs/" + done.id())));
    }

    @Test
    void aBadConstituencyCodeIsSaidInWordsOnTheForm() throws Exception {
        mvc.perform(post(ELECTION + "/assignment/runs").param("scope", "CONSTITUENCY").param("code", "NOPE_99").param("mode", "FILL")
                        .with(csrf()).with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("ไม่พบเขตเลือกตั้ง NOPE_99 ในการเลือกตั้งนี้")))
                .andExpect(content().string(containsString("value=\"NOPE_99\"")));
        mvc.perform(post(ELECTION + "/assignment/runs").param("scope", "CONSTITUENCY").param("code", "NOPE_99").param("mode", "FILL")
                        .param("lang", "en").with(csrf()).with(admin()))
                .andExpect(content().string(containsString("There is no constituency NOPE_99 in this election")));
    }

    @Test
    void othersAreRefusedAndStrangersSentToSignIn() throws Exception {
        for (String path : new String[] {ELECTION + "/assignment", ELECTION + "/coverage", ELECTION + "/coverage/BKK",
                ELECTION + "/coverage/constituency/BKK_1", ELECTION + "/coverage/organisations", ELECTION + "/coverage/map",
                ELECTION + "/coverage/constituencies.json"}) {
            mvc.perform(get(path).with(user("v@example.org").roles("VOLUNTEER"))).andExpect(status().isForbidden());
            mvc.perform(get(path).with(user("c@example.org").roles("ORG_COORDINATOR"))).andExpect(status().isForbidden());
            mvc.perform(get(path)).andExpect(status().isFound()).andExpect(header().string("Location", containsString("/login")));
        }
        mvc.perform(post(ELECTION + "/assignment/runs").param("scope", "ELECTION").param("mode", "FILL").with(csrf())
                .with(user("c@example.org").roles("ORG_COORDINATOR"))).andExpect(status().isForbidden());
        mvc.perform(post(ELECTION + "/assignment/runs").param("scope", "ELECTION").param("mode", "FILL").with(admin()))
                .andExpect(status().isForbidden()); // no CSRF token
    }

    @Test
    void coverageTablesShowTheCountsAndAnAdministratorPlacesByHand() throws Exception {
        var org = approvedOrganisation("assign-cover");
        // A BKK_2 station nobody holds yet: the run test works in BKK_1.
        var free = coverage.stations("th-2566", "BKK_2").stream().filter(s -> s.primary() == null).findFirst().orElseThrow();
        String page = ELECTION + "/coverage/constituency/BKK_2";
        mvc.perform(post(page + "/assign").param("volunteer", String.valueOf(org.volunteerId()))
                        .param("station", String.valueOf(free.station().id())).param("role", "PRIMARY").with(csrf()).with(admin()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notice", "assignment.admin.done.assigned"));
        // Twice: the module's reason, in words.
        mvc.perform(post(page + "/assign").param("volunteer", String.valueOf(org.volunteerId()))
                        .param("station", String.valueOf(free.station().id())).param("role", "BACKUP").with(csrf()).with(admin()))
                .andExpect(flash().attribute("problem", "อาสาสมัครคนนี้มีตำแหน่งในการเลือกตั้งนี้แล้ว ย้ายหรือสลับแทนการจัดซ้ำ"));

        var bkk = coverage.byProvince("th-2566").stream().filter(r -> r.code().equals("BKK")).findFirst().orElseThrow();
        assertThat(bkk.withPrimary()).isPositive();
        String provinces = mvc.perform(get(ELECTION + "/coverage").with(admin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(row(provinces, "BKK")).contains(String.format("%,d", bkk.stations()), ">" + bkk.withPrimary() + "<");

        var bkk2 = coverage.byConstituency("th-2566", Optional.of("BKK")).stream().filter(r -> r.code().equals("BKK_2")).findFirst().orElseThrow();
        String constituencies = mvc.perform(get(ELECTION + "/coverage/BKK").with(admin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(row(constituencies, "BKK_2")).contains(">" + bkk2.stations() + "<", ">" + bkk2.withPrimary() + "<");

        mvc.perform(get(page).with(admin())).andExpect(status().isOk())
                .andExpect(content().string(containsString(org.volunteerName().strip())))
                .andExpect(content().string(containsString(free.station().code())));

        mvc.perform(get(ELECTION + "/coverage/organisations").with(admin())).andExpect(status().isOk())
                .andExpect(content().string(containsString(org.organisation().nameTh())));

        long assignment = coverage.assignmentOf("th-2566", new VolunteerId(org.volunteerId())).orElseThrow().id().value();
        mvc.perform(post(page + "/release").param("assignment", String.valueOf(assignment)).param("reason", "test")
                .with(csrf()).with(admin())).andExpect(flash().attribute("notice", "assignment.admin.done.released"));
        assertThat(coverage.assignmentOf("th-2566", new VolunteerId(org.volunteerId()))).isEmpty();
        mvc.perform(post(page + "/backup-into-place").param("station", String.valueOf(free.station().id())).with(csrf()).with(admin()))
                .andExpect(flash().attribute("problem", "หน่วยนี้ยังไม่มีอาสาสมัครสำรอง"));
        mvc.perform(get(ELECTION + "/coverage/NOWHERE").with(admin())).andExpect(status().isNotFound());
    }

    /** The table row of one province or constituency. */
    private static String row(String html, String code) {
        Matcher m = Pattern.compile("<tr data-code=\"" + code + "\">(.*?)</tr>", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("row " + code).isTrue();
        return m.group(1);
    }

    @Test
    void theMapsDataHasEveryConstituency() throws Exception {
        mvc.perform(get(ELECTION + "/coverage/constituencies.json").with(admin())).andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(400)))
                .andExpect(jsonPath("$[0].code").isString())
                .andExpect(jsonPath("$[0].name").isString())
                .andExpect(jsonPath("$[0].stations").isNumber())
                .andExpect(jsonPath("$[0].withPrimary").isNumber())
                .andExpect(jsonPath("$[0].withBackup").isNumber())
                .andExpect(jsonPath("$[0].checkedIn").isNumber())
                .andExpect(jsonPath("$[0].latitude").isNumber())
                .andExpect(jsonPath("$[0].longitude").isNumber());
    }

    @Test
    void theMapPageLoadsLeafletFromTheAppAndOnlyItMayShowTiles() throws Exception {
        mvc.perform(get(ELECTION + "/coverage/map").with(admin())).andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", containsString("https://tile.openstreetmap.org")))
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
                .andExpect(content().string(containsString("/webjars/leaflet/1.9.4/dist/leaflet.js")))
                .andExpect(content().string(containsString("/js/coverage-map.js")))
                .andExpect(content().string(not(containsString("<script>"))));
        mvc.perform(get(ELECTION + "/coverage").with(admin()))
                .andExpect(header().string("Content-Security-Policy", not(containsString("openstreetmap"))));
        mvc.perform(get("/webjars/leaflet/1.9.4/dist/leaflet.js")).andExpect(status().isOk());
        mvc.perform(get("/webjars/leaflet/1.9.4/dist/leaflet.css")).andExpect(status().isOk());
    }

    @Test
    void aCoordinatorRunsForTheirOwnOrganisationOnly() throws Exception {
        var org = approvedOrganisation("assign-coord");
        var other = approvedOrganisation("assign-other");
        String base = "/org/" + org.slug() + "/assignment";
        mvc.perform(get(base).with(coordinatorOf(org))).andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"PROVINCE\"")))
                .andExpect(content().string(containsString("value=\"CONSTITUENCY\"")))
                .andExpect(content().string(not(containsString("value=\"ELECTION\""))));
        mvc.perform(get(base).with(coordinatorOf(other))).andExpect(status().isForbidden());

        int before = auto.recentRuns("th-2566").size();
        mvc.perform(post(base + "/runs").param("scope", "ELECTION").param("mode", "FILL").with(csrf()).with(coordinatorOf(org)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("ผู้ประสานงานจัดสรรได้ทีละจังหวัดหรือทีละเขต")));
        assertThat(auto.recentRuns("th-2566")).hasSize(before);

        String location = mvc.perform(post(base + "/runs").param("scope", "PROVINCE").param("code", "BKK").param("mode", "FILL")
                        .with(csrf()).with(coordinatorOf(org)))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        RunView done = awaitDone(runId(location));
        assertThat(done.organisationId()).isEqualTo(org.organisation().id().value());
        assertThat(done.status()).isEqualTo(RunView.Status.DONE);
        mvc.perform(get(location).with(coordinatorOf(org))).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"report\"")));
        // Another coordinator sees neither the run (not even through their own address) nor the page.
        mvc.perform(get("/org/" + other.slug() + "/assignment/runs/" + done.id()).with(coordinatorOf(other))).andExpect(status().isNotFound());
        mvc.perform(get(location).with(coordinatorOf(other))).andExpect(status().isForbidden());
        mvc.perform(get("/org/" + org.slug() + "/coverage").with(coordinatorOf(org))).andExpect(status().isOk())
                .andExpect(content().string(containsString(org.organisation().nameTh())))
                .andExpect(content().string(not(containsString(other.organisation().nameTh()))));
    }

    @Test
    void anAdministratorAddsAWarRoomShiftAndStartsTheMail() throws Exception {
        mvc.perform(post(ELECTION + "/assignment/shifts").param("name", "กะเช้า ทดสอบ").param("starts", "08:00").param("ends", "17:00")
                        .param("seats", "5").with(csrf()).with(admin()))
                .andExpect(status().is3xxRedirection());
        var shift = shifts.of("th-2566").stream().filter(s -> s.name().equals("กะเช้า ทดสอบ")).findFirst().orElseThrow();
        assertThat(shift.startsAt()).isEqualTo(Instant.parse("2023-05-14T01:00:00Z")); // 08:00 in Bangkok
        assertThat(shift.seats()).isEqualTo(5);
        mvc.perform(post(ELECTION + "/assignment/shifts").param("name", "x").param("starts", "soon").param("ends", "17:00")
                        .param("seats", "5").with(csrf()).with(admin()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("id=\"shift-form\"")));
        mvc.perform(get(ELECTION + "/assignment").with(admin())).andExpect(content().string(containsString("กะเช้า ทดสอบ")));

        String started = mvc.perform(post(ELECTION + "/assignment/notify").with(csrf()).with(admin()))
                .andExpect(status().is3xxRedirection()).andExpect(flash().attribute("notifyStarted", notNullValue()))
                .andReturn().getResponse().getRedirectedUrl();
        // the count to tell is in the address too: reloading the page keeps its progress bar
        assertThat(started).matches("/admin/elections/th-2566/assignment\\?mail=\\d+#mail");
        // the page's progress bar reads who is still to be told, the mails waiting to go and, of those it started with,
        // how many were told with their mail gone out, as numbers
        mvc.perform(get(ELECTION + "/assignment/mail-progress").with(admin())).andExpect(status().isOk())
                .andExpect(jsonPath("$.toTell").isNumber()).andExpect(jsonPath("$.waiting").isNumber()).andExpect(jsonPath("$.told").value(0));
        // (that the count of those told rises as the outbox empties is not awaited here: in the suite's shared database
        // other tests' placements and mails keep "to tell" and "waiting" above zero)
        mvc.perform(get(ELECTION + "/assignment").param("mail", "1606").with(admin()))
                .andExpect(content().string(containsString("id=\"mail-progress\""))).andExpect(content().string(containsString("data-total=\"1606\"")));
        mvc.perform(get(ELECTION + "/assignment/mail-progress").with(user("someone").roles("VOLUNTEER"))).andExpect(status().isForbidden());
        mvc.perform(get("/admin/elections/no-such/assignment/mail-progress").with(admin())).andExpect(status().isNotFound());
        // as the redirect after starting the mail carries it (MockMvc's flashAttr puts it in its own session, which the
        // shared JDBC sessions do not read)
        mvc.perform(get(ELECTION + "/assignment").with(admin())
                        .requestAttr(org.springframework.web.servlet.DispatcherServlet.INPUT_FLASH_MAP_ATTRIBUTE, java.util.Map.of("notifyStarted", 1606)))
                .andExpect(content().string(containsString("id=\"mail-progress\"")))
                .andExpect(content().string(containsString("แจ้งแล้ว 0 จาก 1,606 คน")))
                .andExpect(content().string(containsString("data-text=\"แจ้งแล้ว {0} จาก {1} คน")));
    }
}
