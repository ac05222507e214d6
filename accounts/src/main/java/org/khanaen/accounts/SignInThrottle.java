package org.khanaen.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Wrong passwords, counted per account and per client address in the database, so every app node sees the same
 * counts (a probe tried 250 passwords at 18 a second, and the right one then worked at once). Each count changes by
 * one upsert, never a read-modify-write transaction: on a Galera cluster that would fail at commit when two nodes
 * count the same account at once (Bucket4j's MySQL buckets work that way, with SELECT … FOR UPDATE). Locks and
 * refused tries are written to {@code sign_in_audit} and logged.
 */
@Service
public class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    private final JdbcClient jdbc;
    private final Limit account;
    private final Limit address;
    private final Clock clock;

    @Autowired
    SignInThrottle(JdbcClient jdbc, SignInThrottleProperties properties, ObjectProvider<Clock> clock) {
        this(jdbc, properties.account().limit(), properties.address().limit(), clock.getIfAvailable(Clock::systemUTC));
    }

    SignInThrottle(JdbcClient jdbc, Limit account, Limit address, Clock clock) {
        this.jdbc = jdbc;
        this.account = account;
        this.address = address;
        this.clock = clock;
    }

    /** Until when a try for this account from this address is refused, whatever the password (audited if it is). */
    public Optional<Instant> refusedUntil(String username, String clientAddress) {
        Instant now = clock.instant();
        Optional<Instant> until = later(refusedUntil(account, accountKey(username), now),
                refusedUntil(address, addressKey(clientAddress), now));
        until.ifPresent(time -> audit("REFUSED", username, clientAddress, "refused until " + time));
        return until;
    }

    /** Counts a wrong password for the account and the address; until when the next try is refused, if it is. */
    public Optional<Instant> failed(String username, String clientAddress) {
        Instant now = clock.instant();
        int accountFailures = count(account, accountKey(username), now);
        int addressFailures = count(address, addressKey(clientAddress), now);
        if (accountFailures == account.lockAfter()) {
            audit("LOCKED", username, clientAddress, "account locked for " + account.lockFor() + " after " + accountFailures + " failures");
        }
        if (addressFailures == address.lockAfter()) {
            audit("LOCKED", username, clientAddress, "address locked for " + address.lockFor() + " after " + addressFailures + " failures");
        }
        return later(account.refusedUntil(accountFailures, now, now), address.refusedUntil(addressFailures, now, now));
    }

    /** The right password: the account starts afresh. The address keeps its count (one's own account must not reset it). */
    public void succeeded(String username) {
        jdbc.sql("delete from sign_in_failure where subject = ?").param(accountKey(username)).update();
    }

    /** Forgotten runs of failures take no room; harmless twice, but once an hour is enough for the whole cluster. */
    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = java.util.concurrent.TimeUnit.HOURS)
    @SchedulerLock(name = "accounts.forget-sign-in-failures", lockAtMostFor = "PT10M", lockAtLeastFor = "PT30M")
    void forgetOldFailures() {
        Duration longest = account.forgetAfter().compareTo(address.forgetAfter()) > 0 ? account.forgetAfter() : address.forgetAfter();
        jdbc.sql("delete from sign_in_failure where last_failure_at < ?").param(Timestamp.from(clock.instant().minus(longest))).update();
    }

    private Optional<Instant> refusedUntil(Limit limit, String subject, Instant now) {
        return jdbc.sql("select failures, last_failure_at from sign_in_failure where subject = ?").param(subject)
                .query((rs, n) -> limit.refusedUntil(rs.getInt(1), rs.getTimestamp(2).toInstant(), now))
                .optional().flatMap(until -> until);
    }

    private int count(Limit limit, String subject, Instant now) {
        // MySQL assigns left to right: the count is decided on the previous failure's time, then that time moves on
        jdbc.sql("""
                insert into sign_in_failure (subject, failures, last_failure_at) values (:subject, 1, :now)
                on duplicate key update failures = if(last_failure_at <= :forgotten, 1, failures + 1), last_failure_at = :now""")
                .param("subject", subject).param("now", Timestamp.from(now))
                .param("forgotten", Timestamp.from(now.minus(limit.forgetAfter())))
                .update();
        return jdbc.sql("select failures from sign_in_failure where subject = ?").param(subject).query(Integer.class).single();
    }

    private void audit(String event, String username, String clientAddress, String detail) {
        log.warn("Sign-in {} for {} from {}: {}", event, username, clientAddress, detail);
        jdbc.sql("insert into sign_in_audit (at, event, username, address, detail) values (?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), event, cut(AccountDirectory.normalise(username), 190), cut(clientAddress, 64), detail)
                .update();
    }

    private static String accountKey(String username) {
        return "account:" + cut(AccountDirectory.normalise(username), 190);
    }

    private static String addressKey(String clientAddress) {
        return "address:" + cut(clientAddress, 64);
    }

    private static String cut(String text, int length) {
        String value = text == null ? "" : text;
        return value.length() <= length ? value : value.substring(0, length);
    }

    @SafeVarargs
    private static Optional<Instant> later(Optional<Instant>... times) {
        return Stream.of(times).flatMap(Optional::stream).max(Instant::compareTo);
    }
}
