package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
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
import org.khanaen.volunteers.OrganisationId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** A constituency lead moves, swaps and releases people within their own constituency, and nowhere else. */
@FullStackTest
@Import(AssignmentFixture.class)
class LeadPlacementPagesTests {

    private static final String ELECTION = AssignmentFixture.ELECTION;

    @Autowired
    MockMvc mvc;
    @Autowired
    AssignmentFixture fixture;
    @Autowired
    Coverage coverage;

    private static RequestPostProcessor signedIn(AssignmentFixture.Person person) {
        return user(person.email()).roles("VOLUNTEER");
    }

    private AssignmentView assignmentOf(AssignmentFixture.Person person) {
        return coverage.assignmentOf(ELECTION, person.volunteer()).orElseThrow();
    }

    @Test
    void aLeadMovesSwapsAndReleasesInsideTheirConstituencyAndCannotReachOutsideIt() throws Exception {
        OrganisationId org = fixture.organisation("lead-edits");
        var lead = fixture.volunteer(org, "lead-edits", "ผู้นำ เขตขอนแก่นสอง");
        var nok = fixture.volunteer(org, "lead-edits", "นก ย้ายหน่วย");
        var pla = fixture.volunteer(org, "lead-edits", "ปลา ตัวจริง");
        var mod = fixture.volunteer(org, "lead-edits", "มด ไม่มา");
        var outsider = fixture.volunteer(org, "lead-edits", "ไก่ เขตอื่น");
        List<StationView> here = fixture.stations("KKN_2");
        StationView there = fixture.stations("KKN_3").get(0);
        AssignmentId leadRole = fixture.asLead(lead, "KKN_2");
        AssignmentId a = fixture.atStation(nok, here.get(0), StationRole.PRIMARY);
        AssignmentId b = fixture.atStation(pla, here.get(1), StationRole.PRIMARY);
        AssignmentId c = fixture.atStation(mod, here.get(1), StationRole.BACKUP);
        AssignmentId away = fixture.atStation(outsider, there, StationRole.PRIMARY);

        mvc.perform(get("/lead").with(signedIn(lead))).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"move-form\"")))
                .andExpect(content().string(containsString("value=\"" + a.value() + "\"")))
                .andExpect(content().string(containsString("value=\"" + here.get(2).id() + "\"")))
                .andExpect(content().string(containsString("นก ย้ายหน่วย · " + here.get(0).code() + " · ตัวจริง")));

        mvc.perform(post("/lead/move").param("assignment", String.valueOf(a.value())).param("station", String.valueOf(here.get(2).id()))
                        .param("role", "BACKUP").param("reason", "ใกล้บ้าน").with(csrf()).with(signedIn(lead)))
                .andExpect(redirectedUrl("/lead")).andExpect(flash().attribute("notice", "lead.move.done"));
        assertThat(assignmentOf(nok).placeId()).isEqualTo(here.get(2).id());
        assertThat(assignmentOf(nok).stationRole()).isEqualTo(StationRole.BACKUP);
        // a slot someone holds: the module's reason, in words
        mvc.perform(post("/lead/move").param("assignment", String.valueOf(a.value())).param("station", String.valueOf(here.get(1).id()))
                        .param("role", "PRIMARY").with(csrf()).with(signedIn(lead)))
                .andExpect(flash().attribute("problem", "ตำแหน่งนี้มีคนอยู่แล้ว"));

        mvc.perform(post("/lead/swap").param("first", String.valueOf(a.value())).param("second", String.valueOf(b.value()))
                        .with(csrf()).with(signedIn(lead)))
                .andExpect(redirectedUrl("/lead")).andExpect(flash().attribute("notice", "lead.swap.done"));
        assertThat(assignmentOf(nok).placeId()).isEqualTo(here.get(1).id());
        assertThat(assignmentOf(nok).stationRole()).isEqualTo(StationRole.PRIMARY);
        assertThat(assignmentOf(pla).placeId()).isEqualTo(here.get(2).id());

        // outside the constituency, at either end, or the lead role itself: not found
        mvc.perform(post("/lead/move").param("assignment", String.valueOf(a.value())).param("station", String.valueOf(there.id()))
                .param("role", "BACKUP").with(csrf()).with(signedIn(lead))).andExpect(status().isNotFound());
        mvc.perform(post("/lead/move").param("assignment", String.valueOf(away.value())).param("station", String.valueOf(here.get(3).id()))
                .param("role", "PRIMARY").with(csrf()).with(signedIn(lead))).andExpect(status().isNotFound());
        mvc.perform(post("/lead/swap").param("first", String.valueOf(a.value())).param("second", String.valueOf(away.value()))
                .with(csrf()).with(signedIn(lead))).andExpect(status().isNotFound());
        mvc.perform(post("/lead/release").param("assignment", String.valueOf(away.value())).param("reason", "ไม่มา")
                .with(csrf()).with(signedIn(lead))).andExpect(status().isNotFound());
        mvc.perform(post("/lead/release").param("assignment", String.valueOf(leadRole.value())).param("reason", "ไม่มา")
                .with(csrf()).with(signedIn(lead))).andExpect(status().isNotFound());
        assertThat(assignmentOf(outsider).placeId()).isEqualTo(there.id());
        assertThat(assignmentOf(nok).placeId()).isEqualTo(here.get(1).id());

        // only a lead may change anything
        mvc.perform(post("/lead/swap").param("first", String.valueOf(a.value())).param("second", String.valueOf(b.value()))
                .with(csrf()).with(signedIn(mod))).andExpect(status().isForbidden());

        mvc.perform(post("/lead/release").param("assignment", String.valueOf(c.value())).param("reason", "")
                        .with(csrf()).with(signedIn(lead)))
                .andExpect(flash().attribute("problem", "กรุณาระบุเหตุผลในการยกเลิก"));
        mvc.perform(post("/lead/release").param("assignment", String.valueOf(c.value())).param("reason", "ไม่มาตามนัด")
                        .with(csrf()).with(signedIn(lead)))
                .andExpect(flash().attribute("notice", "lead.release.done"));
        assertThat(coverage.assignmentOf(ELECTION, mod.volunteer())).isEmpty();
        mvc.perform(get("/lead").param("lang", "en").with(signedIn(lead)))
                .andExpect(content().string(containsString("Move, swap or release within the constituency")));
    }
}
