package org.khanaen.rewards;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/** Sponsors and offers for the rewards tests; every name is new, since the tests share one database. */
@Component
class RewardsFixture {

    private static final AtomicInteger next = new AtomicInteger();

    private final Sponsorships sponsorships;

    RewardsFixture(Sponsorships sponsorships) {
        this.sponsorships = sponsorships;
    }

    SponsorId sponsor() {
        int n = next.incrementAndGet();
        return sponsorships.register("sponsor-" + n + "-" + System.nanoTime() % 100_000, "Sponsor-one-time-" + n,
                new SponsorProfile("ร้านกาแฟ " + n, "Coffee shop " + n, null, null, null));
    }

    OfferDraft draft(Audience audience, int quantity, Long minDonationSatang) {
        Instant now = Instant.now();
        return new OfferDraft("กาแฟฟรี 1 แก้ว", "One free coffee", "ใช้ได้ทุกสาขา", "At any branch", 60_00, quantity,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), audience, minDonationSatang);
    }

    long offer(SponsorId sponsor, Audience audience, int quantity) {
        return sponsorships.addOffer(sponsor, draft(audience, quantity, null));
    }

    long donorOffer(SponsorId sponsor, int quantity, long minDonationSatang) {
        return sponsorships.addOffer(sponsor, draft(Audience.DONORS, quantity, minDonationSatang));
    }

    static String donation() {
        return "don-" + next.incrementAndGet() + "-" + System.nanoTime();
    }
}
