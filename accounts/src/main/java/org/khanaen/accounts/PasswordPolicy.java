package org.khanaen.accounts;

/**
 * Length over composition rules (NIST SP 800-63B): at least 12 characters for staff, whose accounts
 * see other people's data, at least 8 (NIST's floor) for volunteers and sponsors, never the username,
 * never a common or breached password ({@link CommonPasswords}).
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MIN_LENGTH_OWN_DATA_ONLY = 8;
    public static final int MAX_LENGTH = 128;
    private static final java.util.Set<Role> STAFF = java.util.EnumSet.of(Role.ADMIN, Role.ORG_COORDINATOR,
            Role.CONSTITUENCY_LEAD, Role.WAR_ROOM, Role.MEDIA);

    private PasswordPolicy() {
    }

    public static void check(String username, String password) {
        check(username, password, STAFF);
    }

    public static int minimumLength(java.util.Set<Role> roles) {
        return roles.stream().anyMatch(STAFF::contains) ? MIN_LENGTH : MIN_LENGTH_OWN_DATA_ONLY;
    }

    /** One of the most common or breached passwords, or one of them with digits or symbols around it. */
    public static boolean isCommon(String password) {
        return password != null && CommonPasswords.isCommon(password);
    }

    public static void check(String username, String password, java.util.Set<Role> roles) {
        int minimum = minimumLength(roles);
        if (password == null || password.codePointCount(0, password.length()) < minimum) {
            throw new AccountProblem(minimum == MIN_LENGTH ? "account.password.too-short" : "account.password.too-short-8",
                    "A password needs at least " + minimum + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw new AccountProblem("account.password.too-long", "A password may have at most " + MAX_LENGTH + " characters");
        }
        if (password.equalsIgnoreCase(username)) {
            throw new AccountProblem("account.password.is-username", "The password must not be the username");
        }
        if (CommonPasswords.isCommon(password)) {
            throw new AccountProblem("account.password.common", "This password is among the most common ones that are tried first");
        }
    }
}
