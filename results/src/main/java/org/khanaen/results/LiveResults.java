package org.khanaen.results;

import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionImported;
import org.khanaen.elections.LocalizedName;
import org.khanaen.results.WarRoom.ContestState;
import org.khanaen.results.quickcount.QuickCountEstimator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The live results of every election: verified (or, on request, provisional) votes, turnout and counts per station,
 * constituency, province and nation, constituency leaders and party-list seats. Built from the station contests
 * when first asked for (or at start-up), then kept current change by change as station contests are decided
 * ({@link LiveResultsUpdater}); each batch of changes is a new version, which readers use as an ETag and
 * subscribers receive as a {@link Change}.
 */
@Service
public class LiveResults {

    private static final Logger log = LoggerFactory.getLogger(LiveResults.class);

    /** Verified numbers only, or a station's waiting final count where it has one (marked provisional). */
    public enum View {
        VERIFIED, PROVISIONAL
    }

    /**
     * The four totals and votes per ballot number.
     *
     * @param votersCame the voters who came by the station's count form (null where the form's figure was not given)
     */
    public record Numbers(Map<Integer, Long> votes, long valid, long invalid, long noVote, long ballotsUsed, Long votersCame) {
    }

    /**
     * A contest's totals over some stations.
     *
     * @param stationsReporting stations with any report (a running tally included)
     * @param stationsFinal     stations with a final count, verified or not
     * @param stationsCounted   stations whose numbers are in these totals
     * @param turnout           the voters who came as a percentage of the counted stations' registered voters
     * @param voters            the voters who came to the counted stations, as the commission counts turnout: by each
     *                          station's count form; where a form did not give it, the most ballots used in any of the
     *                          station's contests (a voter may leave one ballot unused)
     */
    public record ContestTotals(String contest, long registered, int stations, int stationsReporting, int stationsFinal,
            int stationsVerified, int stationsCounted, double percentCounted, double percentVerified, long registeredCounted,
            long ballotsUsed, long valid, long invalid, long noVote, double turnout, long voters) {
    }

    /**
     * A party's line: party-list votes and seats, constituency votes and the constituencies its candidates lead.
     *
     * @param partyId the election commission's party id
     */
    public record PartyResult(String partyId, Integer ballotNumber, LocalizedName name, String abbreviation, String colour,
            long partyListVotes, int partyListSeats, long constituencyVotes, int constituencySeatsLed, int totalSeats,
            int constituencySeatsDecided) {
    }

    /**
     * @param partyListUndecided  seats a tie of remainders leaves to the lot, between {@code partyListTied}
     * @param constituenciesLed   constituencies with one candidate ahead
     * @param constituenciesTied  constituencies whose first two are level
     * @param constituenciesDecided constituencies whose leader's margin exceeds the votes still possible there (see
     *                              {@link ConstituencyLine#decided})
     */
    public record Seats(int partyList, int partyListUndecided, List<String> partyListTied, int constituencies, int constituenciesLed,
            int constituenciesTied, int independentsLeading, int constituenciesDecided) {
    }

    /**
     * Party-list seats from the count so far are a projection, given only once {@code fromPercent} of the stations are
     * counted in the party-list contest: counts do not arrive at random, so early seats would mislead (issue 24/25). Below
     * it every party's {@code partyListSeats} is 0 and none are left to the lot.
     *
     * @param shown          the seats are given, as a projection (false: not yet)
     * @param percentCounted the party-list contest's stations counted, percent
     */
    public record Projection(boolean shown, double fromPercent, double percentCounted) {
    }

    public record NationalResults(String electionId, long version, Instant updatedAt, boolean verifiedOnly, List<ContestTotals> contests,
            List<PartyResult> parties, Seats seats, Projection projection) {
    }

    /** A province on the map: how much is counted, and the party leading most of its constituencies (null if none or level). */
    public record ProvinceSummary(String code, LocalizedName name, Double latitude, Double longitude, long registeredVoters,
            int constituencies, int stations, int stationsCounted, double percentCounted, String leadingPartyId, String leadingPartyColour,
            int leadingPartySeats) {
    }

    /**
     * @param votesOutstanding the registered voters of the stations not yet counted: the most votes still possible
     * @param decided          the leader's margin exceeds {@code votesOutstanding}, so no count still to come can change the
     *                         winner; until then the leader is only leading
     */
    public record ConstituencyLine(String code, int number, int stations, int stationsCounted, double percentCounted, Integer leaderBallot,
            String leaderPartyId, long margin, boolean tied, long votesOutstanding, boolean decided) {
    }

    public record ProvinceResults(String electionId, long version, Instant updatedAt, boolean verifiedOnly, String code, String ectId,
            LocalizedName name, List<ContestTotals> contests, List<PartyResult> parties, List<ConstituencyLine> constituencies) {
    }

