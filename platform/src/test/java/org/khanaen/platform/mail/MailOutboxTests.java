package org.khanaen.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

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

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * The outbox against the embedded MariaDB and a real SMTP server (GreenMail). The tests play the
 * scheduler: each {@code deliverDue()} is one run of the sender on one node.
 */
@SpringBootTest
class MailOutboxTests {

    static final Locale THAI = Locale.forLanguageTag("th-TH");
    static final int SMTP_PORT = freePort();

    @Autowired
    javax.sql.DataSource dataSource;
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
        smtp = startSmtp();
    }

    @AfterEach
    void stopServer() {
        smtp.stop();
    }

    @Test
    void anEnqueuedMailArrivesWithItsThaiSubjectAndBodyIntact() throws Exception {
        MailMessage welcome = composer.compose("test-hello", "somchai@example.org", THAI,
                Map.of("name", "สมชาย ใจดี", "token", "abc123"), "สมชาย ใจดี");
        transaction.executeWithoutResult(status -> outbox.enqueue(welcome));

        assertThat(node().deliverDue()).isEqualTo(1);

        MimeMessage received = onlyReceived();
        assertThat(received.getSubject()).isEqualTo("ยินดีต้อนรับ สมชาย ใจดี");
        assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly("somchai@example.org");
        assertThat(received.getFrom()).extracting(Object::toString).containsExactly("Khanaen <noreply@khanaen.local>");
        assertThat(received.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(received.getMessageID()).matches("<outbox\\.\\d+\\.\\d+@khanaen\\.local>");
        assertThat(received.getContentType()).startsWith("multipart/alternative");
        var parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("สวัสดีคุณ สมชาย ใจดี")
                .contains("ยืนยันอีเมลของคุณ: https://khanaen.example/verify?token=abc123");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("<p>สวัสดีคุณ สมชาย ใจดี</p>")
                .contains("href=\"https://khanaen.example/verify?token=abc123\"");
        assertThat(row("somchai@example.org")).containsEntry("status", "SENT").containsEntry("attempts", 1);
    }

    @Test
    void aMailEnqueuedInATransactionThatRollsBackIsNeverSent() throws Exception {
        transaction.executeWithoutResult(status -> {
            outbox.enqueue(mail("a@example.org", "rolled back", null));
            status.setRollbackOnly(); // the change the mail was about did not happen
        });
        transaction.executeWithoutResult(status -> outbox.enqueue(mail("b@example.org", "committed", null)));

        assertThat(node().deliverDue()).isEqualTo(1);

        assertThat(onlyReceived().getSubject()).isEqualTo("committed");
        assertThat(jdbc.sql("select count(*) from mail_outbox").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theSameDedupKeyEnqueuedTwiceSendsOneMail() throws Exception {
        transaction.executeWithoutResult(status -> outbox.enqueue(mail("a@example.org", "first", "verification:42")));
        transaction.executeWithoutResult(status -> outbox.enqueue(mail("a@example.org", "second", "verification:42")));
        assertThat(node().deliverDue()).isEqualTo(1);

        transaction.executeWithoutResult(status -> outbox.enqueue(mail("a@example.org", "after it was sent", "verification:42")));
        assertThat(node().deliverDue()).isZero();

        assertThat(onlyReceived().getSubject()).isEqualTo("first");
    }

    @Test
    void anSmtpFailureIsRetriedLaterAndThenDelivered() throws Exception {
        smtp.stop();
        outbox.enqueue(mail("a@example.org", "patience", null));
        var node = node();

        assertThat(node.deliverDue()).isZero();
        var failed = row("a@example.org");
        assertThat(failed).containsEntry("status", "PENDING").containsEntry("attempts", 1).containsEntry("claimed_by", null);
        assertThat((String) failed.get("last_error")).contains("Connect");
        assertThat(failed.get("next_attempt_at")).isEqualTo(now().plusSeconds(30));

        smtp = startSmtp();
        assertThat(node.deliverDue()).as("the wait is not over").isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();

        clock.advance(Duration.ofSeconds(30));
        assertThat(node.deliverDue()).isEqualTo(1);

        assertThat(onlyReceived().getSubject()).isEqualTo("patience");
        assertThat(row("a@example.org")).containsEntry("status", "SENT").containsEntry("attempts", 2).containsEntry("last_error", null);
    }

    @Test
    void afterTheLastAttemptTheMailIsFailedWithItsError() {
        smtp.stop();
        outbox.enqueue(mail("a@example.org", "never", null));
        var node = node(withMaxAttempts(3));

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(node.deliverDue()).isZero();
            assertThat(row("a@example.org")).containsEntry("attempts", attempt);
            clock.advance(Duration.ofHours(1));
        }

        var failed = row("a@example.org");
        assertThat(failed).containsEntry("status", "FAILED").containsEntry("attempts", 3);
        assertThat((String) failed.get("last_error")).contains("Connect");
        smtp = startSmtp();
        clock.advance(Duration.ofDays(1));
        assertThat(node.deliverDue()).as("a failed mail is not tried again").isZero();
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void forgettingSomeoneDeletesEveryMailToThemAndNoOneElse() {
        outbox.enqueue(mail("somchai@example.org", "sent", null));
        node().deliverDue();
        outbox.enqueue(mail("somchai@example.org", "still queued", null));
        outbox.enqueue(mail("malee@example.org", "someone else", null));

        assertThat(outbox.forget("Somchai@Example.org")).isEqualTo(2);

        assertThat(jdbc.sql("select recipient from mail_outbox").query(String.class).list()).containsExactly("malee@example.org");
    }

    @Test
    void twoNodesSendingAtOnceSendEachMailExactlyOnce() throws Exception {
        int mails = 3 * MailDelivery.BATCH + 7;
        transaction.executeWithoutResult(status -> {
            for (int i = 0; i < mails; i++) {
                outbox.enqueue(mail("volunteer" + i + "@example.org", "mail " + i, null));
            }
        });
        var nodes = List.of(node(), node());
        var start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> runs = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (MailDelivery node : nodes) {
                runs.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return node.deliverDue();
                }, threads));
            }
            start.countDown();
        }

        assertThat(runs.get(0).join() + runs.get(1).join()).isEqualTo(mails);
        assertThat(smtp.waitForIncomingEmail(10_000, mails)).isTrue();
        var subjects = Arrays.stream(smtp.getReceivedMessages()).map(MailOutboxTests::subject).toList();
        assertThat(subjects).hasSize(mails).doesNotHaveDuplicates();
        assertThat(jdbc.sql("select count(*) from mail_outbox where status = 'SENT' and attempts = 1").query(Integer.class).single())
                .isEqualTo(mails);
    }

    @Test
    void mailClaimedByANodeThatDiedIsSentOnceItsClaimRunsOut() throws Exception {
        outbox.enqueue(mail("a@example.org", "orphaned", null));
        jdbc.sql("update mail_outbox set claimed_by = 'a node that died', claimed_until = :until")
                .param("until", now().plus(MailDelivery.LEASE)).update();

        assertThat(node().deliverDue()).isZero();
        clock.advance(MailDelivery.LEASE.plusSeconds(1));
        assertThat(node().deliverDue()).isEqualTo(1);

        assertThat(onlyReceived().getSubject()).isEqualTo("orphaned");
    }

    @Test
    void aNodeStoppedDuringARunEndsAfterTheMailInHandAndHandsTheRestBack() throws Exception {
        for (int i = 0; i < 5; i++) {
            outbox.enqueue(mail("stop" + i + "@example.org", "stop " + i, null));
        }
        AtomicReference<MailDelivery> stopped = new AtomicReference<>();
        JavaMailSenderImpl stopsAfterOne = toTheServer(new JavaMailSenderImpl() {
            @Override
            public void send(MimeMessage... messages) {
                super.send(messages);
                stopped.get().stop(); // the application shuts down while this mail goes
            }
        });
        stopped.set(new MailDelivery(new OutboxRows(jdbc), stopsAfterOne, properties, clock, jobs));

        assertThat(stopped.get().deliverDue()).isEqualTo(1);
        assertThat(stopped.get().isRunning()).isFalse();
        // the other four are not held under the stopped node's claim: the next run (here another node) sends them now
        assertThat(node().deliverDue()).isEqualTo(4);
        assertThat(smtp.waitForIncomingEmail(10_000, 5)).isTrue();
        assertThat(jdbc.sql("select count(*) from mail_outbox where status = 'SENT' and attempts = 1").query(Integer.class).single())
                .isEqualTo(5);
    }

    @Test
    void aMailSentWhileTheDatabaseIsAwayIsRecordedOnceItIsBackAndNotSentAgain() throws Exception {
        outbox.enqueue(mail("away@example.org", "sent in an outage", null));
        java.util.concurrent.atomic.AtomicBoolean away = new java.util.concurrent.atomic.AtomicBoolean();
        // the node's database connection breaks right after the mail went (a database node killed under it) and
        // comes back ~1 s later (the connection failed over)
        var flaky = new org.springframework.jdbc.datasource.DelegatingDataSource(dataSource) {
            @Override
            public java.sql.Connection getConnection() throws java.sql.SQLException {
                if (away.get()) {
                    throw new java.sql.SQLNonTransientConnectionException("Communications link failure");
                }
                return super.getConnection();
            }
        };
        JavaMailSenderImpl breaksTheDatabase = toTheServer(new JavaMailSenderImpl() {
            @Override
            public void send(MimeMessage... messages) {
                super.send(messages);
                away.set(true);
                CompletableFuture.delayedExecutor(1, java.util.concurrent.TimeUnit.SECONDS).execute(() -> away.set(false));
            }
        });
        MailDelivery sender = new MailDelivery(new OutboxRows(JdbcClient.create(flaky)), breaksTheDatabase, properties, clock, jobs);

        assertThat(sender.deliverDue()).isEqualTo(1);
        clock.advance(MailDelivery.LEASE.plusMinutes(1)); // a claim left behind would be taken over by now
        assertThat(node().deliverDue()).isZero();
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        Thread.sleep(300);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(jdbc.sql("select status from mail_outbox").query(String.class).list()).containsExactly("SENT");
    }

    @Test
    void sentMailIsDeletedAfterTheRetentionPeriodAndQueuedMailIsNot() {
        outbox.enqueue(mail("a@example.org", "old news", null));
        node().deliverDue();
        smtp.stop();
        outbox.enqueue(mail("b@example.org", "waiting", null));
        node().deliverDue();

        clock.advance(properties.retention().minusMinutes(1));
        assertThat(node().purge()).isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(node().purge()).isEqualTo(1);

        assertThat(jdbc.sql("select recipient from mail_outbox").query(String.class).list()).containsExactly("b@example.org");
    }

    private MailDelivery node() {
        return node(properties);
    }

    /** One node's sender, with its own connection to the SMTP server. */
    private MailDelivery node(MailProperties settings) {
        return new MailDelivery(new OutboxRows(jdbc), toTheServer(new JavaMailSenderImpl()), settings, clock, jobs);
    }

    private static JavaMailSenderImpl toTheServer(JavaMailSenderImpl sender) {
        sender.setHost("127.0.0.1");
        sender.setPort(SMTP_PORT);
        sender.setDefaultEncoding("UTF-8");
        var timeouts = new Properties();
        timeouts.put("mail.smtp.connectiontimeout", "2000");
        timeouts.put("mail.smtp.timeout", "5000");
        sender.setJavaMailProperties(timeouts);
        return sender;
    }

    private MailProperties withMaxAttempts(int maxAttempts) {
        return new MailProperties(properties.from(), properties.baseUrl(), properties.pollInterval(), maxAttempts,
                properties.retention(), properties.devServer());
    }

    private static MailMessage mail(String to, String subject, String dedupKey) {
        return new MailMessage(to, THAI, subject, "ข้อความ " + subject, null, "test", dedupKey);
    }

    private MimeMessage onlyReceived() {
        assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        return smtp.getReceivedMessages()[0];
    }

    private Map<String, Object> row(String recipient) {
        return jdbc.sql("select status, attempts, next_attempt_at, claimed_by, last_error from mail_outbox where recipient = :r")
                .param("r", recipient)
                .query((rs, i) -> {
                    Map<String, Object> row = new java.util.HashMap<>();
                    row.put("status", rs.getString("status"));
                    row.put("attempts", rs.getInt("attempts"));
                    row.put("next_attempt_at", rs.getObject("next_attempt_at", LocalDateTime.class));
                    row.put("claimed_by", rs.getString("claimed_by"));
                    row.put("last_error", rs.getString("last_error"));
                    return row;
                })
                .single();
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static GreenMail startSmtp() {
        var server = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
