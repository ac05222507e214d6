package org.khanaen.donations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The donation table. Every change of state is one conditional UPDATE: true when this call made it. */
@Repository
class DonationRecords {

    static final String PENDING = "PENDING";
    static final String SUCCEEDED = "SUCCEEDED";
    static final String FAILED = "FAILED";
    static final String EXPIRED = "EXPIRED";

    /** A donation's row. */
    record Row(long id, String token, long amountSatang, String currency, String email, String name, String message,
            boolean anonymous, Locale locale, String status, String messageStatus, String sessionId, String paymentIntent,
            String paymentMethod, Instant createdAt, Instant succeededAt, String problem, long refundedSatang,
            long disputeHeldSatang, long disputeLostSatang) {

        DonationId donationId() {
            return new DonationId(id);
        }

        boolean succeeded() {
            return SUCCEEDED.equals(status);
        }
    }

    private static final String COLUMNS = """
            id, token, amount_satang, currency, email, donor_name, message, anonymous, locale, status, message_status,
            checkout_session_id, payment_intent_id, payment_method, created_at, succeeded_at, problem, refunded_satang,
            dispute_held_satang, dispute_lost_satang""";

    private final JdbcClient jdbc;

    DonationRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(GiftRules.Gift gift, String token, Instant at) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into donation (token, amount_satang, currency, email, donor_name, message, anonymous, locale, status,
                                      message_status, created_at)
                values (?, ?, 'thb', ?, ?, ?, ?, ?, 'PENDING', ?, ?)""")
                .params(token, gift.amountSatang(), gift.email(), gift.name(), gift.message(), gift.anonymous(),
                        gift.locale().toLanguageTag(), gift.message() == null ? "NONE" : "PENDING", ts(at))
                .update(keys);
        return keys.getKey().longValue();
    }

    Optional<Row> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from donation where id = ?").param(id).query(DonationRecords::row).optional();
    }

    /** The row, locked until the transaction ends: refunds and disputes of one donation are settled one at a time. */
    Optional<Row> lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from donation where id = ? for update").param(id).query(DonationRecords::row).optional();
    }

    Optional<Row> byToken(String token) {
        return jdbc.sql("select " + COLUMNS + " from donation where token = ?").param(token).query(DonationRecords::row).optional();
    }

    Optional<Row> bySession(String sessionId) {
        return jdbc.sql("select " + COLUMNS + " from donation where checkout_session_id = ?").param(sessionId)
                .query(DonationRecords::row).optional();
    }

    Optional<Row> byPaymentIntent(String paymentIntent) {
        return jdbc.sql("select " + COLUMNS + " from donation where payment_intent_id = ?").param(paymentIntent)
                .query(DonationRecords::row).optional();
    }

    /** Records the session Stripe opened (once: a later answer for the same donation is the same session). */
    void attachSession(long id, String sessionId) {
        jdbc.sql("update donation set checkout_session_id = ? where id = ? and checkout_session_id is null").params(sessionId, id).update();
    }

    /** The payment intent and method, once known (a PromptPay session is complete before it is paid). */
    void attachPayment(long id, String paymentIntent, String method) {
        jdbc.sql("update donation set payment_intent_id = coalesce(payment_intent_id, ?), payment_method = coalesce(payment_method, ?) where id = ?")
                .params(paymentIntent, method, id).update();
    }

    /** Pending, failed or expired to succeeded: money that arrived counts, whatever was said before. */
    boolean succeed(long id, Instant at) {
        return jdbc.sql("update donation set status = 'SUCCEEDED', succeeded_at = ?, problem = null where id = ? and status <> 'SUCCEEDED'")
                .params(ts(at), id).update() == 1;
    }

    /** Pending to failed or expired; never undoes a success. */
    boolean end(long id, String status, Instant at) {
        return jdbc.sql("update donation set status = ?, ended_at = ? where id = ? and status = 'PENDING'").params(status, ts(at), id).update() == 1;
    }

    void problem(long id, String problem) {
        jdbc.sql("update donation set problem = ? where id = ?").params(problem.length() > 300 ? problem.substring(0, 300) : problem, id).update();
    }

    void checked(long id, Instant at) {
        jdbc.sql("update donation set checked_at = ? where id = ?").params(ts(at), id).update();
    }

    /** Pending for a while and not asked about lately: what the reconciliation asks Stripe about. */
    List<Row> toReconcile(Instant createdBefore, Instant checkedBefore, int limit) {
        return jdbc.sql("select " + COLUMNS + " from donation where status = 'PENDING' and created_at < ?"
                + " and (checked_at is null or checked_at < ?) order by created_at limit ?").params(ts(createdBefore), ts(checkedBefore), limit).query(DonationRecords::row).list();
    }

    void settled(long id, long refunded, long held, long lost) {
        jdbc.sql("update donation set refunded_satang = ?, dispute_held_satang = ?, dispute_lost_satang = ? where id = ?")
                .params(refunded, held, lost, id).update();
    }

    /** Donors: distinct addresses with money still in the campaign (a full refund takes a donor off). */
    long donors() {
        return jdbc.sql("""
                select count(distinct email) from donation
                where status = 'SUCCEEDED' and refunded_satang + dispute_held_satang < amount_satang""").query(Long.class).single();
    }

    List<Row> messages(String messageStatus, int limit) {
        return jdbc.sql("select " + COLUMNS + " from donation where message_status = ? and status = 'SUCCEEDED' order by succeeded_at desc limit ?")
                .params(messageStatus, limit).query(DonationRecords::row).list();
    }

    boolean moderate(long id, String messageStatus, String by) {
        return jdbc.sql("update donation set message_status = ?, moderated_by = ? where id = ? and message is not null and status = 'SUCCEEDED'")
                .params(messageStatus, by, id).update() == 1;
    }

    List<Row> recent(int limit) {
        return jdbc.sql("select " + COLUMNS + " from donation order by id desc limit ?").param(limit).query(DonationRecords::row).list();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("token"), rs.getLong("amount_satang"), rs.getString("currency"),
                rs.getString("email"), rs.getString("donor_name"), rs.getString("message"), rs.getBoolean("anonymous"),
                Locale.forLanguageTag(rs.getString("locale")), rs.getString("status"), rs.getString("message_status"),
                rs.getString("checkout_session_id"), rs.getString("payment_intent_id"), rs.getString("payment_method"),
                instant(rs, "created_at"), instant(rs, "succeeded_at"), rs.getString("problem"), rs.getLong("refunded_satang"),
                rs.getLong("dispute_held_satang"), rs.getLong("dispute_lost_satang"));
    }

    static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
