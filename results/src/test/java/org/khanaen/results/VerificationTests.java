package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.khanaen.results.ReportFixture.ELECTION;
import static org.khanaen.results.ReportFixture.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.WarRoom.ContestState;
import org.khanaen.results.checks.Tally;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Verifying a station's contest: agreement, conflicts, the war room's claims and decisions, the lead's confirmation. */
@SpringBootTest
@RecordApplicationEvents
class VerificationTests {

    @Autowired ReportSubmissions submissions;
    @Autowired WarRoom warRoom;
    @Autowired LeadResults leads;
    @Autowired ReportFixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEvents events;

    private long item(StationPoint station, String contest) {
        return leads.item(station.id(), contest).orElseThrow();
    }

    private ContestState state(long item) {
        return warRoom.item(item).orElseThrow().state();
    }

    private String reportStatus(long id) {
        return jdbc.sql("select status from station_report where id = ?").param(id).query(String.class).single();
    }

    private List<StationContestVerified> verified(StationPoint station) {
        return events.stream(StationContestsVerified.class).flatMap(e -> e.contests().stream()).filter(e -> e.stationId() == station.id())
                .toList();
    }

    @Test
    void twoAgreeingReportsFromTwoPeopleVerifyAndTheEventCarriesTheNumbers() {
        OrganisationId org = fixture.organisation("verify-agree");
        StationPoint station = fixture.stations().get(20);
        VolunteerId primary = fixture.placed(org, station, StationRole.PRIMARY);
        VolunteerId backup = fixture.placed(org, station, StationRole.BACKUP);
        Tally count = fixture.goodCount(station, "constituency");

        long first = submissions.submit(report(station, "constituency", primary, "agree-0001", count)).reportId();
        long item = item(station, "constituency");
        assertThat(state(item)).isEqualTo(ContestState.FINAL);
        // the same person again is not a second, independent count
        submissions.submit(report(station, "constituency", primary, "agree-0002", count));
        assertThat(state(item)).isEqualTo(ContestState.FINAL);
        assertThat(verified(station)).isEmpty();

        long second = submissions.submit(report(station, "constituency", backup, "agree-0003", count)).reportId();

        assertThat(state(item)).isEqualTo(ContestState.VERIFIED);
        assertThat(reportStatus(first)).isEqualTo("VERIFIED");
        assertThat(reportStatus(second)).isEqualTo("VERIFIED");
        assertThat(verified(station)).singleElement().satisfies(e -> {
            assertThat(e.version()).isEqualTo(1);
            assertThat(e.how()).isEqualTo("AGREEMENT");
            assertThat(e.votes()).isEqualTo(count.votes());
            assertThat(e.valid()).isEqualTo(count.valid());
            assertThat(e.ballotsUsed()).isEqualTo(count.ballotsUsed());
            assertThat(e.reporters()).containsExactlyInAnyOrder(primary, backup);
        });
        assertThat(warRoom.queue(ELECTION, 500)).noneMatch(q -> q.id() == item);
    }

    /**
     * Issue 25: the same volunteer sending a changed count corrects their own report; it is no second source, so the
     * station is not in conflict with itself. Another person's different count still is.
     */
    @Test
    void aChangedCountFromTheSameReporterCorrectsTheirOwnReportAndIsNoConflict() {
        OrganisationId org = fixture.organisation("verify-correction");
        StationPoint station = fixture.stations().get(47);
        VolunteerId primary = fixture.placed(org, station, StationRole.PRIMARY);
        VolunteerId backup = fixture.placed(org, station, StationRole.BACKUP);
        Tally typo = fixture.goodCount(station, "constituency", 10);
        Tally right = fixture.goodCount(station, "constituency");
        long first = submissions.submit(report(station, "constituency", primary, "correction-01", typo)).reportId();
        long second = submissions.submit(report(station, "constituency", primary, "correction-02", right)).reportId();
        long item = item(station, "constituency");

        assertThat(state(item)).isEqualTo(ContestState.FINAL);
        assertThat(reportStatus(first)).isEqualTo("CORRECTED");
        assertThat(reportStatus(second)).isEqualTo("RECEIVED");
        assertThat(warRoom.item(item).orElseThrow().reports()).extracting(WarRoom.ReportLine::corrects).containsExactly(null, first);
        // the same numbers again (photos sent later): a repeat, nothing corrected, still one source
        long third = submissions.submit(report(station, "constituency", primary, "correction-03", right)).reportId();
        assertThat(reportStatus(second)).isEqualTo("RECEIVED");
        assertThat(state(item)).isEqualTo(ContestState.FINAL);

        submissions.submit(report(station, "constituency", backup, "correction-04", typo));
        assertThat(state(item)).as("two people, two counts").isEqualTo(ContestState.CONFLICT);
        assertThat(reportStatus(first)).isEqualTo("CORRECTED");
        assertThat(warRoom.item(item).orElseThrow().reports()).extracting(WarRoom.ReportLine::corrects)
                .containsExactly(null, first, second, null);
        assertThat(third).isGreaterThan(second);
    }

