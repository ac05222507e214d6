package org.khanaen.donations;

/** A donation, by its number in this campaign. */
public record DonationId(long value) {
}
