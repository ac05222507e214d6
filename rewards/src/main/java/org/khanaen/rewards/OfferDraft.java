package org.khanaen.rewards;

import java.time.Instant;

/**
 * A new coupon offer as the sponsor writes it.
 *
 * @param valueSatang        what one coupon is worth, in satang (1 baht = 100 satang)
 * @param minDonationSatang  for {@link Audience#DONORS}: the smallest donation that earns it (null: any)
 */
public record OfferDraft(String titleTh, String titleEn, String termsTh, String termsEn, long valueSatang, int quantity,
        Instant validFrom, Instant validTo, Audience audience, Long minDonationSatang) {

    /** Every rule a draft must meet, each named by its message key. */
    void check() {
        require(text(titleTh, 200) && text(titleEn, 200), "offer.title.invalid");
        require(text(termsTh, 2000) && text(termsEn, 2000), "offer.terms.invalid");
        require(valueSatang > 0 && valueSatang <= 100_000_000_00L, "offer.value.invalid");
        require(quantity >= 1 && quantity <= 1_000_000, "offer.quantity.invalid");
        require(validFrom != null && validTo != null && validTo.isAfter(validFrom), "offer.validity.invalid");
        require(audience != null, "offer.audience.invalid");
        require(minDonationSatang == null || minDonationSatang >= 0 && audience == Audience.DONORS, "offer.min-donation.invalid");
    }

    private static boolean text(String s, int max) {
        return s != null && !s.isBlank() && s.strip().length() <= max;
    }

    private static void require(boolean ok, String key) {
        if (!ok) {
            throw new RewardsProblem(key);
        }
    }
}
