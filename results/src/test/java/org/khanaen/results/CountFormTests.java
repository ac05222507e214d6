package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.khanaen.results.ReportFixture.ELECTION;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.LiveResults.View;
import org.khanaen.results.ReportIntake.Outcome;
import org.khanaen.results.ReportIntake.Result;
import org.khanaen.results.ReportIntake.Submission;
import org.khanaen.results.WarRoom.ContestState;
import org.khanaen.results.checks.Findings.Finding;
import org.khanaen.results.checks.Tally;
import org.khanaen.results.checks.Tally.CountForm;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The count form's full arithmetic through both ways a report is stored, a form that does not add up accepted as
 * written by a verifier and marked so, and turnout counted as the commission counts it: the voters who came.
 */
@SpringBootTest
class CountFormTests {

    @Autowired ReportSubmissions submissions;
    @Autowired ReportBatches batches;
    @Autowired WarRoom warRoom;
    @Autowired LeadResults leads;
    @Autowired LiveResults live;
    @Autowired ContestChanges changes;
    @Autowired ReportFixture fixture;
    @Autowired JdbcClient jdbc;

    private static Submission report(StationPoint station, VolunteerId who, String key, Tally tally, boolean asWritten) {
        return new Submission(ELECTION, station.id(), "constituency", who, "volunteer " + who.value(), key, tally, true, List.of(),
                asWritten);
    }

    /** A good count whose form's figures add up: as many came as ballots used, 40 ballots left of those received. */
    private Tally withForm(StationPoint station) {
        Tally t = fixture.goodCount(station, "constituency");
        return t.withForm(new CountForm(t.ballotsUsed(), t.ballotsUsed() + 40, 40));
    }

    /** The same count, one vote more for the first candidate than the valid ballots, as a signed form may say. */
    private static Tally votesOverValid(Tally t) {
        var votes = new java.util.TreeMap<>(t.votes());
        votes.merge(votes.firstKey(), 1L, Long::sum);
        return new Tally(votes, t.valid(), t.invalid(), t.noVote(), t.ballotsUsed(), true, t.form());
    }

    private static List<String> errors(Result r) {
        return r.findings().errors().stream().map(Finding::code).toList();
    }

    private String column(String column, long reportId) {
        return jdbc.sql("select " + column + " from station_report where id = ?").param(reportId).query((rs, n) -> rs.getString(1))
                .list().getFirst();
    }

    @Test
    void theFormsFiguresAreCheckedAndStoredWithTheCount() {
        OrganisationId org = fixture.organisation("form-figures");
        StationPoint station = fixture.stationsOf("PKT_2").get(10);
        VolunteerId primary = fixture.placed(org, station, StationRole.PRIMARY);
        Tally good = withForm(station);
        Tally leftWrong = good.withForm(new CountForm(good.ballotsUsed(), good.ballotsUsed() + 40, 39));

        Result refused = submissions.submit(report(station, primary, "form-fig-01", leftWrong, false));
        Result stored = submissions.submit(report(station, primary, "form-fig-02", good, false));

        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(errors(refused)).containsExactly("ballots-received-sum");
        assertThat(stored.outcome()).isEqualTo(Outcome.STORED);
        assertThat(column("voters_came", stored.reportId())).isEqualTo(String.valueOf(good.ballotsUsed()));
        assertThat(column("ballots_received", stored.reportId())).isEqualTo(String.valueOf(good.ballotsUsed() + 40));
        assertThat(column("ballots_left", stored.reportId())).isEqualTo("40");
        assertThat(column("as_written", stored.reportId())).isNull();
    }

    @Test
    void aFormThatDoesNotAddUpIsKeptAsWrittenOnlyWhenTheReporterSaysSoAndNeverVerifiedByAgreement() {
        OrganisationId org = fixture.organisation("form-as-written");
        StationPoint station = fixture.stationsOf("PKT_2").get(11);
        VolunteerId primary = fixture.placed(org, station, StationRole.PRIMARY);
        VolunteerId backup = fixture.placed(org, station, StationRole.BACKUP);
        Tally asSigned = votesOverValid(withForm(station));

        Result refused = submissions.submit(report(station, primary, "form-aw-01", asSigned, false));
        Result kept = submissions.submit(report(station, primary, "form-aw-02", asSigned, true));
        Result agreeing = submissions.submit(report(station, backup, "form-aw-03", asSigned, true));

        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(errors(refused)).containsExactly("votes-sum");
        assertThat(kept.outcome()).isEqualTo(Outcome.STORED);
        assertThat(column("as_written", kept.reportId())).isEqualTo("votes-sum");
        assertThat(agreeing.outcome()).isEqualTo(Outcome.STORED);
        // two people agree on what the form says, but only a verifier who reads its photo may accept it
        long item = leads.item(station.id(), "constituency").orElseThrow();
        WarRoom.Item waiting = warRoom.item(item).orElseThrow();
        assertThat(waiting.state()).isEqualTo(ContestState.FINAL);
        assertThat(waiting.inQueue()).isTrue();
        assertThat(waiting.reports()).allSatisfy(r -> assertThat(r.asWritten()).containsExactly("votes-sum"));
        assertThat(jdbc.sql("select queue_rank from station_contest where id = ?").param(item).query(Integer.class).single()).isZero();
    }

