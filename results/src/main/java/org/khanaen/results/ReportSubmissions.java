package org.khanaen.results;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.khanaen.assignment.AssignmentView;
import org.khanaen.assignment.Coverage;
import org.khanaen.assignment.Tier;
import org.khanaen.elections.BallotKind;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.Photos.StoredPhoto;
import org.khanaen.results.ReportIntake.Outcome;
import org.khanaen.results.ReportIntake.Result;
import org.khanaen.results.ReportIntake.Status;
import org.khanaen.results.ReportIntake.Submission;
import org.khanaen.results.WarRoom.ContestState;
import org.khanaen.results.checks.CheckContext;
import org.khanaen.results.checks.Checks;
import org.khanaen.results.checks.ElectionRules;
import org.khanaen.results.checks.Findings;
import org.khanaen.results.checks.Findings.Finding;
import org.khanaen.results.checks.Tally;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes a station's count report: only from the station's own volunteer (primary or backup) or its
 * constituency's lead; checked (errors refuse it, warnings need the volunteer's confirmation); stored
 * once per idempotency key, so a retry after a dropped connection never makes a second report. Other modules reach
 * it through {@link ReportIntake}.
 */
@Service
class ReportSubmissions {

    private final JdbcClient jdbc;
    private final ElectionCatalog catalog;
    private final StationFacts facts;
    private final Coverage coverage;
    private final Photos photos;
    private final StationContests contests;
    private final ResultsProperties properties;

    ReportSubmissions(JdbcClient jdbc, ElectionCatalog catalog, StationFacts facts, Coverage coverage, Photos photos,
            StationContests contests, ResultsProperties properties) {
        this.jdbc = jdbc;
        this.photos = photos;
        this.catalog = catalog;
        this.facts = facts;
        this.coverage = coverage;
        this.contests = contests;
        this.properties = properties;
    }

    /**
     * Read committed: a retry racing the first attempt must see the row the other one committed (a repeatable-read
     * snapshot would not), and a locking read to see it would deadlock the racers.
     */
    @Transactional(isolation = org.springframework.transaction.annotation.Isolation.READ_COMMITTED)
    public Result submit(Submission s) {
        Prepared p = prepare(s);
        StationPoint station = p.station();
        if (!mayReport(s, s.volunteer() == null ? null : coverage.assignmentOf(s.electionId(), s.volunteer()).orElse(null), station)) {
            throw new ReportProblem("report.problem.not-yours");
        }
        Optional<Long> earlier = existing(s);
        if (earlier.isPresent()) {
            return already(s, earlier.get());
        }
        List<StoredPhoto> sent = s.photos().stream()
                .map(id -> photos.findSentBy(id, s.actor()).orElseThrow(() -> new ReportProblem("report.problem.no-photo"))).toList();
        String votes = p.votes();
        String votesHash = p.votesHash();
        ElectionRules rules = p.rules();
        Findings findings = Checks.run(s.tally(), new CheckContext(station.registeredVoters(), p.numbers(), p.majorParties(),
                otherContestFinal(s), samePhotoAt(s, sent), sameVotesAt(s, votesHash), rules.tolerances()));
        if (!findings.acceptable(s.warningsConfirmed(), s.asWritten())) {
            return new Result(Outcome.REFUSED, null, findings);
        }
        Tally t = s.tally();
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        int inserted = jdbc.sql(INSERT.replace("insert into", "insert ignore into"))
                .params(columns(s, station.constituencyId(), votes, votesHash, findings, Timestamp.from(Instant.now())))
                .update(key);
        if (inserted == 0) {
            // the same key arrived twice at once and the other one stored it; read committed shows its row
            return already(s, existing(s).orElseThrow());
        }
        long id = key.getKey().longValue();
        for (StoredPhoto photo : sent) {
            jdbc.sql("insert into station_report_photo (report_id, photo_id) values (?, ?)").params(id, photo.id()).update();
        }
        // verified, queued or in conflict in the same transaction: a stored report is never left undecided
        contests.evaluate(contests.lock(s.electionId(), s.stationId(), station.constituencyId(), s.contestCode()), rules);
        return new Result(Outcome.STORED, id, findings);
    }

    /** One report's row; {@link #columns} gives its values in this order. */
    static final String INSERT = """
            insert into station_report (election_id, station_id, constituency_id, contest_code, final_count, idempotency_key,
              volunteer_id, submitted_by, votes, votes_hash, valid_ballots, invalid_ballots, no_vote_ballots, ballots_used,
              voters_came, ballots_received, ballots_left, warnings, as_written, status, submitted_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?)""";

    /** The SQL types of {@link #INSERT}'s values. */
    static final int[] INSERT_TYPES = { Types.VARCHAR, Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.BOOLEAN, Types.VARCHAR,
            Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.CHAR, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT,
            Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP };

