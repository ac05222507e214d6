package org.khanaen.volunteers;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Memberships of volunteers in organisations. Every statement names the organisation, so that one
 * organisation's request can never reach another's volunteers.
 */
@Component
class Affiliations {

    enum Source { SIGNUP, IMPORT, API }

    private final JdbcClient jdbc;

    Affiliations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the volunteer already belonged to the organisation */
    boolean add(long volunteer, long organisation, AffiliationStatus status, Source source) {
        return jdbc.sql("""
                insert into affiliation (volunteer_id, organisation_id, status, source, joined_at)
                values (?, ?, ?, ?, ?) on duplicate key update volunteer_id = volunteer_id""")
                .params(volunteer, organisation, status.name(), source.name(), Instant.now()).update() == 1;
    }

    Optional<AffiliationStatus> status(long volunteer, long organisation) {
        return jdbc.sql("select status from affiliation where volunteer_id = ? and organisation_id = ?")
                .params(volunteer, organisation).query(String.class).optional().map(AffiliationStatus::valueOf);
    }

    /** @return false when the volunteer does not belong to the organisation */
    boolean decide(long volunteer, long organisation, AffiliationStatus status, String by) {
        return jdbc.sql("update affiliation set status = ?, decided_at = ?, decided_by = ? where volunteer_id = ? and organisation_id = ?")
                .params(status.name(), Instant.now(), by, volunteer, organisation).update() == 1;
    }

    boolean note(long volunteer, long organisation, String note) {
        return jdbc.sql("update affiliation set note = ? where volunteer_id = ? and organisation_id = ?")
                .params(note, volunteer, organisation).update() == 1;
    }

    void withdrawEverywhere(long volunteer) {
        jdbc.sql("update affiliation set status = 'WITHDRAWN', decided_at = ?, decided_by = 'volunteer' where volunteer_id = ?")
                .params(Instant.now(), volunteer).update();
    }

    void clearNotes(long volunteer) {
        jdbc.sql("update affiliation set note = null where volunteer_id = ?").param(volunteer).update();
    }
}
