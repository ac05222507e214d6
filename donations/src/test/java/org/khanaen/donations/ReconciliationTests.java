package org.khanaen.donations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * The scheduled reconciliation, against development mode's real payment record (what the local payment
 * page wrote, read back the way Stripe's API is read): a payment whose webhook never came is completed,
 * once; an abandoned session ends as expired; an open one is left alone until it is due.
 */
@SpringBootTest
@RecordApplicationEvents
class ReconciliationTests {

    @Autowired Reconciliation reconciliation;
    @Autowired LocalPayments local;
    @Autowired Donations campaign;
    @Autowired GiftFixture gifts;
    @Autowired TestClock clock;
    @Autowired ApplicationEvents events;

    @AfterEach
    void backToNow() {
        clock.reset();
    }

    @Test
    void aPaymentWhoseWebhookNeverCameIsCompletedOnceWhenDue() {
        var donation = gifts.start(1_500, "no-webhook@example.org");
        local.record(donation.sessionId(), LocalPayments.Method.CARD); // paid at "Stripe"; the webhook is lost
        long raised = campaign.campaign().raisedSatang();

        reconciliation.reconcile();
        assertThat(gifts.reload(donation).status()).as("not due yet").isEqualTo("PENDING");

        clock.advance(Duration.ofMinutes(11));
        reconciliation.reconcile();
        reconciliation.reconcile();
        clock.advance(Duration.ofMinutes(11));
        reconciliation.reconcile();

        assertThat(gifts.reload(donation).status()).isEqualTo("SUCCEEDED");
        assertThat(gifts.reload(donation).paymentMethod()).isEqualTo("card");
        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised + 150_000);
        assertThat(gifts.ledgerRows(donation)).isEqualTo(1);
        assertThat(gifts.receipts(donation)).isEqualTo(1);
        assertThat(events.stream(DonationSucceeded.class).filter(e -> e.donationId().equals(donation.donationId()))).hasSize(1);
    }

    @Test
    void aPromptPayTransferRecordedButNotAnnouncedIsCompletedToo() {
        var donation = gifts.start(200, "promptpay-lost@example.org");
        local.record(donation.sessionId(), LocalPayments.Method.PROMPTPAY);

        clock.advance(Duration.ofMinutes(11));
        reconciliation.reconcile();

        assertThat(gifts.reload(donation).status()).isEqualTo("SUCCEEDED");
        assertThat(gifts.reload(donation).paymentMethod()).isEqualTo("promptpay");
    }

    @Test
    void anAbandonedSessionEndsExpiredAndAnOpenOneIsLeftAlone() {
        var abandoned = gifts.start(100, "abandoned@example.org");
        long raised = campaign.campaign().raisedSatang();

        clock.advance(Duration.ofMinutes(11));
        reconciliation.reconcile();
        assertThat(gifts.reload(abandoned).status()).as("still payable for an hour").isEqualTo("PENDING");

        clock.advance(Duration.ofMinutes(55));
        reconciliation.reconcile();
        assertThat(gifts.reload(abandoned).status()).isEqualTo("EXPIRED");
        assertThat(local.find(abandoned.sessionId()).orElseThrow().open()).isFalse();
        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised);
    }

    @Test
    void aPaymentThatArrivedAfterAllStillCountsAndTheLocalPageSendsTheEventsThroughTheWebhookCode() {
        var donation = gifts.start(400, "local-page@example.org");

        local.pay(donation.sessionId(), LocalPayments.Method.PROMPTPAY);

        assertThat(gifts.reload(donation).status()).isEqualTo("SUCCEEDED");
        assertThat(events.stream(DonationSucceeded.class).filter(e -> e.donationId().equals(donation.donationId()))).hasSize(1);
        // the reconciliation has nothing left to do
        clock.advance(Duration.ofMinutes(11));
        assertThat(reconciliation.reconcile()).isZero();
    }
}
