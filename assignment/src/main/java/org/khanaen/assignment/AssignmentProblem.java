package org.khanaen.assignment;

/**
 * A request the assignment module refuses, named by a message key (bundle {@code i18n/assignment})
 * so that pages and the API can say why in the reader's language.
 */
public class AssignmentProblem extends RuntimeException {

    private final String key;
    private final transient Object[] arguments;

    public AssignmentProblem(String key, Object... arguments) {
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
