/**
 * Donations: the crowdfunding campaign, Stripe Checkout payments and webhooks, receipts, the public ledger
 * (money in and out) and sponsors' pledges in kind. Public API: {@link org.khanaen.donations.Donations},
 * {@link org.khanaen.donations.StripeWebhooks}, {@link org.khanaen.donations.LocalPayments},
 * {@link org.khanaen.donations.Ledger}, {@link org.khanaen.donations.SponsorPledges} and the events
 * {@link org.khanaen.donations.DonationSucceeded} and {@link org.khanaen.donations.DonationRefunded} (rewards
 * issues and revokes coupons on them). See docs/donations.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Donations", allowedDependencies = { "platform" })
package org.khanaen.donations;
