package org.khanaen.accounts;

import java.util.Set;

/** What sign-in needs to know about an account; the password only as its hash. */
public record LoginAccount(AccountId id, String username, String displayName, String passwordHash,
        Set<Role> roles, boolean enabled, boolean mustChangePassword) {
}
