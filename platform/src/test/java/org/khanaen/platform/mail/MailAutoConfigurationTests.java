package org.khanaen.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.junit.jupiter.api.Test;
import org.khanaen.platform.jobs.ClusterJobsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

import net.javacrumbs.shedlock.core.LockProvider;

class MailAutoConfigurationTests {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MailAutoConfiguration.class, ClusterJobsAutoConfiguration.class));

    @Test
    void everyContextWithADatabaseCanQueueMailButOnlyOneWithAMailSenderSendsIt() {
        contexts.withBean(JdbcClient.class, () -> mock(JdbcClient.class)).run(context -> {
            assertThat(context).hasSingleBean(MailOutbox.class).hasSingleBean(MailComposer.class);
            assertThat(context).doesNotHaveBean(MailDelivery.class);
        });
        contexts.withBean(JdbcClient.class, () -> mock(JdbcClient.class)).withBean(JavaMailSender.class, () -> mock(JavaMailSender.class))
                .withBean(LockProvider.class, () -> mock(LockProvider.class))
                .run(context -> assertThat(context).hasSingleBean(MailDelivery.class));
    }

    @Test
    void withoutADatabaseThereIsNoOutbox() {
        contexts.run(context -> assertThat(context).doesNotHaveBean(MailOutbox.class).hasSingleBean(MailComposer.class));
    }

    @Test
    void aFromAddressWithAThaiNameIsAccepted() {
        contexts.withPropertyValues("khanaen.mail.from=คะแนน Khanaen <noreply@khanaen.example>")
                .withBean(JdbcClient.class, () -> mock(JdbcClient.class)).withBean(JavaMailSender.class, () -> mock(JavaMailSender.class))
                .withBean(LockProvider.class, () -> mock(LockProvider.class))
                .run(context -> assertThat(context).hasSingleBean(MailDelivery.class));
    }
}
