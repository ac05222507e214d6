package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.ReportIntake.Outcome;
import org.khanaen.results.ReportIntake.Result;
import org.khanaen.results.ReportIntake.Submission;
import org.khanaen.results.checks.Findings.Finding;
import org.khanaen.results.checks.Tally;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/**
 * Reports decided together (group commit) answer exactly as they would one by one: stored once per key,
 * refused for the same reasons, and their station contests decided from every report, the batch's own included.
 */
@SpringBootTest
@RecordApplicationEvents
class ReportBatchesTests {

    @Autowired ReportBatches batches;
    @Autowired ReportsWithPhotos reports;
    @Autowired ReportSubmissions submissions;
    @Autowired ReportFixture fixture;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEvents events;

    private static Submission report(StationPoint station, String contest, VolunteerId who, String key, Tally tally, boolean confirmed) {
        return new Submission("th-2566", station.id(), contest, who, "volunteer " + who.value(), key, tally, confirmed, List.of());
    }

    /** The answer, or the refusal's message key. */
    private static Object answer(CompletableFuture<Result> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            return ((ReportProblem) e.getCause()).key();
        }
    }

    private String state(StationPoint station, String contest) {
        return jdbc.sql("select state from station_contest where station_id = ? and contest_code = ?").params(station.id(), contest)
                .query(String.class).optional().orElse("NONE");
    }

    private long stored(String keyPrefix) {
        return jdbc.sql("select count(*) from station_report where idempotency_key like ?").param(keyPrefix + "%").query(Long.class).single();
    }

    @Test
    void aBatchAnswersEveryReportAsItWouldAlone() throws Exception {
        OrganisationId org = fixture.organisation("batch-one");
        List<StationPoint> stations = fixture.stationsOf("CMI_2").stream().filter(s -> s.registeredVoters() > 700).toList();
        StationPoint a = stations.get(0), b = stations.get(1), c = stations.get(2), d = stations.get(3);
        VolunteerId atA = fixture.placed(org, a, StationRole.PRIMARY);
        VolunteerId atB = fixture.placed(org, b, StationRole.PRIMARY);
        VolunteerId primaryC = fixture.placed(org, c, StationRole.PRIMARY);
        VolunteerId backupC = fixture.placed(org, c, StationRole.BACKUP);
        VolunteerId atD = fixture.placed(org, d, StationRole.PRIMARY);
        Tally aConstituency = fixture.goodCount(a, "constituency");
        Tally bad = new Tally(fixture.goodCount(b, "constituency").votes(), 1, 5, 2, 8, true); // votes do not add up to valid
        Tally surplus = fixture.goodCount(a, "party-list"); // more ballots used than in a's constituency count (more parties than candidates)
        Tally cCount = fixture.goodCount(c, "constituency");

        List<Submission> batch = List.of(
                report(a, "constituency", atA, "batch-a-con", aConstituency, false),            // 0 stored
                report(a, "constituency", atA, "batch-a-con", aConstituency, false),            // 1 the same again: one report
                report(a, "party-list", atA, "batch-a-con", fixture.goodCount(a, "party-list"), true), // 2 key of another report
                report(b, "constituency", atA, "batch-b-stranger", fixture.goodCount(b, "constituency"), true), // 3 not a's station
                report(b, "constituency", atB, "batch-b-bad", bad, true),                       // 4 errors: refused
                report(a, "party-list", atA, "batch-a-party", surplus, false),                  // 5 warning against report 0, not confirmed
                report(c, "constituency", primaryC, "batch-c-primary", cCount, false),          // 6 }
                report(c, "constituency", backupC, "batch-c-backup", cCount, false),            // 7 } two people agree: verified
                report(d, "constituency", atD, "batch-d-con", fixture.goodCount(d, "constituency"), false)); // 8 waits in the queue
        List<CompletableFuture<Result>> answers = batches.writeTogether(batch.stream().map(submissions::prepare).toList());

        Result first = (Result) answer(answers.get(0));
        assertThat(first.outcome()).isEqualTo(Outcome.STORED);
        Result again = (Result) answer(answers.get(1));
        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_STORED);
        assertThat(again.reportId()).isEqualTo(first.reportId());
        assertThat(answer(answers.get(2))).isEqualTo("report.problem.key-reused");
        assertThat(answer(answers.get(3))).isEqualTo("report.problem.not-yours");
        Result refused = (Result) answer(answers.get(4));
        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.findings().errors()).extracting(Finding::code).contains("votes-sum");
        Result warned = (Result) answer(answers.get(5));
        assertThat(warned.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(warned.findings().errors()).isEmpty();
        assertThat(warned.findings().warnings()).extracting(Finding::code).containsExactly("ballot-surplus");
        assertThat(((Result) answer(answers.get(6))).outcome()).isEqualTo(Outcome.STORED);
        assertThat(((Result) answer(answers.get(7))).outcome()).isEqualTo(Outcome.STORED);
        assertThat(((Result) answer(answers.get(8))).outcome()).isEqualTo(Outcome.STORED);

        assertThat(stored("batch-")).isEqualTo(4);
        assertThat(state(a, "constituency")).isEqualTo("FINAL");
        assertThat(state(a, "party-list")).isEqualTo("NONE");
        assertThat(state(b, "constituency")).isEqualTo("NONE");
        assertThat(state(c, "constituency")).isEqualTo("VERIFIED");
        assertThat(state(d, "constituency")).isEqualTo("FINAL");
        assertThat(jdbc.sql("select count(*) from station_report where idempotency_key like 'batch-c-%' and status = 'VERIFIED'")
                .query(Long.class).single()).isEqualTo(2);

        // sent later, alone or in another batch, a key of the batch is found
        Result retried = (Result) answer(batches.writeTogether(List.of(submissions.prepare(batch.get(0)))).getFirst());
        assertThat(retried.outcome()).isEqualTo(Outcome.ALREADY_STORED);
        assertThat(retried.reportId()).isEqualTo(first.reportId());
        // the confirmed surplus is taken, and the one report of the second contest waits for a second person
        Result confirmed = (Result) answer(batches.writeTogether(List.of(submissions.prepare(
                report(a, "party-list", atA, "batch-a-party", surplus, true)))).getFirst());
        assertThat(confirmed.outcome()).isEqualTo(Outcome.STORED);
        assertThat(confirmed.findings().warnings()).extracting(Finding::code).containsExactly("ballot-surplus");
        assertThat(state(a, "party-list")).isEqualTo("FINAL");
    }

    @Test
    void theContestsABatchVerifiesAreToldInOneEvent() throws Exception {
        OrganisationId org = fixture.organisation("batch-told");
        List<StationPoint> stations = fixture.stationsOf("CMI_2").stream().filter(s -> s.registeredVoters() > 700).toList();
        List<Submission> batch = new ArrayList<>();
        for (StationPoint s : List.of(stations.get(8), stations.get(9))) {
            Tally count = fixture.goodCount(s, "constituency", 53);
            batch.add(report(s, "constituency", fixture.placed(org, s, StationRole.PRIMARY), "told-" + s.id() + "-p", count, true));
            batch.add(report(s, "constituency", fixture.placed(org, s, StationRole.BACKUP), "told-" + s.id() + "-b", count, true));
        }
        for (CompletableFuture<Result> f : batches.writeTogether(batch.stream().map(submissions::prepare).toList())) {
            assertThat(((Result) answer(f)).outcome()).isEqualTo(Outcome.STORED);
        }

        assertThat(events.stream(StationContestsVerified.class)).singleElement()
                .satisfies(e -> assertThat(e.contests()).extracting(StationContestVerified::stationId)
                        .containsExactlyInAnyOrder(stations.get(8).id(), stations.get(9).id()));
    }

    @Test
    void aCountWithExactlyTheVotesOfAnotherStationNamesThatStationByItsCode() throws Exception {
        OrganisationId org = fixture.organisation("batch-same");
        List<StationPoint> stations = fixture.stationsOf("CMI_2").stream().filter(s -> s.registeredVoters() > 700).toList();
        StationPoint first = stations.get(6), second = stations.get(7);
        Tally count = fixture.goodCount(first, "constituency", 41);
        answer(batches.writeTogether(List.of(submissions.prepare(
                report(first, "constituency", fixture.placed(org, first, StationRole.PRIMARY), "same-votes-1", count, true)))).getFirst());

        Result same = (Result) answer(batches.writeTogether(List.of(submissions.prepare(
                report(second, "constituency", fixture.placed(org, second, StationRole.PRIMARY), "same-votes-2", count, true)))).getFirst());

        String code = jdbc.sql("select code from station where id = ?").param(first.id()).query(String.class).single();
        assertThat(same.findings().warnings()).filteredOn(f -> f.code().equals("same-votes"))
                .singleElement().satisfies(f -> assertThat(f.arguments()).containsExactly(code));
    }

    @Test
    void manyPhonesAtOnceStoreEachReportOnceAndDecideEveryContest() throws Exception {
        OrganisationId org = fixture.organisation("batch-many");
        List<StationPoint> stations = fixture.stationsOf("CMI_3").stream().filter(s -> s.registeredVoters() > 700).limit(12).toList();
        Map<Long, List<VolunteerId>> people = new HashMap<>();
        for (StationPoint s : stations) {
            people.put(s.id(), List.of(fixture.placed(org, s, StationRole.PRIMARY), fixture.placed(org, s, StationRole.BACKUP)));
        }
        // both people of every station send both contests, every report three times (retries), all at the same moment
        List<Submission> sends = new ArrayList<>();
        for (StationPoint s : stations) {
            for (String contest : List.of("constituency", "party-list")) {
                for (int who = 0; who < 2; who++) {
                    Submission one = report(s, contest, people.get(s.id()).get(who), "many-" + s.id() + "-" + contest + "-" + who,
                            fixture.goodCount(s, contest), true);
                    sends.add(one);
                    sends.add(one);
                    sends.add(one);
                }
            }
        }
        java.util.Collections.shuffle(sends, new java.util.Random(7));
        var pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Result>> results = new ArrayList<>();
            for (Submission s : sends) {
                results.add(pool.submit(() -> {
                    go.await();
                    return reports.submit(s, List.of());
                }));
            }
            go.countDown();
            Map<String, Long> storedIds = new HashMap<>();
            int storedNow = 0;
            for (int i = 0; i < sends.size(); i++) {
                Result r = results.get(i).get();
                assertThat(r.outcome()).as("%s", r.findings()).isIn(Outcome.STORED, Outcome.ALREADY_STORED);
                storedNow += r.outcome() == Outcome.STORED ? 1 : 0;
                Long before = storedIds.putIfAbsent(sends.get(i).idempotencyKey(), r.reportId());
                assertThat(before == null || before == r.reportId()).as("one id per key").isTrue();
            }
            assertThat(storedNow).isEqualTo(stations.size() * 4);
        } finally {
            pool.shutdown();
        }
        assertThat(stored("many-")).isEqualTo(stations.size() * 4);
        for (StationPoint s : stations) {
            assertThat(state(s, "constituency")).isEqualTo("VERIFIED");
            assertThat(state(s, "party-list")).isEqualTo("VERIFIED");
        }
    }
}
