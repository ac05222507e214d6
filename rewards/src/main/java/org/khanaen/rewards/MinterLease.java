package org.khanaen.rewards;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One node at a time sends to the chain (one nonce sequence per key): a lease row taken and renewed with a single
 * conditional update, which also works on a Galera cluster where row locks are per node.
 */
@Repository
class MinterLease {

    private final JdbcClient jdbc;

    MinterLease(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes or renews the lease for this holder; false while another holder's lease runs. */
    boolean hold(String holder, Duration length, Instant now) {
        return jdbc.sql("""
                update chain_lease set holder = ?, expires_at = ? where name = 'minter'
                and (holder is null or holder = ? or expires_at < ?)""")
                .params(holder, Timestamp.from(now.plus(length)), holder, Timestamp.from(now)).update() == 1;
    }

    void release(String holder) {
        jdbc.sql("update chain_lease set holder = null, expires_at = null where name = 'minter' and holder = ?").param(holder).update();
    }
}
