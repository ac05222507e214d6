package org.khanaen.platform.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.khanaen.platform.jobs.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * Sends what the outbox holds. Runs on every node: each batch claims up to 50 due mails under a
 * fresh claim id, sends them one at a time and records each outcome at once, so a crash leaves at
 * most the one mail in flight unrecorded (SMTP has no idempotent submission; its stable Message-ID
 * lets it be recognised). A claim is a five-minute lease: a node that dies mid-batch holds its rows
 * that long, then any node takes them over. A node only starts a send while half its lease is left,
 * and SMTP calls time out well within that (see spring.mail.properties), so a lease never runs out
 * under a send in progress. When the application stops, a run in progress ends after the mail it is
 * sending and hands the rest of its batch back, instead of holding the shutdown until the batch is sent.
 * Claims, not a cluster-wide lock, because every node may send at once (a lock would leave one node sending for all);
 * the claim's times are the sender's clock, so nodes' clocks must agree to well within half a lease (NTP does).
 * The hourly purge runs on one node at a time ({@link ClusterJobs}): two would delete the same slices.
 */
final class MailDelivery implements SchedulingConfigurer, SmartLifecycle {

    static final int BATCH = 50;
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration PURGE_INTERVAL = Duration.ofHours(1);
    private static final int MAX_BATCHES_PER_RUN = 20;
    private static final int PURGE_SLICE = 1_000;
    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

    private final OutboxRows rows;
    private final JavaMailSender sender;
    private final MailProperties properties;
    private final Clock clock;
    private final InternetAddress from;
    private final ClusterJobs jobs;
    private volatile boolean troubled;
    private volatile boolean stopping;

