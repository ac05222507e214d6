package org.khanaen.donations;

/** A request the campaign refuses, with the message key (i18n/donations) that tells the person why. */
public class DonationProblem extends RuntimeException {

    private final String key;
    private final transient Object[] arguments;

    public DonationProblem(String key, Object... arguments) {
        super(key);
        this.key = key;
        this.arguments = arguments;
    }

    public String key() {
        return key;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
