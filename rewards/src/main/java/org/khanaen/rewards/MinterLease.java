package org.khanaen.rewards;

import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * One node at a time sends to the chain (one nonce sequence per key): a lease row taken and renewed with a single
 * conditional update, which also works on a Galera cluster where row locks are per node (of two nodes taking it at
 * once through two Galera nodes, one fails certification at commit and does not hold it). Timed by the database's
 * clock, like the scheduled jobs' leases: the nodes' clocks may disagree.
 */
@Repository
class MinterLease {

    private final JdbcClient jdbc;

    MinterLease(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes or renews the lease for this holder; false while another holder's lease runs. */
    boolean hold(String holder, Duration length) {
        return jdbc.sql("""
                update chain_lease set holder = ?, expires_at = timestampadd(microsecond, ?, utc_timestamp(6)) where name = 'minter'
                and (holder is null or holder = ? or expires_at < utc_timestamp(6))""")
                .params(holder, length.toNanos() / 1_000, holder).update() == 1;
    }

    void release(String holder) {
        jdbc.sql("update chain_lease set holder = null, expires_at = null where name = 'minter' and holder = ?").param(holder).update();
    }
}