    /** @param rank 1 for the most votes; equal votes share a rank */
    public record CandidateResult(int ballotNumber, String candidateId, String name, String partyId, LocalizedName partyName, long votes,
            int rank, double share) {
    }

    public record PartyVotes(String partyId, int ballotNumber, LocalizedName name, long votes, double share) {
    }

    /** @param leaderBallot null before any vote and when the first two are level ({@code tied}) */
    /** @param decided as {@link ConstituencyLine#decided}, for a contest of candidates */
    public record ConstituencyContest(String contest, ContestTotals totals, List<CandidateResult> candidates, List<PartyVotes> parties,
            Integer leaderBallot, long margin, boolean tied, long votesOutstanding, boolean decided) {
    }

    public record ConstituencyResults(String electionId, long version, Instant updatedAt, boolean verifiedOnly, String code, int number,
            String provinceCode, LocalizedName provinceName, List<ConstituencyContest> contests) {
    }

    /**
     * @param provisional the numbers are a final count still waiting for verification
     * @param asWritten   the verified numbers were accepted as written on a count form that does not add up
     */
    public record StationContestResult(String contest, ContestState state, int version, Instant verifiedAt, Numbers numbers,
            boolean provisional, boolean asWritten) {
    }

    /** The whole election at one version: the nation, every province and every constituency (for feeds of whole files). */
    public record ElectionResults(NationalResults national, List<ProvinceResults> provinces, List<ConstituencyResults> constituencies) {
    }

    public record StationResults(String electionId, long version, Instant updatedAt, boolean verifiedOnly, long stationId,
            String constituency, String province, List<StationContestResult> contests) {
    }

    /** A station contest that changed in a batch. */
    public record StationChange(long stationId, String constituency, String province, String contest, ContestState state, int version) {
    }

    /** One batch of changes: the election's new version. */
    public record Change(String electionId, long version, Instant at, List<StationChange> stations) {
    }

    /** Stops the deliveries to one subscriber. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** An election's tally and what was last built from it, guarded by the holder's monitor. */
    static final class Holder {
        final ElectionTally tally;
        final Instant importedAt;
        volatile long version;
        volatile long stamp;
        private final Object[] national = new Object[2]; // per view: {version, NationalResults}

        Holder(ElectionTally tally, Instant importedAt) {
            this.tally = tally;
            this.importedAt = importedAt;
        }
    }

    private final ElectionCatalog catalog;
    private final JdbcClient jdbc;
    private final ContestChangeFeed feed;
    private final Clock clock;
    private final double projectionFrom;
    private final Map<String, Holder> holders = new ConcurrentHashMap<>();
    private final List<Consumer<Change>> subscribers = new CopyOnWriteArrayList<>();

