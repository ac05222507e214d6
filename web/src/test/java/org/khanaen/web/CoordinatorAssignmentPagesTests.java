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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.AssignmentId;
import org.khanaen.assignment.AssignmentView;
import org.khanaen.assignment.Coverage;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.StationView;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** A coordinator's hands-on placing of their own organisation's volunteers (/org/{slug}/assignments). */
@FullStackTest
@Import({ RegistryFixture.class, AssignmentFixture.class })
class CoordinatorAssignmentPagesTests {

    private static final String ELECTION = AssignmentFixture.ELECTION;

    @Autowired
    MockMvc mvc;
    @Autowired
    RegistryFixture registry;
    @Autowired
    AssignmentFixture fixture;
    @Autowired
    Coverage coverage;
    @Autowired
    JdbcClient jdbc;

    private static RequestPostProcessor coordinatorOf(RegistryFixture.Org org) {
        return user(org.coordinator()).roles("ORG_COORDINATOR");
    }

    private AssignmentView assignmentOf(AssignmentFixture.Person person) {
        return coverage.assignmentOf(ELECTION, person.volunteer()).orElseThrow();
    }

    @Test
    void aCoordinatorPlacesTheirOwnVolunteerByStationCodeAndCannotTouchAnotherOrganisations() throws Exception {
        var org = registry.organisation("placing-own");
        var other = registry.organisation("placing-other");
        var somsri = fixture.volunteer(org.organisation().id(), org.slug(), "สมศรี วางเอง");
        var second = fixture.volunteer(org.organisation().id(), org.slug(), "สมปอง คนที่สอง");
        var stranger = fixture.volunteer(other.organisation().id(), other.slug(), "คนนอก องค์กรอื่น");
        List<StationView> stations = fixture.stations("CMI_3");
        String base = "/org/" + org.slug() + "/assignments";

        mvc.perform(get(base).with(coordinatorOf(org))).andExpect(status().isOk())
                .andExpect(content().string(containsString("status=APPROVED&amp;assignment=UNASSIGNED")))
                .andExpect(content().string(containsString("ยังไม่มีใครได้รับการจัดสรร")))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
        mvc.perform(get(base).with(coordinatorOf(other))).andExpect(status().isForbidden());
        mvc.perform(get("/org/" + org.slug() + "/volunteers").with(coordinatorOf(org))).andExpect(content().string(containsString(base)));

        // typed in lower case with spaces: the code is what people read on the station list
        mvc.perform(post(base + "/assign").param("volunteer", String.valueOf(somsri.volunteer().value()))
                        .param("station", " " + stations.get(0).code().toLowerCase() + " ").param("role", "PRIMARY")
                        .with(csrf()).with(coordinatorOf(org)))
                .andExpect(redirectedUrl(base)).andExpect(flash().attribute("notice", "assignment.admin.done.assigned"));
        assertThat(assignmentOf(somsri).placeId()).isEqualTo(stations.get(0).id());
        assertThat(assignmentOf(somsri).assignedBy()).isEqualTo(org.coordinator());

        mvc.perform(get(base).with(coordinatorOf(org))).andExpect(status().isOk())
                .andExpect(content().string(containsString("สมศรี วางเอง")))
                .andExpect(content().string(containsString(stations.get(0).code())))
                .andExpect(content().string(containsString("ตัวจริง")))
                .andExpect(content().string(containsString("#" + assignmentOf(somsri).id().value())));
        mvc.perform(get(base).param("q", stations.get(0).code()).with(coordinatorOf(org)))
                .andExpect(content().string(containsString("สมศรี วางเอง")));
        mvc.perform(get(base).param("q", "CMI_4").with(coordinatorOf(org)))
                .andExpect(content().string(not(containsString("สมศรี วางเอง"))));
        mvc.perform(get(base).param("q", "วางเอง").param("lang", "en").with(coordinatorOf(org)))
                .andExpect(content().string(containsString("Who stands where")))
                .andExpect(content().string(containsString("สมศรี วางเอง")));

        // another organisation's volunteer is not found, in words, and stays where they are
        mvc.perform(post(base + "/assign").param("volunteer", String.valueOf(stranger.volunteer().value()))
                        .param("station", stations.get(1).code()).param("role", "PRIMARY").with(csrf()).with(coordinatorOf(org)))
                .andExpect(flash().attribute("problem",
                        "ไม่พบอาสาสมัครหมายเลข " + stranger.volunteer().value() + " ในรายชื่อที่องค์กรของคุณอนุมัติ"));
        assertThat(coverage.assignmentOf(ELECTION, stranger.volunteer())).isEmpty();
        AssignmentId theirs = fixture.atStation(stranger, stations.get(1), StationRole.PRIMARY);
        mvc.perform(post(base + "/move").param("assignment", String.valueOf(theirs.value())).param("station", stations.get(2).code())
                        .param("role", "PRIMARY").with(csrf()).with(coordinatorOf(org)))
                .andExpect(flash().attribute("problem", "ไม่พบการจัดสรรนี้"));
        mvc.perform(post(base + "/release").param("assignment", String.valueOf(theirs.value())).param("reason", "ลอง")
                        .with(csrf()).with(coordinatorOf(org)))
                .andExpect(flash().attribute("problem", "ไม่พบการจัดสรรนี้"));
        mvc.perform(post(base + "/swap").param("first", String.valueOf(assignmentOf(somsri).id().value()))
                        .param("second", String.valueOf(theirs.value())).with(csrf()).with(coordinatorOf(org)))
                .andExpect(flash().attribute("problem", "ไม่พบการจัดสรรนี้"));
        assertThat(coverage.assignment(theirs).orElseThrow().placeId()).isEqualTo(stations.get(1).id());

        // a station code that does not exist, and a slot someone holds: both said in words
        mvc.perform(post(base + "/assign").param("volunteer", String.valueOf(second.volunteer().value())).param("station", "CMI_3-9999")
                        .param("role", "PRIMARY").with(csrf()).with(coordinatorOf(org)))
                .andExpect(flash().attribute("problem", "ไม่พบหน่วยเลือกตั้ง CMI_3-9999 ในการเลือกตั้งนี้"));
        mvc.perform(post(base + "/assign").param("volunteer", String.valueOf(second.volunteer().value()))
                        .param("station", stations.get(1).code()).param("role", "PRIMARY").with(csrf()).with(coordinatorOf(org)))
                .andExpect(flash().attribute("problem", "ตำแหน่งนี้มีคนอยู่แล้ว"));
        mvc.perform(post(base + "/assign").param("volunteer", String.valueOf(somsri.volunteer().value()))
                        .param("station", stations.get(3).code()).param("role", "BACKUP").with(csrf()).with(coordinatorOf(org)))
                .andExpect(flash().attribute("problem", "อาสาสมัครคนนี้มีตำแหน่งในการเลือกตั้งนี้แล้ว ย้ายหรือสลับแทนการจัดซ้ำ"));
        assertThat(coverage.assignmentOf(ELECTION, second.volunteer())).isEmpty();

        // no CSRF token, no change
        mvc.perform(post(base + "/assign").param("volunteer", String.valueOf(second.volunteer().value()))
                .param("station", stations.get(4).code()).param("role", "PRIMARY").with(coordinatorOf(org))).andExpect(status().isForbidden());
    }

