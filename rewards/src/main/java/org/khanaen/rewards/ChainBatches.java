package org.khanaen.rewards;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The transactions the minter signed: stored before they are sent, settled when the chain answers. */
@Repository
class ChainBatches {

    /** A signed transaction that has not been settled. */
    record Open(long id, ChainAction action, String txHash, String rawTx, long nonce, Instant createdAt) {
    }

    /** What the figures page and the benchmark show. */
    record Totals(long batches, long confirmed, long gasUsed) {
    }

    private final JdbcClient jdbc;

    ChainBatches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long signed(ChainAction action, int size, String txHash, String rawTx, long nonce, String sender, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into chain_batch (action, size, state, tx_hash, raw_tx, nonce, sender, created_at)
                values (?, ?, 'SIGNED', ?, ?, ?, ?, ?)""")
                .params(action.name(), size, txHash, rawTx, nonce, sender, Timestamp.from(now)).update(keys, "id");
        return keys.getKey().longValue();
    }

    void sentAt(long id, Instant at) {
        jdbc.sql("update chain_batch set sent_at = ? where id = ?").params(Timestamp.from(at), id).update();
    }

    List<Open> open() {
        return jdbc.sql("select id, action, tx_hash, raw_tx, nonce, created_at from chain_batch where state = 'SIGNED' order by nonce, id")
                .query((rs, n) -> new Open(rs.getLong(1), ChainAction.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getTimestamp(6).toInstant()))
                .list();
    }

    /** @param state CONFIRMED, REVERTED or DROPPED */
    void settle(long id, String state, Long gasUsed, Long block, String error, Instant now) {
        jdbc.sql("""
                update chain_batch set state = ?, gas_used = ?, block_number = ?, error = ?, settled_at = ?, raw_tx = null
                where id = ? and state = 'SIGNED'""")
                .params(state, gasUsed, block, error == null ? null : error.substring(0, Math.min(500, error.length())), Timestamp.from(now), id)
                .update();
    }

    Totals totals(ChainAction action, Instant since) {
        return jdbc.sql("""
                select count(*), coalesce(sum(state = 'CONFIRMED'), 0), coalesce(sum(gas_used), 0) from chain_batch
                where action = ? and created_at >= ?""")
                .params(action.name(), Timestamp.from(since))
                .query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }
}
