package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.khanaen.results.ReportFixture.ELECTION;
import static org.khanaen.results.ReportFixture.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.LiveResults.ConstituencyContest;
import org.khanaen.results.LiveResults.ContestTotals;
import org.khanaen.results.LiveResults.NationalResults;
import org.khanaen.results.LiveResults.PartyResult;
import org.khanaen.results.LiveResults.View;
import org.khanaen.results.checks.Tally;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The live results follow the station contests: verified numbers in, corrections replacing them, never counted twice. */
@SpringBootTest
class LiveResultsTests {

    @Autowired ReportSubmissions submissions;
    @Autowired WarRoom warRoom;
    @Autowired LeadResults leads;
    @Autowired LiveResults live;
    @Autowired ContestChanges changes;
    @Autowired LiveResultsUpdater updater;
    @Autowired ReportFixture fixture;

    private static final String CONSTITUENCY = "STN_1";

    @Test
    void aVerifiedCountReachesItsConstituencyProvinceAndNationOnceAndACorrectionReplacesIt() {
        OrganisationId org = fixture.organisation("live-verified");
        StationPoint station = fixture.stationsOf(CONSTITUENCY).get(3);
        VolunteerId primary = fixture.placed(org, station, StationRole.PRIMARY);
        VolunteerId backup = fixture.placed(org, station, StationRole.BACKUP);
        Tally count = fixture.goodCount(station, "constituency");
        ContestTotals nationBefore = nation(View.VERIFIED, "constituency");
        ConstituencyContest before = constituency(View.VERIFIED, "constituency");
        ConstituencyContest provisionalBefore = constituency(View.PROVISIONAL, "constituency");

        long v0 = live.version(ELECTION);
        submissions.submit(report(station, "constituency", primary, "live-v-1", count));
        awaitVersionAfter(v0);
        // one final count: provisional only, marked so
        assertThat(constituency(View.VERIFIED, "constituency").totals().valid()).isEqualTo(before.totals().valid());
        assertThat(constituency(View.PROVISIONAL, "constituency").totals().valid())
                .isEqualTo(provisionalBefore.totals().valid() + count.valid());
        var provisional = live.station(ELECTION, station.id(), View.PROVISIONAL).orElseThrow().contests().getFirst();
        assertThat(provisional.provisional()).isTrue();
        assertThat(provisional.numbers().votes()).isEqualTo(count.votes());
        assertThat(live.station(ELECTION, station.id(), View.VERIFIED).orElseThrow().contests().getFirst().numbers()).isNull();

        long v1 = live.version(ELECTION);
        submissions.submit(report(station, "constituency", backup, "live-v-2", count));
        awaitVersionAfter(v1);

        ConstituencyContest after = constituency(View.VERIFIED, "constituency");
        assertThat(after.totals().valid()).isEqualTo(before.totals().valid() + count.valid());
        assertThat(after.totals().ballotsUsed()).isEqualTo(before.totals().ballotsUsed() + count.ballotsUsed());
        assertThat(after.totals().stationsVerified()).isEqualTo(before.totals().stationsVerified() + 1);
        assertThat(after.totals().stationsCounted()).isEqualTo(before.totals().stationsCounted() + 1);
        count.votes().forEach((ballot, votes) -> assertThat(votesOf(after, ballot)).isEqualTo(votesOf(before, ballot) + votes));
        ContestTotals nationAfter = nation(View.VERIFIED, "constituency");
        assertThat(nationAfter.valid()).isEqualTo(nationBefore.valid() + count.valid());
        assertThat(nationAfter.invalid()).isEqualTo(nationBefore.invalid() + count.invalid());
        var station1 = live.station(ELECTION, station.id(), View.VERIFIED).orElseThrow().contests().getFirst();
        assertThat(station1.version()).isEqualTo(1);
        assertThat(station1.provisional()).isFalse();

        // a third person's different count reopens it; the war room corrects: the corrected numbers replace the old ones
        VolunteerId lead = fixture.lead(org, station);
        Tally other = fixture.goodCount(station, "constituency", 7);
        submissions.submit(new ReportIntake.Submission(ELECTION, station.id(), "constituency", lead, "lead", "live-v-3", other, true,
                List.of()));
        long item = leads.item(station.id(), "constituency").orElseThrow();
        assertThat(warRoom.claim(item, "verifier-live")).isTrue();
        long v2 = live.version(ELECTION);
        assertThat(warRoom.correct(item, other, "verifier-live", "read from the signed form").errors()).isEmpty();
        awaitVersionAfter(v2);

        ConstituencyContest corrected = constituency(View.VERIFIED, "constituency");
        assertThat(corrected.totals().valid()).isEqualTo(before.totals().valid() + other.valid());
        assertThat(corrected.totals().stationsVerified()).isEqualTo(before.totals().stationsVerified() + 1);
        assertThat(nation(View.VERIFIED, "constituency").valid()).isEqualTo(nationBefore.valid() + other.valid());
        assertThat(live.station(ELECTION, station.id(), View.VERIFIED).orElseThrow().contests().getFirst().version()).isEqualTo(2);
    }

