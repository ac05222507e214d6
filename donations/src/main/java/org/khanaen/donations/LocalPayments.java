package org.khanaen.donations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Development mode's payment page, when no Stripe keys are configured: the donor "pays" here (no money
 * moves), the payment is recorded the way Stripe records it, and then Stripe's event is sent, signed, to
 * the same webhook code. Recording and sending are separate steps, like at Stripe: if the app dies between
 * them, the reconciliation finds the payment in the record. Absent (no bean) when Stripe is configured.
 */
public class LocalPayments {

    /** How the donor pays on the local page. */
    public enum Method {
        CARD("card"), PROMPTPAY("promptpay");

        final String stripeName;

        Method(String stripeName) {
            this.stripeName = stripeName;
        }
    }

    /** A local session as the page shows it. */
    public record Payment(String sessionId, String donationToken, long amountSatang, String email, String status, String paymentStatus,
            Instant expiresAt) {

        public boolean open() {
            return "open".equals(status);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(LocalPayments.class);

    private final LocalCheckoutSessions sessions;
    private final LocalStripeEvents stripe;
    private final StripeWebhooks webhooks;
    private final DonationRecords donations;
    private final TransactionTemplate transaction;

    LocalPayments(LocalCheckoutSessions sessions, LocalStripeEvents stripe, StripeWebhooks webhooks, DonationRecords donations,
            TransactionTemplate transaction) {
        this.sessions = sessions;
        this.stripe = stripe;
        this.webhooks = webhooks;
        this.donations = donations;
        this.transaction = transaction;
    }

    public Optional<Payment> find(String sessionId) {
        if (sessionId == null || !sessionId.matches("cs_local_[0-9A-Za-z]{1,40}")) {
            return Optional.empty();
        }
        return sessions.find(sessionId).flatMap(s -> donations.find(s.donationId()).map(d -> new Payment(s.id(), d.token(),
                s.amountSatang(), s.email(), s.status(), s.paymentStatus(), s.expiresAt())));
    }

    /** The donor pays: by card the session is paid at once; by PromptPay it completes, then the transfer arrives. */
    public void pay(String sessionId, Method method) {
        deliver(record(sessionId, method));
    }

    /** The donor's PromptPay transfer never arrives. */
    public void failPromptPay(String sessionId) {
        open(sessionId);
        transaction.executeWithoutResult(status -> {
            if (!sessions.complete(sessionId, "unpaid", Method.PROMPTPAY.stripeName)) {
                throw new DonationProblem("local-pay.closed");
            }
        });
        LocalCheckoutSessions.Stored s = sessions.find(sessionId).orElseThrow();
        deliver(List.of(stripe.session("checkout.session.completed", s, "unpaid", "complete"),
                stripe.session("checkout.session.async_payment_failed", s, "unpaid", "complete")));
    }

    /**
     * Records the payment as Stripe would, and writes the events Stripe would then send, without sending
     * them: {@link #pay} sends them next; a test stops here to play a crash.
     */
    List<LocalStripeEvents.Signed> record(String sessionId, Method method) {
        open(sessionId);
        List<LocalStripeEvents.Signed> events = new ArrayList<>();
        transaction.executeWithoutResult(status -> {
            if (method == Method.CARD) {
                if (!sessions.complete(sessionId, "paid", method.stripeName)) {
                    throw new DonationProblem("local-pay.closed");
                }
            } else if (!sessions.complete(sessionId, "unpaid", method.stripeName) || !sessions.settleAsync(sessionId)) {
                throw new DonationProblem("local-pay.closed");
            }
        });
        LocalCheckoutSessions.Stored s = sessions.find(sessionId).orElseThrow();
        if (method == Method.CARD) {
            events.add(stripe.session("checkout.session.completed", s, "paid", "complete"));
        } else {
            events.add(stripe.session("checkout.session.completed", s, "unpaid", "complete"));
            events.add(stripe.session("checkout.session.async_payment_succeeded", s, "paid", "complete"));
        }
        return events;
    }

    /** Stripe's event for a session as it stands, e.g. a retry of one that was lost. */
    LocalStripeEvents.Signed event(String sessionId, String type) {
        LocalCheckoutSessions.Stored s = sessions.find(sessionId).orElseThrow();
        return stripe.session(type, s, s.paymentStatus(), s.status());
    }

    /**
     * Sends each event to the webhook code, in-process. A failure is logged, not thrown: the payment is
     * recorded, and the reconciliation completes the donation, as it would after a lost Stripe delivery.
     */
    private void deliver(List<LocalStripeEvents.Signed> events) {
        for (LocalStripeEvents.Signed event : events) {
            try {
                webhooks.receive(event.payload(), event.signature());
            } catch (RuntimeException e) {
                log.warn("Local Stripe event {} not delivered; the reconciliation will find the payment", event.id(), e);
            }
        }
    }

    private void open(String sessionId) {
        if (find(sessionId).filter(Payment::open).isEmpty()) {
            throw new DonationProblem("local-pay.closed");
        }
    }
}
