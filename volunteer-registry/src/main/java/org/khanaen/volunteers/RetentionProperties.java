package org.khanaen.volunteers;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The nightly erasure of volunteers whose election is past the retention period
 * ({@code khanaen.personal-data.retention}).
 *
 * @param enabled   whether the night's run erases; off, it only announces what it would erase. Off by default so that
 *                  trying Khanaen on the built-in 2023 election keeps its data; the prod profile turns it on
 * @param cron      when it runs, Bangkok time
 * @param batchSize volunteers erased per transaction: each erasure touches several tables and queues a follow-up for the
 *                  assignment module, so a batch is kept small enough to be a short transaction
 * @param pause     rest between two batches, for the follow-ups and the app's own work
 * @param busyLimit how long the run waits while others wait for a database connection before it gives up for the night
 */
@ConfigurationProperties("khanaen.personal-data.purge")
record RetentionProperties(@DefaultValue("false") boolean enabled, @DefaultValue("0 30 3 * * *") String cron,
        @DefaultValue("200") int batchSize, @DefaultValue("PT1S") Duration pause, @DefaultValue("PT10M") Duration busyLimit) {

    RetentionProperties {
        if (batchSize < 1) {
            throw new IllegalStateException("khanaen.personal-data.purge.batch-size must be at least 1, not " + batchSize);
        }
    }
}
