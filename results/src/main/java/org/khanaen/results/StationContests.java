package org.khanaen.results;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.khanaen.results.WarRoom.ContestState;
import org.khanaen.results.checks.ElectionRules;
import org.khanaen.results.checks.ElectionRules.VerifiedBy;
import org.khanaen.results.checks.Tally;
import org.khanaen.results.checks.Tally.CountForm;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The verification of station contests: every decision takes the contest's row lock first (created on the
 * first report), then reads the reports and writes state, steps and report statuses by id only, so a report
 * arriving while a verifier decides waits for the lock instead of deadlocking. Callers hold the transaction.
 */
@Component
class StationContests {

    /**
     * The locked row.
     *
     * @param asWritten the verified numbers were accepted as written on a form that does not add up
     */
    record Row(long id, String electionId, long stationId, long constituencyId, String contest, ContestState state, boolean inQueue,
            boolean closeRace, int version, Tally verified, String claimedBy, Instant claimExpires, boolean asWritten) {

        boolean claimedBy(String verifier, Instant now) {
            return verifier.equals(claimedBy) && claimExpires != null && claimExpires.isAfter(now);
        }
    }

    /**
     * A report as verification sees it.
     *
     * @param asWritten the form's own sums that do not add up, as the reporter said the form reads (null: they do)
     */
    record Report(long id, Long volunteerId, String submittedBy, boolean isFinal, String status, Tally tally, Instant submittedAt,
            String asWritten) {

        /** Who sent it: reports of one person never agree with each other "independently". */
        String reporter() {
            return volunteerId != null ? "v" + volunteerId : "a" + submittedBy;
        }

        boolean open() {
            return isFinal && "RECEIVED".equals(status);
        }

        /** Its form does not add up: only a verifier may accept it (as written), never an agreement. */
        boolean needsVerifier() {
            return asWritten != null;
        }
    }

    /** The contest a report is for: a station's constituency or party-list count. */
    record Key(long stationId, String contest) {
    }

    /**
     * Where a decision's writes go: at once, or kept and sent as one JDBC batch per statement when a whole batch
     * of reports has been decided ({@link ReportBatches}). Every write names its rows by id, so their order
     * between contests does not matter.
     */
    static final class Writes {

        private final JdbcTemplate jdbc;
        private final ApplicationEventPublisher events;
        private final Map<String, List<Object[]>> kept;
        private final List<StationContestVerified> verified = new ArrayList<>();

        private Writes(JdbcTemplate jdbc, ApplicationEventPublisher events, boolean keep) {
            this.jdbc = jdbc;
            this.events = events;
            this.kept = keep ? new LinkedHashMap<>() : null;
        }

        /**
         * A contest verified: told at once, or with the batch's others in one event. Each event costs the event
         * publication registry a row and two transactions of its own (taken, completed): one per contest was a fifth of
         * the app's CPU in the national replay, one per batch is a tenth of that.
         */
        void verified(StationContestVerified contest) {
            if (kept == null) {
                events.publishEvent(new StationContestsVerified(List.of(contest)));
            } else {
                verified.add(contest);
            }
        }

        void write(String sql, Object... args) {
            if (kept == null) {
                jdbc.update(sql, args);
            } else {
                kept.computeIfAbsent(sql, k -> new ArrayList<>()).add(args);
            }
        }

        /** Sends what was kept: one round trip per kind of statement (the driver rewrites each batch). */
        void flush() {
            if (kept != null) {
                kept.forEach(jdbc::batchUpdate);
                kept.clear();
                if (!verified.isEmpty()) {
                    events.publishEvent(new StationContestsVerified(List.copyOf(verified)));
                    verified.clear();
                }
            }
        }
    }

    /** How a final count that agreed with numbers verified before it is told ({@link StationContestVerified#how}). */
    static final String AGREED_AFTER = "AGREED_AFTER";

    /** The verification step of numbers accepted as written on a form that does not add up. */
    static final String AS_WRITTEN = "AS_WRITTEN";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ContestChanges changes;

    StationContests(JdbcClient jdbc, JdbcTemplate template, ApplicationEventPublisher events, Clock clock, ContestChanges changes) {
        this.jdbc = jdbc;
        this.template = template;
        this.events = events;
        this.clock = clock;
        this.changes = changes;
    }

    /** Writes made at once. */
    Writes immediate() {
        return new Writes(template, events, false);
    }