    LiveResults(ElectionCatalog catalog, JdbcClient jdbc, ContestChangeFeed feed, ObjectProvider<Clock> clock,
            LiveFeedProperties properties) {
        this.catalog = catalog;
        this.projectionFrom = properties.projectionFrom();
        this.jdbc = jdbc;
        this.feed = feed;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The election's current version (-1 when there is no such election): an ETag needs nothing more. */
    public long version(String electionId) {
        return holder(electionId).map(h -> h.version).orElse(-1L);
    }

    public Optional<NationalResults> national(String electionId, View view) {
        return holder(electionId).map(h -> {
            synchronized (h) {
                Object[] cached = (Object[]) h.national[view.ordinal()];
                if (cached != null && (long) cached[0] == h.tally.version()) {
                    return (NationalResults) cached[1];
                }
                NationalResults built = h.tally.national(view);
                h.national[view.ordinal()] = new Object[] { h.tally.version(), built };
                return built;
            }
        });
    }

    /** The nation, every province and every constituency read at one version (a few tens of milliseconds nationally). */
    public Optional<ElectionResults> all(String electionId, View view) {
        return holder(electionId).map(h -> {
            synchronized (h) {
                ElectionTally t = h.tally;
                return new ElectionResults(t.national(view),
                        t.provinceCodes().stream().map(code -> t.province(code, view).orElseThrow()).toList(),
                        t.constituencyCodes().stream().map(code -> t.constituency(code, view).orElseThrow()).toList());
            }
        });
    }

    public Optional<List<ProvinceSummary>> provinces(String electionId, View view) {
        return holder(electionId).map(h -> {
            synchronized (h) {
                return h.tally.provinceSummaries(view);
            }
        });
    }

    public Optional<ProvinceResults> province(String electionId, String code, View view) {
        return holder(electionId).flatMap(h -> {
            synchronized (h) {
                return h.tally.province(code, view);
            }
        });
    }

    public Optional<ConstituencyResults> constituency(String electionId, String code, View view) {
        return holder(electionId).flatMap(h -> {
            synchronized (h) {
                return h.tally.constituency(code, view);
            }
        });
    }

    public Optional<StationResults> station(String electionId, long stationId, View view) {
        return holder(electionId).flatMap(h -> {
            synchronized (h) {
                ElectionTally t = h.tally;
                return t.station(stationId, view).map(contests -> new StationResults(electionId, t.version(), t.updatedAt(),
                        view == View.VERIFIED, stationId, t.constituencyOf(stationId).orElse(null), t.provinceOf(stationId).orElse(null),
                        contests));
            }
        });
    }

    /**
     * Every station of the election as CSV, one line per station and contest: its numbers (verified, or provisional
     * where asked and waiting), votes as {@code number=votes} pairs separated by {@code ;}, then (added at the end, so
     * that readers of the earlier columns by position are not disturbed) the voters who came by the station's count form
     * (empty where not given) and whether the numbers were accepted as written on a form that does not add up. False when there is no such
     * election. The lines are formatted while the tally is held (about half a second nationally), written after.
     */
    public boolean csv(String electionId, View view, Writer out) throws IOException {
        Optional<Holder> found = holder(electionId);
        if (found.isEmpty()) {
            return false;
        }
        Holder h = found.get();
        StringBuilder text = new StringBuilder(16 * 1024 * 1024);
        text.append("election,version,station_id,province,constituency,registered_voters,contest,state,verified_version,provisional,")
                .append("ballots_used,valid,invalid,no_vote,votes,voters_came,as_written\n");
        synchronized (h) {
            long version = h.tally.version();
            h.tally.eachStation(view, (stationId, constituency, province, registered, contest, state, verifiedVersion, n, maxBallot,
                    provisional, votersCame, asWritten) -> {
                text.append(electionId).append(',').append(version).append(',').append(stationId).append(',').append(province).append(',')
                        .append(constituency).append(',').append(registered).append(',').append(contest).append(',').append(state.name())
                        .append(',').append(verifiedVersion).append(',').append(provisional).append(',');
                if (n != null) {
                    text.append(n[ElectionTally.USED]).append(',').append(n[ElectionTally.VALID]).append(',')
                            .append(n[ElectionTally.INVALID]).append(',').append(n[ElectionTally.NO_VOTE]).append(',');
                    String sep = "";
                    for (int b = 0; b <= maxBallot; b++) {
                        int x = n[ElectionTally.VOTES + b];
                        if (x != 0) {
                            text.append(sep).append(b).append('=').append(x);
                            sep = ";";
                        }
                    }
                } else {
                    text.append(",,,,");
                }
                text.append(',').append(votersCame == null ? "" : votersCame).append(',').append(asWritten).append('\n');
            });
        }
        out.append(text);
        return true;
    }

    /**
     * The verified party-list numbers of the given stations that have them, read at one version: a quick count's
     * reported sample ({@link QuickCounts}).
     *
     * @param parties   the parties, by the index of the observations' votes
     * @param listSeats the party-list seats to share out
     */
    record SampleReading(List<org.khanaen.elections.PartyView> parties, int listSeats, List<QuickCountEstimator.Observation> observations) {
    }

    Optional<SampleReading> sampleReading(String electionId, Map<Long, String> stratumByStation) {
        return holder(electionId).map(h -> {
            synchronized (h) {
                List<QuickCountEstimator.Observation> out = new ArrayList<>();
                stratumByStation.forEach((id, stratum) -> {
                    QuickCountEstimator.Observation o = h.tally.observation(id, stratum);
                    if (o != null) {
                        out.add(o);
                    }
                });
                return new SampleReading(h.tally.parties(), h.tally.partyListSeatCount(), out);
            }
        });
    }

    /** Delivers every batch of changes to the consumer, on the updater's thread: it must hand over and return at once. */
    public Subscription subscribe(Consumer<Change> consumer) {
        subscribers.add(consumer);
        return () -> subscribers.remove(consumer);
    }

    /**
     * A fingerprint of the station contests the election's results are made of: equal on every application node that
     * has taken in the same writes, so an ETag made of it holds behind a load balancer (the version does not: each node
     * counts its own). Empty when there is no such election.
     */
    public Optional<Long> stamp(String electionId) {
        return holder(electionId).map(h -> h.stamp);
    }

    @EventListener
    void on(ElectionImported imported) {
        // stations and candidates may have changed: built afresh when next asked for
        holders.remove(imported.electionId());
    }

    /** Drops the tallies of elections imported again since they were built (perhaps on another node). */
    void dropReimported() {
        holders.forEach((id, h) -> {
            Instant now = catalog.importedAt(id).orElse(null);
            if (!java.util.Objects.equals(now, h.importedAt)) {
                holders.remove(id, h);
                log.info("Election {} was imported again: its live results are built afresh", id);
            }
        });
    }

    /** Builds every election's tally now, so that the first reader does not wait. */
    void loadAll() {
        catalog.elections().forEach(e -> holder(e.id()));
    }

    Optional<Holder> holder(String electionId) {
        Holder h = holders.get(electionId);
        if (h != null) {
            return Optional.of(h);
        }
        if (!catalog.exists(electionId)) {
            return Optional.empty();
        }
        return Optional.of(holders.computeIfAbsent(electionId, this::load));
    }

    private Holder load(String electionId) {
        long start = System.nanoTime();
        Instant importedAt = catalog.importedAt(electionId).orElse(null);
        ElectionTally tally = new ElectionTally(electionId, catalog.contests(electionId), catalog.provinces(electionId),
                catalog.constituencies(electionId, Optional.empty()), catalog.parties(electionId), catalog.candidates(electionId),
                catalog.stationPoints(electionId), clock.instant());
        tally.projectionFrom(projectionFrom);
        int[] rows = { 0 };
        jdbc.sql(SELECT_ROWS + " where election_id = ?").param(electionId).query(rs -> {
            tally.apply(row(rs));
            rows[0]++;
        });
        tally.changed(clock.instant());
        Holder h = new Holder(tally, importedAt);
        h.version = tally.version();
        h.stamp = stampOf(tally, importedAt);
        log.info("Live results of {}: {} station contests read in {} ms", electionId, rows[0], (System.nanoTime() - start) / 1_000_000);
        return h;
    }

    /** Re-reads changed station contests (after their commit) and applies them as one new version; tells the subscribers. */
    void apply(String electionId, List<Long> stationContestIds) {
        Optional<Holder> found = holder(electionId);
        if (found.isEmpty()) {
            return;
        }
        Holder h = found.get();
        List<ElectionTally.Row> rows = new ArrayList<>();
        for (int i = 0; i < stationContestIds.size(); i += 1000) {
            rows.addAll(jdbc.sql(SELECT_ROWS + " where id in (:ids)")
                    .param("ids", stationContestIds.subList(i, Math.min(stationContestIds.size(), i + 1000)))
                    .query((rs, n) -> row(rs)).list());
        }
        List<StationChange> changes = new ArrayList<>(rows.size());
        Instant at = clock.instant();
        long version;
        synchronized (h) {
            for (ElectionTally.Row r : rows) {
                if (h.tally.apply(r)) {
                    changes.add(new StationChange(r.stationId(), h.tally.constituencyOf(r.stationId()).orElse(null),
                            h.tally.provinceOf(r.stationId()).orElse(null), r.contest(), r.state(), r.version()));
                }
            }
            if (changes.isEmpty()) {
                return; // writes already taken in (a node's own commit, seen again in the table): nothing new to tell
            }
            h.tally.changed(at);
            version = h.version = h.tally.version();
            h.stamp = stampOf(h.tally, h.importedAt);
        }
        Change change = new Change(electionId, version, at, List.copyOf(changes));
        for (Consumer<Change> s : subscribers) {
            try {
                s.accept(change);
            } catch (RuntimeException e) {
                log.warn("A live results subscriber failed", e);
            }
        }
    }

    private static final String SELECT_ROWS = """
            select station_id, contest_code, state, version, votes, valid_ballots, invalid_ballots, no_vote_ballots, ballots_used,
              latest_votes, latest_valid_ballots, latest_invalid_ballots, latest_no_vote_ballots, latest_ballots_used, verified_at,
              voters_came, latest_voters_came, as_written, id, updated_at, revision
            from station_contest""";

    private static long stampOf(ElectionTally tally, Instant importedAt) {
        return tally.stamp() + (importedAt == null ? 0 : ContestChangeFeed.mix(importedAt.toEpochMilli()));
    }

    /** A row of the table, and a note to the feed that this write of it is taken in. */
    private ElectionTally.Row row(ResultSet rs) throws SQLException {
        String votes = rs.getString(5), latest = rs.getString(10);
        Timestamp at = rs.getTimestamp(15);
        long micros = ContestChangeFeed.micros(rs.getTimestamp(20));
        long mark = ContestChangeFeed.mark(rs.getInt(21));
        feed.taken(rs.getLong(19), mark, micros);
        return new ElectionTally.Row(rs.getLong(1), rs.getString(2), ContestState.valueOf(rs.getString(3)), rs.getInt(4),
                votes == null ? null : ReportSubmissions.parseVotes(votes),
                votes == null ? null : new long[] { rs.getLong(9), rs.getLong(6), rs.getLong(7), rs.getLong(8) },
                latest == null ? null : ReportSubmissions.parseVotes(latest),
                latest == null ? null : new long[] { rs.getLong(14), rs.getLong(11), rs.getLong(12), rs.getLong(13) },
                at == null ? null : at.toInstant(), rs.getObject(16, Long.class), rs.getObject(17, Long.class), rs.getBoolean(18), mark);
    }
}
