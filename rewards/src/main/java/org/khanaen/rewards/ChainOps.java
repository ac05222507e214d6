package org.khanaen.rewards;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The chain outbox's rows: at most one per coupon and action, written in the transaction that makes the change. */
@Repository
class ChainOps {

    /** A due or sent operation with what the transaction needs. */
    record Op(long id, long couponId, ChainAction action, String tokenId, String walletAddress, int attempts) {
    }

    private static final String OP = """
            select p.id, p.coupon_id, p.action, c.token_id, c.wallet_address, p.attempts from chain_op p join coupon c on c.id = p.coupon_id""";

    private final JdbcClient jdbc;

    ChainOps(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void enqueue(long couponId, ChainAction action, Instant now) {
        jdbc.sql("insert ignore into chain_op (coupon_id, action, state, next_attempt_at, created_at) values (?, ?, 'PENDING', ?, ?)")
                .params(couponId, action.name(), Timestamp.from(now), Timestamp.from(now)).update();
    }

    /** A coupon revoked before its mint went out: nothing to put on chain at all. */
    boolean cancelPendingMint(long couponId) {
        return jdbc.sql("delete from chain_op where coupon_id = ? and action = 'MINT' and state = 'PENDING'").param(couponId).update() == 1;
    }

    /** Due operations of one kind, oldest first; those that need a token only once it is minted. */
    List<Op> due(ChainAction action, int limit, Instant now) {
        return jdbc.sql(OP + " where p.state = 'PENDING' and p.action = ? and p.next_attempt_at <= ?"
                + (action.needsToken() ? " and c.chain_state = 'MINTED'" : "") + " order by p.id limit ?")
                .params(action.name(), Timestamp.from(now), limit).query(ChainOps::op).list();
    }

    List<Op> ofBatch(long batchId) {
        return jdbc.sql(OP + " where p.batch_id = ? order by p.id").param(batchId).query(ChainOps::op).list();
    }

    /** @return how many were still pending and are now the batch's (fewer: some were taken back since they were read) */
    int sent(Collection<Long> ids, long batchId) {
        return jdbc.sql("update chain_op set state = 'SENT', batch_id = :batch where id in (:ids) and state = 'PENDING'")
                .param("batch", batchId).param("ids", ids).update();
    }

    void done(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("update chain_op set state = 'DONE', last_error = null where id in (:ids)").param("ids", ids).update();
        }
    }

    /** Back in the queue after a failure, later each time: 2 s, 4 s, 8 s ... at most 10 minutes. */
    void retryLater(Collection<Op> ops, String error, Instant now) {
        for (Op op : ops) {
            Duration wait = backoff(op.attempts() + 1);
            jdbc.sql("update chain_op set state = 'PENDING', batch_id = null, attempts = attempts + 1, next_attempt_at = ?, last_error = ? where id = ?")
                    .params(Timestamp.from(now.plus(wait)), error == null ? null : error.substring(0, Math.min(500, error.length())), op.id())
                    .update();
        }
    }

    static Duration backoff(int attempts) {
        return Duration.ofSeconds(1L << Math.min(attempts, 9)).compareTo(Duration.ofMinutes(10)) > 0 ? Duration.ofMinutes(10)
                : Duration.ofSeconds(1L << Math.min(attempts, 9));
    }

    long count(ChainAction action, String state) {
        return jdbc.sql("select count(*) from chain_op where action = ? and state = ?").params(action.name(), state).query(Long.class).single();
    }

    private static Op op(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Op(rs.getLong(1), rs.getLong(2), ChainAction.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getInt(6));
    }
}