    /** Writes kept until {@link Writes#flush()}. */
    Writes kept() {
        return new Writes(template, events, true);
    }

    /** The contest's row, created if it is the first report, locked until the transaction ends. */
    Row lock(String electionId, long stationId, long constituencyId, String contest) {
        // on duplicate key update takes the row's exclusive lock at once (insert ignore would take a shared one, and two
        // reports upgrading shared locks deadlock)
        jdbc.sql("""
                insert into station_contest (election_id, station_id, constituency_id, contest_code, state, in_queue, queue_rank, updated_at)
                values (?, ?, ?, ?, 'NO_REPORT', false, 2, ?) on duplicate key update id = id""")
                .params(electionId, stationId, constituencyId, contest, now()).update();
        return jdbc.sql(SELECT_ROW + " where station_id = ? and contest_code = ? for update").params(stationId, contest)
                .query(StationContests::row).single();
    }

    /**
     * The rows of these contests, created where they are the first report, all locked until the transaction ends.
     * Created in station order, the order every batch takes them in, so two batches never wait on each other in a circle.
     */
    Map<Key, Row> lockAll(String electionId, Map<Key, Long> constituencies) {
        List<Key> keys = constituencies.keySet().stream()
                .sorted(java.util.Comparator.comparingLong(Key::stationId).thenComparing(Key::contest)).toList();
        Timestamp now = now();
        template.batchUpdate("""
                insert into station_contest (election_id, station_id, constituency_id, contest_code, state, in_queue, queue_rank, updated_at)
                values (?, ?, ?, ?, 'NO_REPORT', false, 2, ?) on duplicate key update id = id""",
                keys.stream().map(k -> new Object[] { electionId, k.stationId(), constituencies.get(k), k.contest(), now }).toList());
        Map<Key, Row> rows = new LinkedHashMap<>();
        jdbc.sql(SELECT_ROW + " where station_id in (:stations) order by station_id, contest_code for update")
                .param("stations", keys.stream().map(Key::stationId).distinct().toList())
                .query(StationContests::row).list()
                .forEach(r -> {
                    Key k = new Key(r.stationId(), r.contest());
                    if (constituencies.containsKey(k)) {
                        rows.put(k, r);
                    }
                });
        return rows;
    }

    /** All reports of these stations, by contest, oldest first. */
    Map<Key, List<Report>> reportsOf(java.util.Collection<Long> stationIds) {
        Map<Key, List<Report>> found = new LinkedHashMap<>();
        jdbc.sql("""
                select id, volunteer_id, submitted_by, final_count, status, votes, valid_ballots, invalid_ballots, no_vote_ballots,
                  ballots_used, submitted_at, station_id, contest_code, voters_came, ballots_received, ballots_left, as_written
                from station_report force index (ix_station_report_station) where station_id in (:stations) order by id""")
                .param("stations", List.copyOf(stationIds))
                .query((rs, n) -> {
                    found.computeIfAbsent(new Key(rs.getLong(12), rs.getString(13)), k -> new ArrayList<>()).add(report(rs));
                    return null;
                }).list();
        return found;
    }

    /** An existing row by id, locked. */
    Optional<Row> lock(long id) {
        return jdbc.sql(SELECT_ROW + " where id = ? for update").param(id).query(StationContests::row).optional();
    }

    Optional<Row> find(long id) {
        return jdbc.sql(SELECT_ROW + " where id = ?").param(id).query(StationContests::row).optional();
    }

    List<Report> reports(Row row) {
        return jdbc.sql("""
                select id, volunteer_id, submitted_by, final_count, status, votes, valid_ballots, invalid_ballots, no_vote_ballots,
                  ballots_used, submitted_at, voters_came, ballots_received, ballots_left, as_written
                from station_report force index (ix_station_report_station) where station_id = ? and contest_code = ? order by id""")
                .params(row.stationId(), row.contest())
                .query((rs, n) -> report(rs))
                .list();
    }

    private static Report report(ResultSet rs) throws SQLException {
        return new Report(rs.getLong(1), (Long) rs.getObject(2, Long.class), rs.getString(3), rs.getBoolean(4), rs.getString(5),
                tally(rs, 6, rs.getBoolean(4)).withForm(form(rs, "")), rs.getTimestamp(11).toInstant(), rs.getString("as_written"));
    }

