package org.khanaen.donations;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.stripe.Stripe;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Dispute;
import com.stripe.model.Event;
import com.stripe.model.StripeObject;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;

/**
 * Stripe's events, from the webhook endpoint's raw body. Each is verified by its signature (and its
 * timestamp: at most five minutes old), then handled once: its id is recorded in the transaction that
 * applies it, so a replay finds the id taken and changes nothing. The order of arrival does not matter:
 * a success is one conditional update that nothing later undoes, and refunds and disputes are kept as
 * Stripe's latest figures that the ledger is brought to.
 * <p>
 * What to answer Stripe: a bad signature or body is refused ({@link WebhookRejected}: 400, and Stripe
 * retries, which is right if our secret is wrong); anything handled, replayed, unknown or ignored is
 * acknowledged (2xx: sending it again would change nothing); a failure here (the database) lets the
 * exception through (5xx), and Stripe's retry, or the reconciliation, brings the news again.
 */
@Service
public class StripeWebhooks {

    /** What became of an event. */
    public enum Outcome {
        /** it changed something */
        APPLIED,
        /** handled before: a replay */
        DUPLICATE,
        /** handled, nothing to change (e.g. a success already counted) */
        NO_CHANGE,
        /** not about a donation of this campaign */
        UNKNOWN_DONATION,
        /** Stripe's amount or currency is not the donation's: not counted, shown to administrators */
        AMOUNT_MISMATCH,
        /** an event type this app does not use */
        IGNORED
    }

    /** An event as received, for administrators. */
    public record Received(String id, String type, Instant createdAt, Instant receivedAt, String outcome, String detail) {
    }

