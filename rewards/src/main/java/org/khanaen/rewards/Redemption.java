package org.khanaen.rewards;

import java.time.Instant;

/** A coupon redeemed at a sponsor's counter. */
public record Redemption(String code, String groupedCode, String titleTh, String titleEn, long valueSatang, Instant redeemedAt) {
}
