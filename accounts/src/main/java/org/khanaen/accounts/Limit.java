package org.khanaen.accounts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The sign-in throttle's rule for one counter (an account or an address), Spring-free: after {@code freeFailures}
 * failures the next try waits {@code firstDelay}, doubling with each failure, never longer than {@code lockFor};
 * from {@code lockAfter} failures every failure locks for {@code lockFor}. A run of failures is forgotten
 * {@code forgetAfter} after its last one.
 */
record Limit(int freeFailures, Duration firstDelay, int lockAfter, Duration lockFor, Duration forgetAfter) {

    Limit {
        if (freeFailures < 1 || lockAfter < freeFailures || forgetAfter.compareTo(lockFor) < 0) {
            throw new IllegalArgumentException("A sign-in limit needs 1 ≤ free failures ≤ lock after, and forget after ≥ lock for");
        }
    }

    /** Until when the next try is refused, after {@code failures} failures, the last at {@code lastFailure}. */
    Optional<Instant> refusedUntil(int failures, Instant lastFailure, Instant now) {
        if (failures < freeFailures || forgotten(lastFailure, now)) {
            return Optional.empty();
        }
        Instant until = lastFailure.plus(wait(failures));
        return until.isAfter(now) ? Optional.of(until) : Optional.empty();
    }

    boolean locks(int failures) {
        return failures >= lockAfter;
    }

    boolean forgotten(Instant lastFailure, Instant now) {
        return !lastFailure.plus(forgetAfter).isAfter(now);
    }

    private Duration wait(int failures) {
        if (locks(failures)) {
            return lockFor;
        }
        int doublings = Math.min(failures - freeFailures, 30);
        Duration delay = firstDelay.multipliedBy(1L << doublings);
        return delay.compareTo(lockFor) > 0 ? lockFor : delay;
    }
}
