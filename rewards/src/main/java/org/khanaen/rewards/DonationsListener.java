package org.khanaen.rewards;

import org.khanaen.donations.DonationRefunded;
import org.khanaen.donations.DonationSucceeded;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A donation succeeded: the donor's coupons, and the mail with their wallet link. A refund withdraws the unredeemed
 * coupons that what is left of the donation no longer earns (all of them when nothing is left). Both are safe to
 * receive twice: issuing is once per donation and offer, revoking only touches issued coupons. Delivered after the
 * commit through the event publication registry, without a transaction of its own (see {@link ResultsListener}).
 */
@Component
class DonationsListener {

    private final Rewards rewards;

    DonationsListener(Rewards rewards) {
        this.rewards = rewards;
    }

    @Async
    @TransactionalEventListener
    void on(DonationSucceeded event) {
        rewards.issueForDonation(ref(event.donationId().value()), event.amountSatang(), event.email(), event.name(), event.locale());
    }

    @Async
    @TransactionalEventListener
    void on(DonationRefunded event) {
        rewards.revokeForDonation(ref(event.donationId().value()), event.fully() ? 0 : Math.max(0, event.amountSatang() - event.totalSatang()));
    }

    static String ref(long donationId) {
        return String.valueOf(donationId);
    }
}
