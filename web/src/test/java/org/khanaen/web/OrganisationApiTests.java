package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.khanaen.volunteers.PartnerOrganisations;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** A partner's own systems: its token reaches its own volunteers and nobody else's. */
@FullStackTest
@Import(RegistryFixture.class)
class OrganisationApiTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    RegistryFixture fixture;
    @Autowired
    PartnerOrganisations organisations;
    @Autowired
    JdbcClient jdbc;

    static int run;
    RegistryFixture.Org a;
    RegistryFixture.Org b;
    String tokenA;

    @BeforeEach
    void twoOrganisations() {
        run++;
        a = fixture.organisation("api-a-" + run);
        b = fixture.organisation("api-b-" + run);
        tokenA = organisations.issueApiToken(a.slug());
    }

    @Test
    void listsOnlyItsOwnVolunteers() throws Exception {
        mvc.perform(get("/api/v1/org/volunteers").header("Authorization", "Bearer " + tokenA))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].id.value", hasItem((int) a.volunteerId())))
                .andExpect(jsonPath("$.content[*].id.value", not(hasItem((int) b.volunteerId()))));
    }

    @Test
    void anotherOrganisationsVolunteerIsNotFoundForReadingOrChanging() throws Exception {
        mvc.perform(get("/api/v1/org/volunteers/" + b.volunteerId()).header("Authorization", "Bearer " + tokenA))
                .andExpect(status().isNotFound()).andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(patch("/api/v1/org/volunteers/" + b.volunteerId()).header("Authorization", "Bearer " + tokenA)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"fullName\":\"ถูกแก้\",\"phone\":\"0811112222\",\"districtCode\":\"1001\",\"rolePreference\":\"STATION\",\"availability\":\"ALL_DAY\"}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void addsAVolunteerAndRejectsBadFieldsWithAProblem() throws Exception {
        mvc.perform(post("/api/v1/org/volunteers").header("Authorization", "Bearer " + tokenA).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"fullName\":\"เพิ่ม ทางเอพีไอ\",\"phone\":\"08155" + String.format("%05d", run) + "\",\"email\":\"api" + run
                                + "@example.org\",\"districtCode\":\"1001\",\"rolePreference\":\"war_room\",\"availability\":\"standby\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.fullName").value("เพิ่ม ทางเอพีไอ"))
                .andExpect(jsonPath("$.status").value("APPROVED"));
        mvc.perform(post("/api/v1/org/volunteers").header("Authorization", "Bearer " + tokenA).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"fullName\":\"<script>\",\"phone\":\"1\",\"email\":\"x\",\"districtCode\":\"0\",\"rolePreference\":\"x\",\"availability\":\"y\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("phone")));
    }

    @Test
    void namingAnotherOrganisationsVolunteerRevealsNothingAndAsksThePersonByMail() throws Exception {
        // The probe: A sends B's volunteer's phone with made-up other details, hoping for B's record.
        mvc.perform(post("/api/v1/org/volunteers").header("Authorization", "Bearer " + tokenA).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"fullName\":\"เดา ชื่อ\",\"phone\":\"" + b.volunteerPhone()
                                + "\",\"email\":\"guess" + run + "@example.org\",\"districtCode\":\"1001\",\"rolePreference\":\"station\",\"availability\":\"all_day\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("ASKED_TO_CONFIRM"))
                .andExpect(content().string(not(containsString(b.volunteerName()))))
                .andExpect(content().string(not(containsString(b.volunteerEmail()))))
                .andExpect(content().string(not(containsString(String.valueOf(b.volunteerId())))));
        mvc.perform(get("/api/v1/org/volunteers").header("Authorization", "Bearer " + tokenA))
                .andExpect(jsonPath("$.content[*].id.value", not(hasItem((int) b.volunteerId()))));
        mvc.perform(get("/api/v1/org/volunteers/" + b.volunteerId()).header("Authorization", "Bearer " + tokenA))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from affiliation where volunteer_id = ? and organisation_id = ?")
                .params(b.volunteerId(), a.organisation().id().value()).query(Long.class).single()).isZero();

        // The person, at the address on file, is asked; once. Confirming puts them on A's roster, pending.
        mvc.perform(post("/api/v1/org/volunteers").header("Authorization", "Bearer " + tokenA).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"fullName\":\"เดา ชื่อ\",\"phone\":\"" + b.volunteerPhone()
                                + "\",\"email\":\"guess" + run + "@example.org\",\"districtCode\":\"1001\",\"rolePreference\":\"station\",\"availability\":\"all_day\"}"))
                .andExpect(status().isAccepted());
        var asked = jdbc.sql("select text_body from mail_outbox where recipient = ? and category = 'volunteer-added'")
                .param(b.volunteerEmail()).query(String.class).list();
        assertThat(asked).hasSize(1);
        String token = asked.getFirst().replaceAll("(?s).*token=([A-Za-z0-9_-]+).*", "$1");
        mvc.perform(get("/join/confirm").param("token", token)).andExpect(status().isOk());
        assertThat(jdbc.sql("select status from affiliation where volunteer_id = ? and organisation_id = ?")
                .params(b.volunteerId(), a.organisation().id().value()).query(String.class).single()).isEqualTo("PENDING");
    }

    @Test
    void withoutAValidTokenNothingIsAnswered() throws Exception {
        mvc.perform(get("/api/v1/org/volunteers")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/org/volunteers").header("Authorization", "Bearer khn_forged")).andExpect(status().isUnauthorized());
        String old = tokenA;
        organisations.issueApiToken(a.slug());
        mvc.perform(get("/api/v1/org/volunteers").header("Authorization", "Bearer " + old)).andExpect(status().isUnauthorized());
    }
}
