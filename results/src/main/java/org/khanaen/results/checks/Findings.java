package org.khanaen.results.checks;

import java.util.List;

/** What a report breaks: errors refuse it, warnings need a confirmation. */
public record Findings(List<Finding> errors, List<Finding> warnings) {

    public Findings {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean acceptable(boolean warningsConfirmed) {
        return errors.isEmpty() && (warnings.isEmpty() || warningsConfirmed);
    }
}
