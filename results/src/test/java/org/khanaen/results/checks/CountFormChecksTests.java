package org.khanaen.results.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.khanaen.results.checks.Findings.Finding;
import org.khanaen.results.checks.Tally.CountForm;

/** The count form's own arithmetic (ส.ส. 5/18): its sums are errors, the voters who came against the ballots used a warning. */
class CountFormChecksTests {

    private static final CheckContext.Tolerances TOLERANCES = CheckContext.Tolerances.DEFAULT;

    /** 300 registered; 240 valid + 8 invalid + 2 no vote = 250 used; 252 came; 300 received, 50 left. */
    private static Tally tally() {
        return new Tally(Map.of(1, 120L, 2, 90L, 3, 30L), 240, 8, 2, 250, true);
    }

    private static List<String> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).toList();
    }

    @Test
    void aFormWhoseBallotsAddUpAndWhoseVotersMatchTheBallotsPassesEveryCheck() {
        Findings found = CountFormChecks.run(tally(), new CountForm(250, 300, 50), 300, TOLERANCES);

        assertThat(found.errors()).isEmpty();
        assertThat(found.warnings()).isEmpty();
    }

    @Test
    void ballotsReceivedMustBeTheBallotsUsedAndThoseLeft() {
        Findings found = CountFormChecks.run(tally(), new CountForm(250, 300, 49), 300, TOLERANCES);

        assertThat(codes(found.errors())).containsExactly("ballots-received-sum");
        assertThat(found.errors().getFirst().arguments()).containsExactly(250L, 49L, 299L, 300L);
    }

    @Test
    void moreVotersWhoCameThanRegisteredIsAnError() {
        Findings found = CountFormChecks.run(tally(), new CountForm(301, 400, 150), 300, TOLERANCES);

        assertThat(codes(found.errors())).containsExactly("came-over-registered");
    }

    @Test
    void votersWhoCameAndBallotsUsedMayDifferEitherWayButTheVolunteerConfirmsIt() {
        Findings fewerBallots = CountFormChecks.run(tally(), new CountForm(252, 300, 50), 300, TOLERANCES);
        Findings moreBallots = CountFormChecks.run(tally(), new CountForm(249, 300, 50), 300, TOLERANCES);

        assertThat(fewerBallots.errors()).isEmpty();
        assertThat(codes(fewerBallots.warnings())).containsExactly("came-over-used");
        assertThat(fewerBallots.warnings().getFirst().arguments()).containsExactly(252L, 250L, 2L);
        assertThat(codes(moreBallots.warnings())).containsExactly("used-over-came");
        assertThat(fewerBallots.acceptable(false)).isFalse();
        assertThat(fewerBallots.acceptable(true)).isTrue();
    }

    @Test
    void negativeFiguresAreErrors() {
        Findings found = CountFormChecks.run(tally(), new CountForm(-1, -2, -3), 300, TOLERANCES);

        assertThat(codes(found.errors())).contains("negative-voters-came", "negative-ballots-received", "negative-ballots-left");
    }

    @Test
    void aRunningTallyIsNotHeldToTheFormsSums() {
        Tally running = new Tally(Map.of(1, 10L), 0, 0, 0, 0, false);

        assertThat(CountFormChecks.run(running, new CountForm(250, 300, 0), 300, TOLERANCES).errors()).isEmpty();
    }

    @Test
    void onlyAFormWhoseOwnSumsFailMayBeAcceptedAsWrittenAndOnlyWithAReason() {
        // the national 2023 file's BKK_15 in small: the votes make one ballot fewer than the valid ballots written
        Tally offByOne = new Tally(Map.of(1, 120L, 2, 90L, 3, 29L), 240, 8, 2, 250, true);
        CheckContext context = new CheckContext(300, Set.of(1, 2, 3), Set.of(), Optional.empty(), List.of(), List.of(), TOLERANCES);
        Findings sums = Checks.run(offByOne, context);
        assertThat(codes(sums.errors())).containsExactly("votes-sum");

        assertThat(sums.acceptableAsWritten("as written on the signed form, photo 2")).isTrue();
        assertThat(sums.acceptableAsWritten(" ")).isFalse();
        Findings unknownNumber = Checks.run(new Tally(Map.of(1, 120L, 9, 120L), 240, 8, 2, 250, true), context);
        assertThat(unknownNumber.acceptableAsWritten("as written")).isFalse();
        Findings overRegistered = Checks.run(new Tally(Map.of(1, 301L), 300, 0, 0, 301, true), context);
        assertThat(overRegistered.acceptableAsWritten("as written")).isFalse();
        Findings nothingWrong = Checks.run(tally(), context);
        assertThat(nothingWrong.acceptableAsWritten("as written")).isFalse();
    }

    @Test
    void everyFindingIsSaidWithItsNumbersInThaiAndEnglish() {
        Finding sum = CountFormChecks.run(tally(), new CountForm(250, 300, 49), 300, TOLERANCES).errors().getFirst();
        ResourceBundle th = ResourceBundle.getBundle("i18n/reports", Locale.forLanguageTag("th"));
        ResourceBundle en = ResourceBundle.getBundle("i18n/reports", Locale.ENGLISH);
        assertThat(MessageFormat.format(en.getString(sum.messageKey()), sum.arguments().toArray()))
                .isEqualTo("Ballots used 250 + ballots left 49 = 299 must equal the ballots received (300)");
        assertThat(MessageFormat.format(th.getString(sum.messageKey()), sum.arguments().toArray())).contains("250", "49", "299", "300");
        for (String code : List.of("negative-voters-came", "negative-ballots-received", "negative-ballots-left", "ballots-received-sum",
                "came-over-registered", "used-over-came", "came-over-used")) {
            assertThat(th.containsKey("report.check." + code)).as(code).isTrue();
            assertThat(en.containsKey("report.check." + code)).as(code).isTrue();
        }
    }
}
