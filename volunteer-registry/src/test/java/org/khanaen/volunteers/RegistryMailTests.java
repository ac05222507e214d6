package org.khanaen.volunteers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.khanaen.volunteers.RegistryFixtures.anOrganisation;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.khanaen.accounts.AccountDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The registry's mails through the real outbox: queued with the change, in the volunteer's language, gone when they are. */
@SpringBootTest
class RegistryMailTests {

    @Autowired
    PartnerOrganisations organisations;
    @Autowired
    SignUps signUps;
    @Autowired
    SelfService self;
    @Autowired
    AccountDirectory accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void signingUpQueuesAVerificationMailInTheirLanguageWithAWorkingLink() {
        organisations.create(anOrganisation("mail-1"));
        var input = new VolunteerInput("เมล ทดสอบ", "0861112233", "mail.test@example.org", null, "1001", "STATION", "ALL_DAY");

        signUps.signUp("mail-1", new SignUps.Form(input, "volunteer pass", true, Locale.forLanguageTag("th-TH")));

        var mail = jdbc.sql("select subject, text_body, status from mail_outbox where recipient = ?").param("mail.test@example.org")
                .query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) }).single();
        assertThat(mail[0]).isEqualTo("ยืนยันอีเมลเพื่อสมัครเป็นอาสาสมัครกับ องค์กร mail-1");
        assertThat(mail[1]).contains("คุณเมล ทดสอบ").contains("/join/verify?token=");
        assertThat(mail[2]).isEqualTo("PENDING");
        String token = mail[1].replaceAll("(?s).*token=([A-Za-z0-9_-]+).*", "$1");
        assertThat(signUps.verify(token)).isPresent();
    }

    @Test
    void anErasedVolunteersMailIsGoneFromTheQueueToo() {
        organisations.create(anOrganisation("mail-2"));
        var input = new VolunteerInput("เมล ลบ", "0861112244", "mail.erase@example.org", null, "1001", "STATION", "ALL_DAY");
        signUps.signUp("mail-2", new SignUps.Form(input, "volunteer pass", true, Locale.ENGLISH));
        String body = jdbc.sql("select text_body from mail_outbox where recipient = ?").param("mail.erase@example.org").query(String.class).single();
        assertThat(body).startsWith("Dear เมล ลบ,");
        signUps.verify(body.replaceAll("(?s).*token=([A-Za-z0-9_-]+).*", "$1"));

        self.erase(accounts.findForLogin("mail.erase@example.org").orElseThrow().id());

        assertThat(jdbc.sql("select count(*) from mail_outbox where recipient = ?").param("mail.erase@example.org").query(Long.class).single())
                .isZero();
    }
}
