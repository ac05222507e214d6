package org.khanaen.assignment;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/** Automatic runs and the one-run-per-election lock. Each write commits at once: progress must show while the run goes on. */
@Repository
class AssignmentRuns {

    /** A run holding the lock longer than this was interrupted (a national run takes seconds). */
    private static final Duration STALE = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    AssignmentRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens a run and takes the election's lock, or says which run holds it. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public long open(RunRequest request) {
        Optional<Long> holder = jdbc.sql("select run_id from assignment_run_lock where election_id = ? for update")
                .param(request.electionId()).query(Long.class).optional();
        if (holder.isPresent()) {
            Instant started = jdbc.sql("select started_at from assignment_run where id = ?").param(holder.get())
                    .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(Instant.EPOCH);
            if (started.isAfter(Instant.now().minus(STALE))) {
                throw new AssignmentProblem("assignment.problem.running", holder.get());
            }
            fail(holder.get(), "interrupted (the server stopped during the run)");
            jdbc.sql("delete from assignment_run_lock where election_id = ?").param(request.electionId()).update();
        }
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into assignment_run (election_id, scope, scope_code, organisation_id, mode, status, phase, progress, started_by, started_at)
                values (?, ?, ?, ?, ?, 'RUNNING', 'queued', 0, ?, ?)""")
                .params(request.electionId(), request.scope().name(), request.scopeCode(),
                        request.organisation() == null ? null : request.organisation().value(), request.mode().name(),
                        request.actor(), Timestamp.from(Instant.now()))
                .update(keys);
        long id = keys.getKey().longValue();
        try {
            jdbc.sql("insert into assignment_run_lock (election_id, run_id) values (?, ?)").params(request.electionId(), id).update();
        } catch (DuplicateKeyException e) {
            throw new AssignmentProblem("assignment.problem.running", "?");
        }
        return id;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void progress(long run, String phase, int percent) {
        jdbc.sql("update assignment_run set phase = ?, progress = ? where id = ?").params(phase, Math.max(0, Math.min(100, percent)), run).update();
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void done(long run, String electionId, RunReport report) {
        jdbc.sql("update assignment_run set status = 'DONE', phase = 'done', progress = 100, finished_at = ?, report = ? where id = ?")
                .params(Timestamp.from(Instant.now()), json.writeValueAsString(report), run).update();
        jdbc.sql("delete from assignment_run_lock where election_id = ? and run_id = ?").params(electionId, run).update();
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(long run, String electionId, String error) {
        fail(run, error);
        jdbc.sql("delete from assignment_run_lock where election_id = ? and run_id = ?").params(electionId, run).update();
    }

    private void fail(long run, String error) {
        jdbc.sql("update assignment_run set status = 'FAILED', finished_at = ?, error = ? where id = ? and status = 'RUNNING'")
                .params(Timestamp.from(Instant.now()), error == null ? "failed" : error.substring(0, Math.min(1000, error.length())), run)
                .update();
    }

    private static final String COLUMNS = """
            id, election_id, scope, scope_code, organisation_id, mode, status, phase, progress, started_by, started_at, finished_at, report, error""";

    Optional<RunView> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from assignment_run where id = ?").param(id).query(this::map).optional();
    }

    List<RunView> recent(String electionId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from assignment_run where election_id = ? order by id desc limit ?")
                .params(electionId, limit).query(this::map).list();
    }

    private RunView map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String report = rs.getString(13);
        Timestamp finished = rs.getTimestamp(12);
        return new RunView(rs.getLong(1), rs.getString(2), RunRequest.Scope.valueOf(rs.getString(3)), rs.getString(4),
                (Long) rs.getObject(5), RunRequest.Mode.valueOf(rs.getString(6)), RunView.Status.valueOf(rs.getString(7)),
                rs.getString(8), rs.getInt(9), rs.getString(10), rs.getTimestamp(11).toInstant(),
                finished == null ? null : finished.toInstant(), report == null ? null : json.readValue(report, RunReport.class),
                rs.getString(14));
    }
}
