package org.khanaen.volunteers;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Single-use mail links for volunteers, stored as hashes; using one is a single atomic update. */
@Component
class VolunteerTokens {

    enum Purpose { VERIFY, JOIN }

    record Use(long volunteer, Long organisation) {
    }

    private final JdbcClient jdbc;

    VolunteerTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String issue(long volunteer, Purpose purpose, Long organisation, Duration validity) {
        String token = Tokens.newToken();
        Instant now = Instant.now();
        jdbc.sql("""
                insert into volunteer_token (token_hash, volunteer_id, purpose, organisation_id, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(Tokens.hash(token), volunteer, purpose.name(), organisation, now, now.plus(validity)).update();
        return token;
    }

    /** Empty when unknown, of another purpose, expired or used already (the second of two clicks at once). */
    Optional<Use> use(String token, Purpose purpose) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        String hash = Tokens.hash(token);
        Instant now = Instant.now();
        int used = jdbc.sql("update volunteer_token set used_at = ? where token_hash = ? and purpose = ? and used_at is null and expires_at > ?")
                .params(now, hash, purpose.name(), now).update();
        if (used == 0) {
            return Optional.empty();
        }
        return jdbc.sql("select volunteer_id, organisation_id from volunteer_token where token_hash = ?").param(hash)
                .query((rs, n) -> new Use(rs.getLong(1), (Long) rs.getObject(2))).optional();
    }

    void forget(long volunteer) {
        jdbc.sql("delete from volunteer_token where volunteer_id = ?").param(volunteer).update();
    }
}
