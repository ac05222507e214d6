package org.khanaen.donations;

import java.time.Instant;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What Stripe last said about a payment's refunds and disputes, kept whatever the order the events came
 * in. Refunds are cumulative ({@code amount_refunded}), so the largest figure seen is the truth; a closed
 * dispute's outcome is final.
 */
@Repository
class PaymentFacts {

    /** Dispute states in which Stripe has taken the money from the campaign's balance. */
    private static final Set<String> HELD = Set.of("needs_response", "under_review", "lost");

    record Facts(long refunded, long disputeHeld, long disputeLost) {
    }

    private final JdbcClient jdbc;

    PaymentFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void refunded(String paymentIntent, String chargeId, long amountRefunded, Instant at) {
        jdbc.sql("""
                insert into stripe_charge (payment_intent_id, charge_id, amount_refunded_satang, updated_at) values (?, ?, ?, ?)
                on duplicate key update amount_refunded_satang = greatest(amount_refunded_satang, values(amount_refunded_satang)),
                                        updated_at = values(updated_at)""")
                .params(paymentIntent, chargeId, amountRefunded, DonationRecords.ts(at)).update();
    }

    void dispute(String disputeId, String paymentIntent, long amount, String status, boolean closed, Instant at) {
        // an open dispute's news never replaces a closed one's: "created" may arrive after "closed"
        jdbc.sql("""
                insert into stripe_dispute (id, payment_intent_id, amount_satang, status, closed, updated_at) values (?, ?, ?, ?, ?, ?)
                on duplicate key update
                    status = if(closed, status, values(status)),
                    amount_satang = if(closed, amount_satang, values(amount_satang)),
                    closed = closed or values(closed),
                    updated_at = values(updated_at)""")
                .params(disputeId, paymentIntent, amount, status, closed, DonationRecords.ts(at)).update();
    }

    Facts of(String paymentIntent) {
        long refunded = jdbc.sql("select coalesce(max(amount_refunded_satang), 0) from stripe_charge where payment_intent_id = ?")
                .param(paymentIntent).query(Long.class).single();
        long held = 0;
        long lost = 0;
        for (var d : jdbc.sql("select amount_satang, status from stripe_dispute where payment_intent_id = ?").param(paymentIntent)
                .query((rs, n) -> new Object[] { rs.getLong(1), rs.getString(2) }).list()) {
            long amount = (Long) d[0];
            if (HELD.contains((String) d[1])) {
                held += amount;
            }
            if ("lost".equals(d[1])) {
                lost += amount;
            }
        }
        return new Facts(refunded, held, lost);
    }
}
