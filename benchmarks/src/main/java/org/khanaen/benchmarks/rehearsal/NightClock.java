package org.khanaen.benchmarks.rehearsal;

import java.time.Duration;
import java.time.LocalTime;

/**
 * The night on a compressed clock: polls close at 17:00 at {@code startNanos} (System.nanoTime), and every wall second
 * is {@code compress} seconds of the night. Times of the night are kept as {@link LocalTime} of 2023-05-14.
 */
public record NightClock(long startNanos, double compress) {

    public static final LocalTime POLLS_CLOSE = LocalTime.of(17, 0);

    public static NightClock startingNow(double compress) {
        return new NightClock(System.nanoTime(), compress);
    }

    /** The night's time now. */
    public LocalTime now() {
        return at(System.nanoTime());
    }

    /** The night's time at a System.nanoTime reading. */
    public LocalTime at(long nanos) {
        return POLLS_CLOSE.plusNanos((long) ((nanos - startNanos) * compress));
    }

    /** The System.nanoTime reading at which the night reaches {@code time}. */
    public long nanosAt(LocalTime time) {
        return startNanos + (long) (Duration.between(POLLS_CLOSE, time).toNanos() / compress);
    }

    /** A stretch of the night as wall time (e.g. a verifier's 20 s per decision). */
    public Duration wall(Duration ofTheNight) {
        return Duration.ofNanos((long) (ofTheNight.toNanos() / compress));
    }

    /** Waits until the night reaches {@code time} (at once if it has). */
    public void sleepUntil(LocalTime time) throws InterruptedException {
        long wait = nanosAt(time) - System.nanoTime();
        if (wait > 0) {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
