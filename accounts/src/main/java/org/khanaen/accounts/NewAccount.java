package org.khanaen.accounts;

import java.util.Set;

/**
 * @param mustChangePassword true when someone other than the holder chose the password
 *                           (a one-time password, an invitation): it must be replaced at first sign-in
 */
public record NewAccount(String username, String displayName, String password, Set<Role> roles,
        boolean mustChangePassword) {
}