    @Test
    void partyListVotesAddUpPerPartyAndEverySeatIsGivenOrLeftToTheLot() {
        OrganisationId org = fixture.organisation("live-party-list");
        List<StationPoint> stations = fixture.stationsOf(CONSTITUENCY).subList(10, 13);
        Map<String, Long> before = partyListVotes();
        Map<Integer, Long> added = new HashMap<>();
        long v0 = live.version(ELECTION);
        int key = 0;
        for (StationPoint s : stations) {
            Tally count = fixture.goodCount(s, "party-list");
            count.votes().forEach((b, v) -> added.merge(b, v, Long::sum));
            for (StationRole role : List.of(StationRole.PRIMARY, StationRole.BACKUP)) {
                submissions.submit(report(s, "party-list", fixture.placed(org, s, role), "live-pl-" + key++, count));
            }
        }
        awaitUntil(() -> live.version(ELECTION) > v0 && partyListVotes().values().stream().mapToLong(Long::longValue).sum()
                == before.values().stream().mapToLong(Long::longValue).sum() + added.values().stream().mapToLong(Long::longValue).sum());

        NationalResults nation = live.national(ELECTION, View.VERIFIED).orElseThrow();
        for (PartyResult p : nation.parties()) {
            if (p.ballotNumber() != null) {
                assertThat(p.partyListVotes()).as("party %s", p.ballotNumber())
                        .isEqualTo(before.get(p.partyId()) + added.getOrDefault(p.ballotNumber(), 0L));
            }
        }
        int seats = nation.parties().stream().mapToInt(PartyResult::partyListSeats).sum();
        assertThat(seats + nation.seats().partyListUndecided()).isEqualTo(100);
        assertThat(nation.parties()).allSatisfy(p -> assertThat(p.totalSeats()).isEqualTo(p.partyListSeats() + p.constituencySeatsLed()));
    }

    @Test
    void theRunningSumsEqualATallyBuiltAfreshFromTheTable() {
        OrganisationId org = fixture.organisation("live-afresh");
        StationPoint station = fixture.stationsOf(CONSTITUENCY).get(20);
        long v0 = live.version(ELECTION);
        submissions.submit(report(station, "constituency", fixture.placed(org, station, StationRole.PRIMARY), "live-a-1",
                fixture.goodCount(station, "constituency")));
        awaitVersionAfter(v0);

        NationalResults running = live.national(ELECTION, View.PROVISIONAL).orElseThrow();
        var runningConstituency = live.constituency(ELECTION, CONSTITUENCY, View.PROVISIONAL).orElseThrow().contests();
        live.on(new org.khanaen.elections.ElectionImported(ELECTION, null)); // forgets the tally: read again from the table
        NationalResults afresh = live.national(ELECTION, View.PROVISIONAL).orElseThrow();
        assertThat(afresh.contests()).isEqualTo(running.contests());
        assertThat(afresh.parties()).isEqualTo(running.parties());
        assertThat(afresh.seats()).isEqualTo(running.seats());
        assertThat(live.constituency(ELECTION, CONSTITUENCY, View.PROVISIONAL).orElseThrow().contests()).isEqualTo(runningConstituency);
        assertThat(afresh.version()).isLessThan(running.version()); // really a new tally, read from the table
    }

    @Test
    void aStationsVotersAreTheMostBallotsUsedInAnyOfItsContestsCountedInEachContest() {
        OrganisationId org = fixture.organisation("live-voters");
        StationPoint station = fixture.stationsOf(CONSTITUENCY).get(30);
        Tally parties = fixture.goodCount(station, "party-list");
        Tally race = fixture.goodCount(station, "constituency");
        // every voter used the constituency ballot: as many ballots as the party-list count
        Tally candidates = new Tally(race.votes(), race.valid(), race.invalid(), race.noVote() + parties.ballotsUsed() - race.ballotsUsed(),
                parties.ballotsUsed(), true);
        // one voter left the party-list ballot unused: a ballot surplus, confirmed
        Tally oneFewer = new Tally(parties.votes(), parties.valid(), parties.invalid(), parties.noVote() - 1, parties.ballotsUsed() - 1, true);
        long raceBefore = constituency(View.PROVISIONAL, "constituency").totals().voters();
        ConstituencyContest listBefore = constituency(View.PROVISIONAL, "party-list");

        long v0 = live.version(ELECTION);
        submissions.submit(report(station, "party-list", fixture.placed(org, station, StationRole.PRIMARY), "live-voters-1", oneFewer));
        awaitVersionAfter(v0);
        assertThat(constituency(View.PROVISIONAL, "party-list").totals().voters()).isEqualTo(listBefore.totals().voters() + oneFewer.ballotsUsed());

        long v1 = live.version(ELECTION);
        submissions.submit(report(station, "constituency", fixture.placed(org, station, StationRole.BACKUP), "live-voters-2", candidates));
        awaitVersionAfter(v1);
        ConstituencyContest list = constituency(View.PROVISIONAL, "party-list");
        assertThat(list.totals().ballotsUsed()).isEqualTo(listBefore.totals().ballotsUsed() + oneFewer.ballotsUsed());
        assertThat(list.totals().voters()).isEqualTo(listBefore.totals().voters() + candidates.ballotsUsed());
        assertThat(constituency(View.PROVISIONAL, "constituency").totals().voters()).isEqualTo(raceBefore + candidates.ballotsUsed());
    }

