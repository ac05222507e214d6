package org.khanaen.results.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.khanaen.results.checks.Findings.Finding;
import org.khanaen.results.checks.Tally.CountForm;

/**
 * The count form's own arithmetic between its parts, beside {@link Checks}. Which is an error and which a warning follows
 * the form: its sums are identities (the ballots received are the ballots used and those left, as the valid, invalid
 * and no-vote ballots are the ballots used), so breaking one is an error; the voters who came and the ballots used are
 * counted separately and may differ (a voter who signs and leaves without casting, a ballot taken away), so a
 * difference is a warning the volunteer confirms from the form. Only a final count is held to them, and each check only
 * to the figures that were given.
 */
final class CountFormChecks {

    private CountFormChecks() {
    }

    /** Counts are not negative. */
    static List<Finding> nonNegative(CountForm f) {
        List<Finding> out = new ArrayList<>();
        if (f.votersCame() != null && f.votersCame() < 0) {
            out.add(Finding.error("negative-voters-came", f.votersCame()));
        }
        if (f.ballotsReceived() != null && f.ballotsReceived() < 0) {
            out.add(Finding.error("negative-ballots-received", f.ballotsReceived()));
        }
        if (f.ballotsLeft() != null && f.ballotsLeft() < 0) {
            out.add(Finding.error("negative-ballots-left", f.ballotsLeft()));
        }
        return out;
    }

    /** Ballots received = ballots used + ballots left (an identity of the form: an error). */
    static List<Finding> ballotsAccounted(Tally t, CountForm f) {
        if (f.ballotsReceived() == null || f.ballotsLeft() == null) {
            return List.of();
        }
        long sum = Tally.plus(t.ballotsUsed(), f.ballotsLeft());
        return t.isFinal() && sum != f.ballotsReceived()
                ? List.of(Finding.error("ballots-received-sum", t.ballotsUsed(), f.ballotsLeft(), sum, f.ballotsReceived()))
                : List.of();
    }

    /** The voters who came ≤ the registered voters, within the election's tolerance (as check 4 for the ballots used). */
    static List<Finding> cameWithinRegistered(CountForm f, long registered, CheckContext.Tolerances tolerances) {
        long allowed = (long) Math.floor(registered * (1 + tolerances.overRegistered()));
        return f.votersCame() != null && f.votersCame() > allowed ? List.of(Finding.error("came-over-registered", f.votersCame(), registered, allowed)) : List.of();
    }

    /** More ballots in the box than voters who signed: possible on the form, but the volunteer confirms it. */
    static List<Finding> usedOverCame(Tally t, CountForm f) {
        return t.isFinal() && f.votersCame() != null && t.ballotsUsed() > f.votersCame()
                ? List.of(Finding.warning("used-over-came", t.ballotsUsed(), f.votersCame(), t.ballotsUsed() - f.votersCame()))
                : List.of();
    }

    /** Voters who signed but whose ballot is not counted: possible on the form, the volunteer confirms it. */
    static List<Finding> cameOverUsed(Tally t, CountForm f) {
        return t.isFinal() && f.votersCame() != null && f.votersCame() > t.ballotsUsed()
                ? List.of(Finding.warning("came-over-used", f.votersCame(), t.ballotsUsed(), f.votersCame() - t.ballotsUsed()))
                : List.of();
    }

    /** Everything the form's figures break, in the checks' order. */
    static List<Finding> all(Tally t, CountForm f, long registered, CheckContext.Tolerances tolerances) {
        return Stream.of(nonNegative(f), ballotsAccounted(t, f), cameWithinRegistered(f, registered, tolerances),
                usedOverCame(t, f), cameOverUsed(t, f)).flatMap(List::stream).toList();
    }

    /** Everything the form's figures break, errors first. */
    static Findings run(Tally t, CountForm f, long registered, CheckContext.Tolerances tolerances) {
        List<Finding> all = all(t, f, registered, tolerances);
        return new Findings(all.stream().filter(x -> x.severity() == Finding.Severity.ERROR).toList(),
                all.stream().filter(x -> x.severity() == Finding.Severity.WARNING).toList());
    }
}
