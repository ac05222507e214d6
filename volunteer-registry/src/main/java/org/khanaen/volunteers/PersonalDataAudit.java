package org.khanaen.volunteers;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who read or changed whose personal data, and when (PDPA accountability). The entry names the
 * volunteer by id and the action, never the data itself.
 */
@Service
public class PersonalDataAudit {

    public enum Action { LIST, READ, CHANGE, EXPORT, IMPORT, ERASE, SELF_EXPORT, POSTPONE_ERASURE }

    public record Entry(Instant at, String actor, Action action, Long volunteerId, Long organisationId, String detail) {
    }

    private final JdbcClient jdbc;

    PersonalDataAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Joins the caller's transaction: a change and its audit entry stand or fall together. */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(String actor, Action action, Long volunteer, Long organisation, String detail) {
        jdbc.sql("insert into personal_data_audit (at, actor, action, volunteer_id, organisation_id, detail) values (?, ?, ?, ?, ?, ?)")
                .params(Instant.now(), actor, action.name(), volunteer, organisation,
                        detail == null ? null : detail.substring(0, Math.min(500, detail.length())))
                .update();
    }

    @Transactional(readOnly = true)
    public Page<Entry> entries(Long volunteer, Pageable page) {
        String where = volunteer == null ? "" : " where volunteer_id = " + volunteer;
        List<Entry> entries = jdbc.sql("select at, actor, action, volunteer_id, organisation_id, detail from personal_data_audit"
                + where + " order by id desc limit ? offset ?")
                .params(page.getPageSize(), page.getOffset())
                .query((rs, n) -> new Entry(rs.getTimestamp(1).toInstant(), rs.getString(2), Action.valueOf(rs.getString(3)),
                        (Long) rs.getObject(4), (Long) rs.getObject(5), rs.getString(6)))
                .list();
        long total = jdbc.sql("select count(*) from personal_data_audit" + where).query(Long.class).single();
        return new PageImpl<>(entries, page, total);
    }
}
