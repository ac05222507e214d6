package org.khanaen.results;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.khanaen.volunteers.VolunteerId;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A volunteer's API token ({@code khv_…}) for a partner app that sends their station's reports. Shown
 * once, kept only as its SHA-256; a new one replaces the old. Every API call looks its token up, so
 * found tokens are remembered for a short while: on election night thousands of calls a second would
 * otherwise each cost a query. A token revoked or replaced on another node keeps working there for at
 * most {@link #REMEMBERED}. While tokens are in use, all of them are read in one query every
 * {@link #REMEMBERED} ({@link #refresh}): each volunteer calls only a few times a night, so remembering
 * a token after its first call alone still left a query for most calls (measured: ~5% of the API's CPU
 * and a database round trip per report).
 */
@Service
class ReporterTokens {

    public static final String PREFIX = "khv_";
    static final Duration REMEMBERED = Duration.ofSeconds(30);
    /** Enough for every volunteer calling at once on one node; past it the memory starts afresh. */
    private static final int MAX_REMEMBERED = 200_000;
    private static final SecureRandom random = new SecureRandom();

    private record Remembered(VolunteerId volunteer, Instant until) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
    /** Counts tokens forgotten, so that a full read that raced a revocation is not kept. */
    private final java.util.concurrent.atomic.AtomicLong forgotten = new java.util.concurrent.atomic.AtomicLong();
    private volatile Instant lastAsked = Instant.MIN;

    ReporterTokens(JdbcClient jdbc, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** A new token for the volunteer, returned this once; the volunteer's old token stops working. */
    @Transactional(isolation = org.springframework.transaction.annotation.Isolation.READ_COMMITTED)
    public String issue(VolunteerId volunteer) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        forget(volunteer);
        // one statement, replacing the volunteer's row in place: a delete then insert took gap locks under repeatable read
        // and deadlocked when many volunteers got tokens at once (measured: 8 threads, within seconds)
        jdbc.sql("""
                insert into reporter_token (token_hash, volunteer_id, issued_at) values (?, ?, ?)
                on duplicate key update token_hash = values(token_hash), issued_at = values(issued_at)""")
                .params(hash(token), volunteer.value(), Timestamp.from(clock.instant())).update();
        return token;
    }

    /** The volunteer whose token this is; empty for anything else, malformed or not. */
    public Optional<VolunteerId> volunteerOf(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        String hash = hash(token);
        Instant now = clock.instant();
        lastAsked = now;
        Remembered known = remembered.get(hash);
        if (known != null && known.until().isAfter(now)) {
            return Optional.of(known.volunteer());
        }
        Optional<VolunteerId> found = jdbc.sql("select volunteer_id from reporter_token where token_hash = ?").param(hash)
                .query(Long.class).optional().map(VolunteerId::new);
        if (found.isPresent()) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear(); // crude but bounded; the next calls simply look up again
            }
            remembered.put(hash, new Remembered(found.get(), now.plus(REMEMBERED)));
        } else if (known != null) {
            remembered.remove(hash);
        }
        return found;
    }

    /** When the volunteer's current token was made, if they have one. */
    public Optional<Instant> issuedAt(VolunteerId volunteer) {
        return jdbc.sql("select issued_at from reporter_token where volunteer_id = ?").param(volunteer.value())
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    @Transactional
    public void revoke(VolunteerId volunteer) {
        forget(volunteer);
        jdbc.sql("delete from reporter_token where volunteer_id = ?").param(volunteer.value()).update();
    }

    private void forget(VolunteerId volunteer) {
        forgotten.incrementAndGet();
        remembered.values().removeIf(r -> r.volunteer().equals(volunteer));
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            // again once the change is committed: a full read made before the commit still has the old token
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            forgotten.incrementAndGet();
                            remembered.values().removeIf(r -> r.volunteer().equals(volunteer));
                        }
                    });
        }
    }

    /**
     * Every token, remembered until the next refresh, while tokens have been asked for in the last ten minutes
     * (not on a quiet day). Up to {@code MAX_REMEMBERED}; past it, tokens are remembered one by one as before.
     *
     * @return how many tokens are remembered now (-1: not read)
     */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT25S", initialDelayString = "PT5S")
    @org.khanaen.platform.jobs.EveryNode("refreshes this node's memory of tokens")
    public int refresh() {
        Instant now = clock.instant();
        if (lastAsked.isBefore(now.minus(Duration.ofMinutes(10)))) {
            return -1;
        }
        long before = forgotten.get();
        Map<String, Remembered> all = new java.util.HashMap<>();
        Instant until = now.plus(REMEMBERED);
        jdbc.sql("select token_hash, volunteer_id from reporter_token").query(rs -> {
            if (all.size() < MAX_REMEMBERED) {
                all.put(rs.getString(1), new Remembered(new VolunteerId(rs.getLong(2)), until));
            }
        });
        if (forgotten.get() != before || all.size() >= MAX_REMEMBERED) {
            return -1; // a token was revoked or replaced meanwhile (the read may still have it), or too many: next time
        }
        remembered.putAll(all);
        remembered.values().removeIf(r -> r.until().isBefore(now)); // revoked elsewhere: gone from the read, expired here
        return all.size();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
