package org.khanaen.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.khanaen.platform.jobs.ClusterJobs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Mail with a file attached, through the embedded MariaDB and a real SMTP server (GreenMail), set up
 * like {@link MailOutboxTests}: each {@code deliverDue()} is one run of the sender.
 */
@SpringBootTest
class MailOutboxAttachmentTests {

    static final Locale THAI = Locale.forLanguageTag("th-TH");
    static final int SMTP_PORT = freePort();
    /** CRLF lines as RFC 5545 wants, a Thai summary, and a bare LF that only a byte-exact transfer keeps. */
    static final byte[] ICS = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            PRODID:-//Khanaen//Assignment//TH\r
            METHOD:PUBLISH\r
            BEGIN:VEVENT\r
            UID:assignment-12@khanaen.local\r
            DTSTART:20270314T000000Z\r
            SUMMARY:อาสาสมัครนับคะแนน หน่วยเลือกตั้งที่ 12\r
            END:VEVENT\r
            END:VCALENDAR
            """.getBytes(StandardCharsets.UTF_8);

    @Autowired
    MailOutbox outbox;
    @Autowired
    MailComposer composer;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    MutableClock clock;
    @Autowired
    ClusterJobs jobs;
    @Autowired
    MailProperties properties;

    GreenMail smtp;

    @BeforeEach
    void emptyOutboxAndRunningServer() {
        jdbc.sql("delete from mail_outbox").update();
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopServer() {
        smtp.stop();
    }

    @Test
    void anIcsFileArrivesAsTheSecondPartOfAMixedMailWithTheTextIntact() throws Exception {
        var ics = new MailAttachment("งานอาสา-หน่วย-12.ics", "text/calendar; charset=UTF-8; method=PUBLISH", ICS);
        transaction.executeWithoutResult(status -> outbox.enqueue(plain("somchai@example.org", "วันนับคะแนน").withAttachment(ics)));

        assertThat(node().deliverDue()).isEqualTo(1);

        MimeMessage received = onlyReceived();
        assertThat(received.getSubject()).isEqualTo("วันนับคะแนน");
        assertThat(received.getContentType()).startsWith("multipart/mixed");
        var parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat((String) parts.getBodyPart(0).getContent()).isEqualTo("ข้อความ วันนับคะแนน");
        assertAttached(parts.getBodyPart(1), ics);
        assertThat(parts.getBodyPart(1).getContentType()).contains("method=PUBLISH");
        assertThat(jdbc.sql("select status from mail_outbox").query(String.class).single()).isEqualTo("SENT");
    }

    @Test
    void aTextAndHtmlMailWithAnAttachmentKeepsBothAlternatives() throws Exception {
        var pdf = new MailAttachment("letter.pdf", "application/pdf", randomBytes(10_000));
        MailMessage welcome = composer.compose("test-hello", "somchai@example.org", THAI,
                Map.of("name", "สมชาย ใจดี", "token", "abc123"), "สมชาย ใจดี").withAttachment(pdf);
        transaction.executeWithoutResult(status -> outbox.enqueue(welcome));

        assertThat(node().deliverDue()).isEqualTo(1);

        var parts = (MimeMultipart) onlyReceived().getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        var alternatives = (MimeMultipart) parts.getBodyPart(0).getContent();
        assertThat(alternatives.getCount()).isEqualTo(2);
        assertThat(alternatives.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) alternatives.getBodyPart(0).getContent()).contains("สวัสดีคุณ สมชาย ใจดี");
        assertThat(alternatives.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) alternatives.getBodyPart(1).getContent()).contains("<p>สวัสดีคุณ สมชาย ใจดี</p>");
        assertAttached(parts.getBodyPart(1), pdf);
    }

    @Test
    void anAttachmentOfTheFullMegabyteIsStoredAndSentWhole() throws Exception {
        var largest = new MailAttachment("scan.pdf", "application/pdf", randomBytes(MailAttachment.MAX_SIZE));
        outbox.enqueue(plain("a@example.org", "large").withAttachment(largest));

        assertThat(node().deliverDue()).isEqualTo(1);

        assertAttached(((MimeMultipart) onlyReceived().getContent()).getBodyPart(1), largest);
    }

    @Test
    void aMailWithoutAttachmentLeavesTheColumnsEmptyAndIsNotMixed() throws Exception {
        outbox.enqueue(plain("a@example.org", "no file"));
        assertThat(jdbc.sql("select count(*) from mail_outbox where attachment_name is null and attachment_type is null and attachment is null")
                .query(Integer.class).single()).isEqualTo(1);

        assertThat(node().deliverDue()).isEqualTo(1);

        MimeMessage received = onlyReceived();
        assertThat(received.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat((String) received.getContent()).isEqualTo("ข้อความ no file");
    }

    @Test
    void forgettingSomeoneDeletesTheirMailWithItsAttachments() {
        var ics = new MailAttachment("a.ics", "text/calendar; charset=UTF-8", ICS);
        outbox.enqueue(plain("somchai@example.org", "sent").withAttachment(ics));
        node().deliverDue();
        outbox.enqueue(plain("somchai@example.org", "still queued").withAttachment(ics));
        outbox.enqueue(plain("malee@example.org", "someone else").withAttachment(ics));

        assertThat(outbox.forget("Somchai@Example.org")).isEqualTo(2);

        assertThat(jdbc.sql("select recipient from mail_outbox where attachment is not null").query(String.class).list())
                .containsExactly("malee@example.org");
    }

    private static void assertAttached(BodyPart part, MailAttachment expected) throws Exception {
        assertThat(part.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(part.getFileName()).isEqualTo(expected.fileName());
        assertThat(part.getContentType()).startsWith(expected.contentType().split(";")[0]);
        try (var in = part.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(expected.content());
        }
    }

    private static MailMessage plain(String to, String subject) {
        return new MailMessage(to, THAI, subject, "ข้อความ " + subject, null, "test", null);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    /** One node's sender, like {@link MailOutboxTests}'. */
    private MailDelivery node() {
        var sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(SMTP_PORT);
        sender.setDefaultEncoding("UTF-8");
        var timeouts = new Properties();
        timeouts.put("mail.smtp.connectiontimeout", "2000");
        timeouts.put("mail.smtp.timeout", "5000");
        sender.setJavaMailProperties(timeouts);
        return new MailDelivery(new OutboxRows(jdbc), sender, properties, clock, jobs);
    }

    private MimeMessage onlyReceived() {
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        return smtp.getReceivedMessages()[0];
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
