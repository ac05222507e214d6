package org.khanaen.donations;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Where donors pay: Stripe Checkout in production, the local payment page in development. A port, so the
 * donation flow and the reconciliation are the same code in both.
 */
interface CheckoutSessions {

    /**
     * Opens a session for the donation. Safe to call again with the same request: the idempotency key (the
     * donation's own) makes Stripe, and the local store, answer with the first session.
     */
    CheckoutSession create(NewCheckout checkout);

    /** What the payment provider knows of the session now; empty if it does not know it. */
    Optional<CheckoutSession> retrieve(String sessionId);

    /** A session to open for a donation, deterministic from the donation's row (so a retry asks the same). */
    record NewCheckout(DonationId donation, long amountSatang, String currency, String email, Locale locale, String successUrl,
            String cancelUrl, Instant expiresAt) {

        String idempotencyKey() {
            return "khanaen-donation-" + donation.value() + "-checkout";
        }
    }

    /**
     * A session in Stripe's words.
     *
     * @param status        open, complete, expired
     * @param paymentStatus paid, unpaid, no_payment_required
     * @param url           where the donor pays (while open)
     */
    record CheckoutSession(String id, String url, String status, String paymentStatus, long amountTotal, String currency,
            String paymentIntent, String clientReferenceId, String paymentMethod) {

        boolean paid() {
            return "paid".equals(paymentStatus);
        }

        boolean expired() {
            return "expired".equals(status);
        }
    }
}
