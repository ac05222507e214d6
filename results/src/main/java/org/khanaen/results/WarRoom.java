package org.khanaen.results;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.LocalizedName;
import org.khanaen.elections.StationPoint;
import org.khanaen.elections.StationView;
import org.khanaen.results.Photos.StoredPhoto;
import org.khanaen.results.StationContests.Report;
import org.khanaen.results.StationContests.Row;
import org.khanaen.results.checks.CheckContext;
import org.khanaen.results.checks.Checks;
import org.khanaen.results.checks.Findings;
import org.khanaen.results.checks.Tally;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The war room's verification queue: the quick count's sample stations first (its estimates wait on them, issue 24),
 * then conflicts, then close races, then the oldest. A verifier claims an
 * item (for {@code khanaen.results.claim-for}; nobody else can take it meanwhile, and an abandoned claim
 * lapses), sees every report with its photos and the history, and approves one report's numbers, rejects a
 * report, or corrects the numbers; each decision is kept with who, when and why. The constituency leads' share of the
 * work (their stations' states, chasing a silent station, confirming a final report) is here too, done by
 * {@link LeadResults}.
 */
@Service
public class WarRoom {

    /** Where a station's contest stands on election night, as leads and the war room see it. */
    public enum ContestState {
        /** Nothing received (or everything received was rejected). */
        NO_REPORT,
        /** Running tallies only. */
        PARTIAL,
        /** A final count waits for a second report, the lead or the war room. */
        FINAL,
        /** Final counts disagree (or disagree with the verified numbers): the war room decides. */
        CONFLICT,
        /** The numbers are verified. */
        VERIFIED
    }

    public record QueueItem(long id, long stationId, String stationCode, LocalizedName stationName, String contest, ContestState state,
            boolean closeRace, Instant queuedAt, String claimedBy, Instant claimExpires, boolean sample) {
    }

    /**
     * The queue's order: a sample station's item (FINAL or CONFLICT: only those are queued) before all others, then by
     * rank (conflict, close race, the rest), then oldest. The sample is joined rather than stored on the row: it is drawn
     * once, and the queue's rows are few enough to sort.
     */
    private static final String QUEUE_FROM = """
            from station_contest c left join quick_count_station q on q.election_id = c.election_id and q.station_id = c.station_id
            where c.election_id = ? and c.in_queue""";
    private static final String QUEUE_ORDER = " order by q.station_id is null, c.queue_rank, c.queued_at, c.id";

    public record QueueCounts(long conflicts, long closeRaces, long others, long claimed) {

        public long total() {
            return conflicts + closeRaces + others;
        }
    }

    /**
     * A report on the item's page.
     *
     * @param asWritten the form's own sums that do not add up, which the reporter said the signed form reads (empty: none)
     * @param corrects  the same reporter's earlier final count this one corrects (their resend is no second source), or null
     */
    public record ReportLine(long id, String submittedBy, Instant submittedAt, boolean isFinal, String status, Tally tally,
            List<String> confirmedWarnings, List<StoredPhoto> photos, List<String> asWritten, Long corrects) {
    }

    /** One decision in the item's history. */
    public record Step(Integer version, String action, Long reportId, Tally numbers, String actor, String reason, Instant takenAt) {
    }

    /** @param asWritten the verified numbers were accepted as written on a form that does not add up */
    public record Item(long id, String electionId, StationView station, String contest, ContestState state, boolean inQueue,
            boolean closeRace, int version, Tally verified, boolean asWritten, String claimedBy, Instant claimExpires,
            List<ReportLine> reports, List<Step> steps) {

        public boolean claimedBy(String verifier, Instant now) {
            return verifier.equals(claimedBy) && claimExpires != null && claimExpires.isAfter(now);
        }
    }

    /** One station, as its constituency's lead sees it: its state per contest code (absent contests have no report) and when the last report came. */
    public record StationStatus(long stationId, Map<String, ContestState> states, Map<String, Long> items, Instant lastReportAt) {

        public ContestState state(String contest) {
            return states.getOrDefault(contest, ContestState.NO_REPORT);
        }

        public Long item(String contest) {
            return items.get(contest);
        }
    }

    private final JdbcClient jdbc;
    private final StationContests contests;
    private final StationFacts facts;
    private final ElectionCatalog catalog;
    private final Photos photos;
    private final ResultsProperties properties;
    private final Clock clock;
    private final LeadResults leads;

    WarRoom(JdbcClient jdbc, StationContests contests, StationFacts facts, ElectionCatalog catalog, Photos photos,
            ResultsProperties properties, Clock clock, LeadResults leads) {
        this.leads = leads;
        this.jdbc = jdbc;
        this.contests = contests;
        this.facts = facts;
        this.catalog = catalog;
        this.photos = photos;
        this.properties = properties;
        this.clock = clock;
    }

    /** The queue's head in the order verifiers take it, claimed items included (marked). */
    public List<QueueItem> queue(String electionId, int limit) {
        return jdbc.sql("""
                select c.id, c.station_id, c.contest_code, c.state, c.close_race, c.queued_at, c.claimed_by, c.claim_expires_at,
                  q.station_id is not null
                """ + QUEUE_FROM + QUEUE_ORDER + " limit ?")
                .params(electionId, Math.max(1, Math.min(limit, 500)))
                .query((rs, n) -> {
                    long station = rs.getLong(2);
                    Optional<StationView> view = catalog.station(station);
                    Timestamp expires = rs.getTimestamp(8);
                    Instant claimExpires = expires == null ? null : expires.toInstant();
                    return new QueueItem(rs.getLong(1), station, view.map(StationView::code).orElse(String.valueOf(station)),
                            view.map(StationView::name).orElse(null), rs.getString(3), ContestState.valueOf(rs.getString(4)),
                            rs.getBoolean(5), rs.getTimestamp(6).toInstant(),
                            claimExpires != null && claimExpires.isAfter(clock.instant()) ? rs.getString(7) : null, claimExpires,
                            rs.getBoolean(9));
                })
                .list();
    }

    public QueueCounts counts(String electionId) {
        long[] byRank = new long[3];
        jdbc.sql("select queue_rank, count(*) from station_contest where election_id = ? and in_queue group by queue_rank")
                .param(electionId).query(rs -> {
                    byRank[rs.getInt(1)] = rs.getLong(2);
                });
        long claimed = jdbc.sql("select count(*) from station_contest where election_id = ? and in_queue and claim_expires_at > ?")
                .params(electionId, Timestamp.from(clock.instant())).query(Long.class).single();
        return new QueueCounts(byRank[0], byRank[1], byRank[2], claimed);
    }

    /**
     * The verifier's next item: the one they already hold, else the first free one in queue order. Atomic: of two
     * verifiers asking at the same moment, each gets a different item.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public Optional<Long> claimNext(String electionId, String verifier) {
        Timestamp now = Timestamp.from(clock.instant());
        Optional<Long> held = jdbc.sql("""
                select id from station_contest where election_id = ? and in_queue and claimed_by = ? and claim_expires_at > ? limit 1""")
                .params(electionId, verifier, now).query(Long.class).optional();
        if (held.isPresent()) {
            return held;
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            List<Long> free = jdbc.sql("""
                    select c.id\s""" + QUEUE_FROM + " and (c.claimed_by is null or c.claim_expires_at <= ?)" + QUEUE_ORDER + " limit 20")
                    .params(electionId, now).query(Long.class).list();
            if (free.isEmpty()) {
                return Optional.empty();
            }
            for (long id : free) {
                if (claim(id, verifier)) {
                    return Optional.of(id);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Takes the item for the verifier, or renews their claim. False when someone else holds it or it left the queue.
     * One conditional update: the database lets exactly one of two simultaneous claims match.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public boolean claim(long id, String verifier) {
        Instant now = clock.instant();
        return jdbc.sql("""
                update station_contest set claimed_by = ?, claim_expires_at = ?
                where id = ? and in_queue and (claimed_by is null or claimed_by = ? or claim_expires_at <= ?)""")
                .params(verifier, Timestamp.from(now.plus(properties.claimFor())), id, verifier, Timestamp.from(now)).update() == 1;
    }

    /** Gives the item back to the queue. */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public void release(long id, String verifier) {
        jdbc.sql("update station_contest set claimed_by = null, claim_expires_at = null where id = ? and claimed_by = ?")
                .params(id, verifier).update();
    }

    public Optional<Item> item(long id) {
        return contests.find(id).map(row -> {
            Map<Long, List<StoredPhoto>> photosByReport = photosOf(row);
            Map<Long, String> warnings = jdbc.sql("select id, warnings from station_report where station_id = ? and contest_code = ?")
                    .params(row.stationId(), row.contest())
                    .query(rs -> {
                        Map<Long, String> m = new java.util.HashMap<>();
                        while (rs.next()) {
                            m.put(rs.getLong(1), rs.getString(2));
                        }
                        return m;
                    });
            Map<String, Long> lastFinal = new java.util.HashMap<>();
            List<ReportLine> reports = contests.reports(row).stream()
                    .map(r -> new ReportLine(r.id(), r.submittedBy(), r.submittedAt(), r.isFinal(), r.status(), r.tally(),
                            warnings.get(r.id()) == null ? List.of() : Arrays.asList(warnings.get(r.id()).split(",")),
                            photosByReport.getOrDefault(r.id(), List.of()),
                            r.asWritten() == null ? List.of() : Arrays.asList(r.asWritten().split(",")),
                            r.isFinal() ? lastFinal.put(r.reporter(), r.id()) : null))
                    .toList();
            List<Step> steps = jdbc.sql("""
                    select version, action, report_id, votes, valid_ballots, invalid_ballots, no_vote_ballots, ballots_used, actor, reason,
                      taken_at, voters_came, ballots_received, ballots_left from verification_step where station_contest_id = ? order by id""")
                    .param(id)
                    .query((rs, n) -> new Step((Integer) rs.getObject(1, Integer.class), rs.getString(2), (Long) rs.getObject(3, Long.class),
                            rs.getString(4) == null ? null : StationContests.tally(rs, 4, true).withForm(StationContests.form(rs, "")),
                            rs.getString(9), rs.getString(10), rs.getTimestamp(11).toInstant()))
                    .list();
            return new Item(row.id(), row.electionId(), catalog.station(row.stationId()).orElseThrow(), row.contest(), row.state(),
                    row.inQueue(), row.closeRace(), row.version(), row.verified(), row.asWritten(), row.claimedBy(), row.claimExpires(),
                    reports, steps);
        });
    }

    /** The item a photo belongs to, for deciding who may see it. */
    public Optional<Long> itemOfPhoto(long photoId) {
        return jdbc.sql("""
                select c.id from station_report_photo l join station_report r on r.id = l.report_id
                join station_contest c on c.station_id = r.station_id and c.contest_code = r.contest_code where l.photo_id = ? limit 1""")
                .param(photoId).query(Long.class).optional();
    }

    /**
     * These report's numbers are the right ones. A report whose form does not add up is accepted "as written on the
     * form", which needs a reason: the verifier has read the signed form on its photo and it says so.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public void approve(long id, long reportId, String verifier, String reason) {
        Row row = claimed(id, verifier);
        Report report = reportOf(row, reportId);
        if ("REJECTED".equals(report.status())) {
            throw new ReportProblem("verification.problem.rejected");
        }
        if (!report.isFinal()) {
            throw new ReportProblem("verification.problem.not-final");
        }
        if (report.needsVerifier()) {
            contests.verify(row, report.tally(), StationContests.AS_WRITTEN, report.id(), verifier, required(reason));
        } else {
            contests.verify(row, report.tally(), "APPROVED", report.id(), verifier, blankToNull(reason));
        }
    }

    /** The report is wrong (a typo, a photo of another station, a fake): it never counts again. A reason is required. */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public void reject(long id, long reportId, String verifier, String reason) {
        Row row = claimed(id, verifier);
        String why = required(reason);
        Report report = reportOf(row, reportId);
        if (!report.open()) {
            throw new ReportProblem("verification.problem.not-open");
        }
        contests.reject(row, report, verifier, why);
        contests.evaluate(contests.lock(id).orElseThrow(), properties.rulesFor(row.electionId()));
    }

    /**
     * The verifier's own numbers, read from the photos, with a reason. Refused (nothing changes) when they break a
     * hard check; the findings say which.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public Findings correct(long id, Tally numbers, String verifier, String reason) {
        return correct(id, numbers, verifier, reason, false);
    }

    /**
     * @param asWritten the numbers are exactly those of the signed form, whose own sums do not add up: they are then
     *                  accepted as written (marked so everywhere) if those sums are all they break
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public Findings correct(long id, Tally numbers, String verifier, String reason, boolean asWritten) {
        Row row = claimed(id, verifier);
        String why = required(reason);
        StationPoint station = facts.station(row.electionId(), row.stationId()).orElseThrow();
        Set<Integer> ballotNumbers = facts.ballotNumbers(row.electionId(), row.contest(), row.constituencyId());
        Tally finalNumbers = numbers.asFinal();
        Findings findings = Checks.run(finalNumbers, new CheckContext(station.registeredVoters(), ballotNumbers, Set.of(), Optional.empty(),
                List.of(), List.of(), properties.rulesFor(row.electionId()).tolerances()));
        if (findings.errors().isEmpty()) {
            contests.verify(row, finalNumbers, "CORRECTED", null, verifier, why);
        } else if (asWritten && findings.acceptableAsWritten(why)) {
            contests.verify(row, finalNumbers, StationContests.AS_WRITTEN, null, verifier, why);
            return new Findings(List.of(), findings.warnings());
        }
        return findings;
    }

    /** The item, locked, if the verifier holds its claim; otherwise refused in words. */
    private Row claimed(long id, String verifier) {
        Row row = contests.lock(id).orElseThrow(() -> new ReportProblem("verification.problem.no-item"));
        if (!row.inQueue()) {
            throw new ReportProblem("verification.problem.not-in-queue");
        }
        if (!row.claimedBy(verifier, clock.instant())) {
            throw new ReportProblem("verification.problem.not-claimed");
        }
        return row;
    }

    private Report reportOf(Row row, long reportId) {
        return contests.reports(row).stream().filter(r -> r.id() == reportId).findFirst()
                .orElseThrow(() -> new ReportProblem("verification.problem.no-report"));
    }

    private Map<Long, List<StoredPhoto>> photosOf(Row row) {
        return jdbc.sql("""
                select l.report_id, l.photo_id from station_report_photo l join station_report r on r.id = l.report_id
                where r.station_id = ? and r.contest_code = ? order by l.photo_id""")
                .params(row.stationId(), row.contest())
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getLong(2))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(e -> photos.find(e.getValue()).orElseThrow(), Collectors.toList())));
    }

    static String required(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new ReportProblem("verification.problem.reason-required");
        }
        if (reason.strip().length() > 500) {
            throw new ReportProblem("verification.problem.reason-too-long");
        }
        return reason.strip();
    }

    private static String blankToNull(String reason) {
        return reason == null || reason.isBlank() ? null : required(reason);
    }

    /** The state of every station of the lead's constituency that has had a report, by station id. */
    public Map<Long, StationStatus> stationsOfLead(String electionId, long constituencyId) {
        return leads.of(electionId, constituencyId);
    }

    /**
     * The next count a constituency's lead may confirm, taken for them as a verifier's next item is (so that nobody
     * in the war room works on it at the same time): the one they hold already, else a single final count waiting (not a
     * conflict, not a form to accept as written: those are the war room's), not held by anyone, oldest first.
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public Optional<Long> claimNextForLead(String electionId, long constituencyId, String lead) {
        Timestamp now = Timestamp.from(clock.instant());
        Optional<Long> held = jdbc.sql("""
                select id from station_contest where constituency_id = ? and election_id = ? and in_queue and claimed_by = ?
                  and claim_expires_at > ? limit 1""")
                .params(constituencyId, electionId, lead, now).query(Long.class).optional();
        if (held.isPresent()) {
            return held;
        }
        List<Long> free = jdbc.sql("""
                select id from station_contest where constituency_id = ? and election_id = ? and in_queue and state = 'FINAL'
                  and queue_rank > 0 and (claimed_by is null or claim_expires_at <= ?) order by queued_at, id limit 20""")
                .params(constituencyId, electionId, now).query(Long.class).list();
        return free.stream().filter(id -> claim(id, lead)).findFirst();
    }

    /** Whether the election lets its leads verify a final report. */
    public boolean leadsVerify(String electionId) {
        return leads.leadsVerify(electionId);
    }

    /**
     * The lead confirms a final report of one of their stations: its numbers become the verified ones. Only a single
     * waiting count (a conflict is for the war room) and only where the election lets leads verify.
     */
    public void confirmAsLead(String electionId, VolunteerId lead, long itemId, long reportId, String actor) {
        leads.confirm(electionId, lead, itemId, reportId, actor);
    }

    /** Mails the station's volunteers to send their count, at most once per station in 15 minutes; how many were mailed. */
    public int chase(String electionId, VolunteerId lead, long stationId, String leadName) {
        return leads.chase(electionId, lead, stationId, leadName);
    }

    /** The station-contest item of a station, when it has had a report. */
    public Optional<Long> itemOf(long stationId, String contest) {
        return leads.item(stationId, contest);
    }
}