    /**
     * Decides the contest's state from its open final reports (received, not rejected or superseded): once verified, only
     * reports that disagree with the verified numbers reopen it; before, two agreeing reports from two people verify it
     * (when the election allows), disagreeing ones are a conflict, a single one waits in the queue.
     */
    void evaluate(Row row, ElectionRules rules) {
        evaluate(row, reports(row), rules, immediate());
    }

    /** The same, from the contest's reports read after its row was locked, writing through {@code writes}. */
    void evaluate(Row row, List<Report> reports, ElectionRules rules, Writes writes) {
        List<Report> open = withoutCorrected(reports.stream().filter(Report::open).toList(), writes);
        Tally latest = open.isEmpty() ? null : open.getLast().tally();
        boolean partial = reports.stream().anyMatch(r -> !r.isFinal() && !"REJECTED".equals(r.status()));
        if (row.version() > 0) {
            String verified = key(row.verified());
            List<Report> agreeingReports = open.stream().filter(r -> key(r.tally()).equals(verified)).toList();
            List<Long> agreeing = agreeingReports.stream().map(Report::id).toList();
            markReports(agreeing, "VERIFIED", writes);
            // a final count that came after the verification with its numbers: its sender served as those the
            // verification named did (their coupon): told at the same version, naming them only (each report once:
            // marked verified, it is no longer open)
            List<VolunteerId> after = agreeingReports.stream().filter(r -> r.isFinal() && r.volunteerId() != null)
                    .map(r -> new VolunteerId(r.volunteerId())).distinct().toList();
            if (!after.isEmpty()) {
                Tally n = row.verified();
                writes.verified(new StationContestVerified(row.electionId(), row.stationId(), row.constituencyId(), row.contest(),
                        row.version(), n.votes(), n.valid(), n.invalid(), n.noVote(), n.ballotsUsed(), AGREED_AFTER, after, clock.instant()));
            }
            boolean disagreement = open.size() > agreeing.size();
            if (disagreement && row.state() != ContestState.CONFLICT) {
                step(row.id(), null, "REOPENED", open.getLast().id(), null, "system", null, writes);
            }
            setState(row, disagreement ? ContestState.CONFLICT : ContestState.VERIFIED, disagreement, 0, latest, writes);
            return;
        }
        Map<String, List<Report>> groups = new LinkedHashMap<>();
        open.forEach(r -> groups.computeIfAbsent(key(r.tally()), k -> new ArrayList<>()).add(r));
        if (groups.isEmpty()) {
            setState(row, partial ? ContestState.PARTIAL : ContestState.NO_REPORT, false, 2, null, writes);
        } else if (groups.size() > 1) {
            setState(row, ContestState.CONFLICT, true, 0, latest, writes);
        } else {
            List<Report> agreeing = groups.values().iterator().next();
            long people = agreeing.stream().map(Report::reporter).distinct().count();
            if (agreeing.stream().anyMatch(Report::needsVerifier)) {
                // a form that does not add up comes first, beside the conflicts: a person must look at its photo
                setState(row, ContestState.FINAL, true, 0, latest, writes);
            } else if (people >= 2 && rules.verifiedBy().contains(VerifiedBy.AGREEMENT)) {
                verify(row, agreeing.getLast().tally(), "AGREEMENT", agreeing.getLast().id(), "system",
                        people + " agreeing reports", reports, writes);
            } else {
                setState(row, ContestState.FINAL, true, row.closeRace() ? 1 : 2, latest, writes);
            }
        }
    }

    /**
     * A reporter's later final count with other numbers replaces their own earlier open one (a typo fixed): the earlier
     * is marked corrected and is no second source, so one person never conflicts with themselves. The same numbers sent
     * again (photos sent later) just repeat it, and one person's reports never make an agreement ({@link Report#reporter}).
     *
     * @return the open reports left
     */
    private List<Report> withoutCorrected(List<Report> open, Writes writes) {
        Map<String, Report> newest = new LinkedHashMap<>();
        open.forEach(r -> newest.merge(r.reporter(), r, (a, b) -> a.id() > b.id() ? a : b));
        List<Long> corrected = open.stream().filter(r -> !key(newest.get(r.reporter()).tally()).equals(key(r.tally())))
                .map(Report::id).toList();
        if (corrected.isEmpty()) {
            return open;
        }
        markReports(corrected, CORRECTED, writes);
        return open.stream().filter(r -> !corrected.contains(r.id())).toList();
    }

