package org.khanaen.platform.jobs;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Keeps a week of job runs ({@code job_run}): hourly, on one node. */
final class JobRunsPurge implements SchedulingConfigurer {

    static final Duration KEPT = Duration.ofDays(7);
    private static final Logger log = LoggerFactory.getLogger(JobRunsPurge.class);

    private final RecordedLeases runs;
    private final ClusterJobs jobs;

    JobRunsPurge(RecordedLeases runs, ClusterJobs jobs) {
        this.runs = runs;
        this.jobs = jobs;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::purgeQuietly, Duration.ofHours(1), Duration.ofMinutes(5)));
    }

    private void purgeQuietly() {
        try {
            jobs.once("jobs.purge-runs", Duration.ofMinutes(10), () -> {
                long before = System.currentTimeMillis() - KEPT.toMillis();
                while (runs.forgetBefore(before) == 10_000) {
                    // the next slice
                }
            });
        } catch (DataAccessException e) {
            log.debug("Job runs not purged this hour: {}", e.getMessage());
        }
    }
}
