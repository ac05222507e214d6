package org.khanaen.volunteers;

/**
 * A request the registry refuses. The code names a message for people (message key) and, for input
 * errors, the field it is about.
 */
public class RegistryProblem extends RuntimeException {

    private final String code;
    private final String field;

    public RegistryProblem(String code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public RegistryProblem(String code, String message) {
        this(code, null, message);
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
