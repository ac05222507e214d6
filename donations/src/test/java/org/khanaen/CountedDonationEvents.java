package org.khanaen;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.khanaen.donations.DonationSucceeded;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts DonationSucceeded events that committed, in every application context of the test JVM (a test
 * may start a second one on the same database, as after a restart): a donation must be announced once.
 */
@Component
public class CountedDonationEvents {

    private static final Map<Long, AtomicInteger> succeeded = new ConcurrentHashMap<>();

    @TransactionalEventListener
    void on(DonationSucceeded event) {
        succeeded.computeIfAbsent(event.donationId().value(), id -> new AtomicInteger()).incrementAndGet();
    }

    public static int succeeded(long donationId) {
        AtomicInteger count = succeeded.get(donationId);
        return count == null ? 0 : count.get();
    }
}
