package org.khanaen.results.checks;

import java.util.List;

/** What a report breaks: errors refuse it, warnings need a confirmation. */
public record Findings(List<Finding> errors, List<Finding> warnings) {

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

    /** The codes of the form's sums that do not add up, comma-separated; null when they all do. */
    public String formSumsBroken() {
        String codes = errors.stream().map(Finding::code).filter(AsWritten.FORM_SUMS::contains).distinct()
                .collect(java.util.stream.Collectors.joining(","));
        return codes.isEmpty() ? null : codes;
    }
}
