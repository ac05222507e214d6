package org.khanaen.proofs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The results module's reports, photos and decisions as entries of the public record: read from its tables, never
 * written, and never on a report's path (the rounds read afterwards). The one place this module knows those tables'
 * columns; what it reads is listed in docs/public-record.md, so a change of those tables is a change of the record.
 */
@Repository
class ResultsRecords {

    private static final String REPORT = """
            select r.id, r.election_id, r.station_id, r.contest_code, r.final_count, r.volunteer_id, r.submitted_by, r.votes,
              r.valid_ballots, r.invalid_ballots, r.no_vote_ballots, r.ballots_used, r.voters_came, r.ballots_received,
              r.ballots_left, r.warnings, r.as_written, r.submitted_at from station_report r""";

    private static final String DECISION = """
            select s.id, c.election_id, c.station_id, c.contest_code, s.version, s.action, s.report_id, s.votes, s.valid_ballots,
              s.invalid_ballots, s.no_vote_ballots, s.ballots_used, s.voters_came, s.ballots_received, s.ballots_left, s.actor,
              s.taken_at from verification_step s join station_contest c on c.id = s.station_contest_id""";

    /** A contest's published (verified) numbers as the station contest holds them now; version 0: none yet. */
    record Published(long id, long stationId, String contest, String state, int version, String votes, Long valid, Long invalid,
            Long noVote, Long ballotsUsed, java.time.Instant verifiedAt) {

        /** The fields a decision's entry has for the same numbers. */
        List<Entry.Field> numbers() {
            return new Entry.Fields().add("votes", votes).add("valid", valid).add("invalid", invalid).add("no_vote", noVote)
                    .add("ballots_used", ballotsUsed).list();
        }
    }

    private static final String PUBLISHED = """
            select id, station_id, contest_code, state, version, votes, valid_ballots, invalid_ballots, no_vote_ballots, ballots_used,
              verified_at from station_contest""";

    /** A report's photo as the record names it. */
    record Photo(long id, String kind, String sha256) {
    }

    private record ReportRow(long id, String election, long station, String contest, Entry.Fields fields) {
    }

    private final JdbcClient jdbc;
    private final Pseudonyms pseudonyms;

    ResultsRecords(JdbcClient jdbc, Pseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
    }

    /** The highest id of the reports stored so far (0: none). */
    long highestReportId() {
        return jdbc.sql("select coalesce(max(id), 0) from station_report").query(Long.class).single();
    }

    /** The highest id of the decisions taken so far (0: none). */
    long highestDecisionId() {
        return jdbc.sql("select coalesce(max(id), 0) from verification_step").query(Long.class).single();
    }

    /**
     * Stored reports that are in no leaf yet, by id after {@code afterId} (ids need not be consecutive, nor commit in
     * order: where a round starts is {@link SweepMarks}'s).
     */
    List<Entry> reportsWithoutLeaf(long afterId, int limit) {
        return reports(jdbc.sql(REPORT + " left join record_leaf l on l.kind = 'REPORT' and l.source_id = r.id where l.id is null and r.id > ?"
                + " order by r.id limit ?").params(afterId, limit));
    }

    List<Entry> decisionsWithoutLeaf(long afterId, int limit) {
        return jdbc.sql(DECISION + " left join record_leaf l on l.kind = 'DECISION' and l.source_id = s.id where l.id is null and s.id > ?"
                + " order by s.id limit ?").params(afterId, limit).query(this::decision).list();
    }

    List<Entry> reportsOf(String election, long station) {
        return reports(jdbc.sql(REPORT + " where r.election_id = ? and r.station_id = ? order by r.id").params(election, station));
    }

    List<Entry> decisionsOf(String election, long station) {
        return jdbc.sql(DECISION + " where c.election_id = ? and c.station_id = ? order by s.id").params(election, station)
                .query(this::decision).list();
    }

    /** A page of an election's reports after the given id, for the export. */
    List<Entry> reportsAfter(String election, long afterId, int limit) {
        return reports(jdbc.sql(REPORT + " where r.election_id = ? and r.id > ? order by r.id limit ?").params(election, afterId, limit));
    }

    List<Entry> decisionsAfter(String election, long afterId, int limit) {
        return jdbc.sql(DECISION + " where c.election_id = ? and s.id > ? order by s.id limit ?").params(election, afterId, limit)
                .query(this::decision).list();
    }

