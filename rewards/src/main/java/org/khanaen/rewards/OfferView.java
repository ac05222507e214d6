package org.khanaen.rewards;

import java.time.Instant;

/** An offer with how far it has gone. */
public record OfferView(long id, SponsorId sponsor, String titleTh, String titleEn, String termsTh, String termsEn, long valueSatang,
        int quantity, int remaining, Instant validFrom, Instant validTo, Audience audience, Long minDonationSatang, boolean active,
        long issued, long redeemed) {
}