    /** Stripe's signature check: five minutes, Stripe's own default. */
    static final long TOLERANCE_SECONDS = Webhook.DEFAULT_TOLERANCE;
    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);

    private final DonationsProperties properties;
    private final StripeEventLog log_;
    private final DonationRecords donations;
    private final PaymentFacts facts;
    private final Settlement settlement;
    private final TransactionTemplate transaction;
    private final Clock clock;

    StripeWebhooks(DonationsProperties properties, StripeEventLog eventLog, DonationRecords donations, PaymentFacts facts,
            Settlement settlement, TransactionTemplate transaction, ObjectProvider<Clock> clock) {
        this.properties = properties;
        this.log_ = eventLog;
        this.donations = donations;
        this.facts = facts;
        this.settlement = settlement;
        this.transaction = transaction;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * @param payload   the request body exactly as received (not re-serialised: the signature covers its bytes)
     * @param signature the {@code Stripe-Signature} header
     * @throws WebhookRejected when the signature, its age or the body is not right: nothing was changed
     */
    public Outcome receive(String payload, String signature) {
        Event event = verify(payload, signature);
        Outcome outcome = transaction.execute(status -> apply(event));
        log.info("Stripe event {} ({}): {}", event.getId(), event.getType(), outcome);
        return outcome;
    }

    public List<Received> recent(int limit) {
        return log_.recent(limit);
    }

    private Event verify(String payload, String signature) {
        if (payload == null || payload.isEmpty() || signature == null || signature.isBlank()) {
            throw new WebhookRejected("missing body or Stripe-Signature header");
        }
        try {
            Event event = Webhook.constructEvent(payload, signature, properties.stripe().signingSecret(), TOLERANCE_SECONDS, clock);
            // Stripe's library checks only the past; a signature dated ahead of the tolerance is as suspect as a stale one.
            long signedAt = signedAt(signature);
            if (signedAt > clock.instant().getEpochSecond() + TOLERANCE_SECONDS) {
                throw new WebhookRejected("signature: timestamp " + signedAt + " is ahead of the tolerance zone");
            }
            if (event.getId() == null || event.getType() == null) {
                throw new WebhookRejected("not a Stripe event");
            }
            return event;
        } catch (SignatureVerificationException e) {
            throw new WebhookRejected("signature: " + e.getMessage());
        } catch (WebhookRejected e) {
            throw e;
        } catch (RuntimeException e) { // gson's syntax errors and the like: a body that is not an event
            throw new WebhookRejected("not a Stripe event: " + e.getMessage());
        }
    }

    /** The {@code t=} of a {@code Stripe-Signature} header that has just passed verification. */
    private static long signedAt(String signature) {
        for (String item : signature.split(",")) {
            String[] pair = item.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                try {
                    return Long.parseLong(pair[1].strip());
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new WebhookRejected("signature: no timestamp");
    }

    private Outcome apply(Event event) {
        Instant now = clock.instant();
        Instant created = event.getCreated() == null ? now : Instant.ofEpochSecond(event.getCreated());
        if (!log_.claim(event.getId(), event.getType(), created, now)) {
            return Outcome.DUPLICATE;
        }
        Result result = switch (event.getType()) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded" -> paid(object(event, Session.class), event.getType(), now);
            case "checkout.session.async_payment_failed" -> ended(object(event, Session.class), DonationRecords.FAILED, now);
            case "checkout.session.expired" -> ended(object(event, Session.class), DonationRecords.EXPIRED, now);
            case "charge.refunded" -> refunded(object(event, Charge.class), now);
            case "charge.dispute.created", "charge.dispute.updated", "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated",
                 "charge.dispute.closed" -> disputed(object(event, Dispute.class), "charge.dispute.closed".equals(event.getType()), now);
            default -> new Result(Outcome.IGNORED, null);
        };
        log_.outcome(event.getId(), result.outcome(), result.detail());
        return result.outcome();
    }

    private record Result(Outcome outcome, String detail) {
    }

    private Result paid(Session session, String type, Instant now) {
        Optional<DonationRecords.Row> found = donationOf(session);
        if (found.isEmpty()) {
            return new Result(Outcome.UNKNOWN_DONATION, "session " + session.getId());
        }
        DonationRecords.Row donation = found.get();
        long amount = session.getAmountTotal() == null ? -1 : session.getAmountTotal();
        if (!Settlement.matches(donation, amount, session.getCurrency())) {
            String problem = "Stripe reported " + Baht.plain(amount) + " " + session.getCurrency() + " for session " + session.getId()
                    + ", the donation is " + Baht.plain(donation.amountSatang()) + " " + donation.currency();
            donations.problem(donation.id(), problem);
            log.warn("Donation {}: {}", donation.id(), problem);
            return new Result(Outcome.AMOUNT_MISMATCH, problem);
        }
        donations.attachSession(donation.id(), session.getId());
        boolean paid = "paid".equals(session.getPaymentStatus()) || "checkout.session.async_payment_succeeded".equals(type);
        if (!paid) {
            // PromptPay: the session is complete, the money comes later (async_payment_succeeded or _failed)
            donations.attachPayment(donation.id(), session.getPaymentIntent(), null);
            return new Result(Outcome.NO_CHANGE, "awaiting payment");
        }
        return settlement.succeed(donation, session.getPaymentIntent(), null, now)
                ? new Result(Outcome.APPLIED, "donation " + donation.id() + " succeeded")
                : new Result(Outcome.NO_CHANGE, "donation " + donation.id() + " already counted");
    }

    private Result ended(Session session, String status, Instant now) {
        Optional<DonationRecords.Row> found = donationOf(session);
        if (found.isEmpty()) {
            return new Result(Outcome.UNKNOWN_DONATION, "session " + session.getId());
        }
        return donations.end(found.get().id(), status, now)
                ? new Result(Outcome.APPLIED, "donation " + found.get().id() + " " + status.toLowerCase())
                : new Result(Outcome.NO_CHANGE, "donation " + found.get().id() + " is " + found.get().status());
    }

    private Result refunded(Charge charge, Instant now) {
        if (charge.getPaymentIntent() == null || charge.getAmountRefunded() == null) {
            return new Result(Outcome.UNKNOWN_DONATION, "charge " + charge.getId() + " without a payment intent");
        }
        if (!"thb".equalsIgnoreCase(charge.getCurrency())) {
            return new Result(Outcome.AMOUNT_MISMATCH, "charge " + charge.getId() + " in " + charge.getCurrency());
        }
        facts.refunded(charge.getPaymentIntent(), charge.getId(), charge.getAmountRefunded(), now);
        return settle(charge.getPaymentIntent(), now);
    }

    private Result disputed(Dispute dispute, boolean closedEvent, Instant now) {
        if (dispute.getPaymentIntent() == null || dispute.getAmount() == null || dispute.getStatus() == null) {
            return new Result(Outcome.UNKNOWN_DONATION, "dispute " + dispute.getId() + " without a payment intent");
        }
        boolean closed = closedEvent || List.of("won", "lost", "warning_closed").contains(dispute.getStatus());
        facts.dispute(dispute.getId(), dispute.getPaymentIntent(), dispute.getAmount(), dispute.getStatus(), closed, now);
        return settle(dispute.getPaymentIntent(), now);
    }

    private Result settle(String paymentIntent, Instant now) {
        Optional<DonationRecords.Row> donation = donations.byPaymentIntent(paymentIntent);
        if (donation.isEmpty()) {
            // kept: if the payment's success comes later (events out of order), it is settled then
            return new Result(Outcome.NO_CHANGE, "payment " + paymentIntent + " not (yet) a donation here: figures kept");
        }
        settlement.settle(donation.get().id(), now);
        return new Result(Outcome.APPLIED, "donation " + donation.get().id() + " settled");
    }

    /** The donation by the id we gave Stripe (client_reference_id), else by the session's id. */
    private Optional<DonationRecords.Row> donationOf(Session session) {
        String reference = session.getClientReferenceId();
        if (reference != null && reference.matches("\\d{1,18}")) {
            Optional<DonationRecords.Row> byId = donations.find(Long.parseLong(reference))
                    .filter(d -> d.sessionId() == null || d.sessionId().equals(session.getId()));
            if (byId.isPresent()) {
                return byId;
            }
        }
        return session.getId() == null ? Optional.empty() : donations.bySession(session.getId());
    }

    /**
     * The event's object in stripe-java's model. Events of the pinned API version deserialise safely; an
     * endpoint left on another version still works for the few stable fields read here (logged, so the
     * endpoint's version gets fixed).
     */
    /** The event's object; a signed body Stripe would never send (no data, a value of the wrong type) is refused, not a 500. */
    private static <T extends StripeObject> T object(Event event, Class<T> type) {
        try {
            return readObject(event, type);
        } catch (WebhookRejected e) {
            throw e;
        } catch (RuntimeException unreadable) { // gson's errors, read lazily here rather than at verification
            throw new WebhookRejected("event " + event.getId() + " cannot be read: " + unreadable.getMessage());
        }
    }

    private static <T extends StripeObject> T readObject(Event event, Class<T> type) {
        if (event.getData() == null || event.getData().getObject() == null) { // signed, yet not an event Stripe sends
            throw new WebhookRejected("event " + event.getId() + " carries no data object");
        }
        var data = event.getDataObjectDeserializer();
        StripeObject object;
        try {
            object = data.getObject().orElse(null);
        } catch (RuntimeException unreadable) { // gson's errors on a value of the wrong type
            throw new WebhookRejected("event " + event.getId() + " cannot be read: " + unreadable.getMessage());
        }
        if (object == null) {
            log.warn("Stripe event {} has API version {}, this app speaks {}: set the webhook endpoint's version", event.getId(),
                    event.getApiVersion(), Stripe.API_VERSION);
            try {
                object = data.deserializeUnsafe();
            } catch (EventDataObjectDeserializationException | RuntimeException e) {
                throw new WebhookRejected("event " + event.getId() + " cannot be read: " + e.getMessage());
            }
        }
        if (!type.isInstance(object)) {
            throw new WebhookRejected("event " + event.getId() + " of type " + event.getType() + " carries " + object.getClass().getSimpleName());
        }
        return type.cast(object);
    }
}
