/**
 * Donations: the crowdfunding campaign, Stripe payments and webhooks, receipts and the public ledger.
 * Built by the donations issue.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Donations", allowedDependencies = {})
package org.khanaen.donations;
