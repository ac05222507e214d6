package org.khanaen.volunteers;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** One postponement per election; a new one replaces the old. */
@Component
class RetentionPostponements {

    private final JdbcClient jdbc;

    RetentionPostponements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<RetentionPostponement> of(String electionId) {
        return jdbc.sql("select election_id, until_day, reason, postponed_by, postponed_at from retention_postponement where election_id = ?")
                .param(electionId)
                .query((rs, n) -> new RetentionPostponement(rs.getString(1), rs.getDate(2).toLocalDate(), rs.getString(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant()))
                .optional();
    }

    void save(RetentionPostponement p) {
        jdbc.sql("""
                insert into retention_postponement (election_id, until_day, reason, postponed_by, postponed_at) values (?, ?, ?, ?, ?)
                on duplicate key update until_day = values(until_day), reason = values(reason), postponed_by = values(postponed_by),
                postponed_at = values(postponed_at)""")
                .params(p.electionId(), p.until(), p.reason(), p.by(), p.at())
                .update();
    }
}
