package org.khanaen.rewards;

import java.time.Instant;

/**
 * A coupon as its holder sees it.
 *
 * @param code      the coupon's id, typed by hand when a QR code cannot be scanned
 * @param pass      the signed payload its QR code carries
 * @param mintTx    the minting transaction's hash, null while awaiting mint
 */
public record CouponView(String code, String groupedCode, long offerId, String sponsorTh, String sponsorEn, String titleTh,
        String titleEn, String termsTh, String termsEn, long valueSatang, Instant validFrom, Instant expires, State state,
        ChainState chainState, String tokenId, String mintTx, String walletAddress, Instant issuedAt, Instant redeemedAt, String pass) {

    public enum State { ISSUED, REDEEMED, REVOKED }

    /** AWAITING: not on chain yet; MINTED: the token exists. */
    public enum ChainState { AWAITING, MINTED }

    public boolean usable(Instant now) {
        return state == State.ISSUED && !now.isBefore(validFrom) && now.isBefore(expires);
    }
}
