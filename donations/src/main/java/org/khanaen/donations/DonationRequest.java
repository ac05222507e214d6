package org.khanaen.donations;

import java.util.Locale;

/**
 * What a donor typed, unchecked.
 *
 * @param amount    baht as typed: {@code 500}, {@code 1,000}, {@code 250.50}
 * @param email     where the receipt goes
 * @param name      optional: shown in public unless anonymous
 * @param message   optional: shown in public after moderation
 * @param anonymous not named in public (the receipt still carries the name)
 * @param locale    the receipt's language
 */
public record DonationRequest(String amount, String email, String name, String message, boolean anonymous, Locale locale) {
}