    /** The values of {@link #INSERT} for an accepted report: the same row whichever path stores it. */
    static Object[] columns(Submission s, long constituencyId, String votes, String votesHash, Findings findings, Timestamp at) {
        Tally t = s.tally();
        return new Object[] { s.electionId(), s.stationId(), constituencyId, s.contestCode(), t.isFinal(), s.idempotencyKey(),
                s.volunteer() == null ? null : s.volunteer().value(), s.actor(), votes, votesHash, t.valid(), t.invalid(), t.noVote(),
                t.ballotsUsed(), t.form().votersCame(), t.form().ballotsReceived(), t.form().ballotsLeft(),
                findings.warnings().isEmpty() ? null : findings.warnings().stream().map(Finding::code).collect(Collectors.joining(",")),
                findings.formSumsBroken(), at };
    }

    /**
     * What a report needs from memory before anything is read from the database; also its votes as stored and their
     * hash, worked out once on the caller's thread.
     */
    record Prepared(Submission submission, StationPoint station, Set<Integer> numbers, Set<Integer> majorParties, ElectionRules rules,
            String votes, String votesHash) {
    }

    /**
     * The checks that need no database: the key's form, the station, the contest, the number of photos.
     *
     * @throws ReportProblem refused before its numbers are looked at
     */
    Prepared prepare(Submission s) {
        if (s.idempotencyKey() == null || !s.idempotencyKey().matches("[A-Za-z0-9_-]{8,80}")) {
            throw new ReportProblem("report.problem.key");
        }
        StationPoint station = facts.station(s.electionId(), s.stationId())
                .orElseThrow(() -> new ReportProblem("report.problem.no-station"));
        Set<Integer> numbers = facts.ballotNumbers(s.electionId(), s.contestCode(), station.constituencyId());
        if (numbers.isEmpty()) {
            throw new ReportProblem("report.problem.no-contest");
        }
        if (s.photos().size() > 10) {
            throw new ReportProblem("report.problem.too-many-photos");
        }
        ElectionRules rules = properties.rulesFor(s.electionId());
        boolean partyBallot = facts.contest(s.electionId(), s.contestCode()).map(c -> c.ballot() == BallotKind.PARTY).orElse(false);
        String votes = votesText(s.tally().votes());
        return new Prepared(s, station, numbers, partyBallot ? rules.majorParties() : Set.of(), rules, votes, sha256(votes));
    }

    /** The report, if this volunteer sent it; nobody else learns that it exists. */
    Optional<Status> status(long reportId, VolunteerId volunteer) {
        return jdbc.sql("""
                select r.id, r.station_id, r.contest_code, r.final_count, r.status, c.state, r.submitted_at from station_report r
                left join station_contest c on c.station_id = r.station_id and c.contest_code = r.contest_code
                where r.id = ? and r.volunteer_id = ?""")
                .params(reportId, volunteer.value())
                .query((rs, n) -> new Status(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBoolean(4), rs.getString(5),
                        rs.getString(6) == null ? ContestState.NO_REPORT : ContestState.valueOf(rs.getString(6)),
                        rs.getTimestamp(7).toInstant()))
                .optional();
    }

