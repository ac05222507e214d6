package org.khanaen.assignment;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stations of an election's quick-count sample (docs/quick-count.md): automatic runs give each a primary and a
 * backup before any other station gets a backup, and the volunteer's and the lead's pages mark them. Results draws the
 * sample and tells this module (results depends on assignment, never the reverse), in the draw's transaction.
 */
@Service
public class SampleStations {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    SampleStations(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** The election's sample is now these stations (a redraw replaces the earlier list). */
    @Transactional
    public void replace(String electionId, Collection<Long> stationIds) {
        jdbc.sql("delete from assignment_sample_station where election_id = ?").param(electionId).update();
        List<Object[]> rows = stationIds.stream().map(id -> new Object[] { electionId, id }).toList();
        template.batchUpdate("insert into assignment_sample_station (election_id, station_id) values (?, ?)", rows);
    }

    /** The election's sample stations; empty when no sample is drawn. */
    public Set<Long> of(String electionId) {
        return new HashSet<>(jdbc.sql("select station_id from assignment_sample_station where election_id = ?").param(electionId)
                .query(Long.class).list());
    }
}