    List<Published> publishedOf(String election, long station) {
        return jdbc.sql(PUBLISHED + " where election_id = ? and station_id = ? order by contest_code").params(election, station)
                .query(ResultsRecords::published).list();
    }

    List<Published> publishedAfter(String election, long afterId, int limit) {
        return jdbc.sql(PUBLISHED + " where election_id = ? and id > ? order by id limit ?").params(election, afterId, limit)
                .query(ResultsRecords::published).list();
    }

    private static Published published(ResultSet rs, int n) throws SQLException {
        java.sql.Timestamp at = rs.getTimestamp(11);
        return new Published(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                (Long) rs.getObject(7, Long.class), rs.getObject(8, Long.class), rs.getObject(9, Long.class), rs.getObject(10, Long.class),
                at == null ? null : at.toInstant());
    }

    boolean photoOfAReport(long photoId) {
        return jdbc.sql("select count(*) from station_report_photo where photo_id = ?").param(photoId).query(Long.class).single() > 0;
    }

    /** The photos of these reports, each report's by photo id. */
    Map<Long, List<Photo>> photosOf(Collection<Long> reportIds) {
        Map<Long, List<Photo>> photos = new LinkedHashMap<>();
        if (reportIds.isEmpty()) {
            return photos;
        }
        jdbc.sql("""
                select sp.report_id, p.id, p.kind, p.sha256 from station_report_photo sp join report_photo p on p.id = sp.photo_id
                where sp.report_id in (:ids) order by sp.report_id, p.id""").param("ids", reportIds)
                .query((rs, n) -> photos.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new Photo(rs.getLong(2), rs.getString(3), rs.getString(4))))
                .list();
        return photos;
    }

    private List<Entry> reports(JdbcClient.StatementSpec query) {
        List<ReportRow> rows = query.query(this::report).list();
        Map<Long, List<Photo>> photos = photosOf(rows.stream().map(ReportRow::id).toList());
        return rows.stream().map(r -> {
            for (Photo p : photos.getOrDefault(r.id(), List.of())) {
                r.fields().add("photo", p.id() + ":" + p.kind() + ":" + p.sha256());
            }
            return new Entry(Entry.Kind.REPORT, r.id(), r.election(), r.station(), r.contest(), r.fields().list());
        }).toList();
    }

    private ReportRow report(ResultSet rs, int n) throws SQLException {
        long volunteer = rs.getLong(6);
        Long volunteerId = rs.wasNull() ? null : volunteer;
        Entry.Fields f = new Entry.Fields()
                .add("election", rs.getString(2)).add("station", rs.getLong(3)).add("contest", rs.getString(4)).add("report", rs.getLong(1))
                .add("final", rs.getBoolean(5)).add("votes", rs.getString(8)).add("valid", rs.getObject(9)).add("invalid", rs.getObject(10))
                .add("no_vote", rs.getObject(11)).add("ballots_used", rs.getObject(12)).add("voters_came", rs.getObject(13))
                .add("ballots_received", rs.getObject(14)).add("ballots_left", rs.getObject(15)).add("warnings", rs.getString(16))
                .add("as_written", rs.getString(17)).add("submitted_at", rs.getTimestamp(18).toInstant())
                .add("submitter", pseudonyms.of(volunteerId, rs.getString(7)));
        return new ReportRow(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), f);
    }

    private Entry decision(ResultSet rs, int n) throws SQLException {
        Entry.Fields f = new Entry.Fields()
                .add("election", rs.getString(2)).add("station", rs.getLong(3)).add("contest", rs.getString(4)).add("decision", rs.getLong(1))
                .add("version", rs.getObject(5)).add("action", rs.getString(6)).add("report", rs.getObject(7)).add("votes", rs.getString(8))
                .add("valid", rs.getObject(9)).add("invalid", rs.getObject(10)).add("no_vote", rs.getObject(11))
                .add("ballots_used", rs.getObject(12)).add("voters_came", rs.getObject(13)).add("ballots_received", rs.getObject(14))
                .add("ballots_left", rs.getObject(15)).add("taken_at", rs.getTimestamp(17).toInstant())
                .add("verifier", pseudonyms.of(null, rs.getString(16)));
        return new Entry(Entry.Kind.DECISION, rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), f.list());
    }
}
