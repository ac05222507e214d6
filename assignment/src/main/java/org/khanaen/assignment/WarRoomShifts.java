package org.khanaen.assignment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tier 3: the war room's shifts and how many seats each has. */
@Service
public class WarRoomShifts {

    public record Shift(long id, String electionId, String name, Instant startsAt, Instant endsAt, int seats) {
    }

    private final JdbcClient jdbc;

    WarRoomShifts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public Shift add(String electionId, String name, Instant startsAt, Instant endsAt, int seats) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw new AssignmentProblem("assignment.problem.shift-name");
        }
        if (startsAt == null || endsAt == null || !endsAt.isAfter(startsAt)) {
            throw new AssignmentProblem("assignment.problem.shift-times");
        }
        if (seats < 1 || seats > 500) {
            throw new AssignmentProblem("assignment.problem.shift-seats");
        }
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into war_room_shift (election_id, name, starts_at, ends_at, seats) values (?, ?, ?, ?, ?)")
                .params(electionId, name.strip(), Timestamp.from(startsAt), Timestamp.from(endsAt), seats).update(keys);
        return new Shift(keys.getKey().longValue(), electionId, name.strip(), startsAt, endsAt, seats);
    }

    @Transactional(readOnly = true)
    public List<Shift> of(String electionId) {
        return jdbc.sql("select id, election_id, name, starts_at, ends_at, seats from war_room_shift where election_id = ? order by starts_at, id")
                .param(electionId).query((rs, n) -> new Shift(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getInt(6)))
                .list();
    }

    @Transactional(readOnly = true)
    public Optional<Shift> find(long id) {
        return jdbc.sql("select id, election_id, name, starts_at, ends_at, seats from war_room_shift where id = ?")
                .param(id).query((rs, n) -> new Shift(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getInt(6)))
                .optional();
    }
}