    @Test
    void aLeadCannotConfirmAFormThatDoesNotAddUpOnlyTheWarRoomAcceptsItAsWritten() {
        OrganisationId org = fixture.organisation("form-lead");
        StationPoint station = fixture.stationsOf("PKT_2").get(16);
        VolunteerId primary = fixture.placed(org, station, StationRole.PRIMARY);
        VolunteerId lead = fixture.lead(org, station);
        long report = submissions.submit(report(station, primary, "form-lead-01", votesOverValid(withForm(station)), true)).reportId();
        long item = leads.item(station.id(), "constituency").orElseThrow();

        // a lead's confirmation has no reason and is not marked as written: the public would see it as a count that adds up
        assertThatThrownBy(() -> leads.confirm(ELECTION, lead, item, report, "lead")).hasMessage("verification.problem.as-written-for-war-room");
        WarRoom.Item waiting = warRoom.item(item).orElseThrow();
        assertThat(waiting.state()).isEqualTo(ContestState.FINAL);
        assertThat(waiting.inQueue()).isTrue();
    }

    @Test
    void aSlipOfTheReportNotOfTheFormIsRefusedEvenAsWritten() {
        OrganisationId org = fixture.organisation("form-not-form");
        StationPoint station = fixture.stationsOf("PKT_2").get(12);
        VolunteerId primary = fixture.placed(org, station, StationRole.PRIMARY);
        Tally good = withForm(station);
        Tally moreCameThanRegistered = votesOverValid(good).withForm(new CountForm(station.registeredVoters() + 1L, null, null));

        Result refused = submissions.submit(report(station, primary, "form-nf-01", moreCameThanRegistered, true));

        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(errors(refused)).containsExactlyInAnyOrder("votes-sum", "came-over-registered");
    }

    @Test
    void aVerifierAcceptsAFormAsWrittenOnlyWithAReasonAndItIsMarkedAndCountedAsWritten() {
        OrganisationId org = fixture.organisation("form-accept");
        StationPoint station = fixture.stationsOf("PKT_2").get(13);
        VolunteerId primary = fixture.placed(org, station, StationRole.PRIMARY);
        Tally asSigned = votesOverValid(withForm(station));
        long report = submissions.submit(report(station, primary, "form-acc-01", asSigned, true)).reportId();
        long item = leads.item(station.id(), "constituency").orElseThrow();
        assertThat(warRoom.claim(item, "verifier-form")).isTrue();

        assertThatThrownBy(() -> warRoom.approve(item, report, "verifier-form", " "))
                .isInstanceOfSatisfying(ReportProblem.class, p -> assertThat(p.key()).isEqualTo("verification.problem.reason-required"));
        warRoom.approve(item, report, "verifier-form", "the signed form on photo 1 reads so");

        WarRoom.Item accepted = warRoom.item(item).orElseThrow();
        assertThat(accepted.state()).isEqualTo(ContestState.VERIFIED);
        assertThat(accepted.asWritten()).isTrue();
        assertThat(accepted.verified().votes()).isEqualTo(asSigned.votes());
        assertThat(accepted.verified().form()).isEqualTo(asSigned.form());
        assertThat(accepted.steps().getLast().action()).isEqualTo("AS_WRITTEN");
        assertThat(accepted.steps().getLast().reason()).isEqualTo("the signed form on photo 1 reads so");
        awaitUntil(() -> live.station(ELECTION, station.id(), View.VERIFIED).orElseThrow().contests().getFirst().version() == 1);
        var shown = live.station(ELECTION, station.id(), View.VERIFIED).orElseThrow().contests().getFirst();
        assertThat(shown.asWritten()).isTrue();
        assertThat(shown.numbers().votes()).isEqualTo(asSigned.votes());
    }

