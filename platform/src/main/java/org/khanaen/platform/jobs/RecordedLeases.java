package org.khanaen.platform.jobs;

import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;

/**
 * The job leases, with every run they let through written down when it ends ({@code job_run}: the job, the node,
 * from when to when). Operators see when and where each job last ran; the cluster drill counts from it that no job
 * ran on two nodes at once. The end is taken before the lease is given back, so the next run's start is never before
 * it. Writing it down is best effort: a run whose row cannot be written still happened, and a node that died mid-run
 * leaves no row.
 */
final class RecordedLeases implements LockProvider {

    private static final Logger log = LoggerFactory.getLogger(RecordedLeases.class);

    private final LockProvider leases;
    private final JdbcTemplate jdbc;
    private final String node;

    RecordedLeases(LockProvider leases, JdbcTemplate jdbc, String node) {
        this.leases = leases;
        this.jdbc = jdbc;
        this.node = node;
    }

    @Override
    public Optional<SimpleLock> lock(LockConfiguration job) {
        // the start once the lease is held: a node that asked while another still ran must not seem to have started first
        return leases.lock(job).map(lease -> new Run(lease, job, System.currentTimeMillis()));
    }

    /** Deletes the runs started before {@code before} (epoch ms). @return how many went */
    int forgetBefore(long before) {
        return jdbc.update("delete from job_run where started_ms < ? limit 10000", before);
    }

    private final class Run implements SimpleLock {

        private final SimpleLock lease;
        private final LockConfiguration job;
        private final long started;

        Run(SimpleLock lease, LockConfiguration job, long started) {
            this.lease = lease;
            this.job = job;
            this.started = started;
        }

        @Override
        public void unlock() {
            long ended = System.currentTimeMillis();
            lease.unlock();
            try {
                jdbc.update("insert into job_run (name, node, started_ms, ended_ms, lock_at_least_ms) values (?, ?, ?, ?, ?)",
                        job.getName(), node, started, ended, job.getLockAtLeastFor().toMillis());
            } catch (DataAccessException e) {
                log.debug("Run of job {} not written down: {}", job.getName(), e.getMessage());
            }
        }

        @Override
        public Optional<SimpleLock> extend(Duration lockAtMostFor, Duration lockAtLeastFor) {
            return lease.extend(lockAtMostFor, lockAtLeastFor).map(longer -> new Run(longer, job, started));
        }
    }
}
