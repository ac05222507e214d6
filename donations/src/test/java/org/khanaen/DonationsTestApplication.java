package org.khanaen;

import org.khanaen.donations.TestClock;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Boots the donations module on its own (with the platform's mail outbox), in development mode: no Stripe
 * keys, the local payment record. No {@code @EnableScheduling}: tests run the reconciliation themselves.
 */
@SpringBootApplication
public class DonationsTestApplication {

    /** Time the tests move forward, past the reconciliation's wait. */
    @Bean
    TestClock clock() {
        return new TestClock();
    }
}
