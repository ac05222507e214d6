package org.khanaen.rewards;

import org.khanaen.accounts.AccountId;

/** A sponsor's profile. */
public record SponsorView(SponsorId id, AccountId account, String nameTh, String nameEn, String aboutTh, String aboutEn, String website) {
}
