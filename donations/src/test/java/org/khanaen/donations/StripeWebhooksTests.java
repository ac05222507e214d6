package org.khanaen.donations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.khanaen.donations.GiftFixture.session;
import static org.khanaen.donations.StripeFixtures.event;
import static org.khanaen.donations.StripeFixtures.sign;
import static org.khanaen.donations.StripeFixtures.signNow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.khanaen.donations.StripeWebhooks.Outcome;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Stripe's events as Stripe sends them (real payload shapes, signed here): forged, stale, replayed,
 * out of order, with a wrong amount; refunds and disputes. Each leaves the totals right.
 */
@SpringBootTest
@RecordApplicationEvents
class StripeWebhooksTests {

    @Autowired StripeWebhooks webhooks;
    @Autowired Donations campaign;
    @Autowired GiftFixture gifts;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEvents events;

    private long succeeded(DonationRecords.Row donation) {
        return events.stream(DonationSucceeded.class).filter(e -> e.donationId().equals(donation.donationId())).count();
    }

    private List<DonationRefunded> refunded(DonationRecords.Row donation) {
        return events.stream(DonationRefunded.class).filter(e -> e.donationId().equals(donation.donationId())).toList();
    }

    private Outcome send(String payload) {
        return webhooks.receive(payload, signNow(payload));
    }

