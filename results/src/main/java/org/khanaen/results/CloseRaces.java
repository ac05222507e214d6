package org.khanaen.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.khanaen.elections.BallotKind;
import org.khanaen.elections.ContestScope;
import org.khanaen.elections.ContestView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Marks the stations of close constituency races, so their waiting counts come before the others in the war
 * room's queue. A race is close when the runner-up trails by less than the election's share of the leader's
 * votes, counted from each station's verified numbers or else its newest waiting final count (both kept on the
 * station contest). Every half minute: the race changes as counts come in; a national pass reads one table.
 * <p>
 * The sums are a plain read (no locks); the flags are changed a few constituencies at a time, each in its own short
 * read-committed transaction, so reports arriving meanwhile wait for at most one small batch, never for the whole
 * national pass (one long transaction here held every scanned row's lock and stalled the national replay).
 */
@Component
class CloseRaces {

    private final JdbcClient jdbc;
    private final StationFacts facts;
    private final ResultsProperties properties;
    private final TransactionTemplate shortTransaction;

    CloseRaces(JdbcClient jdbc, StationFacts facts, ResultsProperties properties, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.facts = facts;
        this.properties = properties;
        this.shortTransaction = new TransactionTemplate(transactions);
        this.shortTransaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    @Scheduled(fixedDelayString = "${khanaen.results.close-race-every:30s}", initialDelayString = "${khanaen.results.close-race-every:30s}")
    @SchedulerLock(name = "results.close-races", lockAtMostFor = "PT5M", lockAtLeastFor = "PT10S")
    void everyFewSeconds() {
        jdbc.sql("select distinct election_id from station_contest where in_queue").query(String.class).list().forEach(this::mark);
    }

    /** Marks the close races of one election; returns how many constituencies are close. */
    int mark(String electionId) {
        double share = properties.rulesFor(electionId).closeRace();
        int close = 0;
        for (String contest : jdbc.sql("select distinct contest_code from station_contest where election_id = ?").param(electionId)
                .query(String.class).list()) {
            if (!facts.contest(electionId, contest).map(CloseRaces::applies).orElse(false)) {
                continue;
            }
            Map<Long, Map<Integer, Long>> totals = new HashMap<>();
            jdbc.sql("""
                    select constituency_id, coalesce(votes, latest_votes) from station_contest
                    where election_id = ? and contest_code = ? and (votes is not null or latest_votes is not null)""")
                    .params(electionId, contest)
                    .query(rs -> {
                        Map<Integer, Long> sum = totals.computeIfAbsent(rs.getLong(1), k -> new HashMap<>());
                        ReportSubmissions.parseVotes(rs.getString(2)).forEach((number, votes) -> sum.merge(number, votes, Long::sum));
                    });
            List<Long> closeOnes = new ArrayList<>();
            List<Long> clearOnes = new ArrayList<>();
            totals.forEach((constituency, votes) -> (isClose(votes, share) ? closeOnes : clearOnes).add(constituency));
            update(electionId, contest, closeOnes, true);
            update(electionId, contest, clearOnes, false);
            close += closeOnes.size();
        }
        return close;
    }

    private static final int BATCH = 20;

    private void update(String electionId, String contest, List<Long> constituencies, boolean close) {
        for (int from = 0; from < constituencies.size(); from += BATCH) {
            List<Long> batch = constituencies.subList(from, Math.min(constituencies.size(), from + BATCH));
            shortTransaction.executeWithoutResult(status -> jdbc.sql("""
                    update station_contest set close_race = :close,
                      queue_rank = case when state = 'FINAL' then (case when :close then 1 else 2 end) else queue_rank end
                    where election_id = :election and contest_code = :contest and constituency_id in (:ids) and close_race <> :close""")
                    .param("close", close).param("election", electionId).param("contest", contest)
                    .param("ids", batch).update());
        }
    }

    static boolean isClose(Map<Integer, Long> votes, double share) {
        long first = 0;
        long second = 0;
        for (long v : votes.values()) {
            if (v > first) {
                second = first;
                first = v;
            } else if (v > second) {
                second = v;
            }
        }
        return first > 0 && first - second < share * first;
    }

    static boolean applies(ContestView contest) {
        return contest.scope() == ContestScope.CONSTITUENCY && contest.ballot() == BallotKind.CANDIDATE;
    }
}
