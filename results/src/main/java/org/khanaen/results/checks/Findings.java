package org.khanaen.results.checks;

import java.util.List;

/** What a report breaks: errors refuse it, warnings need a confirmation. */
@org.springframework.modulith.NamedInterface("checks") // with its nested types: part of the module's API
public record Findings(List<Finding> errors, List<Finding> warnings) {

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

    public Findings {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean acceptable(boolean warningsConfirmed) {
        return acceptable(warningsConfirmed, false);
    }

    /**
     * @param asWritten the reporter says the signed form itself reads so: then errors of the form's own sums do not
     *                  refuse the count (it waits for a verifier, who may accept it as written with a reason)
     */
    public boolean acceptable(boolean warningsConfirmed, boolean asWritten) {
        return (errors.isEmpty() || asWritten && AsWritten.onlyFormSums(errors)) && (warnings.isEmpty() || warningsConfirmed);
    }

    /**
     * Whether these findings may be accepted "as written on the form", for this reason: a signed count form that does
     * not add up is still the station's official document, and only the form's own sums may fail for that.
     */
    public boolean acceptableAsWritten(String reason) {
        return AsWritten.acceptable(this, reason);
    }

    /** The codes of the form's sums that do not add up, comma-separated; null when they all do. */
    public String formSumsBroken() {
        String codes = errors.stream().map(Finding::code).filter(AsWritten.FORM_SUMS::contains).distinct()
                .collect(java.util.stream.Collectors.joining(","));
        return codes.isEmpty() ? null : codes;
    }
}
