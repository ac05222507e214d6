package org.khanaen.results;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.khanaen.assignment.AssignmentView;
import org.khanaen.assignment.Coverage;
import org.khanaen.platform.transactions.RetryingTransactions;
import org.khanaen.results.Photos.StoredPhoto;
import org.khanaen.results.ReportIntake.Outcome;
import org.khanaen.results.ReportIntake.Result;
import org.khanaen.results.ReportIntake.Submission;
import org.khanaen.results.ReportSubmissions.Prepared;
import org.khanaen.results.StationContests.Key;
import org.khanaen.results.StationContests.Report;
import org.khanaen.results.StationContests.Row;
import org.khanaen.results.StationContests.Writes;
import org.khanaen.results.checks.CheckContext;
import org.khanaen.results.checks.Checks;
import org.khanaen.results.checks.ElectionRules;
import org.khanaen.results.checks.Findings;
import org.khanaen.results.checks.Tally;
import org.khanaen.volunteers.VolunteerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for reports sent without new photos (the partner API's JSON, a phone's retry): the calling
 * threads queue their reports and wait; one writer takes everything waiting (up to {@link #MAX_BATCH}) and
 * decides it in one transaction — the same checks, refusals and verification as {@link ReportSubmissions#submit},
 * but each read and write made once for the batch instead of once per report (a report alone cost ~15
 * statements; a batch costs about 15, however many reports it holds). Every caller is answered only after
 * the commit, so a 201 still means stored. If the batch cannot be written as a whole (a key stored meanwhile
 * by another node, a deadlock that keeps coming back, a bad row) nothing of it is kept and each caller
 * submits their report alone, as before.
 */
@Component
class ReportBatches implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReportBatches.class);

    static final int MAX_BATCH = 200;
    /** More waiting than this and new reports are turned away at once (the phone keeps them and retries). */
    private static final int MAX_WAITING = 20_000;
    private static final int ATTEMPTS = 4;

    /** A report waiting for its batch; its answer is null when the caller must submit it alone. */
    private record Waiting(Prepared prepared, CompletableFuture<Result> answer) {
    }

    /** A report that passed and will be inserted. */
    private record Accepted(Waiting waiting, Submission submission, String votes, String votesHash, Findings findings, List<StoredPhoto> photos,
            long constituencyId) {
    }

    /** A report found in the database for the batch's checks. */
    private record Known(long id, long stationId, String contest, Tally tally) {
    }

    private final BlockingQueue<Waiting> queue = new LinkedBlockingQueue<>(MAX_WAITING);
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate transaction;
    private final ReportSubmissions submissions;
    private final StationContests contests;
    private final Coverage coverage;
    private final Photos photos;
    private final StationFacts facts;
    private final Clock clock;
    private volatile Thread writer;

    ReportBatches(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions, ReportSubmissions submissions,
            StationContests contests, Coverage coverage, Photos photos, StationFacts facts, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.submissions = submissions;
        this.contests = contests;
        this.coverage = coverage;
        this.photos = photos;
        this.facts = facts;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        // read committed like a report alone: a key stored by another transaction is seen as soon as it commits
        this.transaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    /**
     * The report decided with the others waiting now; empty when it must be submitted alone (the writer is not
     * running, the batch could not be written, or the wait was too long: a report may then be stored twice over
     * only in the sense that the retry finds it under its key).
     *
     * @throws ReportProblem refused (not their station, a key used for another report, no such photo)
     */
    Optional<Result> submit(Prepared prepared) {
        if (writer == null) {
            return Optional.empty();
        }
        Waiting waiting = new Waiting(prepared, new CompletableFuture<>());
        if (!queue.offer(waiting)) {
            throw new ReportProblem("report.problem.busy");
        }
        try {
            return Optional.ofNullable(waiting.answer().get(30, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            // still queued or being written: the phone retries with the same key and finds it, or it is stored then
            throw new ReportProblem("report.problem.busy");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportProblem("report.problem.busy");
        }
    }

    private void writeForever() {
        List<Waiting> batch = new ArrayList<>(MAX_BATCH);
        while (writer == Thread.currentThread()) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                batch.stream().collect(Collectors.groupingBy(w -> w.prepared().submission().electionId(), LinkedHashMap::new,
                        Collectors.toList())).values().forEach(this::write);
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                log.error("a batch of {} reports failed; each is submitted alone", batch.size(), e);
                batch.forEach(w -> w.answer().complete(null));
            } finally {
                batch.clear();
            }
        }
        // stopping: whoever still waits submits alone
        List<Waiting> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(w -> w.answer().complete(null));
    }

    /** One election's reports of the batch, in one transaction; a deadlock's victim is tried again whole. */
    private void write(List<Waiting> batch) {
        for (int attempt = 1;; attempt++) {
            try {
                Map<Waiting, Object> answers = transaction.execute(status -> decide(batch));
                answers.forEach((w, answer) -> {
                    if (answer instanceof Result r) {
                        w.answer().complete(r);
                    } else {
                        w.answer().completeExceptionally((RuntimeException) answer);
                    }
                });
                return;
            } catch (RuntimeException e) {
                if (RetryingTransactions.isConflict(e)) { // a deadlock, or a Galera certification failure at commit
                    if (attempt < ATTEMPTS) {
                        pause(attempt);
                        continue;
                    }
                    log.warn("a batch of {} reports lost {} conflicts in a row; each is submitted alone", batch.size(), ATTEMPTS);
                    batch.forEach(w -> w.answer().complete(null));
                    return;
                }
                // e.g. a key stored by another node since it was looked up: nothing was kept, each goes alone
                log.info("a batch of {} reports could not be written together ({}); each is submitted alone", batch.size(), e.toString());
            }
            batch.forEach(w -> w.answer().complete(null));
            return;
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(2, 10 * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every report's answer: a {@link Result}, or the {@link ReportProblem} that refuses it. */
    private Map<Waiting, Object> decide(List<Waiting> batch) {
        String election = batch.getFirst().prepared().submission().electionId();
        Map<Waiting, Object> answers = new LinkedHashMap<>();
        Map<VolunteerId, AssignmentView> assignments = coverage.assignmentsOf(election,
                batch.stream().map(w -> w.prepared().submission().volunteer()).filter(v -> v != null).distinct().toList());
        Map<String, Known> stored = storedKeys(election, batch);
        Map<Long, List<Known>> finals = finalCounts(batch);
        Map<String, List<Known>> sameVotes = sameVotes(election, batch);

        List<Accepted> accepted = new ArrayList<>();
        Map<String, Accepted> acceptedKeys = new HashMap<>();
        Map<Waiting, Accepted> repeats = new LinkedHashMap<>();
        for (Waiting w : batch) {
            Prepared p = w.prepared();
            Submission s = p.submission();
            try {
                if (!ReportSubmissions.mayReport(s, s.volunteer() == null ? null : assignments.get(s.volunteer()), p.station())) {
                    throw new ReportProblem("report.problem.not-yours");
                }
                Known before = stored.get(s.idempotencyKey());
                if (before != null) {
                    answers.put(w, already(s, before.stationId(), before.contest(), before.id()));
                    continue;
                }
                Accepted first = acceptedKeys.get(s.idempotencyKey());
                if (first != null) { // the same report twice in one batch: one is stored, the other learns its id after the insert
                    Submission f = first.submission();
                    if (f.stationId() != s.stationId() || !f.contestCode().equals(s.contestCode())) {
                        throw new ReportProblem("report.problem.key-reused");
                    }
                    repeats.put(w, first);
                    continue;
                }
                List<StoredPhoto> sent = s.photos().stream()
                        .map(id -> photos.findSentBy(id, s.actor()).orElseThrow(() -> new ReportProblem("report.problem.no-photo"))).toList();
                String votes = p.votes();
                String hash = p.votesHash();
                Findings findings = Checks.run(s.tally(), new CheckContext(p.station().registeredVoters(), p.numbers(), p.majorParties(),
                        otherContestFinal(s, finals, accepted), sent.isEmpty() ? List.of() : submissions.samePhotoAt(s, sent),
                        sameVotesAt(s, hash, sameVotes, accepted), p.rules().tolerances()));
                if (!findings.acceptable(s.warningsConfirmed(), s.asWritten())) {
                    answers.put(w, new Result(Outcome.REFUSED, null, findings));
                    continue;
                }
                Accepted a = new Accepted(w, s, votes, hash, findings, sent, p.station().constituencyId());
                accepted.add(a);
                acceptedKeys.put(s.idempotencyKey(), a);
            } catch (ReportProblem refused) {
                answers.put(w, refused);
            }
        }
        if (!accepted.isEmpty()) {
            long[] ids = insert(election, accepted);
            for (int i = 0; i < accepted.size(); i++) {
                answers.put(accepted.get(i).waiting(), new Result(Outcome.STORED, ids[i], accepted.get(i).findings()));
            }
            repeats.forEach((w, first) -> answers.put(w, new Result(Outcome.ALREADY_STORED,
                    ((Result) answers.get(first.waiting())).reportId(), new Findings(List.of(), List.of()))));
            decideContests(election, accepted, batch.getFirst().prepared().rules());
        }
        return answers;
    }

    /** Like {@link ReportSubmissions#already}: the key's report, if it is of the same station and contest. */
    private static Result already(Submission s, long stationId, String contest, long id) {
        if (stationId != s.stationId() || !contest.equals(s.contestCode())) {
            throw new ReportProblem("report.problem.key-reused");
        }
        return new Result(Outcome.ALREADY_STORED, id, new Findings(List.of(), List.of()));
    }

    /** Reports stored before under the batch's keys. */
    private Map<String, Known> storedKeys(String election, List<Waiting> batch) {
        return stored(election, batch.stream().map(w -> w.prepared().submission().idempotencyKey()).distinct().toList());
    }

    /** The election's reports stored under these keys, by key. */
    private Map<String, Known> stored(String election, List<String> keys) {
        Map<String, Known> found = new HashMap<>();
        jdbc.sql("select idempotency_key, id, station_id, contest_code from station_report where election_id = :election"
                + " and idempotency_key in (:keys)")
                .param("election", election)
                .param("keys", keys)
                .query((rs, n) -> found.put(rs.getString(1), new Known(rs.getLong(2), rs.getLong(3), rs.getString(4), null))).list();
        return found;
    }

    /** The batch's stations' final counts not rejected, oldest first (for the ballots-of-the-other-contest check). */
    private Map<Long, List<Known>> finalCounts(List<Waiting> batch) {
        Map<Long, List<Known>> found = new HashMap<>();
        jdbc.sql("""
                select id, station_id, contest_code, votes, valid_ballots, invalid_ballots, no_vote_ballots, ballots_used from station_report
                force index (ix_station_report_station) where station_id in (:stations) and final_count and status <> 'REJECTED'
                order by id""")
                .param("stations", batch.stream().map(w -> w.prepared().submission().stationId()).distinct().toList())
                .query((rs, n) -> found.computeIfAbsent(rs.getLong(2), k -> new ArrayList<>())
                        .add(new Known(rs.getLong(1), rs.getLong(2), rs.getString(3), StationContests.tally(rs, 4, true))))
                .list();
        return found;
    }

    /** Stations whose final counts carry the same votes as a final count of the batch, by contest and votes. */
    private Map<String, List<Known>> sameVotes(String election, List<Waiting> batch) {
        List<String> hashes = batch.stream().map(Waiting::prepared).filter(p -> comparable(p.submission()))
                .map(Prepared::votesHash).distinct().toList();
        Map<String, List<Known>> found = new HashMap<>();
        if (hashes.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                select distinct station_id, contest_code, votes_hash from station_report
                where election_id = :election and contest_code in (:contests) and votes_hash in (:hashes) and final_count""")
                .param("election", election)
                .param("contests", batch.stream().map(w -> w.prepared().submission().contestCode()).distinct().toList())
                .param("hashes", hashes)
                .query((rs, n) -> found.computeIfAbsent(rs.getString(2) + "|" + rs.getString(3), k -> new ArrayList<>())
                        .add(new Known(0, rs.getLong(1), rs.getString(2), null)))
                .list();
        return found;
    }

    /** Final counts with some votes are compared with other stations' (as {@link ReportSubmissions} does). */
    private static boolean comparable(Submission s) {
        return s.tally().isFinal() && !s.tally().votes().values().stream().allMatch(v -> v == 0);
    }

    /** The station's newest final count of another contest: stored, or accepted earlier in this batch. */
    private static Optional<Tally> otherContestFinal(Submission s, Map<Long, List<Known>> finals, List<Accepted> accepted) {
        for (Accepted a : accepted.reversed()) {
            if (a.submission().stationId() == s.stationId() && !a.submission().contestCode().equals(s.contestCode())
                    && a.submission().tally().isFinal()) {
                return Optional.of(a.submission().tally());
            }
        }
        return finals.getOrDefault(s.stationId(), List.of()).reversed().stream().filter(k -> !k.contest().equals(s.contestCode()))
                .map(Known::tally).findFirst();
    }

    /** Up to five other stations whose final count of this contest has exactly these votes. */
    private List<String> sameVotesAt(Submission s, String hash, Map<String, List<Known>> stored, List<Accepted> accepted) {
        if (!comparable(s)) {
            return List.of();
        }
        java.util.LinkedHashSet<Long> stations = new java.util.LinkedHashSet<>();
        stored.getOrDefault(s.contestCode() + "|" + hash, List.of()).forEach(k -> stations.add(k.stationId()));
        accepted.stream().filter(a -> a.submission().tally().isFinal() && a.votesHash().equals(hash)
                && a.submission().contestCode().equals(s.contestCode())).forEach(a -> stations.add(a.submission().stationId()));
        stations.remove(s.stationId());
        // codes from memory: looked up one by one (a query joining the station's places each) this was a fifth of the batch
        // writer's CPU in the national replay, where many small stations count alike
        return stations.stream().limit(5).map(id -> facts.code(s.electionId(), id).orElse(String.valueOf(id))).toList();
    }

    /**
     * One multi-row insert for the accepted reports (the driver rewrites the batch); their ids, in the same order, read
     * back by key: the ids a driver works out for a multi-row insert assume consecutive auto-increment values, which
     * MySQL 8's default interleaved mode does not promise while other reports are inserted at the same time.
     */
    private long[] insert(String election, List<Accepted> accepted) {
        Timestamp now = Timestamp.from(Instant.now(clock));
        List<Object[]> rows = accepted.stream()
                .map(a -> ReportSubmissions.columns(a.submission(), a.constituencyId(), a.votes(), a.votesHash(), a.findings(), now))
                .toList();
        // typed: a null of unknown type would make the driver ask the server for the parameter's type, once per null
        template.batchUpdate(ReportSubmissions.INSERT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(java.sql.PreparedStatement ps, int i) throws java.sql.SQLException {
                Object[] values = rows.get(i);
                for (int c = 0; c < values.length; c++) {
                    StatementCreatorUtils.setParameterValue(ps, c + 1, ReportSubmissions.INSERT_TYPES[c], values[c]);
                }
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
        Map<String, Known> byKey = stored(election, accepted.stream().map(a -> a.submission().idempotencyKey()).toList());
        long[] ids = accepted.stream().mapToLong(a -> byKey.get(a.submission().idempotencyKey()).id()).toArray();
        List<Object[]> links = new ArrayList<>();
        for (int i = 0; i < accepted.size(); i++) {
            for (StoredPhoto photo : accepted.get(i).photos()) {
                links.add(new Object[] { ids[i], photo.id() });
            }
        }
        if (!links.isEmpty()) {
            template.batchUpdate("insert into station_report_photo (report_id, photo_id) values (?, ?)", links);
        }
        return ids;
    }

    /**
     * Every contest the batch reported on, locked (created if new), its reports read after the lock, decided as
     * {@link StationContests#evaluate} decides one, the writes sent together.
     */
    private void decideContests(String election, List<Accepted> accepted, ElectionRules rules) {
        Map<Key, Long> constituencies = new LinkedHashMap<>();
        accepted.forEach(a -> constituencies.put(new Key(a.submission().stationId(), a.submission().contestCode()), a.constituencyId()));
        Map<Key, Row> rows = contests.lockAll(election, constituencies);
        Map<Key, List<Report>> reports = contests.reportsOf(constituencies.keySet().stream().map(Key::stationId).distinct().toList());
        Writes writes = contests.kept();
        rows.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparingLong(Key::stationId).thenComparing(Key::contest)))
                .forEach(e -> contests.evaluate(e.getValue(), reports.getOrDefault(e.getKey(), List.of()), rules, writes));
        writes.flush();
    }

    @Override
    public void start() {
        Thread t = Thread.ofPlatform().name("report-batches").daemon(true).unstarted(this::writeForever);
        writer = t;
        t.start();
    }

    @Override
    public void stop() {
        Thread t = writer;
        writer = null;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return writer != null;
    }

    /** Stopped before the web server and the database pool go, started after them. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    /** Decides these reports as one batch on the calling thread: what the writer does with what it takes at once (tests). */
    List<CompletableFuture<Result>> writeTogether(List<Prepared> reports) {
        List<Waiting> batch = reports.stream().map(p -> new Waiting(p, new CompletableFuture<Result>())).toList();
        write(batch);
        return batch.stream().map(Waiting::answer).toList();
    }
}
