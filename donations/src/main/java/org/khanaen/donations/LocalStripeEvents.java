package org.khanaen.donations;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.stripe.Stripe;

import tools.jackson.databind.json.JsonMapper;

/**
 * Development mode's Stripe: writes the event Stripe would send about a local session (same shape, the
 * pinned API version), signed with the local webhook secret, for the same webhook code to verify and apply.
 */
final class LocalStripeEvents {

    /** A signed event: the body and its {@code Stripe-Signature} header. */
    record Signed(String id, String payload, String signature) {
    }

    private static final SecureRandom random = new SecureRandom();
    private static final JsonMapper json = JsonMapper.builder().build();

    private final DonationsProperties properties;
    private final Clock clock;

    LocalStripeEvents(DonationsProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @param type          e.g. {@code checkout.session.completed}
     * @param paymentStatus the session's payment status at that moment (a PromptPay session completes unpaid)
     */
    Signed session(String type, LocalCheckoutSessions.Stored s, String paymentStatus, String status) {
        long now = clock.instant().getEpochSecond();
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", s.id());
        session.put("object", "checkout.session");
        session.put("amount_subtotal", s.amountSatang());
        session.put("amount_total", s.amountSatang());
        session.put("cancel_url", properties.link("/campaign"));
        session.put("client_reference_id", String.valueOf(s.donationId()));
        session.put("created", s.createdAt().getEpochSecond());
        session.put("currency", s.currency());
        session.put("customer", null);
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("address", null);
        customer.put("email", s.email());
        customer.put("name", null);
        customer.put("phone", null);
        customer.put("tax_exempt", "none");
        customer.put("tax_ids", List.of());
        session.put("customer_details", customer);
        session.put("customer_email", s.email());
        session.put("expires_at", s.expiresAt().getEpochSecond());
        session.put("livemode", false);
        session.put("metadata", Map.of("donation_id", String.valueOf(s.donationId())));
        session.put("mode", "payment");
        session.put("payment_intent", s.paymentIntent());
        session.put("payment_method_types", s.paymentMethod() == null ? List.of("card", "promptpay") : List.of(s.paymentMethod()));
        session.put("payment_status", paymentStatus);
        session.put("status", status);
        session.put("submit_type", "donate");
        session.put("success_url", properties.link("/campaign/thanks"));
        session.put("url", null);
        return signed(type, session, now);
    }

    private Signed signed(String type, Map<String, Object> object, long now) {
        String id = "evt_local_" + Long.toUnsignedString(random.nextLong(), 36) + Long.toUnsignedString(random.nextLong(), 36);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("object", "event");
        event.put("api_version", Stripe.API_VERSION);
        event.put("created", now);
        event.put("data", Map.of("object", object));
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", null);
        request.put("idempotency_key", null);
        event.put("request", request);
        event.put("type", type);
        String payload = json.writeValueAsString(event);
        return new Signed(id, payload, StripeSignatures.header(payload, properties.stripe().signingSecret(), now));
    }
}
