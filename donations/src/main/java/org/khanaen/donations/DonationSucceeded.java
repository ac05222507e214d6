package org.khanaen.donations;

import java.time.Instant;
import java.util.Locale;

/**
 * The money arrived (Stripe said so, by a signed event or when asked). Published once per donation, in
 * the transaction that counted it: rewards gives the donor their coupons on it.
 *
 * @param name      the name the donor gave, or null
 * @param anonymous the donor asked not to be named in public
 * @param locale    the language the donor gave in (their receipt's): what follows by mail is in it too
 */
public record DonationSucceeded(DonationId donationId, long amountSatang, String currency, String email, String name,
        boolean anonymous, Instant succeededAt, Locale locale) {
}
