package org.khanaen.platform.mail;

import java.time.Clock;

import org.khanaen.platform.jobs.ClusterJobs;
import org.khanaen.platform.jobs.ClusterJobsAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Mail for every module, in every context that has a database (module tests included, which scan only
 * their own module): the outbox and the composer. Sending needs a {@link JavaMailSender} as well:
 * Boot's (spring.mail.host) or the development server's. Time comes from a {@link Clock} bean if there
 * is one (tests), else the system clock in UTC.
 */
@AutoConfiguration(after = { JdbcClientAutoConfiguration.class, MailSenderAutoConfiguration.class, DevMailServerAutoConfiguration.class,
        ClusterJobsAutoConfiguration.class })
@EnableConfigurationProperties(MailProperties.class)
public class MailAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    MailComposer mailComposer(MessageSource messageSource, MailProperties properties) {
        return new MailComposer(messageSource, properties);
    }

    @Bean
    @ConditionalOnBean(JdbcClient.class)
    @ConditionalOnMissingBean
    MailOutbox mailOutbox(JdbcClient jdbc, ObjectProvider<Clock> clock) {
        return new MailOutbox(new OutboxRows(jdbc), clock.getIfAvailable(Clock::systemUTC));
    }

    /** Scheduled by the app's {@code @EnableScheduling}; a context without it (a module test) sends nothing by itself. */
    @Bean
    @ConditionalOnBean({ JdbcClient.class, JavaMailSender.class, ClusterJobs.class })
    MailDelivery mailDelivery(JdbcClient jdbc, JavaMailSender sender, MailProperties properties, ObjectProvider<Clock> clock, ClusterJobs jobs) {
        return new MailDelivery(new OutboxRows(jdbc), sender, properties, clock.getIfAvailable(Clock::systemUTC), jobs);
    }
}
