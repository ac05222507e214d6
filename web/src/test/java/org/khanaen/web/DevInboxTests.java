package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.khanaen.platform.mail.DevMail;
import org.khanaen.platform.mail.DevMailbox;
import org.khanaen.platform.mail.MailMessage;
import org.khanaen.platform.mail.MailOutbox;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.support.TransactionTemplate;

/** The development default: mail goes through the outbox and the app's own scheduled sender to the in-process server. */
@FullStackTest
class DevInboxTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    MailOutbox outbox;
    @Autowired
    DevMailbox mailbox;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void aMailSentThroughTheOutboxCanBeReadAndItsLinkFollowedWithoutSigningIn() throws Exception {
        DevMail mail = sent("ยืนยันอีเมลของคุณ " + UUID.randomUUID(),
                "สวัสดีครับ\nคลิก http://localhost:8080/verify?token=abc123 เพื่อยืนยัน",
                "<html><head><title>x</title></head><body><p>สวัสดีครับ <a href=\"http://localhost:8080/verify?token=abc123\">ยืนยัน</a></p></body></html>");

        mvc.perform(get("/dev/inbox"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("ใช้สำหรับการพัฒนาเท่านั้น — ระบบไม่ได้ส่งอีเมลจริง")))
                .andExpect(content().string(containsString(mail.subject())))
                .andExpect(content().string(containsString("somchai@example.org")));
        mvc.perform(get("/dev/inbox").param("id", mail.id()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("คลิก <a href=\"http://localhost:8080/verify?token=abc123\">http://localhost:8080/verify?token=abc123</a> เพื่อยืนยัน")))
                .andExpect(content().string(containsString("sandbox=\"allow-popups allow-popups-to-escape-sandbox\"")))
                .andExpect(content().string(containsString("src=\"/dev/inbox/" + mail.id() + "/html\"")));
    }

    @Test
    void theHtmlOfAMailIsServedOnlyIntoASandboxWithLinksOpeningOutsideIt() throws Exception {
        DevMail mail = sent("HTML " + UUID.randomUUID(), "text", "<html><head><title>x</title></head><body><script>alert(1)</script><a href=\"http://localhost:8080/verify\">go</a></body></html>");

        mvc.perform(get("/dev/inbox/{id}/html", mail.id()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/html;charset=UTF-8"))
                .andExpect(header().string("Content-Security-Policy", containsString("sandbox allow-popups allow-popups-to-escape-sandbox;")))
                .andExpect(header().string("Content-Security-Policy", not(containsString("allow-scripts"))))
                .andExpect(header().string("Content-Security-Policy", not(containsString("allow-same-origin"))))
                .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'self'")))
                .andExpect(content().string(containsString("<head><base target=\"_blank\"><title>x</title>")));
    }

    @Test
    void theBannerIsInEnglishForThoseWhoChoseEnglish() throws Exception {
        mvc.perform(get("/dev/inbox").param("lang", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Development only — no real mail is sent")));
    }

    @Test
    void fromAnotherMachineOnlyAnAdministratorReadsTheInbox() throws Exception {
        DevMail mail = sent("คำเชิญ " + UUID.randomUUID(), "http://localhost:8080/invitation/secret", null);
        RequestPostProcessor fromTheNetwork = request -> {
            request.setRemoteAddr("203.0.113.7");
            return request;
        };

        mvc.perform(get("/dev/inbox").with(fromTheNetwork)).andExpect(status().is3xxRedirection())
                .andExpect(content().string(not(containsString(mail.subject()))));
        mvc.perform(get("/dev/inbox").param("id", mail.id()).with(fromTheNetwork)).andExpect(status().is3xxRedirection());
        mvc.perform(get("/dev/inbox/{id}/html", mail.id()).with(fromTheNetwork)).andExpect(status().is3xxRedirection());
        mvc.perform(post("/dev/inbox/clear").with(csrf()).with(fromTheNetwork)).andExpect(status().is3xxRedirection());
        mvc.perform(get("/dev/inbox").with(fromTheNetwork).with(user("volunteer@example.org").roles("VOLUNTEER")))
                .andExpect(status().isForbidden());
        assertThat(mailbox.messages()).extracting(DevMail::subject).contains(mail.subject());

        mvc.perform(get("/dev/inbox").with(fromTheNetwork).with(user("admin").roles("ADMIN")))
                .andExpect(status().isOk()).andExpect(content().string(containsString(mail.subject())));
    }

    @Test
    void anUnknownMailIsNotFound() throws Exception {
        mvc.perform(get("/dev/inbox").param("id", "0000000000000000")).andExpect(status().isNotFound());
        mvc.perform(get("/dev/inbox/{id}/html", "0000000000000000")).andExpect(status().isNotFound());
    }

    @Test
    void theInboxCanBeEmptied() throws Exception {
        sent("to be deleted " + UUID.randomUUID(), "text", null);

        mvc.perform(post("/dev/inbox/clear").with(csrf())).andExpect(redirectedUrl("/dev/inbox"));

        assertThat(mailbox.messages()).isEmpty();
    }

    /** Queued in a transaction, as a module would, then sent by the app's scheduled sender (every 2 s). */
    private DevMail sent(String subject, String text, String html) {
        transaction.executeWithoutResult(status -> outbox.enqueue(
                new MailMessage("somchai@example.org", Locale.forLanguageTag("th-TH"), subject, text, html, "test", null)));
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> mailbox.messages().stream().filter(m -> m.subject().equals(subject)).findFirst().orElse(null),
                        found -> found != null);
    }
}
