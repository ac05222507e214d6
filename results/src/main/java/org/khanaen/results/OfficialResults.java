package org.khanaen.results;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.khanaen.elections.ConstituencyView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.results.LiveResults.ConstituencyContest;
import org.khanaen.results.LiveResults.View;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The official results, as the election commission publishes them per constituency, kept beside Khanaen's verified
 * ones so that where they differ is listed: a constituency's totals, any candidate's or party's votes, or the winner.
 * The commission's files carry no station numbers, so the comparison is per constituency.
 */
@Service
public class OfficialResults {

    /**
     * One contest's official numbers in a constituency, votes per ballot number.
     *
     * @param votersCame the commission's turnout ({@code turn_out}: the voters who came); null where not given
     */
    public record OfficialCount(String constituencyCode, String contest, Map<Integer, Long> votes, long valid, long invalid, long noVote,
            Long votersCame) {

        public OfficialCount {
            votes = Map.copyOf(votes);
        }

        public OfficialCount(String constituencyCode, String contest, Map<Integer, Long> votes, long valid, long invalid, long noVote) {
            this(constituencyCode, contest, votes, valid, invalid, noVote, null);
        }

        long ballotsUsed() {
            return valid + invalid + noVote;
        }
    }

    /**
     * One figure an official file writes that its own parts do not make.
     *
     * @param where    a constituency code, or a party's id for a national total
     * @param kind     {@link #VOTES_SUM} or {@link #PARTY_TOTAL}, as the pages name them
     * @param written  the figure as the file writes it
     * @param addsUpTo what the file's own parts of it add up to
     */
    public record Contradiction(String where, String contest, String kind, long written, long addsUpTo) implements java.io.Serializable {

        /** A contest's votes do not make the valid ballots written beside them. */
        public static final String VOTES_SUM = "votes-sum";
        /** A party's national total in one file is not the sum of its constituency figures in the other. */
        public static final String PARTY_TOTAL = "party-total";

        /** By how much the written figure is off its parts (negative: below them). */
        public long by() {
            return written - addsUpTo;
        }
    }

    /** A number that differs: what it is, the official value, Khanaen's verified one. */
    public record Difference(String what, long official, long khanaen) {
    }

    /**
     * A constituency's contest where the two differ.
     *
     * @param officialWinner  the ballot number with the most official votes (null for a party contest)
     * @param khanaenLeader   the ballot number leading Khanaen's verified count (null when none or level)
     */
    public record ConstituencyDifference(String constituency, String contest, int stations, int stationsVerified,
            List<Difference> differences, Integer officialWinner, Integer khanaenLeader) {

        public boolean winnerDiffers() {
            return officialWinner != null && !officialWinner.equals(khanaenLeader);
        }
    }

    /**
     * @param recorded       constituency contests recorded
     * @param unknown        the constituency codes this election does not have (then nothing is recorded)
     * @param contradictions where the recorded counts do not add up, as written
     */
    public record Recorded(int recorded, List<String> unknown, List<Contradiction> contradictions) {
    }

    /** Where official counts contradict themselves: each contest's votes against the valid ballots written beside them. */
    public static List<Contradiction> contradictionsOf(List<OfficialCount> counts) {
        return OfficialContradictions.of(counts);
    }

    /**
     * A national total per party as one file writes it against the sum of the party's constituency figures in the
     * other; a party missing on one side counts 0 there.
     */
    public static List<Contradiction> totalsContradictions(String contest, Map<String, Long> written, Map<String, Long> sums) {
        return OfficialContradictions.ofTotals(contest, written, sums);
    }

    private final JdbcClient jdbc;
    private final ElectionCatalog catalog;
    private final LiveResults live;
    private final Clock clock;

