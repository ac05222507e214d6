package org.khanaen.rewards;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.OptionalLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The coupon_donation table: what the refunds left of a donation, remembered so that issuing which comes after a
 * refund (the two events race) respects it. Both sides lock the donation's row first, with an upsert: a plain
 * {@code select … for update} of a missing row takes no lock under read committed, and the two would slip past
 * each other.
 */
@Repository
class DonationRefunds {

    private final JdbcClient jdbc;

    DonationRefunds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the donation's row (created if new) until the transaction ends; what is left of it, if it was refunded. */
    OptionalLong lockForIssuing(String donationRef) {
        jdbc.sql("insert into coupon_donation (donation_ref) values (?) on duplicate key update donation_ref = donation_ref")
                .param(donationRef).update();
        return kept(donationRef);
    }

    /**
     * Locks the donation's row and records a refund that left {@code keptSatang}; refunds only grow, so a report that
     * arrives late with more left changes nothing.
     *
     * @return the least left of the donation of every refund heard of
     */
    long lockAndRecordRefund(String donationRef, long keptSatang, Instant now) {
        jdbc.sql("""
                insert into coupon_donation (donation_ref, kept_satang, refunded_at) values (?, ?, ?)
                on duplicate key update kept_satang = least(coalesce(kept_satang, values(kept_satang)), values(kept_satang)),
                  refunded_at = values(refunded_at)""")
                .params(donationRef, Math.max(0, keptSatang), Timestamp.from(now)).update();
        return kept(donationRef).orElseThrow();
    }

    private OptionalLong kept(String donationRef) {
        // -1: not refunded (kept_satang is never negative)
        long kept = jdbc.sql("select coalesce(kept_satang, -1) from coupon_donation where donation_ref = ?").param(donationRef)
                .query(Long.class).single();
        return kept < 0 ? OptionalLong.empty() : OptionalLong.of(kept);
    }
}
