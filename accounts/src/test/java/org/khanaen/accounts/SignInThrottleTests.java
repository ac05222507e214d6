package org.khanaen.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest
class SignInThrottleTests {

    static final class TestClock extends Clock {
        Instant now = Instant.parse("2027-03-01T03:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Autowired
    JdbcClient jdbc;

    final TestClock clock = new TestClock();
    final Limit perAccount = new Limit(5, Duration.ofSeconds(30), 10, Duration.ofMinutes(15), Duration.ofHours(1));
    final Limit perAddress = new Limit(20, Duration.ofMinutes(10), 20, Duration.ofMinutes(10), Duration.ofMinutes(10));
    SignInThrottle throttle;

    @BeforeEach
    void throttle() {
        throttle = new SignInThrottle(jdbc, perAccount, perAddress, clock);
    }

    @AfterEach
    void forgetEverything() {
        jdbc.sql("delete from sign_in_failure").update();
        jdbc.sql("delete from sign_in_audit").update();
    }

    @Test
    void fiveWrongPasswordsAreFreeThenEachFailureDoublesTheWait() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed("somchai", "10.0.0.1")).isEmpty();
        }
        assertThat(throttle.failed("somchai", "10.0.0.1")).contains(clock.now.plusSeconds(30));
        assertThat(throttle.refusedUntil("somchai", "10.0.0.1")).contains(clock.now.plusSeconds(30));

        clock.advance(Duration.ofSeconds(30));
        assertThat(throttle.refusedUntil("somchai", "10.0.0.1")).isEmpty();
        assertThat(throttle.failed("somchai", "10.0.0.1")).contains(clock.now.plusSeconds(60));
    }

    @Test
    void tenFailuresLockTheAccountForFifteenMinutesThenItOpensAgain() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("admin", "10.0.0.2");
            clock.advance(Duration.ofMinutes(9)); // past every delay: only the lock stops the tenth
        }
        Instant lockedAt = clock.now.minus(Duration.ofMinutes(9));

        assertThat(throttle.refusedUntil("ADMIN ", "10.0.0.99")).as("any address, however the name is typed")
                .contains(lockedAt.plus(Duration.ofMinutes(15)));

        clock.advance(Duration.ofMinutes(6));
        assertThat(throttle.refusedUntil("admin", "10.0.0.2")).isEmpty();
    }

    @Test
    void theRightPasswordStartsTheAccountAfresh() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("lek", "10.0.0.3");
        }
        throttle.succeeded("lek");

        assertThat(throttle.failed("lek", "10.0.0.3")).as("the first of a new run").isEmpty();
    }

    @Test
    void anotherAccountFromTheSameAddressIsAllowedUntilTheAddressLimit() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("target", "10.0.0.4");
        }
        assertThat(throttle.refusedUntil("target", "10.0.0.4")).isPresent();
        assertThat(throttle.refusedUntil("colleague", "10.0.0.4")).isEmpty();

        for (int i = 0; i < 10; i++) {
            throttle.failed("user" + i, "10.0.0.4");
        }

        assertThat(throttle.refusedUntil("colleague", "10.0.0.4")).contains(clock.now.plus(Duration.ofMinutes(10)));
        assertThat(throttle.refusedUntil("colleague", "10.0.0.5")).isEmpty();
    }

    @Test
    void aLockAndEveryRefusedTryAreAudited() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("admin", "10.0.0.6");
            clock.advance(Duration.ofMinutes(9));
        }
        throttle.refusedUntil("admin", "10.0.0.6");

        assertThat(jdbc.sql("select event from sign_in_audit where username = 'admin' order by id").query(String.class).list())
                .containsExactly("LOCKED", "REFUSED");
    }

    @Test
    void aRunOfFailuresIsForgottenAfterAnHour() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("nok", "10.0.0.7");
        }
        clock.advance(Duration.ofHours(1));

        assertThat(throttle.failed("nok", "10.0.0.7")).isEmpty();
    }
}
