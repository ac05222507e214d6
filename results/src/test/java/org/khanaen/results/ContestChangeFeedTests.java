package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.khanaen.results.ReportFixture.ELECTION;
import static org.khanaen.results.ReportFixture.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.ElectionCounts;
import org.khanaen.elections.ElectionImported;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.LiveResults.View;
import org.khanaen.results.checks.Tally;
import org.khanaen.volunteers.OrganisationId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every application node shows every node's decisions: a station contest written by another node (here: straight into
 * the table, with nothing handed over in this process) reaches this node's live results, even one stamped well before
 * it committed; and a node that builds its tally afresh gets the same fingerprint (ETag) as one that followed along.
 */
@SpringBootTest
class ContestChangeFeedTests {

    private static final String CONSTITUENCY = "YLA_1";

    @Autowired ReportSubmissions submissions;
    @Autowired LiveResults live;
    @Autowired ContestChanges changes;
    @Autowired ReportFixture fixture;
    @Autowired JdbcClient jdbc;

    @Test
    void aCountAnotherNodeStoredShowsHere() {
        StationPoint station = fixture.stationsOf(CONSTITUENCY).get(1);
        Tally count = fixture.goodCount(station, "constituency");
        long id = anotherNodeWrites(station, count, Instant.now());

        assertThat(id).isPositive();
        awaitUntil(() -> count.votes().equals(provisionalVotes(station)));
    }

    @Test
    void aWriteStampedLongBeforeItCommittedIsStillFound() {
        StationPoint station = fixture.stationsOf(CONSTITUENCY).get(2);
        Tally count = fixture.goodCount(station, "constituency");
        // stamped 10 s ago (a transaction held up, or a node's clock a little behind): older than several looks since
        anotherNodeWrites(station, count, Instant.now().minusSeconds(10));

        awaitUntil(() -> count.votes().equals(provisionalVotes(station)));
    }

    @Test
    void aSecondWriteInTheSameSecondIsToldApartByItsRevision() {
        StationPoint station = fixture.stationsOf(CONSTITUENCY).get(4);
        Tally first = fixture.goodCount(station, "constituency"), second = fixture.goodCount(station, "constituency", 7);
        Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS); // as MariaDB keeps it through the driver
        long id = anotherNodeWrites(station, first, at);
        awaitUntil(() -> first.votes().equals(provisionalVotes(station)));

        // another count, the same second: only the revision tells the two writes apart
        jdbc.sql("update station_contest set latest_votes = ?, latest_valid_ballots = ?, latest_ballots_used = ?, state = 'CONFLICT',"
                        + " revision = revision + 1, updated_at = ? where id = ?")
                .params(ReportSubmissions.votesText(second.votes()), second.valid(), second.ballotsUsed(), Timestamp.from(at), id).update();
        awaitUntil(() -> second.votes().equals(provisionalVotes(station)));
    }

    @Test
    void aTallyBuiltAfreshHasTheSameStampAsOneThatFollowedEveryChange() {
        OrganisationId org = fixture.organisation("feed-stamp");
        StationPoint station = fixture.stationsOf(CONSTITUENCY).get(3);
        Tally count = fixture.goodCount(station, "constituency");
        long before = live.stamp(ELECTION).orElseThrow();
        submissions.submit(report(station, "constituency", fixture.placed(org, station, StationRole.PRIMARY), "feed-stamp-1", count));
        awaitUntil(() -> count.votes().equals(provisionalVotes(station)));
        awaitUntil(() -> changes.queue().isEmpty());
        long followed = live.stamp(ELECTION).orElseThrow();
        assertThat(followed).isNotEqualTo(before);

        live.on(new ElectionImported(ELECTION, new ElectionCounts(0, 0, 0, 0, 0, 0, 0))); // as a node started now would
        assertThat(live.stamp(ELECTION)).contains(followed);
    }

    /** What another node's report would leave in the table: a final count waiting, stamped at {@code at}. */
    private long anotherNodeWrites(StationPoint station, Tally count, Instant at) {
        Timestamp stamp = Timestamp.from(at);
        jdbc.sql("""
                insert into station_contest (election_id, station_id, constituency_id, contest_code, state, in_queue, queue_rank,
                  latest_votes, latest_valid_ballots, latest_invalid_ballots, latest_no_vote_ballots, latest_ballots_used, queued_at, updated_at,
                  revision)
                values (?, ?, ?, 'constituency', 'FINAL', true, 2, ?, ?, ?, ?, ?, ?, ?, 1)""")
                .params(ELECTION, station.id(), station.constituencyId(), ReportSubmissions.votesText(count.votes()), count.valid(),
                        count.invalid(), count.noVote(), count.ballotsUsed(), stamp, stamp)
                .update();
        return jdbc.sql("select id from station_contest where station_id = ? and contest_code = 'constituency'").param(station.id())
                .query(Long.class).single();
    }

    private Map<Integer, Long> provisionalVotes(StationPoint station) {
        return live.station(ELECTION, station.id(), View.PROVISIONAL).orElseThrow().contests().stream()
                .filter(c -> c.contest().equals("constituency") && c.numbers() != null).map(c -> c.numbers().votes()).findFirst()
                .orElse(null);
    }

    private static void awaitUntil(Supplier<Boolean> condition) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("in time").isLessThan(until);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