    @Test
    void aVerifiersOwnNumbersMayAlsoBeTheFormAsWrittenButOnlyItsOwnSums() {
        OrganisationId org = fixture.organisation("form-correct");
        StationPoint station = fixture.stationsOf("PKT_2").get(14);
        VolunteerId primary = fixture.placed(org, station, StationRole.PRIMARY);
        Tally good = withForm(station);
        submissions.submit(report(station, primary, "form-cor-01", good, false));
        long item = leads.item(station.id(), "constituency").orElseThrow();
        assertThat(warRoom.claim(item, "verifier-form2")).isTrue();
        Tally asSigned = votesOverValid(good);

        assertThat(warRoom.correct(item, asSigned, "verifier-form2", "typed from the form", false).errors()).isNotEmpty();
        assertThat(warRoom.item(item).orElseThrow().state()).isEqualTo(ContestState.FINAL);
        assertThat(warRoom.correct(item, asSigned, "verifier-form2", "typed from the form", true).errors()).isEmpty();

        WarRoom.Item accepted = warRoom.item(item).orElseThrow();
        assertThat(accepted.state()).isEqualTo(ContestState.VERIFIED);
        assertThat(accepted.asWritten()).isTrue();
        assertThat(accepted.steps().getLast().action()).isEqualTo("AS_WRITTEN");
    }

    @Test
    void aBatchedReportFollowsTheSameRulesAsOneAlone() throws Exception {
        OrganisationId org = fixture.organisation("form-batch");
        StationPoint station = fixture.stationsOf("PKT_2").get(15);
        VolunteerId primary = fixture.placed(org, station, StationRole.PRIMARY);
        Tally good = withForm(station);
        Tally asSigned = votesOverValid(good);
        Tally leftWrong = good.withForm(new CountForm(good.ballotsUsed(), good.ballotsUsed() + 40, 39));

        List<CompletableFuture<Result>> answers = batches.writeTogether(List.of(
                submissions.prepare(report(station, primary, "form-bat-01", leftWrong, false)),
                submissions.prepare(report(station, primary, "form-bat-02", asSigned, false)),
                submissions.prepare(report(station, primary, "form-bat-03", asSigned, true))));

        assertThat(errors(answer(answers.get(0)))).containsExactly("ballots-received-sum");
        assertThat(errors(answer(answers.get(1)))).containsExactly("votes-sum");
        Result kept = answer(answers.get(2));
        assertThat(kept.outcome()).isEqualTo(Outcome.STORED);
        assertThat(column("as_written", kept.reportId())).isEqualTo("votes-sum");
        assertThat(column("voters_came", kept.reportId())).isEqualTo(String.valueOf(good.ballotsUsed()));
        assertThat(column("ballots_left", kept.reportId())).isEqualTo("40");
        assertThat(warRoom.item(leads.item(station.id(), "constituency").orElseThrow()).orElseThrow().inQueue()).isTrue();
    }

    @Test
    void turnoutIsTheVotersWhoCameByTheFormNotTheBallotsUsed() {
        OrganisationId org = fixture.organisation("form-turnout");
        StationPoint station = fixture.stationsOf("PKT_2").get(2);
        VolunteerId primary = fixture.placed(org, station, StationRole.PRIMARY);
        Tally count = fixture.goodCount(station, "constituency");
        // two voters signed the register and left without casting this ballot
        Tally came = count.withForm(new CountForm(count.ballotsUsed() + 2, null, null));
        long before = votersOf(station);
        long v0 = live.version(ELECTION);

        Result stored = submissions.submit(report(station, primary, "form-turn-01", came, false));

        assertThat(stored.findings().warnings()).extracting(Finding::code).containsExactly("came-over-used");
        awaitUntil(() -> live.version(ELECTION) > v0 && votersOf(station) != before);
        assertThat(votersOf(station)).isEqualTo(before + count.ballotsUsed() + 2);
        var shown = live.station(ELECTION, station.id(), View.PROVISIONAL).orElseThrow().contests().getFirst();
        assertThat(shown.numbers().votersCame()).isEqualTo(count.ballotsUsed() + 2);
        assertThat(shown.asWritten()).isFalse();
    }

    private long votersOf(StationPoint station) {
        return live.constituency(ELECTION, station.constituencyCode(), View.PROVISIONAL).orElseThrow().contests().stream()
                .filter(c -> c.contest().equals("constituency")).findFirst().orElseThrow().totals().voters();
    }

    private static Result answer(CompletableFuture<Result> f) throws InterruptedException, ExecutionException {
        return f.get();
    }

    private static void awaitUntil(BooleanSupplier condition) {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("not reached in 20 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
