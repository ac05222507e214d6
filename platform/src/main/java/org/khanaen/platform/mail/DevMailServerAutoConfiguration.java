package org.khanaen.platform.mail;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The development default ({@code khanaen.mail.dev-server.enabled=true}; production sets false): an SMTP
 * server inside the app and the mail sender pointing at it, so that Boot's mail sender backs off and
 * nothing, whatever {@code spring.mail.host} says, reaches a real mailbox. What arrives is readable
 * through {@link DevMailbox} (the web's /dev/inbox).
 */
@AutoConfiguration(before = MailSenderAutoConfiguration.class)
@ConditionalOnBooleanProperty("khanaen.mail.dev-server.enabled")
public class DevMailServerAutoConfiguration {

    @Bean
    DevMailServer devMailServer() {
        return new DevMailServer();
    }

    @Bean
    JavaMailSenderImpl mailSender(DevMailServer server) {
        JavaMailSenderImpl sender = new DevMailSender(); // one connection for all the mails (see there)
        sender.setHost("127.0.0.1");
        sender.setPort(server.port());
        sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
        Properties timeouts = new Properties();
        timeouts.put("mail.smtp.connectiontimeout", "5000");
        timeouts.put("mail.smtp.timeout", "10000");
        timeouts.put("mail.smtp.writetimeout", "10000");
        timeouts.put("mail.smtp.socketFactory", new DevMailSender.NoDelaySockets());
        sender.setJavaMailProperties(timeouts);
        return sender;
    }

    @Bean
    DevMailbox devMailbox(DevMailServer server) {
        return new DevMailbox(server);
    }
}
