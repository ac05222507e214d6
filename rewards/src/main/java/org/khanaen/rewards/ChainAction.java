package org.khanaen.rewards;

/** What the chain outbox does for a coupon, or (ANCHOR) for a root of the public record. */
enum ChainAction {
    /** Creates the token (in custody). */
    MINT,
    /** Records the redemption at the sponsor's counter. */
    REDEEM,
    /** Burns the token of a withdrawn coupon. */
    REVOKE,
    /** Moves the token from custody to the holder's own wallet. */
    TRANSFER,
    /** Writes a root of the public record (one per transaction; {@link ChainAnchors}, not coupon operations). */
    ANCHOR;

    /** Everything but minting needs the token to exist first. */
    boolean needsToken() {
        return this != MINT;
    }
}
