package org.khanaen.rewards;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The coupon_offer table and its slots. {@link #take} is the only way a coupon's place is used: one conditional
 * update of one of the offer's {@value #SHARDS} slot rows, so any number of concurrent issuers never go past the
 * quantity, and they spread over the rows instead of queueing for one lock.
 */
@Repository
class Offers {

    static final int SHARDS = 16;

    /** What issuing needs to know of an open offer. */
    record Open(long id, Audience audience, Long minDonationSatang, Instant validTo) {

        Eligibility eligibility() {
            return Eligibility.of(audience, minDonationSatang);
        }
    }

    private static final String VIEW = """
            select o.id, o.sponsor_id, o.title_th, o.title_en, o.terms_th, o.terms_en, o.value_satang, o.quantity,
              (select coalesce(sum(s.remaining), 0) from coupon_offer_slot s where s.offer_id = o.id),
              o.valid_from, o.valid_to, o.audience, o.min_donation_satang, o.active,
              (select count(*) from coupon c where c.offer_id = o.id and c.state <> 'REVOKED'),
              (select count(*) from coupon c where c.offer_id = o.id and c.state = 'REDEEMED')
            from coupon_offer o""";

    private final JdbcClient jdbc;

    Offers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long sponsorId, OfferDraft d, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into coupon_offer (sponsor_id, title_th, title_en, terms_th, terms_en, value_satang, quantity, valid_from,
                  valid_to, audience, min_donation_satang, active, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?)""")
                .params(sponsorId, d.titleTh().strip(), d.titleEn().strip(), d.termsTh().strip(), d.termsEn().strip(), d.valueSatang(),
                        d.quantity(), Timestamp.from(d.validFrom()), Timestamp.from(d.validTo()), d.audience().name(),
                        d.minDonationSatang(), Timestamp.from(now))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (int shard = 0; shard < SHARDS; shard++) {
            int remaining = d.quantity() / SHARDS + (shard < d.quantity() % SHARDS ? 1 : 0);
            jdbc.sql("insert into coupon_offer_slot (offer_id, shard, remaining) values (?, ?, ?)").params(id, shard, remaining).update();
        }
        return id;
    }

    /** Offers that may still issue to these audiences now. */
    List<Open> open(Collection<Audience> audiences, Instant now) {
        return jdbc.sql("""
                select id, audience, min_donation_satang, valid_to from coupon_offer
                where audience in (:audiences) and active and valid_to > :now
                  and exists (select 1 from coupon_offer_slot s where s.offer_id = coupon_offer.id and s.remaining > 0) order by id""")
                .param("audiences", audiences.stream().map(Enum::name).toList()).param("now", Timestamp.from(now))
                .query((rs, n) -> new Open(rs.getLong(1), Audience.valueOf(rs.getString(2)), (Long) rs.getObject(3, Long.class),
                        rs.getTimestamp(4).toInstant()))
                .list();
    }

    /**
     * Takes one place of the offer's quantity from a slot row, starting at a random one; false when none is left (or
     * the offer closed meanwhile).
     */
    boolean take(long offerId, Instant now) {
        int start = ThreadLocalRandom.current().nextInt(SHARDS);
        for (int i = 0; i < SHARDS; i++) {
            int shard = (start + i) % SHARDS;
            int taken = jdbc.sql("""
                    update coupon_offer_slot s join coupon_offer o on o.id = s.offer_id set s.remaining = s.remaining - 1
                    where s.offer_id = ? and s.shard = ? and s.remaining > 0 and o.active and o.valid_to > ?""")
                    .params(offerId, shard, Timestamp.from(now)).update();
            if (taken == 1) {
                return true;
            }
        }
        return false;
    }

    /** A revoked coupon's place is free again. */
    void giveBack(long offerId, int count) {
        jdbc.sql("update coupon_offer_slot set remaining = remaining + ? where offer_id = ? and shard = ?")
                .params(count, offerId, ThreadLocalRandom.current().nextInt(SHARDS)).update();
    }

    boolean deactivate(long sponsorId, long offerId) {
        return jdbc.sql("update coupon_offer set active = false where id = ? and sponsor_id = ?").params(offerId, sponsorId).update() == 1;
    }

    List<OfferView> ofSponsor(long sponsorId) {
        return jdbc.sql(VIEW + " where o.sponsor_id = ? order by o.id desc").param(sponsorId).query(Offers::map).list();
    }

    Optional<OfferView> find(long id) {
        return jdbc.sql(VIEW + " where o.id = ?").param(id).query(Offers::map).optional();
    }

    private static OfferView map(ResultSet rs, int n) throws SQLException {
        return new OfferView(rs.getLong(1), new SponsorId(rs.getLong(2)), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getLong(7), rs.getInt(8), rs.getInt(9), rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant(),
                Audience.valueOf(rs.getString(12)), (Long) rs.getObject(13, Long.class), rs.getBoolean(14), rs.getLong(15), rs.getLong(16));
    }
}
