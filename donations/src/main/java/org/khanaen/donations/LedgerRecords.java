package org.khanaen.donations;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only ledger: entries are added, never changed; the balance is their sum. */
@Repository
class LedgerRecords {

    static final String DONATION = "DONATION";
    static final String REFUND = "REFUND";
    static final String DISPUTE = "DISPUTE";
    static final String EXPENSE = "EXPENSE";

    /** A ledger line with what it needs to be described in public. */
    record Line(long id, String kind, long amountSatang, Instant occurredAt, Long donationId, String donorName, boolean anonymous,
            Long expenseId, String category, String note) {
    }

    record Totals(long in, long out) {
        long balance() {
            return in + out;
        }
    }

    private final JdbcClient jdbc;

    LedgerRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(String kind, long amountSatang, Instant at, Long donationId, Long expenseId, String dedupKey) {
        jdbc.sql("insert into ledger_entry (kind, amount_satang, occurred_at, donation_id, expense_id, dedup_key) values (?, ?, ?, ?, ?, ?)")
                .params(kind, amountSatang, DonationRecords.ts(at), donationId, expenseId, dedupKey).update();
    }

    /** The campaign's money: donations less refunds and disputed money (not expenses). */
    long raised() {
        return jdbc.sql("select coalesce(sum(amount_satang), 0) from ledger_entry where kind in ('DONATION', 'REFUND', 'DISPUTE')")
                .query(Long.class).single();
    }

    Totals totals() {
        return jdbc.sql("""
                select coalesce(sum(case when amount_satang > 0 then amount_satang end), 0) as money_in,
                       coalesce(sum(case when amount_satang < 0 then amount_satang end), 0) as money_out
                from ledger_entry""").query((rs, n) -> new Totals(rs.getLong("money_in"), rs.getLong("money_out"))).single();
    }

    long count() {
        return jdbc.sql("select count(*) from ledger_entry").query(Long.class).single();
    }

    long countFor(long donationId, String kind) {
        return jdbc.sql("select count(*) from ledger_entry where donation_id = ? and kind = ?").params(donationId, kind).query(Long.class).single();
    }

    /** {@code limit} lines from {@code offset}, newest or oldest first. */
    List<Line> lines(long offset, int limit, boolean newestFirst) {
        String order = newestFirst ? "e.occurred_at desc, e.id desc" : "e.occurred_at, e.id";
        return jdbc.sql("""
                select e.id, e.kind, e.amount_satang, e.occurred_at, e.donation_id, e.expense_id,
                       d.donor_name, d.anonymous, x.category, x.note
                from ledger_entry e
                left join donation d on d.id = e.donation_id
                left join expense x on x.id = e.expense_id
                order by""" + " " + order + " limit ? offset ?")
                .params(limit, offset)
                .query((rs, n) -> new Line(rs.getLong("id"), rs.getString("kind"), rs.getLong("amount_satang"),
                        DonationRecords.instant(rs, "occurred_at"), (Long) rs.getObject("donation_id", Long.class),
                        rs.getString("donor_name"), rs.getBoolean("anonymous"), (Long) rs.getObject("expense_id", Long.class),
                        rs.getString("category"), rs.getString("note")))
                .list();
    }
}
