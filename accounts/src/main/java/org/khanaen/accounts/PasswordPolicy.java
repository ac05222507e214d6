package org.khanaen.accounts;

/**
 * Length over composition rules (NIST SP 800-63B): at least 12 characters for accounts that can see
 * other people's data, and not the username.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    public static void check(String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new AccountProblem("account.password.too-short", "A password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw new AccountProblem("account.password.too-long", "A password may have at most " + MAX_LENGTH + " characters");
        }
        if (password.equalsIgnoreCase(username)) {
            throw new AccountProblem("account.password.is-username", "The password must not be the username");
        }
    }
}
