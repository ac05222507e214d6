package org.khanaen.donations;

import java.time.Instant;

/**
 * Money of a succeeded donation went back: refunded, or taken back by a dispute the campaign lost.
 * Published once for each new amount Stripe reports.
 *
 * @param refundedSatang what went back this time
 * @param totalSatang    all that went back of this donation so far (refunds and lost disputes)
 * @param fully          nothing of the donation is left
 */
public record DonationRefunded(DonationId donationId, long refundedSatang, long totalSatang, long amountSatang, String currency,
        String email, boolean fully, Reason reason, Instant refundedAt) {

    public enum Reason {
        REFUND, DISPUTE_LOST
    }
}
