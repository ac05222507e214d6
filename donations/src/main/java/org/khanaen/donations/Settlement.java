package org.khanaen.donations;

import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What follows from Stripe's news, the same whoever brought it (a webhook, the reconciliation): a success
 * counted once (ledger entry, receipt, event, all in one transaction), and refunds and disputes brought
 * into the ledger as the difference between what Stripe says now and what the ledger already shows.
 */
@Component
class Settlement {

    private final DonationRecords donations;
    private final LedgerRecords ledger;
    private final PaymentFacts facts;
    private final Receipts receipts;
    private final ApplicationEventPublisher events;

    Settlement(DonationRecords donations, LedgerRecords ledger, PaymentFacts facts, Receipts receipts, ApplicationEventPublisher events) {
        this.donations = donations;
        this.ledger = ledger;
        this.facts = facts;
        this.receipts = receipts;
        this.events = events;
    }

    /** Whether Stripe's figures are the donation's: same amount in satang, in baht. */
    static boolean matches(DonationRecords.Row donation, long amountTotal, String currency) {
        return donation.amountSatang() == amountTotal && donation.currency().equalsIgnoreCase(currency == null ? "" : currency);
    }

    /** @return true when this call counted the donation; false when it had been counted before */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean succeed(DonationRecords.Row donation, String paymentIntent, String method, Instant at) {
        donations.attachPayment(donation.id(), paymentIntent, method);
        if (!donations.succeed(donation.id(), at)) {
            return false;
        }
        ledger.add(LedgerRecords.DONATION, donation.amountSatang(), at, donation.id(), null, "donation:" + donation.id());
        receipts.send(donation, at);
        events.publishEvent(new DonationSucceeded(donation.donationId(), donation.amountSatang(), donation.currency(), donation.email(),
                donation.name(), donation.anonymous(), at, donation.locale()));
        settle(donation.id(), at); // a refund or dispute reported before the success
        return true;
    }

    /** Brings the ledger to Stripe's latest figures for the donation's payment. */
    @Transactional(propagation = Propagation.MANDATORY)
    void settle(long donationId, Instant at) {
        DonationRecords.Row d = donations.lock(donationId).orElseThrow();
        if (!d.succeeded() || d.paymentIntent() == null) {
            return; // counted when it succeeds
        }
        PaymentFacts.Facts now = facts.of(d.paymentIntent());
        long refunded = Math.min(now.refunded(), d.amountSatang());
        long held = Math.min(now.disputeHeld(), d.amountSatang());
        long lost = Math.min(now.disputeLost(), d.amountSatang());
        if (refunded > d.refundedSatang()) {
            long delta = refunded - d.refundedSatang();
            ledger.add(LedgerRecords.REFUND, -delta, at, d.id(), null, null);
            events.publishEvent(refundedEvent(d, delta, refunded + lost, DonationRefunded.Reason.REFUND, at));
        }
        if (held != d.disputeHeldSatang()) {
            ledger.add(LedgerRecords.DISPUTE, d.disputeHeldSatang() - held, at, d.id(), null, null);
        }
        if (lost > d.disputeLostSatang()) {
            events.publishEvent(refundedEvent(d, lost - d.disputeLostSatang(), refunded + lost, DonationRefunded.Reason.DISPUTE_LOST, at));
        }
        donations.settled(d.id(), Math.max(refunded, d.refundedSatang()), held, Math.max(lost, d.disputeLostSatang()));
    }

    private static DonationRefunded refundedEvent(DonationRecords.Row d, long delta, long total, DonationRefunded.Reason reason, Instant at) {
        return new DonationRefunded(d.donationId(), delta, total, d.amountSatang(), d.currency(), d.email(), total >= d.amountSatang(),
                reason, at);
    }
}
