package org.khanaen.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.time.Duration;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

class DevMailServerTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DevMailServerAutoConfiguration.class, MailSenderAutoConfiguration.class))
            .withPropertyValues("spring.mail.host=smtp.example.org");

    @Test
    void inDevelopmentModeMailGoesToTheInProcessServerWhateverSpringMailHostSays() {
        contexts.withPropertyValues("khanaen.mail.dev-server.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(JavaMailSender.class).hasSingleBean(DevMailbox.class);
            var sender = (JavaMailSenderImpl) context.getBean(JavaMailSender.class);
            assertThat(sender.getHost()).isEqualTo("127.0.0.1");
            var inbox = context.getBean(DevMailbox.class);

            send(sender, "noi@example.org", "อีเมลแรก", "ข้อความแรก", new Date(System.currentTimeMillis() - 60_000));
            send(sender, "lek@example.org", "อีเมลที่สอง", "ข้อความที่สอง", new Date());

            await().atMost(Duration.ofSeconds(5)).until(() -> inbox.messages().size() == 2);
            var newest = inbox.messages().getFirst();
            assertThat(newest.subject()).isEqualTo("อีเมลที่สอง");
            assertThat(newest.to()).isEqualTo("lek@example.org");
            assertThat(newest.textBody()).isEqualTo("ข้อความที่สอง");
            assertThat(newest.htmlBody()).isEqualTo("<p>ข้อความที่สอง</p>");
            assertThat(inbox.message(newest.id())).contains(newest);

            inbox.clear();
            assertThat(inbox.messages()).isEmpty();
        });
    }

    /**
     * Sent as the outbox sends: one at a time. A connection each cost ~50 ms on this machine, one mail over an open
     * connection ~3 ms; compared with a sender that connects for every mail, on the same server at the same moment
     * (the machine's load changes both alike).
     */
    @Test
    void mailsSentOneAtATimeShareOneConnection() {
        contexts.withPropertyValues("khanaen.mail.dev-server.enabled=true").run(context -> {
            var sender = (JavaMailSenderImpl) context.getBean(JavaMailSender.class);
            var inbox = context.getBean(DevMailbox.class);
            for (int i = 0; i < 40; i++) {
                send(sender, "v" + i + "@example.org", "mail " + i, "mail " + i, new Date());
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> inbox.messages().size() == 40);
            // Spring's own sender connects for every mail (~50 ms each here): it would have opened 40
            assertThat(context.getBean(DevMailSender.class).connectionsOpened()).as("connections for 40 mails").isEqualTo(1);
            // the server closing the connection meanwhile (restarted, timed out) only means a new one
            context.getBean(DevMailSender.class).close();
            send(sender, "after@example.org", "after", "after", new Date());
            await().atMost(Duration.ofSeconds(5)).until(() -> inbox.messages().size() == 41);
            assertThat(context.getBean(DevMailSender.class).connectionsOpened()).isEqualTo(2);
        });
    }

    @Test
    void theServerListensOnLoopbackOnlyAndStopsWithTheApp() {
        int[] port = new int[1];
        contexts.withPropertyValues("khanaen.mail.dev-server.enabled=true").run(context -> {
            port[0] = context.getBean(DevMailServer.class).port();
            assertThat(listening("127.0.0.1", port[0])).isTrue();
        });
        assertThat(listening("127.0.0.1", port[0])).as("stopped with the context").isFalse();
    }

    @Test
    void withoutTheSwitchThereIsNoDevelopmentServerAndBootsSenderIsUsed() {
        contexts.run(context -> {
            assertThat(context).doesNotHaveBean(DevMailbox.class).doesNotHaveBean(DevMailServer.class);
            assertThat(((JavaMailSenderImpl) context.getBean(JavaMailSender.class)).getHost()).isEqualTo("smtp.example.org");
        });
    }

    private static void send(JavaMailSender sender, String to, String subject, String text, Date sent) throws Exception {
        var mime = sender.createMimeMessage();
        var helper = new MimeMessageHelper(mime, true, "UTF-8");
        helper.setFrom("noreply@khanaen.local");
        helper.setTo(to);
        helper.setSubject(subject);
        helper.setText(text, "<p>" + text + "</p>");
        helper.setSentDate(sent);
        sender.send(mime);
    }

    private static boolean listening(String host, int port) {
        try (var socket = new Socket(host, port)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
