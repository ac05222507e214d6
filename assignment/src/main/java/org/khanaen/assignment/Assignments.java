package org.khanaen.assignment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.khanaen.volunteers.VolunteerId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The assignment table. Plain SQL: a national run writes 100,000 rows in one batch, and the unique
 * keys (one assignment per volunteer and election, one person per slot) do the guarding.
 */
@Repository
class Assignments {

    static final String COLUMNS = """
            id, election_id, volunteer_id, organisation_id, tier, place_id, position, constituency_id, province_code, state,
            source, distance_km, assigned_at, assigned_by, notified_at, responded_at, checked_in_at, version""";

    /** A row to insert. */
    record NewAssignment(String electionId, long volunteerId, long organisationId, Tier tier, long placeId, int position,
            Long constituencyId, String provinceCode, AssignmentView.Source source, Double distanceKm, Long runId, String nonce,
            String assignedBy) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    Assignments(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    static AssignmentView map(ResultSet rs, int n) throws SQLException {
        return new AssignmentView(new AssignmentId(rs.getLong(1)), rs.getString(2), new VolunteerId(rs.getLong(3)), rs.getLong(4),
                Tier.valueOf(rs.getString(5)), rs.getLong(6), rs.getInt(7), (Long) rs.getObject(8), rs.getString(9),
                AssignmentView.State.valueOf(rs.getString(10)), AssignmentView.Source.valueOf(rs.getString(11)),
                (Double) rs.getObject(12), instant(rs.getTimestamp(13)), rs.getString(14), instant(rs.getTimestamp(15)),
                instant(rs.getTimestamp(16)), instant(rs.getTimestamp(17)), rs.getLong(18));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    List<AssignmentView> ofElection(String electionId) {
        return jdbc.sql("select " + COLUMNS + " from assignment where election_id = ?").param(electionId).query(Assignments::map).list();
    }

    Optional<AssignmentView> find(AssignmentId id) {
        return jdbc.sql("select " + COLUMNS + " from assignment where id = ?").param(id.value()).query(Assignments::map).optional();
    }

    /** Locks the row until the transaction ends: two edits of one assignment take turns. */
    Optional<AssignmentView> lock(AssignmentId id) {
        return jdbc.sql("select " + COLUMNS + " from assignment where id = ? for update").param(id.value()).query(Assignments::map).optional();
    }

    Optional<AssignmentView> ofVolunteer(String electionId, VolunteerId volunteer) {
        return jdbc.sql("select " + COLUMNS + " from assignment where election_id = ? and volunteer_id = ?")
                .params(electionId, volunteer.value()).query(Assignments::map).optional();
    }

    /** Several volunteers' assignments in one query (a batch of reports checks all its senders at once). */
    List<AssignmentView> ofVolunteers(String electionId, Collection<VolunteerId> volunteers) {
        if (volunteers.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from assignment where election_id = :election and volunteer_id in (:ids)")
                .param("election", electionId).param("ids", volunteers.stream().map(VolunteerId::value).distinct().toList())
                .query(Assignments::map).list();
    }

    List<AssignmentView> allOfVolunteer(VolunteerId volunteer) {
        return jdbc.sql("select " + COLUMNS + " from assignment where volunteer_id = ?").param(volunteer.value()).query(Assignments::map).list();
    }

    Optional<AssignmentView> at(String electionId, Tier tier, long placeId, int position) {
        return jdbc.sql("select " + COLUMNS + " from assignment where election_id = ? and tier = ? and place_id = ? and position = ?")
                .params(electionId, tier.name(), placeId, position).query(Assignments::map).optional();
    }

    List<AssignmentView> atPlace(String electionId, Tier tier, long placeId) {
        return jdbc.sql("select " + COLUMNS + " from assignment where election_id = ? and tier = ? and place_id = ? order by position")
                .params(electionId, tier.name(), placeId).query(Assignments::map).list();
    }

    List<AssignmentView> ofConstituency(long constituencyId) {
        return jdbc.sql("select " + COLUMNS + " from assignment where constituency_id = ? order by tier, place_id, position")
                .param(constituencyId).query(Assignments::map).list();
    }

    List<AssignmentView> ofRun(long runId) {
        return jdbc.sql("select " + COLUMNS + " from assignment where run_id = ?").param(runId).query(Assignments::map).list();
    }

    /** Inserts one; false if the volunteer or the slot was taken meanwhile (the unique keys decide). */
    boolean insert(NewAssignment a) {
        return template.update("insert ignore into assignment (" + INSERT_COLUMNS + ") values (" + INSERT_VALUES + ")", values(a)) == 1;
    }

    /** Inserts many; rows whose volunteer or slot was taken meanwhile are skipped. */
    void insertAll(Collection<NewAssignment> rows) {
        List<Object[]> batch = new ArrayList<>(rows.size());
        rows.forEach(a -> batch.add(values(a)));
        for (int from = 0; from < batch.size(); from += 2000) {
            template.batchUpdate("insert ignore into assignment (" + INSERT_COLUMNS + ") values (" + INSERT_VALUES + ")",
                    batch.subList(from, Math.min(batch.size(), from + 2000)));
        }
    }

    private static final String INSERT_COLUMNS = """
            election_id, volunteer_id, organisation_id, tier, place_id, position, constituency_id, province_code, state, source,
            distance_km, run_id, link_nonce, assigned_at, assigned_by, version""";
    private static final String INSERT_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, 'PROPOSED', ?, ?, ?, ?, ?, ?, 0";

    private static Object[] values(NewAssignment a) {
        return new Object[] { a.electionId(), a.volunteerId(), a.organisationId(), a.tier().name(), a.placeId(), a.position(),
                a.constituencyId(), a.provinceCode(), a.source().name(), a.distanceKm(), a.runId(), a.nonce(),
                Timestamp.from(Instant.now()), a.assignedBy() };
    }

    void delete(AssignmentId id) {
        jdbc.sql("delete from assignment where id = ?").param(id.value()).update();
    }

    void deleteAll(Collection<Long> ids) {
        List<Long> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += 1000) {
            jdbc.sql("delete from assignment where id in (:ids)").param("ids", all.subList(from, Math.min(all.size(), from + 1000))).update();
        }
    }

    /** Moves an assignment to another slot; a new nonce, because the old links spoke of the old place. */
    void move(AssignmentId id, Tier tier, long placeId, int position, Long constituencyId, String provinceCode, Double distanceKm,
            String nonce, String actor) {
        jdbc.sql("""
                update assignment set tier = ?, place_id = ?, position = ?, constituency_id = ?, province_code = ?, distance_km = ?,
                  state = 'PROPOSED', source = 'MANUAL', link_nonce = ?, notified_at = null, responded_at = null, checked_in_at = null,
                  assigned_at = ?, assigned_by = ?, version = version + 1
                where id = ?""")
                .params(tier.name(), placeId, position, constituencyId, provinceCode, distanceKm, nonce, Timestamp.from(Instant.now()), actor, id.value())
                .update();
    }

    /** The same station, the other slot (backup into place); the person's answer and check-in stay theirs. */
    void reposition(AssignmentId id, int position) {
        jdbc.sql("update assignment set position = ?, version = version + 1 where id = ?").params(position, id.value()).update();
    }

    void notified(AssignmentId id) {
        jdbc.sql("update assignment set notified_at = ? where id = ?").params(Timestamp.from(Instant.now()), id.value()).update();
    }

    Optional<String> nonce(AssignmentId id) {
        return jdbc.sql("select link_nonce from assignment where id = ?").param(id.value()).query(String.class).optional();
    }

    /** Uses up the links: true only for the one caller that still found the nonce. */
    boolean respond(AssignmentId id, String nonce, AssignmentView.State state) {
        return jdbc.sql("update assignment set state = ?, responded_at = ?, link_nonce = null, version = version + 1 where id = ? and link_nonce = ?")
                .params(state.name(), Timestamp.from(Instant.now()), id.value(), nonce).update() == 1;
    }

    void confirm(AssignmentId id) {
        jdbc.sql("update assignment set state = 'CONFIRMED', responded_at = ?, link_nonce = null, version = version + 1 where id = ?")
                .params(Timestamp.from(Instant.now()), id.value()).update();
    }

    boolean checkIn(AssignmentId id) {
        return jdbc.sql("update assignment set checked_in_at = ?, version = version + 1 where id = ? and checked_in_at is null")
                .params(Timestamp.from(Instant.now()), id.value()).update() == 1;
    }

    void history(AssignmentView a, String action, String actor, String reason) {
        jdbc.sql("""
                insert into assignment_history (election_id, volunteer_id, tier, place_id, position, action, at, actor, reason)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(a.electionId(), a.volunteer().value(), a.tier().name(), a.placeId(), a.position(), action,
                        Timestamp.from(Instant.now()), actor, reason == null ? null : reason.substring(0, Math.min(500, reason.length())))
                .update();
    }

    record HistoryEntry(Instant at, String actor, String action, Tier tier, long placeId, int position, String reason) {
    }

    List<HistoryEntry> historyOf(VolunteerId volunteer) {
        return jdbc.sql("select at, actor, action, tier, place_id, position, reason from assignment_history where volunteer_id = ? order by id desc")
                .param(volunteer.value())
                .query((rs, n) -> new HistoryEntry(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), Tier.valueOf(rs.getString(4)),
                        rs.getLong(5), rs.getInt(6), rs.getString(7)))
                .list();
    }

    void declined(String electionId, VolunteerId volunteer) {
        jdbc.sql("insert ignore into assignment_decline (election_id, volunteer_id, at) values (?, ?, ?)")
                .params(electionId, volunteer.value(), Timestamp.from(Instant.now())).update();
    }

    /** A person placing them again lifts the bar on automatic runs. */
    void clearDecline(String electionId, VolunteerId volunteer) {
        jdbc.sql("delete from assignment_decline where election_id = ? and volunteer_id = ?").params(electionId, volunteer.value()).update();
    }

    List<Long> declinedIn(String electionId) {
        return jdbc.sql("select volunteer_id from assignment_decline where election_id = ?").param(electionId).query(Long.class).list();
    }
}
