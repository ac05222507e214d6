package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.AssignmentNotices;
import org.khanaen.assignment.AutoAssignment;
import org.khanaen.assignment.RunRequest;
import org.khanaen.testing.OwnDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 25's "notified 0 of 292" that did not move: the assignment page's progress counts, of those to be told when the
 * mail was started, the ones told with their mail gone out. That count is election-wide (and its mails outbox-wide), so
 * it is watched rising here on a database of this class's own, where nobody else places volunteers or queues mail.
 */
@SpringBootTest
@AutoConfigureMockMvc
@Import(AssignmentFixture.class)
class AssignmentMailProgressTests {

    private static final String PAGE = "/admin/elections/th-2566/assignment";

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        OwnDatabase.register(registry, "mail_progress");
    }

    @Autowired MockMvc mvc;
    @Autowired AssignmentFixture fixture;
    @Autowired AutoAssignment auto;
    @Autowired AssignmentNotices notices;
    @Autowired JsonMapper json;

    @Test
    void theCountOfThoseToldRisesToAllOfThemAsTheMailGoesOut() throws Exception {
        var org = fixture.organisation("mail-progress");
        for (String name : new String[] { "แจ้ง หนึ่ง", "แจ้ง สอง", "แจ้ง สาม" }) {
            fixture.volunteer(org, "mail-progress", name);
        }
        auto.runAndWait(new RunRequest("th-2566", RunRequest.Scope.CONSTITUENCY, "BKK_1", null, RunRequest.Mode.FILL, "test"));
        int of = notices.pending("th-2566");
        assertThat(of).as("placed by the run, not told yet (this database's only placements)").isEqualTo(3);
        JsonNode before = progress(of);
        assertThat(before.get("toTell").asInt()).isEqualTo(3);
        assertThat(before.get("told").asInt()).isZero();

        mvc.perform(post(PAGE + "/notify").with(csrf()).with(admin())).andExpect(redirectedUrl(PAGE + "?mail=3#mail"));

        // the page asks every few seconds; the mails go out through the outbox to the development mail server
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode now = progress(of);
        while (now.get("told").asInt() < of && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            now = progress(of);
        }
        assertThat(now.get("told").asInt()).as("told, of " + of + ": " + now).isEqualTo(of);
        assertThat(now.get("toTell").asInt()).isZero();
        assertThat(now.get("waiting").asInt()).isZero();
    }

    private JsonNode progress(int of) throws Exception {
        String body = mvc.perform(get(PAGE + "/mail-progress").param("of", String.valueOf(of)).with(admin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        return json.readTree(body);
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
        return user("admin").roles("ADMIN");
    }
}
