package org.khanaen.web.security;

import java.time.Instant;

import org.springframework.security.authentication.LockedException;

/**
 * Too many wrong passwords for the account or from the address: refused until {@link #until()}, the password unread.
 * A {@link LockedException}, so no other authentication provider is asked after it.
 */
class SignInThrottled extends LockedException {

    private final Instant until;

    SignInThrottled(Instant until) {
        super("Too many sign-in attempts; try again at " + until);
        this.until = until;
    }

    Instant until() {
        return until;
    }
}