    @Test
    void aCoordinatorMovesSwapsAndReleasesTheirOwnVolunteers() throws Exception {
        var org = registry.organisation("placing-moves");
        var dam = fixture.volunteer(org.organisation().id(), org.slug(), "ดำ ย้ายที่");
        var kaew = fixture.volunteer(org.organisation().id(), org.slug(), "แก้ว สลับที่");
        List<StationView> stations = fixture.stations("CMI_4");
        AssignmentId a = fixture.atStation(dam, stations.get(0), StationRole.PRIMARY);
        AssignmentId b = fixture.atStation(kaew, stations.get(1), StationRole.PRIMARY);
        String base = "/org/" + org.slug() + "/assignments";

        mvc.perform(post(base + "/move").param("assignment", String.valueOf(a.value())).param("station", stations.get(2).code())
                        .param("role", "BACKUP").param("reason", "ใกล้บ้าน").with(csrf()).with(coordinatorOf(org)))
                .andExpect(redirectedUrl(base)).andExpect(flash().attribute("notice", "assignment.admin.done.moved"));
        assertThat(assignmentOf(dam).placeId()).isEqualTo(stations.get(2).id());
        assertThat(assignmentOf(dam).stationRole()).isEqualTo(StationRole.BACKUP);
        mvc.perform(post(base + "/move").param("assignment", String.valueOf(a.value())).param("station", stations.get(1).code())
                        .param("role", "PRIMARY").with(csrf()).with(coordinatorOf(org)))
                .andExpect(flash().attribute("problem", "ตำแหน่งนี้มีคนอยู่แล้ว"));

        mvc.perform(post(base + "/swap").param("first", String.valueOf(a.value())).param("second", String.valueOf(b.value()))
                        .param("reason", "สลับกะ").with(csrf()).with(coordinatorOf(org)))
                .andExpect(flash().attribute("notice", "assignment.admin.done.swapped"));
        assertThat(assignmentOf(dam).placeId()).isEqualTo(stations.get(1).id());
        assertThat(assignmentOf(kaew).placeId()).isEqualTo(stations.get(2).id());

        mvc.perform(post(base + "/release").param("assignment", String.valueOf(b.value())).param("reason", " ")
                        .with(csrf()).with(coordinatorOf(org)))
                .andExpect(flash().attribute("problem", "กรุณาระบุเหตุผลในการยกเลิก"));
        assertThat(coverage.assignmentOf(ELECTION, kaew.volunteer())).isPresent();
        mvc.perform(post(base + "/release").param("assignment", String.valueOf(b.value())).param("reason", "ย้ายไปต่างประเทศ")
                        .with(csrf()).with(coordinatorOf(org)))
                .andExpect(flash().attribute("notice", "assignment.admin.done.released"));
        assertThat(coverage.assignmentOf(ELECTION, kaew.volunteer())).isEmpty();
        assertThat(jdbc.sql("select reason from assignment_history where volunteer_id = ? and action = 'UNASSIGNED'")
                .param(kaew.volunteer().value()).query(String.class).single()).isEqualTo("ย้ายไปต่างประเทศ");
    }
}
