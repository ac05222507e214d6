package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.khanaen.platform.mail.DevMailbox;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Production's mail setting: no development server, no inbox. This context's sender waits an hour
 * before its first run, so it never competes with the full-stack context's for the shared test database.
 */
@SpringBootTest(properties = { "khanaen.mail.dev-server.enabled=false", "khanaen.mail.poll-interval=1h" })
@AutoConfigureMockMvc
class DevInboxDisabledTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext context;

    @Test
    void withoutTheDevelopmentMailServerThereIsNoInbox() throws Exception {
        mvc.perform(get("/dev/inbox")).andExpect(status().isNotFound());
        mvc.perform(get("/dev/inbox/0000000000000000/html")).andExpect(status().isNotFound());

        assertThat(context.getBeansOfType(DevMailbox.class)).isEmpty();
        assertThat(((JavaMailSenderImpl) context.getBean(JavaMailSender.class)).getHost()).as("spring.mail.host").isEqualTo("localhost");
    }
}
