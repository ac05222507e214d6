package org.khanaen.results;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Media outlets that read the results API, each with its own key ({@code khm_…}, shown once, kept as its SHA-256)
 * and its own rate. Keys are looked up on every call, so a found one is remembered for a short while; revoking
 * forgets it at once on this node (elsewhere within {@link #REMEMBERED}).
 */
@Service
public class MediaOutlets {

    public static final String PREFIX = "khm_";
    static final Duration REMEMBERED = Duration.ofSeconds(30);
    private static final SecureRandom random = new SecureRandom();

    /** An outlet as the API sees it: who, and how many calls a minute. */
    public record Outlet(long id, String name, int perMinute) {
    }

    /** An outlet as the administrators see it. */
    public record OutletLine(long id, String name, String contact, String keyHint, int perMinute, String createdBy, Instant createdAt,
            Instant revokedAt) {
    }

    /** A new outlet and its key, shown this once. */
    public record Created(long id, String key) {
    }

    private record Remembered(Outlet outlet, Instant until) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    MediaOutlets(JdbcClient jdbc, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** @throws IllegalArgumentException with a message for people when the name or rate is unusable */
    @Transactional
    public Created create(String name, String contact, int perMinute, String actor) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 200) {
            throw new IllegalArgumentException("media.problem.name");
        }
        if (perMinute < 1 || perMinute > 1_000_000) {
            throw new IllegalArgumentException("media.problem.rate");
        }
        String c = contact == null || contact.isBlank() ? null : contact.strip();
        if (c != null && c.length() > 320) {
            throw new IllegalArgumentException("media.problem.contact");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var id = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                insert into media_outlet (name, contact, key_hash, key_hint, per_minute, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(n, c, ReporterTokens.hash(key), key.substring(0, 8), perMinute, actor, Timestamp.from(clock.instant()))
                .update(id);
        return new Created(id.getKey().longValue(), key);
    }

    public List<OutletLine> all() {
        return jdbc.sql("""
                select id, name, contact, key_hint, per_minute, created_by, created_at, revoked_at from media_outlet
                order by revoked_at is not null, name""")
                .query((rs, i) -> new OutletLine(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant()))
                .list();
    }

    /** False when there is no such outlet or it was already revoked. */
    @Transactional
    public boolean revoke(long id) {
        remembered.values().removeIf(r -> r.outlet().id() == id);
        return jdbc.sql("update media_outlet set revoked_at = ? where id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), id).update() == 1;
    }

    /** The outlet whose live key this is; empty for an unknown, revoked or malformed one. */
    public Optional<Outlet> outletOf(String key) {
        if (key == null || !key.startsWith(PREFIX) || key.length() > 100) {
            return Optional.empty();
        }
        String hash = ReporterTokens.hash(key);
        Instant now = clock.instant();
        Remembered known = remembered.get(hash);
        if (known != null && known.until().isAfter(now)) {
            return Optional.of(known.outlet());
        }
        Optional<Outlet> found = jdbc.sql("select id, name, per_minute from media_outlet where key_hash = ? and revoked_at is null")
                .param(hash).query((rs, i) -> new Outlet(rs.getLong(1), rs.getString(2), rs.getInt(3))).optional();
        if (found.isPresent()) {
            if (remembered.size() > 10_000) {
                remembered.clear();
            }
            remembered.put(hash, new Remembered(found.get(), now.plus(REMEMBERED)));
        } else {
            remembered.remove(hash);
        }
        return found;
    }
}