    /** {@link ReportIntake#receipts}: each report's photos looked up (a few per report), corrections paired per contest. */
    List<ReportIntake.Receipt> receipts(VolunteerId volunteer, long stationId) {
        record Row(long id, String contest, String key, Instant at, Tally tally, String warnings, boolean asWritten, String status,
                ContestState state) {
        }
        List<Row> rows = jdbc.sql("""
                select r.id, r.contest_code, r.idempotency_key, r.submitted_at, r.votes, r.valid_ballots, r.invalid_ballots,
                  r.no_vote_ballots, r.ballots_used, r.final_count, r.warnings, r.as_written, r.status, c.state,
                  r.voters_came, r.ballots_received, r.ballots_left
                from station_report r force index (ix_station_report_station)
                left join station_contest c on c.station_id = r.station_id and c.contest_code = r.contest_code
                where r.station_id = ? and r.volunteer_id = ? order by r.id desc limit 50""")
                .params(stationId, volunteer.value())
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                        StationContests.tally(rs, 5, rs.getBoolean(10)).withForm(StationContests.form(rs, "")), rs.getString(11),
                        rs.getString(12) != null, rs.getString(13),
                        rs.getString(14) == null ? ContestState.NO_REPORT : ContestState.valueOf(rs.getString(14))))
                .list();
        Map<Long, List<StoredPhoto>> photosOf = new java.util.HashMap<>();
        if (!rows.isEmpty()) {
            jdbc.sql("select report_id, photo_id from station_report_photo where report_id in (:ids) order by photo_id")
                    .param("ids", rows.stream().map(Row::id).toList())
                    .query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2))).list()
                    .forEach(e -> photos.find(e.getValue())
                            .ifPresent(p -> photosOf.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(p)));
        }
        // oldest first, to pair each final count with the same contest's one before it
        Map<Long, Long> corrects = new java.util.HashMap<>();
        Map<Long, Long> correctedBy = new java.util.HashMap<>();
        Map<String, Long> lastFinal = new java.util.HashMap<>();
        rows.reversed().stream().filter(r -> r.tally().isFinal()).forEach(r -> {
            Long before = lastFinal.put(r.contest(), r.id());
            if (before != null) {
                corrects.put(r.id(), before);
                correctedBy.put(before, r.id());
            }
        });
        return rows.stream().map(r -> new ReportIntake.Receipt(r.id(), stationId, r.contest(), r.key(), r.at(), r.tally(),
                photosOf.getOrDefault(r.id(), List.of()),
                r.warnings() == null ? List.of() : List.of(r.warnings().split(",")), r.asWritten(), r.status(), r.state(),
                corrects.get(r.id()), correctedBy.get(r.id()))).toList();
    }

    /** The election's checking and verification rules (tolerances, major parties), as configured. */
    ElectionRules rules(String electionId) {
        return properties.rulesFor(electionId);
    }

    /** A station of the election, from memory (reference data does not change on election night): for callers' own checks. */
    Optional<StationPoint> station(String electionId, long stationId) {
        return facts.station(electionId, stationId);
    }

    /** The report stored before under this key, if it is the same station and contest; a key reused for another is refused. */
    Result already(Submission s, long id) {
        boolean same = jdbc.sql("select count(*) from station_report where id = ? and station_id = ? and contest_code = ?")
                .params(id, s.stationId(), s.contestCode()).query(Long.class).single() == 1;
        if (!same) {
            throw new ReportProblem("report.problem.key-reused");
        }
        return new Result(Outcome.ALREADY_STORED, id, new Findings(List.of(), List.of()));
    }

    private Optional<Long> existing(Submission s) {
        return jdbc.sql("select id from station_report where election_id = ? and idempotency_key = ?")
                .params(s.electionId(), s.idempotencyKey()).query(Long.class).optional();
    }

    /** The rule of {@link ReportIntake#mayReport}, for a submission and the sender's assignment. */
    static boolean mayReport(Submission s, AssignmentView a, StationPoint station) {
        return s.volunteer() != null && a != null && ReportIntake.mayReport(s.electionId(), a.tier(), a.placeId(), station);
    }


    /**
     * The station's newest final count of another contest, for the ballot-surplus warning. The index is forced: for
     * "order by id desc limit 1" the optimizer walked the primary key backwards through every report (measured: 0.2 s
     * a call with 100,000 reports stored).
     */
    private Optional<Tally> otherContestFinal(Submission s) {
        return jdbc.sql("""
                select votes, valid_ballots, invalid_ballots, no_vote_ballots, ballots_used from station_report
                force index (ix_station_report_station)
                where station_id = ? and contest_code <> ? and final_count and status <> 'REJECTED' order by id desc limit 1""")
                .params(s.stationId(), s.contestCode())
                .query((rs, n) -> new Tally(parseVotes(rs.getString(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), true))
                .optional();
    }

    /** Other stations whose reports came with a photo of exactly the same content. */
    List<String> samePhotoAt(Submission s, List<StoredPhoto> sent) {
        if (sent.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select distinct r.station_id from report_photo p
                join station_report_photo l on l.photo_id = p.id join station_report r on r.id = l.report_id
                where p.sha256 in (:hashes) and r.station_id <> :station limit 5""")
                .param("hashes", sent.stream().map(StoredPhoto::sha256).distinct().toList()).param("station", s.stationId())
                .query(Long.class).list().stream()
                .map(id -> catalog.station(id).map(v -> v.code()).orElse(String.valueOf(id))).toList();
    }

    /** Other stations whose final count of this contest has exactly these votes. */
    private List<String> sameVotesAt(Submission s, String votesHash) {
        if (!s.tally().isFinal() || s.tally().votes().values().stream().allMatch(v -> v == 0)) {
            return List.of();
        }
        return jdbc.sql("""
                select distinct station_id from station_report
                where election_id = ? and contest_code = ? and votes_hash = ? and final_count and station_id <> ? limit 5""")
                .params(s.electionId(), s.contestCode(), votesHash, s.stationId())
                .query(Long.class).list().stream()
                .map(id -> catalog.station(id).map(v -> v.code()).orElse(String.valueOf(id))).toList();
    }

    static String votesText(Map<Integer, Long> votes) {
        Map<Integer, Long> sorted = votes instanceof java.util.SortedMap<Integer, Long> m && m.comparator() == null ? votes : new TreeMap<>(votes);
        StringBuilder text = new StringBuilder(votes.size() * 8);
        sorted.forEach((number, count) -> text.append(text.isEmpty() ? "" : ";").append(number).append('=').append(count));
        return text.toString();
    }

    static Map<Integer, Long> parseVotes(String text) {
        Map<Integer, Long> votes = new TreeMap<>();
        if (text != null && !text.isBlank()) {
            for (String pair : text.split(";")) {
                String[] kv = pair.split("=");
                votes.put(Integer.parseInt(kv[0]), Long.parseLong(kv[1]));
            }
        }
        return votes;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
