package org.khanaen.donations;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sponsors' gifts in kind: goods and services with a stated value and a quantity (e.g. 500 coffee vouchers
 * at ฿60). Not money, so outside the balance. Recorded for the administrators' list only: a sponsor's coupons
 * are the offers it makes itself as a registered sponsor (rewards), not derived from a pledge.
 */
@Service
public class SponsorPledges {

    /** A pledge as recorded. */
    public record Pledge(long id, String sponsor, String description, long valueSatang, int quantity, LocalDate validUntil,
            String recordedBy, Instant recordedAt) {

        public long totalSatang() {
            return valueSatang * quantity;
        }
    }

    /** A pledge to record: {@code value} in baht as typed, per unit; {@code validUntil} optional. */
    public record NewPledge(String sponsor, String description, String value, int quantity, LocalDate validUntil) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    SponsorPledges(JdbcClient jdbc, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Transactional
    public long record(NewPledge pledge, String by) {
        String sponsor = text(pledge.sponsor(), 200, "pledge.sponsor.invalid");
        String description = text(pledge.description(), 500, "pledge.description.invalid");
        long value = Baht.parse(pledge.value()).orElse(-1);
        if (value <= 0 || value > Baht.satang(10_000_000)) {
            throw new DonationProblem("pledge.value.invalid");
        }
        if (pledge.quantity() < 1 || pledge.quantity() > 1_000_000) {
            throw new DonationProblem("pledge.quantity.invalid");
        }
        Instant now = clock.instant();
        if (pledge.validUntil() != null && pledge.validUntil().isBefore(LocalDate.ofInstant(now, java.time.ZoneOffset.UTC))) {
            throw new DonationProblem("pledge.valid-until.past");
        }
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into sponsor_pledge (sponsor, description, value_satang, quantity, valid_until, recorded_by, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(sponsor, description, value, pledge.quantity(), pledge.validUntil(), by, DonationRecords.ts(now)).update(keys);
        long id = keys.getKey().longValue();
        return id;
    }

    @Transactional(readOnly = true)
    public List<Pledge> all() {
        return jdbc.sql("select * from sponsor_pledge order by recorded_at desc, id desc").query(SponsorPledges::pledge).list();
    }

    @Transactional(readOnly = true)
    public Optional<Pledge> find(long id) {
        return jdbc.sql("select * from sponsor_pledge where id = ?").param(id).query(SponsorPledges::pledge).optional();
    }

    private static Pledge pledge(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Pledge(rs.getLong("id"), rs.getString("sponsor"), rs.getString("description"), rs.getLong("value_satang"),
                rs.getInt("quantity"), rs.getObject("valid_until", LocalDate.class), rs.getString("recorded_by"),
                DonationRecords.instant(rs, "recorded_at"));
    }

    private static String text(String typed, int max, String problem) {
        String value = typed == null ? "" : typed.strip();
        if (value.isEmpty() || value.length() > max || GiftRules.CONTROL.matcher(value).find()) {
            throw new DonationProblem(problem);
        }
        return value;
    }
}
