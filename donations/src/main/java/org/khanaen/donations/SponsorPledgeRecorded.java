package org.khanaen.donations;

import java.time.Instant;
import java.time.LocalDate;

/** A sponsor pledged goods or services: what rewards turns into coupon offers. */
public record SponsorPledgeRecorded(long pledgeId, String sponsor, String description, long valueSatang, int quantity,
        LocalDate validUntil, Instant recordedAt) {
}
