package org.khanaen.platform.events;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.khanaen.platform.jobs.ClusterJobs;
import org.khanaen.platform.jobs.ClusterJobsAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.modulith.events.IncompleteEventPublications;

/** Redelivery of incomplete event publications wherever Spring Modulith keeps them (the app, module tests with events). */
@AutoConfiguration(after = ClusterJobsAutoConfiguration.class,
        afterName = "org.springframework.modulith.events.config.EventPublicationAutoConfiguration")
@ConditionalOnClass(IncompleteEventPublications.class)
@EnableConfigurationProperties(EventRedeliveryProperties.class)
public class EventRedeliveryAutoConfiguration {

    @Bean
    @ConditionalOnBean({ IncompleteEventPublications.class, ClusterJobs.class })
    EventRedelivery eventRedelivery(IncompleteEventPublications publications, EventRedeliveryProperties properties, ClusterJobs jobs) {
        return new EventRedelivery(publications, properties, jobs);
    }
}
