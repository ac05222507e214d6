package org.khanaen.donations;

import java.time.Instant;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stripe events handled, by id: the first insert wins, a replay finds its id taken. */
@Repository
class StripeEventLog {

    private final JdbcClient jdbc;

    StripeEventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the event for this transaction. False when it was handled before (or is being handled by a
     * transaction that then commits: the insert waits for it on the unique key).
     */
    boolean claim(String id, String type, Instant created, Instant received) {
        try {
            jdbc.sql("insert into stripe_event (id, type, created_at, received_at, outcome) values (?, ?, ?, ?, 'RECEIVED')")
                    .params(id, type, DonationRecords.ts(created), DonationRecords.ts(received)).update();
            return true;
        } catch (DuplicateKeyException replayed) {
            return false;
        }
    }

    void outcome(String id, StripeWebhooks.Outcome outcome, String detail) {
        jdbc.sql("update stripe_event set outcome = ?, detail = ? where id = ?")
                .params(outcome.name(), detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500), id).update();
    }

    List<StripeWebhooks.Received> recent(int limit) {
        return jdbc.sql("select id, type, created_at, received_at, outcome, detail from stripe_event order by received_at desc limit ?")
                .param(limit)
                .query((rs, n) -> new StripeWebhooks.Received(rs.getString("id"), rs.getString("type"), DonationRecords.instant(rs, "created_at"),
                        DonationRecords.instant(rs, "received_at"), rs.getString("outcome"), rs.getString("detail")))
                .list();
    }
}
