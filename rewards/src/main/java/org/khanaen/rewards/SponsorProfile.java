package org.khanaen.rewards;

/** What a sponsor says about themselves; checked by {@link Sponsorships}. */
public record SponsorProfile(String nameTh, String nameEn, String aboutTh, String aboutEn, String website) {
}