    @Test
    void aPaidCheckoutSessionCountsTheDonationOnceWithItsLedgerLineReceiptAndEvent() {
        long raised = campaign.campaign().raisedSatang();
        var donation = gifts.start(500, "paid-once@example.org");

        assertThat(send(event("checkout.session.completed", session(donation, "pi_3Paid0001", "paid")))).isEqualTo(Outcome.APPLIED);

        var after = gifts.reload(donation);
        assertThat(after.status()).isEqualTo("SUCCEEDED");
        assertThat(after.paymentIntent()).isEqualTo("pi_3Paid0001");
        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised + 50_000);
        assertThat(gifts.ledgerRows(donation)).isEqualTo(1);
        assertThat(gifts.receipts(donation)).isEqualTo(1);
        assertThat(succeeded(donation)).isEqualTo(1);
        assertThat(events.stream(DonationSucceeded.class).filter(e -> e.donationId().equals(donation.donationId())).findFirst().orElseThrow())
                .satisfies(e -> {
                    assertThat(e.amountSatang()).isEqualTo(50_000);
                    assertThat(e.currency()).isEqualTo("thb");
                    assertThat(e.email()).isEqualTo("paid-once@example.org");
                    assertThat(e.name()).isEqualTo("สมชาย ใจดี");
                });
        String receipt = jdbc.sql("select text_body from mail_outbox where dedup_key = ?").param("donation-receipt:" + donation.id())
                .query(String.class).single();
        assertThat(receipt).contains(Receipts.number(donation.id())).contains("฿500.00").contains("พ.ศ. 25").startsWith("เรียน คุณสมชาย ใจดี");
    }

    @Test
    void aForgedSignatureIsRefusedAndChangesNothing() {
        long raised = campaign.campaign().raisedSatang();
        var donation = gifts.start(300, "forged@example.org");
        String payload = event("checkout.session.completed", session(donation, "pi_3Forged01", "paid"));
        long now = System.currentTimeMillis() / 1000;

        assertThatThrownBy(() -> webhooks.receive(payload, sign(payload, "whsec_someone_else", now))).isInstanceOf(WebhookRejected.class);
        // the body changed after signing: 300 became 30,000
        String signedFor = signNow(payload);
        assertThatThrownBy(() -> webhooks.receive(payload.replace("\"amount_total\": 30000", "\"amount_total\": 3000000"), signedFor))
                .isInstanceOf(WebhookRejected.class);
        assertThatThrownBy(() -> webhooks.receive(payload, "t=" + now)).isInstanceOf(WebhookRejected.class);
        assertThatThrownBy(() -> webhooks.receive(payload, null)).isInstanceOf(WebhookRejected.class);

        assertThat(gifts.reload(donation).status()).isEqualTo("PENDING");
        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised);
        assertThat(jdbc.sql("select count(*) from stripe_event where detail like ?").param("%" + donation.sessionId() + "%").query(Long.class).single()).isZero();
    }

    @Test
    void aStaleTimestampIsRefusedEvenWithARightSignature() {
        long raised = campaign.campaign().raisedSatang();
        var donation = gifts.start(300, "stale@example.org");
        String payload = event("checkout.session.completed", session(donation, "pi_3Stale001", "paid"));
        long sixMinutesAgo = System.currentTimeMillis() / 1000 - 360;

        assertThatThrownBy(() -> webhooks.receive(payload, sign(payload, sixMinutesAgo)))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("tolerance");

        assertThat(gifts.reload(donation).status()).isEqualTo("PENDING");
        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised);
        // Stripe retries it, freshly signed: then it counts
        assertThat(send(payload)).isEqualTo(Outcome.APPLIED);
        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised + 30_000);
    }

    @Test
    void aTimestampMoreThanFiveMinutesAheadIsRefusedEvenWithARightSignature() {
        long raised = campaign.campaign().raisedSatang();
        var donation = gifts.start(300, "future@example.org");
        String payload = event("checkout.session.completed", session(donation, "pi_3Future01", "paid"));
        long inSevenMinutes = System.currentTimeMillis() / 1000 + 400;

        assertThatThrownBy(() -> webhooks.receive(payload, sign(payload, inSevenMinutes)))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("tolerance");
        assertThat(gifts.reload(donation).status()).isEqualTo("PENDING");
        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised);
        // a clock a little ahead (within the tolerance) is Stripe's normal skew
        assertThat(webhooks.receive(payload, sign(payload, System.currentTimeMillis() / 1000 + 60))).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void anEventReplayedTenTimesCountsOnce() {
        long raised = campaign.campaign().raisedSatang();
        long donors = campaign.campaign().donors();
        var donation = gifts.start(1_000, "replayed@example.org");
        String payload = event("checkout.session.completed", session(donation, "pi_3Replay01", "paid"));

        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            outcomes.add(send(payload));
        }

        assertThat(outcomes.get(0)).isEqualTo(Outcome.APPLIED);
        assertThat(outcomes.subList(1, 10)).containsOnly(Outcome.DUPLICATE);
        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised + 100_000);
        assertThat(campaign.campaign().donors()).isEqualTo(donors + 1);
        assertThat(gifts.ledgerRows(donation)).isEqualTo(1);
        assertThat(gifts.receipts(donation)).isEqualTo(1);
        assertThat(succeeded(donation)).isEqualTo(1);
        // a second, different event with the same news (Stripe sends completed, and async_payment_succeeded) changes nothing either
        assertThat(send(event("checkout.session.async_payment_succeeded", session(donation, "pi_3Replay01", "paid")))).isEqualTo(Outcome.NO_CHANGE);
        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised + 100_000);
    }

    @Test
    void outOfOrderPromptPayEventsEndInTheRightStateWhateverCameFirst() {
        long raised = campaign.campaign().raisedSatang();
        var donation = gifts.start(700, "promptpay@example.org");
        String completedUnpaid = event("checkout.session.completed", session(donation, "pi_3Prompt01", "unpaid"));
        String asyncSucceeded = event("checkout.session.async_payment_succeeded", session(donation, "pi_3Prompt01", "paid"));
        String expired = event("checkout.session.expired", session(donation, "pi_3Prompt01", "unpaid"));

        // the transfer's success arrives before the session's completion, then a (stale) expiry
        assertThat(send(asyncSucceeded)).isEqualTo(Outcome.APPLIED);
        assertThat(send(completedUnpaid)).isEqualTo(Outcome.NO_CHANGE);
        assertThat(send(expired)).isEqualTo(Outcome.NO_CHANGE);

        assertThat(gifts.reload(donation).status()).isEqualTo("SUCCEEDED");
        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised + 70_000);
        assertThat(succeeded(donation)).isEqualTo(1);

        // and in the natural order a failed transfer ends a donation that never counted
        var failed = gifts.start(700, "promptpay-failed@example.org");
        assertThat(send(event("checkout.session.completed", session(failed, "pi_3Prompt02", "unpaid")))).isEqualTo(Outcome.NO_CHANGE);
        assertThat(send(event("checkout.session.async_payment_failed", session(failed, "pi_3Prompt02", "unpaid")))).isEqualTo(Outcome.APPLIED);
        assertThat(gifts.reload(failed).status()).isEqualTo("FAILED");
        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised + 70_000);
    }

    @Test
    void anAmountOrCurrencyThatIsNotTheDonationsIsNotCountedButAcknowledgedAndShown() {
        long raised = campaign.campaign().raisedSatang();
        var donation = gifts.start(500, "mismatch@example.org");
        Map<String, Object> values = new HashMap<>(session(donation, "pi_3Mismatch", "paid"));
        values.put("AMOUNT", 5_000);

        assertThat(send(event("checkout.session.completed", values))).isEqualTo(Outcome.AMOUNT_MISMATCH);
        values.put("AMOUNT", donation.amountSatang());
        values.put("CURRENCY", "usd");
        assertThat(send(event("checkout.session.completed", values))).isEqualTo(Outcome.AMOUNT_MISMATCH);

        var after = gifts.reload(donation);
        assertThat(after.status()).isEqualTo("PENDING");
        assertThat(after.problem()).contains("usd");
        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised);
        assertThat(gifts.receipts(donation)).isZero();
        assertThat(succeeded(donation)).isZero();
        assertThat(webhooks.recent(50)).anySatisfy(r -> assertThat(r.outcome()).isEqualTo("AMOUNT_MISMATCH"));
    }

    @Test
    void refundsInAnyOrderBringTheTotalsToStripesLatestFigure() {
        var donation = gifts.start(1_000, "refund@example.org");
        send(event("checkout.session.completed", session(donation, "pi_3Refund01", "paid")));
        long raised = campaign.campaign().raisedSatang();
        long donors = campaign.campaign().donors();
        Map<String, Object> charge = new HashMap<>(Map.of("CHARGE_ID", "ch_3Refund01", "AMOUNT", 100_000, "PAYMENT_INTENT", "pi_3Refund01",
                "EMAIL", donation.email()));
        Map<String, Object> partial = new HashMap<>(charge);
        partial.putAll(Map.of("AMOUNT_REFUNDED", 30_000, "REFUNDED", false));
        Map<String, Object> full = new HashMap<>(charge);
        full.putAll(Map.of("AMOUNT_REFUNDED", 100_000, "REFUNDED", true));

        // the full refund's event overtakes the partial one's
        assertThat(send(event("charge.refunded", full))).isEqualTo(Outcome.APPLIED);
        assertThat(send(event("charge.refunded", partial))).isEqualTo(Outcome.APPLIED);

        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised - 100_000);
        assertThat(campaign.campaign().donors()).isEqualTo(donors - 1);
        assertThat(gifts.ledgerSum(donation)).isZero();
        assertThat(refunded(donation)).singleElement().satisfies(e -> {
            assertThat(e.refundedSatang()).isEqualTo(100_000);
            assertThat(e.fully()).isTrue();
            assertThat(e.reason()).isEqualTo(DonationRefunded.Reason.REFUND);
        });
    }

    @Test
    void aRefundReportedBeforeThePaymentIsAppliedWhenThePaymentArrives() {
        var donation = gifts.start(800, "refund-first@example.org");
        long raised = campaign.campaign().raisedSatang();

        assertThat(send(event("charge.refunded", Map.of("CHARGE_ID", "ch_3Early001", "AMOUNT", 80_000, "PAYMENT_INTENT", "pi_3Early001",
                "AMOUNT_REFUNDED", 20_000, "REFUNDED", false)))).isEqualTo(Outcome.NO_CHANGE);
        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised);
        send(event("checkout.session.completed", session(donation, "pi_3Early001", "paid")));

        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised + 60_000);
        assertThat(succeeded(donation)).isEqualTo(1);
        assertThat(refunded(donation)).singleElement().satisfies(e -> assertThat(e.refundedSatang()).isEqualTo(20_000));
    }

    @Test
    void aDisputeHoldsTheMoneyUntilWonAndALateCreatedCannotReopenAClosedOne() {
        var won = gifts.start(2_000, "dispute-won@example.org");
        send(event("checkout.session.completed", session(won, "pi_3Dispute1", "paid")));
        long raised = campaign.campaign().raisedSatang();
        Map<String, Object> dispute = new HashMap<>(Map.of("DISPUTE_ID", "dp_1Won00001", "CHARGE_ID", "ch_3Dispute1", "AMOUNT", 200_000,
                "PAYMENT_INTENT", "pi_3Dispute1", "DISPUTE_STATUS", "needs_response"));

        assertThat(send(event("charge.dispute.created", dispute))).isEqualTo(Outcome.APPLIED);
        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised - 200_000);
        dispute.put("DISPUTE_STATUS", "won");
        assertThat(send(event("charge.dispute.closed", dispute))).isEqualTo(Outcome.APPLIED);
        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised);
        assertThat(gifts.ledgerRows(won)).isEqualTo(3); // in, held, returned: the ledger shows what happened

        var lost = gifts.start(2_000, "dispute-lost@example.org");
        send(event("checkout.session.completed", session(lost, "pi_3Dispute2", "paid")));
        Map<String, Object> second = new HashMap<>(Map.of("DISPUTE_ID", "dp_1Lost0001", "CHARGE_ID", "ch_3Dispute2", "AMOUNT", 200_000,
                "PAYMENT_INTENT", "pi_3Dispute2", "DISPUTE_STATUS", "lost"));
        assertThat(send(event("charge.dispute.closed", second))).isEqualTo(Outcome.APPLIED);
        second.put("DISPUTE_STATUS", "needs_response");
        send(event("charge.dispute.created", second));

        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised);
        assertThat(jdbc.sql("select status from stripe_dispute where id = 'dp_1Lost0001'").query(String.class).single()).isEqualTo("lost");
        assertThat(refunded(lost)).singleElement().satisfies(e -> assertThat(e.reason()).isEqualTo(DonationRefunded.Reason.DISPUTE_LOST));
        assertThat(refunded(won)).isEmpty();
    }

    @Test
    void eventsOfOtherKindsOrOtherAccountsAreAcknowledgedAndChangeNothing() {
        long raised = campaign.campaign().raisedSatang();
        String other = event("checkout.session.completed", Map.of("SESSION_ID", "cs_test_notours", "DONATION_ID", "999999999",
                "AMOUNT", 1000, "PAYMENT_INTENT", "pi_3NotOurs1", "PAYMENT_STATUS", "paid"));
        assertThat(send(other)).isEqualTo(Outcome.UNKNOWN_DONATION);
        String unknownType = event("checkout.session.completed", Map.of("SESSION_ID", "cs_test_x", "DONATION_ID", "1",
                "AMOUNT", 1000, "PAYMENT_INTENT", "pi_x", "PAYMENT_STATUS", "paid")).replace("\"type\": \"checkout.session.completed\"",
                "\"type\": \"customer.created\"");
        assertThat(send(unknownType)).isEqualTo(Outcome.IGNORED);
        assertThat(campaign.campaign().raisedSatang()).isEqualTo(raised);
    }
}
