package org.khanaen.donations;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Development mode's payment provider: sessions kept in the database the way Stripe keeps them (same
 * words for their states, same idempotency), paid on the local payment page. No money moves.
 */
class LocalCheckoutSessions implements CheckoutSessions {

    /** The web's local payment page; the session id follows. */
    static final String PAGE = "/campaign/local-pay/";
    private static final SecureRandom random = new SecureRandom();
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** The local record of a session. */
    record Stored(String id, long donationId, long amountSatang, String currency, String email, String status, String paymentStatus,
            String paymentMethod, String paymentIntent, Instant createdAt, Instant expiresAt, Instant paidAt) {
    }

    private final JdbcClient jdbc;
    private final DonationsProperties properties;
    private final Clock clock;

    LocalCheckoutSessions(JdbcClient jdbc, DonationsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public CheckoutSession create(NewCheckout checkout) {
        Optional<Stored> first = byKey(checkout.idempotencyKey());
        if (first.isEmpty()) {
            try {
                jdbc.sql("""
                        insert into local_checkout_session (id, idempotency_key, donation_id, amount_satang, currency, email, status,
                                                            payment_status, payment_intent_id, created_at, expires_at)
                        values (?, ?, ?, ?, ?, ?, 'open', 'unpaid', ?, ?, ?)""")
                        .params("cs_local_" + randomId(), checkout.idempotencyKey(), checkout.donation().value(), checkout.amountSatang(),
                                checkout.currency(), checkout.email(), "pi_local_" + randomId(), DonationRecords.ts(clock.instant()),
                                DonationRecords.ts(checkout.expiresAt()))
                        .update();
            } catch (DuplicateKeyException concurrent) {
                // the same request at the same moment: like Stripe, both get the first session
            }
            first = byKey(checkout.idempotencyKey());
        }
        return session(first.orElseThrow());
    }

    @Override
    public Optional<CheckoutSession> retrieve(String sessionId) {
        return find(sessionId).map(this::session);
    }

    Optional<Stored> find(String sessionId) {
        expireIfDue(sessionId);
        return jdbc.sql("select * from local_checkout_session where id = ?").param(sessionId).query(LocalCheckoutSessions::stored).optional();
    }

    /** Like Stripe: an open session past its time is expired, not payable. */
    private void expireIfDue(String sessionId) {
        jdbc.sql("update local_checkout_session set status = 'expired' where id = ? and status = 'open' and expires_at <= ?")
                .params(sessionId, DonationRecords.ts(clock.instant())).update();
    }

    /** Records what the donor did on the local page; false when the session was no longer open. */
    boolean complete(String sessionId, String paymentStatus, String method) {
        expireIfDue(sessionId);
        return jdbc.sql("""
                update local_checkout_session set status = 'complete', payment_status = ?, payment_method = ?,
                       paid_at = case when ? = 'paid' then ? end
                where id = ? and status = 'open'""")
                .params(paymentStatus, method, paymentStatus, DonationRecords.ts(clock.instant()), sessionId).update() == 1;
    }

    /** A PromptPay payment that was complete but unpaid arrives after all. */
    boolean settleAsync(String sessionId) {
        return jdbc.sql("""
                update local_checkout_session set payment_status = 'paid', paid_at = ?
                where id = ? and status = 'complete' and payment_status = 'unpaid'""")
                .params(DonationRecords.ts(clock.instant()), sessionId).update() == 1;
    }

    boolean expire(String sessionId) {
        return jdbc.sql("update local_checkout_session set status = 'expired' where id = ? and status = 'open'").param(sessionId).update() == 1;
    }

    private Optional<Stored> byKey(String key) {
        return jdbc.sql("select * from local_checkout_session where idempotency_key = ?").param(key)
                .query(LocalCheckoutSessions::stored).optional();
    }

    private CheckoutSession session(Stored s) {
        // a path on this app, not a full address: the page is here, whatever address the browser used
        return new CheckoutSession(s.id(), "open".equals(s.status()) ? PAGE + s.id() : null, s.status(), s.paymentStatus(),
                s.amountSatang(), s.currency(), s.paymentIntent(), String.valueOf(s.donationId()), s.paymentMethod());
    }

    private static Stored stored(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Stored(rs.getString("id"), rs.getLong("donation_id"), rs.getLong("amount_satang"), rs.getString("currency"),
                rs.getString("email"), rs.getString("status"), rs.getString("payment_status"), rs.getString("payment_method"),
                rs.getString("payment_intent_id"), DonationRecords.instant(rs, "created_at"), DonationRecords.instant(rs, "expires_at"),
                DonationRecords.instant(rs, "paid_at"));
    }

    private static String randomId() {
        StringBuilder id = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
