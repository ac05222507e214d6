package org.khanaen.donations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.khanaen.CountedDonationEvents;
import org.khanaen.DonationsTestApplication;
import org.khanaen.donations.StripeWebhooks.Outcome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The app dies after the donor paid and before Stripe's webhook arrived. A fresh application on the same
 * database (nothing carried over but what was stored) completes the donation exactly once, by the
 * reconciliation or by Stripe's late retry of the event, whichever comes first; the other changes nothing.
 */
@SpringBootTest
class CrashBetweenPaymentAndWebhookTests {

    @Autowired LocalPayments local;
    @Autowired GiftFixture gifts;
    @Autowired Donations campaign;

    /** A second application, as after a restart: its own beans, caches and clock, the same database. */
    private static ConfigurableApplicationContext restart() {
        return new SpringApplicationBuilder(DonationsTestApplication.class).run("--spring.main.banner-mode=off");
    }

    @Test
    void afterARestartTheReconciliationCompletesThePaymentOnceAndStripesLateRetryChangesNothing() {
        var donation = gifts.start(2_500, "crash-reconcile@example.org");
        List<LocalStripeEvents.Signed> lost = local.record(donation.sessionId(), LocalPayments.Method.CARD); // then the app dies
        long raised = campaign.campaign().raisedSatang();

        try (ConfigurableApplicationContext restarted = restart()) {
            TestClock clock = restarted.getBean(TestClock.class);
            clock.advance(Duration.ofMinutes(11));
            assertThat(restarted.getBean(Reconciliation.class).reconcile()).isGreaterThanOrEqualTo(1);
            assertThat(restarted.getBean(Reconciliation.class).reconcile()).isZero();
            // Stripe retries the lost event, signed anew at each attempt (at the app's time, 11 minutes on)
            String payload = lost.get(0).payload();
            long now = clock.instant().getEpochSecond();
            assertThat(restarted.getBean(StripeWebhooks.class).receive(payload, StripeFixtures.sign(payload, now))).isEqualTo(Outcome.NO_CHANGE);
            assertThat(restarted.getBean(StripeWebhooks.class).receive(payload, StripeFixtures.sign(payload, now))).isEqualTo(Outcome.DUPLICATE);
        }

        assertThat(gifts.reload(donation).status()).isEqualTo("SUCCEEDED");
        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised + 250_000);
        assertThat(gifts.ledgerRows(donation)).isEqualTo(1);
        assertThat(gifts.receipts(donation)).isEqualTo(1);
        assertThat(CountedDonationEvents.succeeded(donation.id())).isEqualTo(1);
    }

    @Test
    void afterARestartStripesLateRetryCompletesThePaymentOnceAndTheReconciliationFindsNothingToDo() {
        var donation = gifts.start(3_000, "crash-retry@example.org");
        List<LocalStripeEvents.Signed> lost = local.record(donation.sessionId(), LocalPayments.Method.CARD);
        long raised = campaign.campaign().raisedSatang();

        try (ConfigurableApplicationContext restarted = restart()) {
            StripeWebhooks webhooks = restarted.getBean(StripeWebhooks.class);
            String payload = lost.get(0).payload();
            assertThat(webhooks.receive(payload, StripeFixtures.signNow(payload))).isEqualTo(Outcome.APPLIED);
            for (int i = 0; i < 3; i++) {
                assertThat(webhooks.receive(payload, StripeFixtures.signNow(payload))).isEqualTo(Outcome.DUPLICATE);
            }
            restarted.getBean(TestClock.class).advance(Duration.ofMinutes(11));
            restarted.getBean(Reconciliation.class).reconcile();
        }

        assertThat(gifts.reload(donation).status()).isEqualTo("SUCCEEDED");
        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised + 300_000);
        assertThat(gifts.ledgerRows(donation)).isEqualTo(1);
        assertThat(gifts.receipts(donation)).isEqualTo(1);
        assertThat(CountedDonationEvents.succeeded(donation.id())).isEqualTo(1);
    }
}
