package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The roster as an authorisation matrix: every roster endpoint × who asks (the organisation's own
 * coordinator, another organisation's coordinator, a volunteer, a war-room member, a stranger).
 */
@FullStackTest
@Import(RegistryFixture.class)
class RosterAuthorisationTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    RegistryFixture fixture;
    @Autowired
    JdbcClient jdbc;

    static int run;
    RegistryFixture.Org a;
    RegistryFixture.Org b;
    long jobOfB;

    @BeforeEach
    void twoOrganisations() throws Exception {
        run++;
        a = fixture.organisation("auth-a-" + run);
        b = fixture.organisation("auth-b-" + run);
        String csv = "full_name,phone,email,district_code,role_preference,availability\nนำเข้า บี,08777" + String.format("%05d", run)
                + ",jobb" + run + "@example.org,1001,station,all_day\n";
        mvc.perform(multipart("/org/" + b.slug() + "/import").file(new MockMultipartFile("file", "b.csv", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8))).with(csrf()).with(coordinatorOf(b))).andExpect(status().is3xxRedirection());
        jobOfB = jdbc.sql("select id from import_job where organisation_id = ?").param(b.organisation().id().value()).query(Long.class).single();
    }

    private static RequestPostProcessor coordinatorOf(RegistryFixture.Org org) {
        return user(org.coordinator()).roles("ORG_COORDINATOR");
    }

    /** Every endpoint of B's roster, reaching B's volunteer and B's import job. */
    private List<AbstractMockHttpServletRequestBuilder<?>> endpointsOf(RegistryFixture.Org org, long volunteer, long job) {
        String base = "/org/" + org.slug();
        return List.of(
                get(base + "/volunteers"),
                get(base + "/volunteers").param("q", org.volunteerName()),
                get(base + "/volunteers/" + volunteer),
                post(base + "/volunteers/" + volunteer + "/decision").param("decision", "APPROVE").with(csrf()),
                post(base + "/volunteers/" + volunteer + "/note").param("note", "x").with(csrf()),
                get(base + "/volunteers.csv"),
                get(base + "/import"),
                get(base + "/import/template.csv"),
                multipart(base + "/import").file(new MockMultipartFile("file", "x.csv", "text/csv", "a,b\n1,2\n".getBytes())).with(csrf()),
                get(base + "/import/" + job),
                get(base + "/import/" + job + "/status"),
                post(base + "/import/" + job + "/import").param("consent", "true").with(csrf()),
                post(base + "/import/" + job + "/cancel").with(csrf()));
    }

    @Test
    void anotherOrganisationsCoordinatorIsRefusedEverywhereAndChangesNothing() throws Exception {
        for (var request : endpointsOf(b, b.volunteerId(), jobOfB)) {
            mvc.perform(request.with(coordinatorOf(a))).andExpect(status().isForbidden());
        }
        assertThat(jdbc.sql("select status from affiliation where volunteer_id = ?").param(b.volunteerId()).query(String.class).single())
                .isEqualTo("PENDING");
        assertThat(jdbc.sql("select count(*) from import_job where organisation_id = ?").param(b.organisation().id().value())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void throughItsOwnAddressACoordinatorStillCannotReachAnotherOrganisationsVolunteerOrJob() throws Exception {
        String base = "/org/" + a.slug();
        mvc.perform(get(base + "/volunteers/" + b.volunteerId()).with(coordinatorOf(a))).andExpect(status().isNotFound());
        mvc.perform(post(base + "/volunteers/" + b.volunteerId() + "/decision").param("decision", "APPROVE").with(csrf())
                .with(coordinatorOf(a))).andExpect(status().isNotFound());
        mvc.perform(post(base + "/volunteers/" + b.volunteerId() + "/note").param("note", "x").with(csrf())
                .with(coordinatorOf(a))).andExpect(status().isNotFound());
        mvc.perform(get(base + "/import/" + jobOfB).with(coordinatorOf(a))).andExpect(status().isNotFound());
        mvc.perform(get(base + "/import/" + jobOfB + "/status").with(coordinatorOf(a))).andExpect(status().isNotFound());
        assertThat(jdbc.sql("select status from affiliation where volunteer_id = ?").param(b.volunteerId()).query(String.class).single())
                .isEqualTo("PENDING");
    }

    @Test
    void otherRolesAreRefusedAndStrangersSentToSignIn() throws Exception {
        for (var request : endpointsOf(b, b.volunteerId(), jobOfB)) {
            mvc.perform(request.with(user("v@example.org").roles("VOLUNTEER"))).andExpect(status().isForbidden());
            mvc.perform(request.with(user("w@example.org").roles("WAR_ROOM"))).andExpect(status().isForbidden());
            mvc.perform(request.with(user("s@example.org").roles("SPONSOR"))).andExpect(status().isForbidden());
        }
        for (var request : endpointsOf(b, b.volunteerId(), jobOfB)) {
            var result = mvc.perform(request).andReturn().getResponse();
            assertThat(result.getStatus()).as(request.toString()).isIn(302, 403); // GET: to sign-in; POST without session: refused
        }
    }

    @Test
    void theOrganisationsOwnCoordinatorAndAnAdministratorGetThrough() throws Exception {
        mvc.perform(get("/org/" + b.slug() + "/volunteers").with(coordinatorOf(b))).andExpect(status().isOk());
        mvc.perform(get("/org/" + b.slug() + "/volunteers/" + b.volunteerId()).with(coordinatorOf(b))).andExpect(status().isOk());
        mvc.perform(get("/org/" + b.slug() + "/volunteers").with(user("admin-x").roles("ADMIN"))).andExpect(status().isOk());
    }
}