    /**
     * Issue 25's walk: a volunteer "corrected" a right count into a wrong one, and the verifier, from the photos, approves
     * the earlier numbers. That report is verified after all, not left "replaced by report N" on the volunteer's receipt
     * while the war room shows its numbers as the verified ones; the later one is superseded.
     */
    @Test
    void aCorrectedReportWhoseNumbersTheVerifierApprovesIsVerified() {
        OrganisationId org = fixture.organisation("verify-corrected-back");
        StationPoint station = fixture.stations().get(48);
        VolunteerId primary = fixture.placed(org, station, StationRole.PRIMARY);
        Tally right = fixture.goodCount(station, "constituency");
        Tally wrong = fixture.goodCount(station, "constituency", 10);
        long first = submissions.submit(report(station, "constituency", primary, "corrected-back-01", right)).reportId();
        long second = submissions.submit(report(station, "constituency", primary, "corrected-back-02", wrong)).reportId();
        long item = item(station, "constituency");
        assertThat(reportStatus(first)).isEqualTo("CORRECTED");

        assertThat(warRoom.claim(item, "verifier-c")).isTrue();
        warRoom.approve(item, first, "verifier-c", "the tally board's photo shows the first numbers");

        assertThat(warRoom.item(item).orElseThrow().verified().votes()).isEqualTo(right.votes());
        assertThat(reportStatus(first)).isEqualTo("VERIFIED");
        assertThat(reportStatus(second)).isEqualTo("SUPERSEDED");
    }

    @Test
    void disagreeingReportsAreAConflictAtTheHeadOfTheQueueThatAVerifierResolves() {
        OrganisationId org = fixture.organisation("verify-conflict");
        StationPoint station = fixture.stations().get(21);
        VolunteerId primary = fixture.placed(org, station, StationRole.PRIMARY);
        VolunteerId backup = fixture.placed(org, station, StationRole.BACKUP);
        Tally right = fixture.goodCount(station, "constituency");
        Tally wrong = fixture.goodCount(station, "constituency", 10);
        long good = submissions.submit(report(station, "constituency", primary, "conflict-01", right)).reportId();
        long bad = submissions.submit(report(station, "constituency", backup, "conflict-02", wrong)).reportId();
        long item = item(station, "constituency");

        assertThat(state(item)).isEqualTo(ContestState.CONFLICT);
        assertThat(warRoom.queue(ELECTION, 500)).first().satisfies(q -> assertThat(q.state()).isEqualTo(ContestState.CONFLICT));
        assertThat(warRoom.counts(ELECTION).conflicts()).isPositive();

        assertThatThrownBy(() -> warRoom.approve(item, good, "verifier-a", null)).hasMessage("verification.problem.not-claimed");
        assertThat(warRoom.claim(item, "verifier-a")).isTrue();
        warRoom.approve(item, good, "verifier-a", "the form's photo shows these numbers");

        WarRoom.Item after = warRoom.item(item).orElseThrow();
        assertThat(after.state()).isEqualTo(ContestState.VERIFIED);
        assertThat(after.verified().votes()).isEqualTo(right.votes());
        assertThat(reportStatus(good)).isEqualTo("VERIFIED");
        assertThat(reportStatus(bad)).isEqualTo("SUPERSEDED");
        assertThat(after.steps()).last().satisfies(step -> {
            assertThat(step.action()).isEqualTo("APPROVED");
            assertThat(step.actor()).isEqualTo("verifier-a");
            assertThat(step.reason()).isEqualTo("the form's photo shows these numbers");
            assertThat(step.version()).isEqualTo(1);
            assertThat(step.reportId()).isEqualTo(good);
        });
        assertThat(verified(station)).singleElement().satisfies(e -> {
            assertThat(e.how()).isEqualTo("APPROVED");
            assertThat(e.reporters()).containsExactly(primary);
        });

        // a later count that disagrees reopens it as a conflict; the verified numbers stay until the war room decides
        VolunteerId lead = fixture.lead(org, station);
        submissions.submit(report(station, "constituency", lead, "conflict-03", wrong));
        assertThat(state(item)).isEqualTo(ContestState.CONFLICT);
        assertThat(warRoom.item(item).orElseThrow().verified().votes()).isEqualTo(right.votes());
        assertThat(warRoom.item(item).orElseThrow().steps()).last().satisfies(s -> assertThat(s.action()).isEqualTo("REOPENED"));
    }

