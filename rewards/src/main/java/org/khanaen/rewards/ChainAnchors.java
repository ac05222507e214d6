package org.khanaen.rewards;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The chain outbox's roots to anchor: queued once each, one transaction per root. */
@Repository
class ChainAnchors {

    record Due(long id, String root, int attempts) {
    }

    record Row(String root, String state, String txHash, Long block, Instant anchoredAt) {
    }

    private final JdbcClient jdbc;

    ChainAnchors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void enqueue(String root, Instant now) {
        jdbc.sql("insert ignore into chain_anchor (root, state, next_attempt_at, created_at) values (?, 'PENDING', ?, ?)")
                .params(root, Timestamp.from(now), Timestamp.from(now)).update();
    }

    List<Due> due(int limit, Instant now) {
        return jdbc.sql("select id, root, attempts from chain_anchor where state = 'PENDING' and next_attempt_at <= ? order by id limit ?")
                .params(Timestamp.from(now), limit).query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getInt(3))).list();
    }

    /** @return whether it was still pending and is now the batch's */
    boolean sent(long id, long batchId) {
        return jdbc.sql("update chain_anchor set state = 'SENT', batch_id = ? where id = ? and state = 'PENDING'").params(batchId, id).update() == 1;
    }

    Optional<Due> ofBatch(long batchId) {
        return jdbc.sql("select id, root, attempts from chain_anchor where batch_id = ?").param(batchId)
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getInt(3))).optional();
    }

    /** @param txHash null when the root was found on chain without its transaction (settled after a crash) */
    void anchored(long batchId, String txHash, long block, Instant now) {
        jdbc.sql("update chain_anchor set state = 'DONE', tx_hash = ?, block_number = ?, anchored_at = ?, last_error = null where batch_id = ?")
                .params(txHash, block, Timestamp.from(now), batchId).update();
    }

    void retryLater(Due anchor, String error, Instant now) {
        jdbc.sql("update chain_anchor set state = 'PENDING', batch_id = null, attempts = attempts + 1, next_attempt_at = ?, last_error = ? where id = ?")
                .params(Timestamp.from(now.plus(ChainOps.backoff(anchor.attempts() + 1))),
                        error == null ? null : error.substring(0, Math.min(500, error.length())), anchor.id())
                .update();
    }

    List<Row> of(Collection<String> roots) {
        if (roots.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select root, state, tx_hash, block_number, anchored_at from chain_anchor where root in (:roots)").param("roots", roots)
                .query((rs, n) -> {
                    long block = rs.getLong(4);
                    Long blockNumber = rs.wasNull() ? null : block;
                    Timestamp at = rs.getTimestamp(5);
                    return new Row(rs.getString(1), rs.getString(2), rs.getString(3), blockNumber, at == null ? null : at.toInstant());
                }).list();
    }
}
