package org.khanaen.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesRegex;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@FullStackTest
@Import(RegistryFixture.class)
class RetentionPagesTests {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    @Autowired
    MockMvc mvc;
    @Autowired
    RegistryFixture fixture;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void noPostponementOutlivesItsTest() {
        jdbc.sql("delete from retention_postponement").update();
    }

    @Test
    void theAdministratorsHomeAnnouncesHowManyVolunteersTheNextRunWouldEraseAndWhen() throws Exception {
        fixture.organisation("retention-page");
        long holding = jdbc.sql("select count(*) from volunteer where registered_for_election = 'th-2566' and erased_at is null")
                .query(Long.class).single();
        // th-2566 (14 May 2023) is long past its 180 days: the next 03:30 in Bangkok would erase it
        ZonedDateTime now = ZonedDateTime.now(BANGKOK);
        LocalDate nextRunDay = now.toLocalTime().isBefore(LocalTime.of(3, 30)) ? now.toLocalDate() : now.toLocalDate().plusDays(1);

        mvc.perform(get("/admin/elections").param("lang", "en").with(user("boss").roles("ADMIN")))
                .andExpect(content().string(containsString("Automatic erasure is off (the development and trial default): nothing will be erased.")))
                .andExpect(content().string(matchesRegex("(?s).*<tr id=\"retention-th-2566\">.*?<td class=\"num\">"
                        + String.format(Locale.ENGLISH, "%,d", holding) + "</td>.*")))
                .andExpect(content().string(containsString(
                        "would be erased " + DATE_TIME.format(nextRunDay.atTime(3, 30)) + " if automatic erasure were on")));
    }

    @Test
    void anAdministratorPostponesTheErasureOfAnElectionForAReason() throws Exception {
        fixture.organisation("retention-postponed");
        LocalDate until = LocalDate.now(BANGKOK).plusDays(30);

        mvc.perform(post("/admin/retention/th-2566/postpone").with(csrf()).with(user("boss").roles("ADMIN"))
                        .param("until", until.toString()).param("reason", "Recount ordered by the court"))
                .andExpect(redirectedUrl("/admin/elections#retention"));

        mvc.perform(get("/admin/elections").param("lang", "en").with(user("boss").roles("ADMIN")))
                .andExpect(content().string(containsString("postponed until " + until.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH))
                        + ": Recount ordered by the court (boss, ")))
                .andExpect(content().string(containsString(
                        "would be erased " + DATE_TIME.format(until.plusDays(1).atTime(3, 30)) + " if automatic erasure were on")));
        mvc.perform(get("/admin/audit").with(user("boss").roles("ADMIN")))
                .andExpect(content().string(containsString("POSTPONE_ERASURE")));
    }
}