    /**
     * The rehearsal's nights: a station's second volunteer sends the verified numbers after the war room approved the
     * first's; their count is verified too, and the rewards are told of them (their coupon), at the same version.
     */
    @Test
    void aFinalCountAgreeingAfterTheVerificationIsToldForItsSender() {
        OrganisationId org = fixture.organisation("verify-after");
        StationPoint station = fixture.stations().get(25);
        VolunteerId primary = fixture.placed(org, station, StationRole.PRIMARY);
        VolunteerId backup = fixture.placed(org, station, StationRole.BACKUP);
        Tally count = fixture.goodCount(station, "constituency");
        long first = submissions.submit(report(station, "constituency", primary, "after-01", count)).reportId();
        long item = item(station, "constituency");
        assertThat(warRoom.claim(item, "verifier-after")).isTrue();
        warRoom.approve(item, first, "verifier-after", null);

        long second = submissions.submit(report(station, "constituency", backup, "after-02", count)).reportId();

        assertThat(state(item)).isEqualTo(ContestState.VERIFIED);
        assertThat(reportStatus(second)).isEqualTo("VERIFIED");
        assertThat(verified(station)).hasSize(2).satisfies(events -> {
            assertThat(events.get(0).how()).isEqualTo("APPROVED");
            assertThat(events.get(0).reporters()).containsExactly(primary);
            assertThat(events.get(1).how()).isEqualTo("AGREED_AFTER");
            assertThat(events.get(1).version()).isEqualTo(1);
            assertThat(events.get(1).votes()).isEqualTo(count.votes());
            assertThat(events.get(1).reporters()).containsExactly(backup);
        });
        // told once: the same count sent again (a resend) is no new report, a running tally no final
        submissions.submit(report(station, "constituency", backup, "after-02", count));
        assertThat(verified(station)).hasSize(2);
    }

    @Test
    void aRejectedReportNeverBecomesVerified() {
        OrganisationId org = fixture.organisation("verify-reject");
        StationPoint station = fixture.stations().get(22);
        VolunteerId primary = fixture.placed(org, station, StationRole.PRIMARY);
        VolunteerId backup = fixture.placed(org, station, StationRole.BACKUP);
        VolunteerId lead = fixture.lead(org, station);
        Tally count = fixture.goodCount(station, "constituency");
        long rejected = submissions.submit(report(station, "constituency", primary, "reject-0001", count)).reportId();
        long item = item(station, "constituency");
        assertThat(warRoom.claim(item, "verifier-r")).isTrue();

        assertThatThrownBy(() -> warRoom.reject(item, rejected, "verifier-r", " ")).hasMessage("verification.problem.reason-required");
        warRoom.reject(item, rejected, "verifier-r", "photo of another station");
        assertThat(reportStatus(rejected)).isEqualTo("REJECTED");
        assertThat(state(item)).isEqualTo(ContestState.NO_REPORT);

        // the same numbers from a second person: no agreement with a rejected report, it waits alone
        long second = submissions.submit(report(station, "constituency", backup, "reject-0002", count)).reportId();
        assertThat(state(item)).isEqualTo(ContestState.FINAL);
        assertThat(verified(station)).isEmpty();
        assertThat(warRoom.claim(item, "verifier-r")).isTrue();
        assertThatThrownBy(() -> warRoom.approve(item, rejected, "verifier-r", null)).hasMessage("verification.problem.rejected");
        assertThatThrownBy(() -> leads.confirm(ELECTION, lead, item, rejected, "lead")).hasMessage("verification.problem.not-open");
        assertThat(state(item)).isEqualTo(ContestState.FINAL);

        // the lead confirms the remaining one: only its numbers, only its reporter
        leads.confirm(ELECTION, lead, item, second, "lead");
        assertThat(state(item)).isEqualTo(ContestState.VERIFIED);
        assertThat(reportStatus(rejected)).isEqualTo("REJECTED");
        assertThat(verified(station)).singleElement().satisfies(e -> {
            assertThat(e.how()).isEqualTo("LEAD_CONFIRMED");
            assertThat(e.reporters()).containsExactly(backup);
        });
    }

