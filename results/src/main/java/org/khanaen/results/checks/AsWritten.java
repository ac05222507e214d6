package org.khanaen.results.checks;

import java.util.Set;
import org.khanaen.results.checks.Findings.Finding;

/**
 * A signed count form that does not add up is still the station's official document: a verifier may accept it "as
 * written on the form", with a reason, and it is then counted as written and marked so wherever it is shown. Only the
 * form's own sums may fail for that; a negative count, a number not on the ballot or more ballots than voters are
 * mistakes of the report, not of the form.
 */
final class AsWritten {

    /** The identities of the form itself. */
    static final Set<String> FORM_SUMS = Set.of("votes-sum", "ballots-sum", "ballots-received-sum");

    private AsWritten() {
    }

    /** Whether these findings may be accepted as written, for this reason. */
    static boolean acceptable(Findings findings, String reason) {
        return reason != null && !reason.isBlank() && !findings.errors().isEmpty() && onlyFormSums(findings.errors());
    }

    /** Every one of these errors is a sum of the form's own. */
    static boolean onlyFormSums(java.util.List<Finding> errors) {
        return errors.stream().allMatch(e -> FORM_SUMS.contains(e.code()));
    }
}