    @Test
    void aChangeInHandWhenTheUpdaterStopsIsAppliedOnceItStartsAgain() throws InterruptedException {
        OrganisationId org = fixture.organisation("live-stop");
        List<StationPoint> large = fixture.stationsOf(CONSTITUENCY).stream().filter(s -> s.registeredVoters() > 700).toList();
        StationPoint station = large.getLast(); // enough voters for a party-list count; no other test here uses it
        Tally count = fixture.goodCount(station, "party-list");
        awaitVersionAfter(live.version(ELECTION) - 1);
        updater.stop(); // as a test context is paused between classes, or the application stops
        try {
            assertThat(submissions.submit(report(station, "party-list", fixture.placed(org, station, StationRole.PRIMARY), "live-stop-1",
                    count)).outcome()).isEqualTo(ReportIntake.Outcome.STORED);
            assertThat(changes.queue()).hasSize(1);
            long before = live.version(ELECTION);
            updater.start();
            long until = System.nanoTime() + 10_000_000_000L;
            while (!changes.queue().isEmpty() && System.nanoTime() < until) {
                Thread.onSpinWait(); // taken: the updater now gathers others for 50 ms
            }
            updater.stop();
            // stopped while gathering: the change must be back in line (or, if it was quick, already in the tally)
            assertThat(!changes.queue().isEmpty() || live.version(ELECTION) > before).as("the change is kept").isTrue();
        } finally {
            updater.start();
        }
        awaitUntil(() -> live.station(ELECTION, station.id(), View.PROVISIONAL).orElseThrow().contests().stream()
                .anyMatch(c -> c.contest().equals("party-list") && c.numbers() != null && count.votes().equals(c.numbers().votes())));
    }

    @Test
    void unknownElectionsAndPlacesAreEmpty() {
        assertThat(live.national("no-such-election", View.VERIFIED)).isEmpty();
        assertThat(live.version("no-such-election")).isEqualTo(-1);
        assertThat(live.constituency(ELECTION, "XXX_9", View.VERIFIED)).isEmpty();
        assertThat(live.province(ELECTION, "XXX", View.VERIFIED)).isEmpty();
        assertThat(live.station(ELECTION, -5, View.VERIFIED)).isEmpty();
        assertThat(live.province(ELECTION, "STN", View.VERIFIED)).get().satisfies(p -> assertThat(p.constituencies())
                .extracting(LiveResults.ConstituencyLine::code).contains(CONSTITUENCY));
    }

    private Map<String, Long> partyListVotes() {
        Map<String, Long> m = new HashMap<>();
        live.national(ELECTION, View.VERIFIED).orElseThrow().parties().forEach(p -> m.put(p.partyId(), p.partyListVotes()));
        return m;
    }

    private ContestTotals nation(View view, String contest) {
        return live.national(ELECTION, view).orElseThrow().contests().stream().filter(c -> c.contest().equals(contest)).findFirst()
                .orElseThrow();
    }

    private ConstituencyContest constituency(View view, String contest) {
        return live.constituency(ELECTION, CONSTITUENCY, view).orElseThrow().contests().stream().filter(c -> c.contest().equals(contest))
                .findFirst().orElseThrow();
    }

    private static long votesOf(ConstituencyContest c, int ballot) {
        return c.candidates().stream().filter(x -> x.ballotNumber() == ballot).findFirst().orElseThrow().votes();
    }

    /**
     * The tally moved past {@code version} and has taken in every change committed so far: other test classes share the
     * database, and their last decisions may still be on their way to the tally when a test here begins.
     */
    private void awaitVersionAfter(long version) {
        awaitUntil(() -> live.version(ELECTION) > version);
        awaitUntil(this::quiet);
    }

    /**
     * Nothing waiting for the tally, and no new version for a while: longer than the updater gathers changes (50 ms)
     * plus its look at the table for changes not handed over in this process (every 250 ms).
     */
    private boolean quiet() {
        if (!changes.queue().isEmpty()) {
            return false;
        }
        long v = live.version(ELECTION);
        try {
            Thread.sleep(600);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return changes.queue().isEmpty() && live.version(ELECTION) == v;
    }

    private static void awaitUntil(Supplier<Boolean> condition) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!condition.get()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the live results did not change within 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
