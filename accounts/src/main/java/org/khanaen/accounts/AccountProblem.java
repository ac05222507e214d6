package org.khanaen.accounts;

/** A request about an account that cannot be carried out; the code names a message for people. */
public class AccountProblem extends RuntimeException {

    private final String code;

    public AccountProblem(String code, String message) {
        super(message);
        this.code = code;
    }

    /** Message key, e.g. {@code account.password.too-short}. */
    public String code() {
        return code;
    }
}
