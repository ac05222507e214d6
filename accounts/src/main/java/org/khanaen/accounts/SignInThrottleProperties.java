package org.khanaen.accounts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many wrong passwords are tolerated, per account and per client address ({@code khanaen.sign-in.*}). Each:
 * free failures before any wait; the wait after the first failure past those, doubling with each further one; the
 * failures that lock for {@code lock-for} whatever the password; and how long after its last failure a run of
 * failures is forgotten.
 *
 * @param account strict: a guesser gets 5 tries, then one try per growing delay (30 s … 8 min), then 15-minute locks
 * @param address generous, and counting failures only: many people sign in through one office or mobile network,
 *                and the tests sign in hundreds of times from 127.0.0.1
 */
@ConfigurationProperties("khanaen.sign-in")
public record SignInThrottleProperties(@DefaultValue Account account, @DefaultValue Address address) {

    public record Account(@DefaultValue("5") int freeFailures, @DefaultValue("30s") Duration firstDelay,
            @DefaultValue("10") int lockAfter, @DefaultValue("15m") Duration lockFor, @DefaultValue("1h") Duration forgetAfter) {

        Limit limit() {
            return new Limit(freeFailures, firstDelay, lockAfter, lockFor, forgetAfter);
        }
    }

    public record Address(@DefaultValue("100") int freeFailures, @DefaultValue("10m") Duration firstDelay,
            @DefaultValue("100") int lockAfter, @DefaultValue("10m") Duration lockFor, @DefaultValue("10m") Duration forgetAfter) {

        Limit limit() {
            return new Limit(freeFailures, firstDelay, lockAfter, lockFor, forgetAfter);
        }
    }
}
