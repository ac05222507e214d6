package org.khanaen.results;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.khanaen.assignment.Coverage;
import org.khanaen.elections.StationPoint;
import org.khanaen.platform.mail.MailComposer;
import org.khanaen.platform.mail.MailOutbox;
import org.khanaen.results.StationContests.Report;
import org.khanaen.results.StationContests.Row;
import org.khanaen.results.WarRoom.ContestState;
import org.khanaen.results.WarRoom.StationStatus;
import org.khanaen.results.checks.ElectionRules.VerifiedBy;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerPool;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A constituency lead's view of the count: each station's state per contest, a reminder mail to the station's
 * volunteers when nothing has come, and the lead's confirmation of a final report (when the election lets
 * leads verify). Reached through {@link WarRoom}, the module's face for verification work.
 */
@Service
class LeadResults {

    /** Chasing again within this time sends nothing new (a lead tapping twice, or two leads). */
    static final Duration CHASE_INTERVAL = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final StationContests contests;
    private final StationFacts facts;
    private final Coverage coverage;
    private final VolunteerPool pool;
    private final MailComposer composer;
    private final MailOutbox outbox;
    private final ResultsProperties properties;
    private final Clock clock;

    LeadResults(JdbcClient jdbc, StationContests contests, StationFacts facts, Coverage coverage, VolunteerPool pool, MailComposer composer,
            MailOutbox outbox, ResultsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.contests = contests;
        this.facts = facts;
        this.coverage = coverage;
        this.pool = pool;
        this.composer = composer;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /** The state of every station of the constituency that has had a report, by station id. */
    public Map<Long, StationStatus> of(String electionId, long constituencyId) {
        Map<Long, Map<String, ContestState>> states = new HashMap<>();
        Map<Long, Map<String, Long>> items = new HashMap<>();
        jdbc.sql("select station_id, contest_code, state, id from station_contest where constituency_id = ? and election_id = ?")
                .params(constituencyId, electionId)
                .query(rs -> {
                    states.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), ContestState.valueOf(rs.getString(3)));
                    items.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getLong(4));
                });
        Map<Long, Instant> last = new HashMap<>();
        jdbc.sql("select station_id, max(submitted_at) from station_report where constituency_id = ? and election_id = ? group by station_id")
                .params(constituencyId, electionId)
                .query(rs -> {
                    last.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
                });
        Map<Long, StationStatus> result = new HashMap<>();
        states.forEach((station, byContest) -> result.put(station,
                new StationStatus(station, byContest, items.get(station), last.get(station))));
        return result;
    }

    /** Whether the election lets its leads verify a final report. */
    public boolean leadsVerify(String electionId) {
        return properties.rulesFor(electionId).verifiedBy().contains(VerifiedBy.LEAD);
    }

    /**
     * The lead confirms a final report of one of their stations: its numbers become the verified ones. Only a
     * single waiting count whose form adds up (a conflict, or a form to accept as written, is for the war room) and only
     * where the election lets leads verify.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public void confirm(String electionId, VolunteerId lead, long itemId, long reportId, String actor) {
        if (!leadsVerify(electionId)) {
            throw new ReportProblem("verification.problem.leads-do-not-verify");
        }
        Row row = contests.lock(itemId).filter(r -> r.electionId().equals(electionId))
                .orElseThrow(() -> new ReportProblem("verification.problem.no-item"));
        if (!coverage.ledBy(electionId, lead).map(c -> c == row.constituencyId()).orElse(false)) {
            throw new ReportProblem("verification.problem.not-your-constituency");
        }
        if (row.state() != ContestState.FINAL) {
            throw new ReportProblem(row.state() == ContestState.CONFLICT ? "verification.problem.conflict-for-war-room"
                    : "verification.problem.nothing-to-confirm");
        }
        Report report = contests.reports(row).stream().filter(r -> r.id() == reportId && r.open()).findFirst()
                .orElseThrow(() -> new ReportProblem("verification.problem.not-open"));
        if (report.needsVerifier()) { // a form that does not add up is accepted as written, with a reason, by the war room only
            throw new ReportProblem("verification.problem.as-written-for-war-room");
        }
        contests.verify(row, report.tally(), "LEAD_CONFIRMED", report.id(), actor, null);
    }

    /**
     * Mails the station's volunteers (primary and backup) to send their count. At most once per station in
     * {@link #CHASE_INTERVAL}, however often it is asked (the outbox drops the repeats). Returns how many people were mailed.
     */
    @Transactional
    public int chase(String electionId, VolunteerId lead, long stationId, String leadName) {
        StationPoint station = facts.station(electionId, stationId).orElseThrow(() -> new ReportProblem("report.problem.no-station"));
        if (!coverage.ledBy(electionId, lead).map(c -> c == station.constituencyId()).orElse(false)) {
            throw new ReportProblem("verification.problem.not-your-constituency");
        }
        var row = coverage.stations(electionId, station.constituencyCode()).stream().filter(r -> r.station().id() == stationId).findFirst()
                .orElseThrow(() -> new ReportProblem("report.problem.no-station"));
        long window = clock.instant().getEpochSecond() / CHASE_INTERVAL.toSeconds();
        int queued = 0;
        for (Coverage.Person person : Stream.of(row.primary(), row.backup()).filter(Objects::nonNull).toList()) {
            Optional<VolunteerPool.Contact> contact = pool.contact(person.volunteer(), "lead:" + lead.value(), "chase report " + stationId)
                    .filter(c -> c.email() != null);
            if (contact.isPresent()) {
                var c = contact.get();
                outbox.enqueue(composer.compose("report-chase", c.email(), c.locale(),
                        Map.of("name", c.name() == null ? "" : c.name(), "station", row.station().code(), "lead", leadName),
                        row.station().code()).withDedupKey("report-chase:" + stationId + ":" + person.volunteer().value() + ":" + window));
                queued++;
            }
        }
        return queued;
    }

    /** The station-contest item of a station, when it has had a report. */
    public Optional<Long> item(long stationId, String contest) {
        return jdbc.sql("select id from station_contest where station_id = ? and contest_code = ?").params(stationId, contest)
                .query(Long.class).optional();
    }
}