    /** A report's status once its reporter sent a later final count of the same contest. */
    static final String CORRECTED = "CORRECTED";

    /**
     * Makes these numbers the verified ones (a new version): open reports with the same numbers become verified,
     * the others superseded; the event carries the numbers and who reported them.
     */
    void verify(Row row, Tally numbers, String action, Long reportId, String actor, String reason) {
        Writes writes = immediate();
        verify(row, numbers, action, reportId, actor, reason, null, writes);
    }

    /** @param reports the contest's reports as they stand, or null to read them after the contest's row is written */
    private void verify(Row row, Tally numbers, String action, Long reportId, String actor, String reason, List<Report> reports,
            Writes writes) {
        int version = row.version() + 1;
        Instant at = clock.instant();
        CountForm form = numbers.form();
        writes.write("""
                update station_contest set state = 'VERIFIED', in_queue = false, queue_rank = 2, queued_at = null, claimed_by = null,
                  claim_expires_at = null, version = ?, votes = ?, valid_ballots = ?, invalid_ballots = ?, no_vote_ballots = ?,
                  ballots_used = ?, voters_came = ?, ballots_received = ?, ballots_left = ?, as_written = ?, verified_at = ?,
                  revision = revision + 1, updated_at = ? where id = ?""",
                version, ReportSubmissions.votesText(numbers.votes()), numbers.valid(), numbers.invalid(), numbers.noVote(),
                numbers.ballotsUsed(), form.votersCame(), form.ballotsReceived(), form.ballotsLeft(), AS_WRITTEN.equals(action),
                Timestamp.from(at), Timestamp.from(at), row.id());
        step(row.id(), version, action, reportId, numbers, actor, reason, writes);
        changes.afterCommit(row.id(), row.electionId());
        String key = key(numbers);
        if (reports == null) {
            reports = reports(row);
        }
        // a reporter's earlier count that they "corrected" is verified too when its numbers are the ones approved (the
        // photos showed the first count was right): its receipt then says verified, not "replaced by your later report"
        markReports(reports.stream().filter(r -> (r.open() || r.isFinal() && CORRECTED.equals(r.status())) && key(r.tally()).equals(key))
                .map(Report::id).toList(), "VERIFIED", writes);
        markReports(reports.stream().filter(r -> r.open() && !key(r.tally()).equals(key)).map(Report::id).toList(), "SUPERSEDED", writes);
        List<VolunteerId> reporters = reports.stream()
                .filter(r -> r.isFinal() && r.volunteerId() != null && !"REJECTED".equals(r.status()) && key(r.tally()).equals(key))
                .map(r -> new VolunteerId(r.volunteerId())).distinct().toList();
        writes.verified(new StationContestVerified(row.electionId(), row.stationId(), row.constituencyId(), row.contest(), version,
                numbers.votes(), numbers.valid(), numbers.invalid(), numbers.noVote(), numbers.ballotsUsed(), action, reporters, at));
    }

    void reject(Row row, Report report, String actor, String reason) {
        Writes writes = immediate();
        markReports(List.of(report.id()), "REJECTED", writes);
        step(row.id(), null, "REJECTED", report.id(), report.tally(), actor, reason, writes);
    }

    void claim(long id, String verifier, Instant until) {
        jdbc.sql("update station_contest set claimed_by = ?, claim_expires_at = ? where id = ?")
                .params(verifier, Timestamp.from(until), id).update();
    }

