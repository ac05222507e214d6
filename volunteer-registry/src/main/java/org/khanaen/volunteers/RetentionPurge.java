package org.khanaen.volunteers;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.khanaen.elections.ElectionSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.PreDestroy;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Erases, night by night, the volunteers of elections past the retention period (see {@link PersonalDataRetention}): in
 * small batches, each its own short transaction, with a rest between them and giving way while others wait for a
 * database connection, so that it never starves the app. (Erasing 21,000 volunteers in batches of 500 with no
 * rest once held the connections until election-night report intake fell to about zero: each erasure also queues
 * a follow-up transaction for the assignment module.) Erasing twice does nothing, so two nodes may both run it.
 */
@Component
class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);
    private static final Duration BUSY_RECHECK = Duration.ofMillis(500);

    private final JdbcClient jdbc;
    private final Volunteers volunteers;
    private final SelfService erasure;
    private final PersonalDataRetention retention;
    private final RetentionProperties properties;
    private final TransactionTemplate transaction;
    private final DatabaseLoad load;
    private final CountDownLatch stopping = new CountDownLatch(1);

    RetentionPurge(JdbcClient jdbc, Volunteers volunteers, SelfService erasure, PersonalDataRetention retention,
            RetentionProperties properties, TransactionTemplate transaction, DatabaseLoad load) {
        this.jdbc = jdbc;
        this.volunteers = volunteers;
        this.erasure = erasure;
        this.retention = retention;
        this.properties = properties;
        this.transaction = transaction;
        this.load = load;
    }

    @Scheduled(cron = "${khanaen.personal-data.purge.cron:0 30 3 * * *}", zone = "Asia/Bangkok")
    // every node fires at 03:30: held at least 10 minutes so a node whose clock lags a little does not start it again
    @SchedulerLock(name = "volunteers.retention-purge", lockAtMostFor = "PT6H", lockAtLeastFor = "PT10M")
    void nightly() {
        LocalDate today = LocalDate.now(PersonalDataRetention.BANGKOK);
        if (!properties.enabled()) {
            log.info("Retention: the purge is off (khanaen.personal-data.purge.enabled): nothing erased; due today: {}",
                    retention.dueOn(today).stream().map(ElectionSummary::id).toList());
            return;
        }
        purge(today);
    }

    /** @return how many volunteers were erased */
    int purge(LocalDate today) {
        int erased = 0;
        for (var election : retention.dueOn(today)) {
            int batch;
            do {
                if (!quiet()) {
                    log.warn("Retention: stopped after erasing {} volunteers, the database stayed busy (or the app stops); "
                            + "the rest waits for the next run", erased);
                    return erased;
                }
                if (retention.postponedOn(election.id(), today)) {
                    break; // an administrator postponed it meanwhile
                }
                batch = transaction.execute(status -> eraseBatch(election.id()));
                erased += batch;
            } while (batch == properties.batchSize() && !rest(properties.pause()));
        }
        if (erased > 0) {
            log.info("Retention: erased the personal data of {} volunteers", erased);
        }
        return erased;
    }

    private int eraseBatch(String electionId) {
        List<Long> due = jdbc.sql("select id from volunteer where registered_for_election = ? and erased_at is null order by id limit ?")
                .params(electionId, properties.batchSize()).query(Long.class).list();
        volunteers.findAllById(due).forEach(v -> erasure.erase(v, "retention:" + electionId));
        return due.size();
    }

    /** Waits while others wait for a connection; false when that lasts past the limit or the app stops. */
    private boolean quiet() {
        Instant giveUp = Instant.now().plus(properties.busyLimit());
        while (load.busy()) {
            if (Instant.now().isAfter(giveUp) || rest(BUSY_RECHECK)) {
                return false;
            }
        }
        return stopping.getCount() > 0;
    }

    /** @return true when the app stops meanwhile */
    private boolean rest(Duration pause) {
        try {
            return stopping.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @PreDestroy
    void stop() {
        stopping.countDown();
    }
}
