package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.khanaen.results.checks.CheckContext;
import org.khanaen.results.checks.Checks;
import org.khanaen.results.checks.Findings;
import org.khanaen.results.checks.Findings.Finding;
import org.khanaen.results.checks.Tally;

/** Every check of PRODUCT.md fires on a hand-made bad report, and a good report passes them all. */
class ChecksTests {

    private static final Set<Integer> NUMBERS = Set.of(1, 2, 3);

    /** 300 registered; 1: 120, 2: 90, 3: 30 = 240 valid; 8 invalid; 2 no vote; 250 used. */
    private static Tally good() {
        return new Tally(Map.of(1, 120L, 2, 90L, 3, 30L), 240, 8, 2, 250, true);
    }

    private static CheckContext context() {
        return new CheckContext(300, NUMBERS, Set.of(), Optional.empty(), List.of(), List.of(), CheckContext.Tolerances.DEFAULT);
    }

    private static List<String> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).toList();
    }

    @Test
    void aGoodFinalReportPassesEveryCheck() {
        Findings findings = Checks.run(good(), new CheckContext(300, NUMBERS, Set.of(1, 2), Optional.of(good()), List.of(), List.of(),
                CheckContext.Tolerances.DEFAULT));
        assertThat(findings.errors()).isEmpty();
        assertThat(findings.warnings()).isEmpty();
        assertThat(findings.acceptable(false)).isTrue();
    }

    @Test
    void negativeCountsAreErrors() {
        Tally bad = new Tally(Map.of(1, -1L, 2, 90L), 89, -3, 0, 86, true);
        assertThat(codes(Checks.run(bad, context()).errors())).contains("negative-votes", "negative-invalid");
    }

    @Test
    void numbersOutsideTheContestAreErrors() {
        Tally bad = new Tally(Map.of(1, 120L, 2, 90L, 3, 20L, 9, 10L), 240, 8, 2, 250, true);
        assertThat(Checks.run(bad, context()).errors()).singleElement()
                .satisfies(f -> assertThat(f).isEqualTo(new Finding("unknown-number", Finding.Severity.ERROR, List.of(9))));
    }

    @Test
    void votesMustAddUpToTheValidBallotsInAFinalCount() {
        Tally bad = new Tally(Map.of(1, 120L, 2, 90L, 3, 31L), 240, 8, 2, 250, true);
        assertThat(Checks.run(bad, context()).errors()).singleElement()
                .satisfies(f -> assertThat(f.arguments()).containsExactly(241L, 240L));
        Tally running = new Tally(Map.of(1, 60L, 2, 40L), 0, 3, 0, 0, false);
        assertThat(Checks.run(running, context()).errors()).isEmpty();
    }

    @Test
    void validInvalidAndNoVoteMustAddUpToTheBallotsUsed() {
        Tally bad = new Tally(Map.of(1, 120L, 2, 90L, 3, 30L), 240, 8, 2, 251, true);
        assertThat(Checks.run(bad, context()).errors()).singleElement()
                .satisfies(f -> assertThat(f.arguments()).containsExactly(240L, 8L, 2L, 250L, 251L));
    }

    @Test
    void ballotsUsedMayNotExceedTheRegisteredVotersBeyondTheTolerance() {
        Tally many = new Tally(Map.of(1, 200L, 2, 100L, 3, 10L), 310, 0, 0, 310, true);
        assertThat(codes(Checks.run(many, context()).errors())).containsExactly("over-registered");
        CheckContext tolerant = new CheckContext(300, NUMBERS, Set.of(), Optional.empty(), List.of(), List.of(),
                new CheckContext.Tolerances(0.05, 0, 100));
        assertThat(Checks.run(many, tolerant).errors()).isEmpty();
        // a running tally already above the registered voters is wrong too
        Tally running = new Tally(Map.of(1, 250L, 2, 60L), 0, 0, 0, 0, false);
        assertThat(codes(Checks.run(running, context()).errors())).containsExactly("over-registered");
    }

    @Test
    void unusualButPossibleCountsAreWarnings() {
        Tally partyList = new Tally(Map.of(1, 120L, 2, 0L, 3, 120L), 240, 8, 2, 250, true);
        Tally otherContest = new Tally(Map.of(1, 240L), 240, 10, 3, 253, true);
        CheckContext context = new CheckContext(300, NUMBERS, Set.of(1, 2), Optional.of(otherContest), List.of("BKK_1-002"),
                List.of("BKK_1-009"), CheckContext.Tolerances.DEFAULT);

        Findings findings = Checks.run(partyList, context);

        assertThat(findings.errors()).isEmpty();
        assertThat(codes(findings.warnings())).containsExactly("ballot-surplus", "major-party-zero", "photo-reused", "same-votes",
                "invalid-over-margin");
        assertThat(findings.acceptable(false)).isFalse();
        assertThat(findings.acceptable(true)).isTrue();
    }

    @Test
    void everyFindingIsSaidWithItsNumbersInThaiAndEnglish() {
        Tally bad = new Tally(Map.of(1, 120L, 2, 90L, 3, 31L), 240, 8, 2, 251, true);
        Finding sum = Checks.run(bad, context()).errors().get(0);
        ResourceBundle th = ResourceBundle.getBundle("i18n/reports", Locale.forLanguageTag("th"));
        ResourceBundle en = ResourceBundle.getBundle("i18n/reports", Locale.ENGLISH);
        assertThat(MessageFormat.format(en.getString(sum.messageKey()), sum.arguments().toArray()))
                .isEqualTo("The votes of all numbers (241) must equal the valid ballots (240)");
        assertThat(MessageFormat.format(th.getString(sum.messageKey()), sum.arguments().toArray())).contains("241", "240");
        for (String code : List.of("negative-votes", "negative-valid", "negative-invalid", "negative-no-vote", "negative-ballots-used",
                "unknown-number", "votes-sum", "ballots-sum", "over-registered", "ballot-surplus", "major-party-zero", "photo-reused",
                "same-votes", "invalid-over-margin")) {
            assertThat(th.containsKey("report.check." + code)).as(code).isTrue();
            assertThat(en.containsKey("report.check." + code)).as(code).isTrue();
        }
    }
}
