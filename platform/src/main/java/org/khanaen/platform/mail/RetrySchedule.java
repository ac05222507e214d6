package org.khanaen.platform.mail;

import java.time.Duration;

/**
 * How long a mail waits after a failed send: 30 s after the first failure, doubling each time
 * (1 min, 2 min, 4 min ...) up to an hour. An SMTP server that is down for a few minutes costs a few
 * minutes; one down for a day is not hammered. With ten attempts a mail is given up after about three hours.
 */
final class RetrySchedule {

    static final Duration FIRST = Duration.ofSeconds(30);
    static final Duration LONGEST = Duration.ofHours(1);

    private RetrySchedule() {
    }

    /** @param failures how many sends of this mail have failed so far, at least 1 */
    static Duration waitAfter(int failures) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1");
        }
        int doublings = Math.min(failures - 1, 20); // 30 s × 2^7 is already past the hour
        Duration wait = FIRST.multipliedBy(1L << doublings);
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