    @Test
    void twoVerifiersCannotClaimTheSameItemAtTheSameMoment() throws Exception {
        OrganisationId org = fixture.organisation("verify-claim");
        StationPoint station = fixture.stations().get(23);
        VolunteerId primary = fixture.placed(org, station, StationRole.PRIMARY);
        submissions.submit(report(station, "constituency", primary, "claim-00001", fixture.goodCount(station, "constituency")));
        long item = item(station, "constituency");

        var pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String verifier = "verifier-" + i;
                claims.add(pool.submit((Callable<Boolean>) () -> {
                    start.await();
                    return warRoom.claim(item, verifier);
                }));
            }
            start.countDown();
            int won = 0;
            for (var c : claims) {
                won += c.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        String holder = warRoom.item(item).orElseThrow().claimedBy();
        String other = holder.equals("verifier-0") ? "verifier-1" : "verifier-0";
        assertThat(warRoom.claim(item, other)).isFalse();
        assertThatThrownBy(() -> warRoom.reject(item, 1L, other, "x")).hasMessage("verification.problem.not-claimed");

        // an abandoned claim lapses and the item can be taken again
        jdbc.sql("update station_contest set claim_expires_at = '2000-01-01' where id = ?").param(item).update();
        assertThat(warRoom.claim(item, other)).isTrue();
        assertThat(warRoom.claim(item, holder)).isFalse();
    }

