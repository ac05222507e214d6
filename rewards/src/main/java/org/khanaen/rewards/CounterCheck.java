package org.khanaen.rewards;

import java.time.Instant;

/**
 * A coupon as the sponsor's counter sees it before redeeming: its terms (reward, validity, sponsor) and whether it can
 * be redeemed now. Nothing is changed by looking.
 *
 * @param coupon the coupon; {@code coupon.expires()} is the end of its last day (exclusive)
 * @param status what the counter does with it: only a {@link Status#VALID} one is offered for confirming
 */
public record CounterCheck(CouponView coupon, Status status) {

    public enum Status { VALID, REDEEMED, EXPIRED, NOT_YET_VALID, REVOKED }

    static Status of(CouponView.State state, Instant validFrom, Instant expires, Instant now) {
        return switch (state) {
            case REDEEMED -> Status.REDEEMED;
            case REVOKED -> Status.REVOKED;
            case ISSUED -> now.isBefore(validFrom) ? Status.NOT_YET_VALID : now.isBefore(expires) ? Status.VALID : Status.EXPIRED;
        };
    }

    public boolean redeemable() {
        return status == Status.VALID;
    }
}
