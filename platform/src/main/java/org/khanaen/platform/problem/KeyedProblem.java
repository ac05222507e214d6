package org.khanaen.platform.problem;

/**
 * A request a module refuses, named by a message key (and its arguments) rather than by words, so that web
 * can say why in the reader's language: a problem detail for the API, the page's own words for people.
 * Each module names its refusals with a thin subclass, so a caller can tell whose rule said no.
 */
public abstract class KeyedProblem extends RuntimeException {

    private final String key;
    private final transient Object[] arguments;

    protected KeyedProblem(String key, Object... arguments) {
        super(key);
        this.key = key;
        this.arguments = arguments == null ? new Object[0] : arguments.clone();
    }

    /** The message key, e.g. {@code assignment.problem.slot-taken}. */
    public String key() {
        return key;
    }

    /** The message's arguments, a copy. */
    public Object[] arguments() {
        return arguments.clone();
    }
}
