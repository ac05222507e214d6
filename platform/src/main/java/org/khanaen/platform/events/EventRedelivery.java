package org.khanaen.platform.events;

import java.time.Duration;

import org.khanaen.platform.jobs.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Hands an event again to the listeners that have not completed it after a while. Spring Modulith republishes
 * incomplete publications only when a node starts: a listener that failed while the database was not answering (its
 * transaction could not even begin) left its publication incomplete until the next restart, and its hand-off undone
 * (a donor's coupons, a reporter's) on a node that was otherwise healthy again. Every listener is safe to receive an
 * event twice, so a publication still in flight past the wait does no harm; still, one node of a cluster looks at a
 * time ({@link ClusterJobs}), so a crowd of nodes does not hand every stale publication over once each.
 */
public class EventRedelivery implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(EventRedelivery.class);

    private final IncompleteEventPublications publications;
    private final EventRedeliveryProperties properties;
    private final ClusterJobs jobs;

    EventRedelivery(IncompleteEventPublications publications, EventRedeliveryProperties properties, ClusterJobs jobs) {
        this.publications = publications;
        this.properties = properties;
        this.jobs = jobs;
    }

    /** Every publication published longer ago than {@code age} and not completed, to its listener again. */
    public void redeliverOlderThan(Duration age) {
        publications.resubmitIncompletePublicationsOlderThan(age);
    }

    /** Scheduled by the app's {@code @EnableScheduling}; a context without it (a module test) redelivers only when asked. */
    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::redeliverQuietly, properties.every(), properties.every()));
    }

    private void redeliverQuietly() {
        try {
            jobs.once("events.redelivery", properties.after(), () -> redeliverOlderThan(properties.after()));
        } catch (RuntimeException e) {
            // the database is still away: the next round tries again
            log.warn("Incomplete event publications not handed again this time: {}", e.toString());
        }
    }
}
