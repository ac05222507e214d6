package org.khanaen.rewards;

/**
 * A request the rewards module refuses, named by a message key (bundle {@code i18n/rewards}) so that pages can
 * say why in the reader's language.
 */
public class RewardsProblem extends RuntimeException {

    private final String key;
    private final transient Object[] arguments;

    public RewardsProblem(String key, Object... arguments) {
        super(key);
        this.key = key;
        this.arguments = arguments;
    }

    public String key() {
        return key;
    }

    public Object[] arguments() {
        return arguments;
    }
}
