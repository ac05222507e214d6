package org.khanaen.results.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.khanaen.results.checks.Findings.Finding;

/**
 * The checks of PRODUCT.md ("Domain facts"), each a small named rule. Hard errors (1–4 and unknown
 * numbers) stop a report; warnings (5) need the volunteer's explicit confirmation. Sums and totals are
 * only required of a final count: running tallies during the count are incomplete by nature.
 */
public final class Checks {

    private Checks() {
    }

    /** 1. Counts are non-negative integers (the form takes only integers; the sign is checked here). */
    public static final ReportCheck NON_NEGATIVE = (t, c) -> {
        List<Finding> found = new ArrayList<>();
        t.votes().forEach((number, votes) -> {
            if (votes < 0) {
                found.add(Finding.error("negative-votes", number, votes));
            }
        });
        Map<String, Long> totals = Map.of("valid", t.valid(), "invalid", t.invalid(), "no-vote", t.noVote(), "ballots-used", t.ballotsUsed());
        totals.entrySet().stream().filter(e -> e.getValue() < 0).sorted(Map.Entry.comparingByKey())
                .forEach(e -> found.add(Finding.error("negative-" + e.getKey(), e.getValue())));
        return found;
    };

    /** Every number reported belongs to the contest. */
    public static final ReportCheck KNOWN_NUMBERS = (t, c) -> t.votes().keySet().stream()
            .filter(n -> !c.ballotNumbers().contains(n)).map(n -> Finding.error("unknown-number", n)).toList();

    /** 2. Sum of votes = valid ballots. */
    public static final ReportCheck VOTES_ADD_UP = (t, c) -> t.isFinal() && t.sumOfVotes() != t.valid()
            ? List.of(Finding.error("votes-sum", t.sumOfVotes(), t.valid()))
            : List.of();

    /** 3. Valid + invalid + no-vote = ballots used. */
    public static final ReportCheck BALLOTS_ADD_UP = (t, c) -> {
        long sum = Tally.plus(Tally.plus(t.valid(), t.invalid()), t.noVote());
        return t.isFinal() && sum != t.ballotsUsed()
                ? List.of(Finding.error("ballots-sum", t.valid(), t.invalid(), t.noVote(), sum, t.ballotsUsed()))
                : List.of();
    };

    /** 4. Ballots used ≤ registered voters, within the election's tolerance; also for a running tally. */
    public static final ReportCheck WITHIN_REGISTERED = (t, c) -> {
        long allowed = (long) Math.floor(c.registeredVoters() * (1 + c.tolerances().overRegistered()));
        long used = Math.max(t.ballotsUsed(), t.isFinal() ? 0 : Tally.plus(Tally.plus(t.sumOfVotes(), t.invalid()), t.noVote()));
        return used > allowed ? List.of(Finding.error("over-registered", used, c.registeredVoters(), allowed)) : List.of();
    };

    /** 5a. Constituency and party-list ballots used differ ("ballot surplus"). */
    public static final ReportCheck BALLOT_SURPLUS = (t, c) -> c.otherContest()
            .filter(o -> t.isFinal() && o.isFinal() && Math.abs(o.ballotsUsed() - t.ballotsUsed()) > c.tolerances().ballotSurplus())
            .map(o -> List.of(Finding.warning("ballot-surplus", t.ballotsUsed(), o.ballotsUsed(), Math.abs(o.ballotsUsed() - t.ballotsUsed()))))
            .orElse(List.of());

    /** 5b. A major party at 0, in a station large enough for that to be odd. */
    public static final ReportCheck MAJOR_PARTY_AT_ZERO = (t, c) -> t.isFinal() && t.valid() >= c.tolerances().majorPartyMinValid()
            ? c.majorParties().stream().sorted().filter(n -> t.votes().getOrDefault(n, 0L) == 0)
                    .map(n -> Finding.warning("major-party-zero", n, t.valid())).toList()
            : List.of();

    /** 5c. The same photo was sent for another station. */
    public static final ReportCheck PHOTO_REUSED = (t, c) -> c.samePhotoAt().isEmpty() ? List.of()
            : List.of(Finding.warning("photo-reused", String.join(", ", c.samePhotoAt())));

    /** 5d. Exactly the same votes as another station. */
    public static final ReportCheck SAME_VOTES = (t, c) -> t.isFinal() && !c.sameVotesAt().isEmpty()
            ? List.of(Finding.warning("same-votes", String.join(", ", c.sameVotesAt())))
            : List.of();

    /** 5e. More invalid ballots than the winner's margin: they could have decided the station. */
    public static final ReportCheck INVALID_OVER_MARGIN = (t, c) -> {
        long[] top = t.topTwo();
        long margin = top[0] - top[1];
        return t.isFinal() && t.votes().size() >= 2 && t.invalid() > margin
                ? List.of(Finding.warning("invalid-over-margin", t.invalid(), margin, top[0], top[1]))
                : List.of();
    };

    /** 6. The count form's other figures: its own sums, and the voters who came against the ballots ({@link CountFormChecks}). */
    public static final ReportCheck COUNT_FORM = (t, c) -> CountFormChecks.all(t, t.form(), c.registeredVoters(), c.tolerances());

    public static final List<ReportCheck> ALL = List.of(NON_NEGATIVE, KNOWN_NUMBERS, VOTES_ADD_UP, BALLOTS_ADD_UP, WITHIN_REGISTERED,
            BALLOT_SURPLUS, MAJOR_PARTY_AT_ZERO, PHOTO_REUSED, SAME_VOTES, INVALID_OVER_MARGIN, COUNT_FORM);

    /** Everything the report breaks, errors first. */
    public static Findings run(Tally tally, CheckContext context) {
        List<Finding> all = ALL.stream().flatMap(check -> check.check(tally, context).stream()).toList();
        Map<Finding.Severity, List<Finding>> bySeverity = all.stream().collect(Collectors.groupingBy(Finding::severity));
        return new Findings(bySeverity.getOrDefault(Finding.Severity.ERROR, List.of()), bySeverity.getOrDefault(Finding.Severity.WARNING, List.of()));
    }
}
