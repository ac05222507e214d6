package org.khanaen.rewards;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The coupon table. Issuing is an insert the unique key (trigger, offer) makes idempotent; redeeming and revoking
 * are single conditional updates on the state, so of any number of concurrent attempts exactly one changes it.
 */
@Repository
class IssuedCoupons {

    /** A coupon row as the rules need it. */
    record Row(long id, String code, long offerId, long sponsorId, String holder, CouponView.State state, CouponView.ChainState chainState,
            String tokenId, Instant validFrom, Instant expires, Instant redeemedAt, Long minDonationSatang, String redeemAttempt) {
    }

    private static final String ROW = """
            select c.id, c.code, c.offer_id, o.sponsor_id, c.holder, c.state, c.chain_state, c.token_id, o.valid_from, c.expires_at,
              c.redeemed_at, o.min_donation_satang, c.redeem_attempt
            from coupon c join coupon_offer o on o.id = c.offer_id""";

    private static final String VIEW = """
            select c.code, c.offer_id, s.name_th, s.name_en, o.title_th, o.title_en, o.terms_th, o.terms_en, o.value_satang, o.valid_from,
              c.expires_at, c.state, c.chain_state, c.token_id, c.mint_tx, c.wallet_address, c.issued_at, c.redeemed_at
            from coupon c join coupon_offer o on o.id = c.offer_id join sponsor s on s.id = o.sponsor_id""";

    private final JdbcClient jdbc;

    IssuedCoupons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What an insert came to. */
    sealed interface Insertion {

        /** The coupon is the trigger's, with this id. */
        record Issued(long id) implements Insertion {
        }

        /** The trigger holds this offer's coupon already (another delivery of it, committed first). */
        record AlreadyIssued() implements Insertion {
        }

        /** The random code drawn is another coupon's. */
        record CodeTaken() implements Insertion {
        }
    }

    /**
     * A plain insert, not {@code insert ignore}: the unique key's own answer says "issued before" (the statement waits for
     * a concurrent issuer's commit or rollback), with no read after it, and under IGNORE MariaDB would turn other
     * errors too (a foreign key) into a silent "nothing inserted". A duplicate key undoes only this statement.
     */
    Insertion insert(String code, long offerId, Trigger trigger, String tokenId, Instant expires, Instant now) {
        var keys = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                    insert into coupon (code, offer_id, trigger_key, holder, state, token_id, chain_state, expires_at, issued_at)
                    values (?, ?, ?, ?, 'ISSUED', ?, 'AWAITING', ?, ?)""")
                    .params(code, offerId, trigger.key(), trigger.holder(), tokenId, Timestamp.from(expires), Timestamp.from(now))
                    .update(keys, "id");
        } catch (DuplicateKeyException e) {
            String message = String.valueOf(e.getMostSpecificCause().getMessage());
            if (message.contains("uk_coupon_trigger")) {
                return new Insertion.AlreadyIssued();
            }
            if (message.contains("uk_coupon_code")) {
                return new Insertion.CodeTaken();
            }
            throw e;
        }
        return new Insertion.Issued(keys.getKey().longValue());
    }

    boolean exists(String triggerKey, long offerId) {
        return jdbc.sql("select count(*) from coupon where trigger_key = ? and offer_id = ?").params(triggerKey, offerId)
                .query(Long.class).single() > 0;
    }

    void delete(long id) {
        jdbc.sql("delete from coupon where id = ?").param(id).update();
    }

    Optional<Row> byCode(String code) {
        return jdbc.sql(ROW + " where c.code = ?").param(code).query(IssuedCoupons::row).optional();
    }

    /** The coupon as last committed (a locking read: not this transaction's earlier snapshot), after a lost redeem. */
    Optional<Row> byCodeCommitted(String code) {
        return jdbc.sql(ROW + " where c.code = ? lock in share mode").param(code).query(IssuedCoupons::row).optional();
    }

    /** The trigger's coupons that are still unredeemed: locked, for revoking. */
    List<Row> unredeemedOf(String triggerKey) {
        return jdbc.sql(ROW + " where c.trigger_key = ? and c.state = 'ISSUED' for update").param(triggerKey).query(IssuedCoupons::row).list();
    }

    boolean revoke(long id, Instant now) {
        return jdbc.sql("update coupon set state = 'REVOKED', revoked_at = ? where id = ? and state = 'ISSUED'")
                .params(Timestamp.from(now), id).update() == 1;
    }

    /** The one conditional update every redemption goes through: only an issued, unexpired coupon changes. */
    boolean redeem(long id, long sponsorId, String attempt, Instant now) {
        return jdbc.sql("update coupon set state = 'REDEEMED', redeemed_at = ?, redeemed_by = ?, redeem_attempt = ?"
                + " where id = ? and state = 'ISSUED' and expires_at > ?")
                .params(Timestamp.from(now), sponsorId, attempt, id, Timestamp.from(now)).update() == 1;
    }

    void minted(Collection<Long> ids, String txHash, Instant at) {
        if (!ids.isEmpty()) {
            jdbc.sql("update coupon set chain_state = 'MINTED', mint_tx = :tx, minted_at = :at where id in (:ids)")
                    .param("tx", txHash).param("at", Timestamp.from(at)).param("ids", ids).update();
        }
    }

    boolean setWallet(long id, String address) {
        return jdbc.sql("update coupon set wallet_address = ? where id = ? and wallet_address is null").params(address, id).update() == 1;
    }

    List<CouponView> ofHolder(String holder, CouponPasses passes) {
        return jdbc.sql(VIEW + " where c.holder = ? order by c.id desc").param(holder).query((rs, n) -> view(rs, passes)).list();
    }

    Optional<CouponView> view(String code, CouponPasses passes) {
        return jdbc.sql(VIEW + " where c.code = ?").param(code).query((rs, n) -> view(rs, passes)).optional();
    }

    List<Redemption> redeemedBy(long sponsorId, int limit) {
        return jdbc.sql("""
                select c.code, o.title_th, o.title_en, o.value_satang, c.redeemed_at from coupon c join coupon_offer o on o.id = c.offer_id
                where c.redeemed_by = ? order by c.redeemed_at desc limit ?""")
                .params(sponsorId, limit)
                .query((rs, n) -> new Redemption(rs.getString(1), CouponPasses.grouped(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getTimestamp(5).toInstant()))
                .list();
    }

    long countRedeemedBy(long sponsorId) {
        return jdbc.sql("select count(*) from coupon where redeemed_by = ?").param(sponsorId).query(Long.class).single();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Timestamp redeemed = rs.getTimestamp(11);
        return new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5), CouponView.State.valueOf(rs.getString(6)),
                CouponView.ChainState.valueOf(rs.getString(7)), rs.getString(8), rs.getTimestamp(9).toInstant(),
                rs.getTimestamp(10).toInstant(), redeemed == null ? null : redeemed.toInstant(), (Long) rs.getObject(12, Long.class),
                rs.getString(13));
    }

    private static CouponView view(ResultSet rs, CouponPasses passes) throws SQLException {
        String code = rs.getString(1);
        Instant expires = rs.getTimestamp(11).toInstant();
        Timestamp redeemed = rs.getTimestamp(18);
        return new CouponView(code, CouponPasses.grouped(code), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getTimestamp(10).toInstant(), expires,
                CouponView.State.valueOf(rs.getString(12)), CouponView.ChainState.valueOf(rs.getString(13)), rs.getString(14),
                rs.getString(15), rs.getString(16), rs.getTimestamp(17).toInstant(), redeemed == null ? null : redeemed.toInstant(),
                passes.pass(code, expires));
    }
}
