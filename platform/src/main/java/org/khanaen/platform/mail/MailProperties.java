package org.khanaen.platform.mail;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Mail settings; the SMTP server itself is Spring Boot's {@code spring.mail.*}.
 *
 * @param from         the sender every mail shows, e.g. {@code คะแนน Khanaen <noreply@khanaen.example>}
 * @param baseUrl      the app's address as people reach it, for links in mails ({@code baseUrl} in templates)
 * @param pollInterval how often each node looks for mail to send
 * @param maxAttempts  failed sends before a mail is given up (FAILED)
 * @param retention    how long sent (and finally failed) mail is kept before it is deleted: it names people
 * @param devServer    the in-process SMTP server and inbox of the development default
 */
@ConfigurationProperties("khanaen.mail")
record MailProperties(
        @DefaultValue("Khanaen <noreply@khanaen.local>") String from,
        @DefaultValue("http://localhost:8080") URI baseUrl,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("P30D") Duration retention,
        @DefaultValue DevServer devServer) {

    /** @param enabled true: mail goes to an SMTP server inside the app, readable at /dev/inbox, never to anyone */
    record DevServer(@DefaultValue("false") boolean enabled) {
    }

    MailProperties {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("khanaen.mail.max-attempts must be at least 1");
        }
    }
}