    MailDelivery(OutboxRows rows, JavaMailSender sender, MailProperties properties, Clock clock, ClusterJobs jobs) {
        this.jobs = jobs;
        this.rows = rows;
        this.sender = sender;
        this.properties = properties;
        this.clock = clock;
        this.from = parseFrom(properties.from());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::runQuietly, properties.pollInterval(), properties.pollInterval()));
        registrar.addFixedDelayTask(new FixedDelayTask(this::purgeQuietly, PURGE_INTERVAL, Duration.ofMinutes(1)));
    }

    /** Sends every mail that is due, a batch at a time. @return how many were sent */
    int deliverDue() {
        int sent = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN && !stopping; batch++) {
            Batch result = deliverBatch();
            sent += result.sent();
            if (result.claimed() < BATCH) {
                break;
            }
        }
        return sent;
    }

    /** Deletes sent mail older than the retention period. @return how many rows went */
    int purge() {
        LocalDateTime cutoff = now().minus(properties.retention());
        int total = 0;
        int deleted;
        do {
            deleted = rows.deleteSentBefore(cutoff, PURGE_SLICE);
            total += deleted;
        } while (deleted == PURGE_SLICE);
        return total;
    }

    private record Batch(int claimed, int sent) {
    }

    private Batch deliverBatch() {
        String claimId = UUID.randomUUID().toString();
        LocalDateTime claimedAt = now();
        int claimed;
        try {
            claimed = rows.claim(claimId, claimedAt, claimedAt.plus(LEASE), BATCH);
        } catch (TransientDataAccessException e) {
            // Galera: two nodes claimed the same rows at once and this one lost certification. Next run.
            log.debug("Mail claim lost to another node: {}", e.getMessage());
            return new Batch(0, 0);
        }
        if (claimed == 0) {
            return new Batch(0, 0);
        }
        LocalDateTime lastStart = claimedAt.plus(LEASE.dividedBy(2));
        int sent = 0;
        List<OutboxRow> batch = rows.claimedBy(claimId);
        for (OutboxRow row : batch) {
            if (stopping || now().isAfter(lastStart)) {
                // stopping, or a slow server: hand the rest back (to the next run, or another node) rather than hold
                // the shutdown or send past the lease
                rows.release(claimId);
                break;
            }
            sent += send(row, claimId) ? 1 : 0;
        }
        return new Batch(claimed, sent);
    }

    private boolean send(OutboxRow row, String claimId) {
        try {
            sender.send(new OutboxMimeMessage(row, from));
        } catch (MailPreparationException | MailParseException e) {
            failed(row, claimId, e, true); // a malformed mail stays malformed: no retries
            return false;
        } catch (RuntimeException e) {
            failed(row, claimId, e, false);
            return false;
        }
        recordSent(row);
        return true;
    }

    /**
     * The mail is gone; not recording it would send it again once the claim runs out, so any database error is tried
     * again for ~15 s: long enough for a connection to fail over to another database node (measured in the cluster
     * drill: a Galera node killed under a sending node), short enough not to hold the sender. The update is conditional
     * on the row still pending, so a second try that finds it done changes nothing.
     */
    private void recordSent(OutboxRow row) {
        long wait = 200;
        for (int attempt = 1; ; attempt++) {
            try {
                rows.markSent(row.id(), now());
                return;
            } catch (DataAccessException e) {
                if (attempt == 8) {
                    throw e;
                }
                log.debug("Mail {} sent, not yet recorded (attempt {}): {}", row.id(), attempt, e.getMessage());
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = Math.min(wait * 2, 5_000);
            }
        }
    }

    private void failed(OutboxRow row, String claimId, RuntimeException e, boolean permanent) {
        int attempts = row.attempts() + 1;
        boolean giveUp = permanent || attempts >= properties.maxAttempts();
        LocalDateTime next = giveUp ? now() : now().plus(RetrySchedule.waitAfter(attempts));
        String error = describe(e);
        rows.markAttemptFailed(row.id(), claimId, attempts, giveUp ? OutboxRows.FAILED : OutboxRows.PENDING, next,
                error.length() > 1000 ? error.substring(0, 1000) : error);
        // the id and category, not the address: logs are kept longer and seen by more people than the outbox
        if (giveUp) {
            log.warn("Mail {} ({}) given up after {} attempt(s): {}", row.id(), row.category(), attempts, brief(error));
        } else {
            log.warn("Mail {} ({}) not sent, attempt {} of {}, next at {} UTC: {}", row.id(), row.category(), attempts,
                    properties.maxAttempts(), next.withNano(0), brief(error));
        }
    }

    /**
     * Stopped no later than the scheduler that runs it (the highest phase, the first to stop): the scheduler waits for
     * a run in progress, which then ends after its current mail. Measured before: 500 queued mails held a test JVM's
     * shutdown for the whole 30 s timeout, and the killed JVM left its embedded database running.
     */
    @Override
    public void stop() {
        stopping = true;
    }

    @Override
    public void start() {
        stopping = false;
    }

    @Override
    public boolean isRunning() {
        return !stopping;
    }

    /** A scheduled run: a database outage is logged once, not every two seconds, and ends nothing. */
    private void runQuietly() {
        try {
            deliverDue();
            if (troubled) {
                troubled = false;
                log.info("Mail delivery works again");
            }
        } catch (DataAccessException e) {
            if (!troubled) {
                troubled = true;
                log.warn("Mail delivery paused, the database is not answering: {}", brief(describe(e)));
            }
        }
    }

    private void purgeQuietly() {
        try {
            jobs.once("mail.purge", Duration.ofMinutes(30), () -> {
                int purged = purge();
                if (purged > 0) {
                    log.info("Deleted {} sent mail(s) older than {}", purged, properties.retention());
                }
            });
        } catch (DataAccessException e) {
            log.warn("Sent mail not purged this time: {}", brief(describe(e)));
        }
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** The root cause first ("ConnectException: Connection refused"), then what Spring made of it. */
    private static String describe(Exception e) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
        String root = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return cause == e ? root : root + " | " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** One line, at most 200 characters, for the log. */
    private static String brief(String error) {
        String line = error.lines().findFirst().orElse("");
        int end = line.indexOf(" | ");
        line = end > 0 ? line.substring(0, end) : line;
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    static InternetAddress parseFrom(String from) {
        try {
            InternetAddress address = new InternetAddress(from, true);
            if (address.getPersonal() != null) {
                address.setPersonal(address.getPersonal(), "UTF-8"); // a Thai display name, encoded properly
            }
            return address;
        } catch (AddressException | java.io.UnsupportedEncodingException e) {
            throw new IllegalArgumentException("khanaen.mail.from is not an address: " + from, e);
        }
    }
}