    @Test
    void claimingTheNextItemGivesSimultaneousVerifiersDifferentItems() throws Exception {
        OrganisationId org = fixture.organisation("verify-next");
        for (StationPoint station : fixture.stations().subList(30, 36)) {
            VolunteerId v = fixture.placed(org, station, StationRole.PRIMARY);
            submissions.submit(report(station, "constituency", v, "next-" + station.id(), fixture.goodCount(station, "constituency")));
        }
        var pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<Long>>> taken = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String verifier = "next-verifier-" + i;
                taken.add(pool.submit(() -> {
                    start.await();
                    return warRoom.claimNext(ELECTION, verifier);
                }));
            }
            start.countDown();
            List<Long> items = new ArrayList<>();
            for (var t : taken) {
                items.add(t.get().orElseThrow());
            }
            assertThat(items).doesNotHaveDuplicates();
        } finally {
            pool.shutdown();
        }
        // asking again gives the verifier the item they already hold
        Long held = warRoom.claimNext(ELECTION, "next-verifier-0").orElseThrow();
        assertThat(warRoom.claimNext(ELECTION, "next-verifier-0")).contains(held);
    }

    @Test
    void aCorrectionMustPassTheHardChecksAndMakesANewVersion() {
        OrganisationId org = fixture.organisation("verify-correct");
        StationPoint station = fixture.stations().get(24);
        VolunteerId primary = fixture.placed(org, station, StationRole.PRIMARY);
        VolunteerId backup = fixture.placed(org, station, StationRole.BACKUP);
        Tally typo = fixture.goodCount(station, "constituency", 1);
        submissions.submit(report(station, "constituency", primary, "correct-001", typo));
        submissions.submit(report(station, "constituency", backup, "correct-002", fixture.goodCount(station, "constituency", 2)));
        long item = item(station, "constituency");
        assertThat(warRoom.claim(item, "verifier-c")).isTrue();

        Tally broken = new Tally(typo.votes(), typo.valid() + 1, typo.invalid(), typo.noVote(), typo.ballotsUsed(), true);
        assertThat(warRoom.correct(item, broken, "verifier-c", "read from the form").errors()).extracting(f -> f.code())
                .contains("votes-sum");
        assertThat(state(item)).isEqualTo(ContestState.CONFLICT);

        Tally fromTheForm = fixture.goodCount(station, "constituency", 3);
        assertThat(warRoom.correct(item, fromTheForm, "verifier-c", "read from the signed form").errors()).isEmpty();
        WarRoom.Item after = warRoom.item(item).orElseThrow();
        assertThat(after.state()).isEqualTo(ContestState.VERIFIED);
        assertThat(after.version()).isEqualTo(1);
        assertThat(after.verified().votes()).isEqualTo(fromTheForm.votes());
        assertThat(after.reports()).extracting(WarRoom.ReportLine::status).containsOnly("SUPERSEDED");
        assertThat(verified(station)).singleElement().satisfies(e -> {
            assertThat(e.how()).isEqualTo("CORRECTED");
            assertThat(e.reporters()).isEmpty();
        });
    }

    @Test
    void aLeadSeesTheirStationsStatesAndChasesAMissingCountOnce() {
        OrganisationId org = fixture.organisation("verify-lead");
        List<StationPoint> stations = fixture.stations();
        StationPoint reported = stations.get(40);
        StationPoint silent = stations.get(41);
        VolunteerId reporter = fixture.placed(org, reported, StationRole.PRIMARY);
        fixture.placed(org, silent, StationRole.PRIMARY);
        fixture.placed(org, silent, StationRole.BACKUP);
        VolunteerId lead = fixture.lead(org, reported);
        Tally partial = new Tally(fixture.goodCount(reported, "party-list").votes(), 0, 0, 0, 0, false);
        Tally running = new Tally(partial.votes(), partial.sumOfVotes(), 0, 0, partial.sumOfVotes(), false);
        submissions.submit(report(reported, "party-list", reporter, "lead-view-01", running));
        submissions.submit(report(reported, "constituency", reporter, "lead-view-02", fixture.goodCount(reported, "constituency")));

        var states = leads.of(ELECTION, reported.constituencyId());
        assertThat(states.get(reported.id()).state("party-list")).isEqualTo(ContestState.PARTIAL);
        assertThat(states.get(reported.id()).state("constituency")).isEqualTo(ContestState.FINAL);
        assertThat(states).doesNotContainKey(silent.id());

        long before = jdbc.sql("select count(*) from mail_outbox where category = 'report-chase'").query(Long.class).single();
        assertThat(leads.chase(ELECTION, lead, silent.id(), "หัวหน้าเขต")).isEqualTo(2);
        leads.chase(ELECTION, lead, silent.id(), "หัวหน้าเขต");
        assertThat(jdbc.sql("select count(*) from mail_outbox where category = 'report-chase'").query(Long.class).single())
                .isEqualTo(before + 2);
        StationPoint elsewhere = fixture.stationsOf("TRT_1").getFirst();
        assertThatThrownBy(() -> leads.chase(ELECTION, lead, elsewhere.id(), "x")).hasMessage("verification.problem.not-your-constituency");
    }

    @Autowired CloseRaces closeRaces;

    @Test
    void waitingCountsOfACloseRaceComeBeforeTheRestAfterConflicts() {
        OrganisationId org = fixture.organisation("verify-close");
        StationPoint close = fixture.stationsOf("TRT_1").get(5);
        VolunteerId v = fixture.placed(org, close, StationRole.PRIMARY);
        Tally shape = fixture.goodCount(close, "constituency");
        var numbers = new ArrayList<>(shape.votes().keySet());
        var votes = new java.util.TreeMap<Integer, Long>();
        numbers.forEach(n -> votes.put(n, 0L));
        votes.put(numbers.get(0), 100L);
        votes.put(numbers.get(1), 99L);
        assertThat(submissions.submit(report(close, "constituency", v, "close-race-1", new Tally(votes, 199, 0, 1, 200, true))).outcome())
                .isEqualTo(ReportIntake.Outcome.STORED);
        long item = item(close, "constituency");
        assertThat(warRoom.item(item).orElseThrow().closeRace()).isFalse();

        assertThat(closeRaces.mark(ELECTION)).isPositive();

        assertThat(warRoom.item(item).orElseThrow().closeRace()).isTrue();
        var queue = warRoom.queue(ELECTION, 500);
        int at = queue.stream().map(WarRoom.QueueItem::id).toList().indexOf(item);
        assertThat(queue.subList(0, at)).allMatch(q -> q.state() == ContestState.CONFLICT || q.closeRace());
        assertThat(queue.subList(at, queue.size())).noneMatch(q -> q.state() == ContestState.CONFLICT);
    }
}