    OfficialResults(JdbcClient jdbc, ElectionCatalog catalog, LiveResults live, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.live = live;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Records the official numbers as written (replacing earlier ones of the same constituency and contest), all or
     * nothing: a count for a constituency or contest this election does not have, or a negative count, refuses the lot.
     * Counts that do not add up are recorded as they are: the document is what it is, and its contradictions are listed
     * ({@link #contradictions}).
     */
    @Transactional
    public Recorded record(String electionId, List<OfficialCount> counts, String source, String actor) {
        Map<String, Long> ids = new TreeMap<>();
        catalog.constituencies(electionId, Optional.empty()).forEach(c -> ids.put(c.code(), c.id()));
        var contests = new TreeSet<String>();
        catalog.contests(electionId).forEach(c -> contests.add(c.code()));
        List<String> unknown = counts.stream().map(OfficialCount::constituencyCode).filter(c -> !ids.containsKey(c)).distinct().toList();
        if (!unknown.isEmpty()) {
            return new Recorded(0, unknown, List.of());
        }
        for (OfficialCount c : counts) {
            if (!contests.contains(c.contest())) {
                throw new IllegalArgumentException("no contest " + c.contest() + " in " + electionId);
            }
            if (c.votes().values().stream().anyMatch(v -> v < 0) || c.valid() < 0 || c.invalid() < 0 || c.noVote() < 0) {
                throw new IllegalArgumentException(c.constituencyCode() + " " + c.contest() + ": a negative count");
            }
        }
        Timestamp now = Timestamp.from(clock.instant());
        for (OfficialCount c : counts) {
            jdbc.sql("""
                    insert into official_result (election_id, constituency_id, contest_code, votes, valid_ballots, invalid_ballots,
                      no_vote_ballots, ballots_used, voters_came, source, imported_by, imported_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on duplicate key update votes = values(votes), valid_ballots = values(valid_ballots),
                      invalid_ballots = values(invalid_ballots), no_vote_ballots = values(no_vote_ballots), ballots_used = values(ballots_used),
                      voters_came = values(voters_came), source = values(source), imported_by = values(imported_by),
                      imported_at = values(imported_at)""")
                    .params(electionId, ids.get(c.constituencyCode()), c.contest(), ReportSubmissions.votesText(c.votes()), c.valid(),
                            c.invalid(), c.noVote(), c.ballotsUsed(), c.votersCame(), source, actor, now)
                    .update();
        }
        return new Recorded(counts.size(), List.of(), OfficialContradictions.of(counts));
    }

    /** Where the recorded official counts contradict themselves, in constituency order: what does not add up, by how much. */
    public List<Contradiction> contradictions(String electionId) {
        Map<Long, String> codes = new TreeMap<>();
        catalog.constituencies(electionId, Optional.empty()).forEach(c -> codes.put(c.id(), c.code()));
        List<OfficialCount> counts = jdbc.sql("""
                select constituency_id, contest_code, votes, valid_ballots, invalid_ballots, no_vote_ballots from official_result
                where election_id = ? order by constituency_id, contest_code""").param(electionId)
                .query((rs, i) -> new OfficialCount(codes.getOrDefault(rs.getLong(1), "?"), rs.getString(2),
                        ReportSubmissions.parseVotes(rs.getString(3)), rs.getLong(4), rs.getLong(5), rs.getLong(6)))
                .list();
        return OfficialContradictions.of(counts);
    }

    /** How many constituency contests have official numbers. */
    public long count(String electionId) {
        return jdbc.sql("select count(*) from official_result where election_id = ?").param(electionId).query(Long.class).single();
    }

    /** The constituency contests whose official numbers differ from Khanaen's verified ones, in constituency order. */
    public List<ConstituencyDifference> differences(String electionId) {
        Map<Long, String> codes = new TreeMap<>();
        for (ConstituencyView c : catalog.constituencies(electionId, Optional.empty())) {
            codes.put(c.id(), c.code());
        }
        record Row(long constituencyId, String contest, Map<Integer, Long> votes, long valid, long invalid, long noVote, Long came) {
        }
        List<Row> rows = jdbc.sql("""
                select constituency_id, contest_code, votes, valid_ballots, invalid_ballots, no_vote_ballots, voters_came from official_result
                where election_id = ? order by constituency_id, contest_code""").param(electionId)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getString(2), ReportSubmissions.parseVotes(rs.getString(3)), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getObject(7, Long.class)))
                .list();
        List<ConstituencyDifference> out = new ArrayList<>();
        for (Row r : rows) {
            String code = codes.get(r.constituencyId());
            if (code == null) {
                continue;
            }
            ConstituencyContest ours = live.constituency(electionId, code, View.VERIFIED).flatMap(c -> c.contests().stream()
                    .filter(x -> x.contest().equals(r.contest())).findFirst()).orElse(null);
            if (ours == null) {
                continue;
            }
            Map<Integer, Long> khanaen = new TreeMap<>();
            ours.candidates().forEach(c -> khanaen.put(c.ballotNumber(), c.votes()));
            ours.parties().forEach(p -> khanaen.put(p.ballotNumber(), p.votes()));
            List<Difference> d = new ArrayList<>();
            differ(d, "valid", r.valid(), ours.totals().valid());
            differ(d, "invalid", r.invalid(), ours.totals().invalid());
            differ(d, "no-vote", r.noVote(), ours.totals().noVote());
            if (r.came() != null) {
                differ(d, "turn-out", r.came(), ours.totals().voters());
            }
            TreeSet<Integer> ballots = new TreeSet<>(r.votes().keySet());
            ballots.addAll(khanaen.keySet());
            for (int b : ballots) {
                differ(d, String.valueOf(b), r.votes().getOrDefault(b, 0L), khanaen.getOrDefault(b, 0L));
            }
            Integer winner = ours.candidates().isEmpty() ? null : winner(r.votes());
            Integer leader = ours.leaderBallot();
            if (!d.isEmpty() || (winner != null && !winner.equals(leader))) {
                out.add(new ConstituencyDifference(code, r.contest(), ours.totals().stations(), ours.totals().stationsVerified(), d, winner,
                        leader));
            }
        }
        return out;
    }

    private static void differ(List<Difference> d, String what, long official, long khanaen) {
        if (official != khanaen) {
            d.add(new Difference(what, official, khanaen));
        }
    }

    /** The ballot number with the most votes; null before any vote or when the first two are level. */
    private static Integer winner(Map<Integer, Long> votes) {
        Integer best = null;
        long first = 0, second = 0;
        for (var e : votes.entrySet()) {
            if (e.getValue() > first) {
                second = first;
                first = e.getValue();
                best = e.getKey();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        return first > 0 && first != second ? best : null;
    }
}
