package org.khanaen.results.checks;

import java.util.List;

/**
 * One check that did not pass, said so that a volunteer can fix it: the rule as a formula with the
 * reported numbers in it (message key {@code report.check.<code>} with the arguments, bundle
 * {@code i18n/reports}).
 *
 * @param arguments the numbers (and station codes) that break the rule, in the message's order
 */
public record Finding(String code, Severity severity, List<Object> arguments) {

    public enum Severity {
        /** The report cannot be stored as it is. */
        ERROR,
        /** Unusual but possible: the volunteer must confirm it explicitly. */
        WARNING
    }

    public String messageKey() {
        return "report.check." + code;
    }

    static Finding error(String code, Object... arguments) {
        return new Finding(code, Severity.ERROR, List.of(arguments));
    }

    static Finding warning(String code, Object... arguments) {
        return new Finding(code, Severity.WARNING, List.of(arguments));
    }
}
