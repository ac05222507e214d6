package org.khanaen.platform.jobs;

import java.time.Duration;
import java.time.Instant;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;

/**
 * Runs a job on one node of the cluster at a time, for jobs scheduled in code (a {@code SchedulingConfigurer}); a
 * {@code @Scheduled} method says the same with {@code @SchedulerLock}. A node that finds the job running elsewhere
 * skips this round. The lease is ShedLock's row in the database, timed by the database's clock.
 */
public final class ClusterJobs {

    private final LockingTaskExecutor executor;

    ClusterJobs(LockProvider locks) {
        this.executor = new DefaultLockingTaskExecutor(locks);
    }

    /**
     * Runs {@code job} unless another node holds its lease.
     *
     * @param atMostFor how long the lease holds if this node dies mid-run: well past the job's longest normal run
     * @return whether it ran here
     */
    public boolean once(String name, Duration atMostFor, Runnable job) {
        LockingTaskExecutor.TaskResult<Boolean> result;
        try {
            result = executor.executeWithLock(() -> {
                job.run();
                return true;
            }, new LockConfiguration(Instant.now(), name, atMostFor, Duration.ZERO));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return result.wasExecuted();
    }
}
