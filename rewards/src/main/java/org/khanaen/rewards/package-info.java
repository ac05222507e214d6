/**
 * Rewards: sponsors' coupon offers, coupons issued to donors and volunteers, minted as tokens through an
 * outbox, and redeemed exactly once. Built by the rewards issue.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Rewards", allowedDependencies = {"donations", "results", "assignment", "volunteers", "accounts", "platform"})
package org.khanaen.rewards;