    private void setState(Row row, ContestState state, boolean inQueue, int rank, Tally latest, Writes writes) {
        // entering the queue stamps the time (oldest first); staying keeps it; leaving clears it and any claim. Written
        // as an upsert of the locked (so existing) row: a batch's rows then go as one multi-row statement, where updates
        // went as one statement each (measured: the driver's and the server's parsing of those was 6% of the API's CPU).
        // values() is MariaDB's and MySQL 8's common form (MySQL 8 also has a row alias, which MariaDB lacks).
        Timestamp now = now();
        writes.write("""
                insert into station_contest (id, election_id, station_id, constituency_id, contest_code, state, in_queue, queue_rank,
                  latest_votes, latest_valid_ballots, latest_invalid_ballots, latest_no_vote_ballots, latest_ballots_used,
                  latest_voters_came, queued_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on duplicate key update state = values(state), in_queue = values(in_queue), queue_rank = values(queue_rank),
                  latest_votes = values(latest_votes), latest_valid_ballots = values(latest_valid_ballots),
                  latest_invalid_ballots = values(latest_invalid_ballots), latest_no_vote_ballots = values(latest_no_vote_ballots),
                  latest_ballots_used = values(latest_ballots_used), latest_voters_came = values(latest_voters_came),
                  queued_at = case when values(in_queue) then coalesce(queued_at, values(queued_at)) else null end,
                  claimed_by = case when values(in_queue) then claimed_by else null end,
                  claim_expires_at = case when values(in_queue) then claim_expires_at else null end,
                  revision = revision + 1, updated_at = values(updated_at)""",
                row.id(), row.electionId(), row.stationId(), row.constituencyId(), row.contest(), state.name(), inQueue, rank,
                latest == null ? null : ReportSubmissions.votesText(latest.votes()), latest == null ? null : latest.valid(),
                latest == null ? null : latest.invalid(), latest == null ? null : latest.noVote(),
                latest == null ? null : latest.ballotsUsed(), latest == null ? null : latest.form().votersCame(), inQueue ? now : null, now);
        changes.afterCommit(row.id(), row.electionId());
    }

    private void step(long contestId, Integer version, String action, Long reportId, Tally numbers, String actor, String reason,
            Writes writes) {
        writes.write("""
                insert into verification_step (station_contest_id, version, action, report_id, votes, valid_ballots, invalid_ballots,
                  no_vote_ballots, ballots_used, voters_came, ballots_received, ballots_left, actor, reason, taken_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                contestId, version, action, reportId, numbers == null ? null : ReportSubmissions.votesText(numbers.votes()),
                numbers == null ? null : numbers.valid(), numbers == null ? null : numbers.invalid(),
                numbers == null ? null : numbers.noVote(), numbers == null ? null : numbers.ballotsUsed(),
                numbers == null ? null : numbers.form().votersCame(), numbers == null ? null : numbers.form().ballotsReceived(),
                numbers == null ? null : numbers.form().ballotsLeft(), actor, reason, now());
    }

    private void markReports(List<Long> ids, String status, Writes writes) {
        for (long id : ids) {
            writes.write("update station_report set status = ? where id = ?", status, id);
        }
    }

    /** Two counts agree when every number does, the form's other figures included. */
    static String key(Tally t) {
        CountForm f = t.form();
        return ReportSubmissions.votesText(t.votes()) + "|" + t.valid() + "|" + t.invalid() + "|" + t.noVote() + "|" + t.ballotsUsed()
                + "|" + f.votersCame() + "|" + f.ballotsReceived() + "|" + f.ballotsLeft();
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private static final String SELECT_ROW = """
            select id, election_id, station_id, constituency_id, contest_code, state, in_queue, close_race, version, votes, valid_ballots,
              invalid_ballots, no_vote_ballots, ballots_used, claimed_by, claim_expires_at, voters_came, ballots_received, ballots_left,
              as_written from station_contest""";

    private static Row row(ResultSet rs, int n) throws SQLException {
        Tally verified = rs.getString(10) == null ? null : tally(rs, 10, true).withForm(form(rs, ""));
        Timestamp expires = rs.getTimestamp(16);
        return new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5), ContestState.valueOf(rs.getString(6)),
                rs.getBoolean(7), rs.getBoolean(8), rs.getInt(9), verified, rs.getString(15), expires == null ? null : expires.toInstant(),
                rs.getBoolean("as_written"));
    }

    /** Votes text and the four totals from consecutive columns. */
    static Tally tally(ResultSet rs, int first, boolean isFinal) throws SQLException {
        return new Tally(ReportSubmissions.parseVotes(rs.getString(first)), rs.getLong(first + 1), rs.getLong(first + 2),
                rs.getLong(first + 3), rs.getLong(first + 4), isFinal);
    }

    /** The form's other figures from the columns voters_came, ballots_received and ballots_left, named with this prefix. */
    static CountForm form(ResultSet rs, String prefix) throws SQLException {
        return new CountForm(rs.getObject(prefix + "voters_came", Long.class), rs.getObject(prefix + "ballots_received", Long.class),
                rs.getObject(prefix + "ballots_left", Long.class));
    }

    static boolean same(Tally a, Tally b) {
        return Objects.equals(key(a), key(b));
    }
}
