package org.khanaen.proofs;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationPoint;
import org.khanaen.volunteers.OrganisationDraft;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.RosterEdits;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/** A station's night written straight into the results module's tables: what the public record reads. */
@Component
class RecordFixture {

    private static final String ELECTION = "th-2566";

    private final ElectionCatalog catalog;
    private final JdbcClient jdbc;
    private final PartnerOrganisations organisations;
    private final RosterEdits roster;

    RecordFixture(ElectionCatalog catalog, JdbcClient jdbc, PartnerOrganisations organisations, RosterEdits roster) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.organisations = organisations;
        this.roster = roster;
    }

    record Night(StationPoint station, long first, long second, long decision, long swappedPhoto, List<VolunteerInput> people) {
    }

    /** Two volunteers' agreeing final counts with three photos each, verified by agreement: the station's whole night. */
    Night night(int stationIndex, String slug) {
        StationPoint station = catalog.stationPoints(ELECTION).get(stationIndex);
        OrganisationId org = organisations.create(new OrganisationDraft(slug, "องค์กรทดสอบ", "Test org", null, null, null)).id();
        List<VolunteerInput> people = new ArrayList<>();
        List<VolunteerId> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            VolunteerInput input = new VolunteerInput("สมชาย " + thai(stationIndex * 10 + i), "08" + (91_234_560 + stationIndex * 10 + i),
                    "somchai." + slug + i + "@example.org", null, "8501", "STATION", "ALL_DAY");
            people.add(input);
            ids.add(roster.add(org, input, "test").orElseThrow());
        }
        long first = report(station, ids.get(0), people.get(0).email(), "a" + slug);
        long second = report(station, ids.get(1), people.get(1).email(), "b" + slug);
        long contest = insert("""
                insert into station_contest (election_id, station_id, constituency_id, contest_code, state, in_queue, queue_rank, version, votes,
                  valid_ballots, invalid_ballots, no_vote_ballots, ballots_used, verified_at, updated_at)
                values (?, ?, ?, 'constituency', 'VERIFIED', false, 2, 1, '1=300;2=200', 500, 10, 5, 515, ?, ?)""",
                ELECTION, station.id(), station.constituencyId(), now(), now());
        long decision = insert("""
                insert into verification_step (station_contest_id, version, action, report_id, votes, valid_ballots, invalid_ballots,
                  no_vote_ballots, ballots_used, actor, reason, taken_at)
                values (?, 1, 'AGREEMENT', ?, '1=300;2=200', 500, 10, 5, 515, 'system', null, ?)""", contest, second, now());
        long swapped = jdbc.sql("select photo_id from station_report_photo where report_id = ? order by photo_id limit 1").param(second)
                .query(Long.class).single();
        return new Night(station, first, second, decision, swapped, people);
    }

    /** A name the registry accepts, unique per number: its digits as Thai letters. */
    private static String thai(int n) {
        StringBuilder name = new StringBuilder();
        for (char c : String.valueOf(n).toCharArray()) {
            name.append("กขคงจฉชซฌญ".charAt(c - '0'));
        }
        return name.toString();
    }

    private long report(StationPoint station, VolunteerId who, String actor, String key) {
        long id = insert("""
                insert into station_report (election_id, station_id, constituency_id, contest_code, final_count, idempotency_key, volunteer_id,
                  submitted_by, votes, votes_hash, valid_ballots, invalid_ballots, no_vote_ballots, ballots_used, status, submitted_at)
                values (?, ?, ?, 'constituency', true, ?, ?, ?, '1=300;2=200', ?, 500, 10, 5, 515, 'VERIFIED', ?)""",
                ELECTION, station.id(), station.constituencyId(), key + "-" + System.nanoTime(), who.value(), actor, "0".repeat(64), now());
        for (String kind : List.of("TALLY_BOARD", "COUNT_FORM", "STATION_SIGN")) {
            long photo = insert("""
                    insert into report_photo (sha256, kind, content_type, bytes, width, height, uploaded_by, uploaded_at, confirmed_at)
                    values (?, ?, 'image/jpeg', 300000, 1600, 1200, ?, ?, ?)""", sha(key + kind), kind, actor, now(), now());
            jdbc.sql("insert into station_report_photo (report_id, photo_id) values (?, ?)").params(id, photo).update();
        }
        return id;
    }

    private long insert(String sql, Object... params) {
        var key = new GeneratedKeyHolder();
        jdbc.sql(sql).params(params).update(key, "id");
        return key.getKey().longValue();
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    static String sha(String seed) {
        return MerkleTree.hex(MerkleTree.sha256(seed.getBytes(StandardCharsets.UTF_8)));
    }


    /** The findings about this night's station (the tests share one database, and the export is the whole election's). */
    List<Finding> about(Night night, List<Finding> findings) {
        List<String> subjects = new ArrayList<>(List.of("report " + night.first(), "report " + night.second(), "decision " + night.decision()));
        jdbc.sql("select photo_id from station_report_photo where report_id in (?, ?)").params(night.first(), night.second())
                .query(Long.class).list().forEach(p -> subjects.add("photo " + p));
        return findings.stream().filter(f -> subjects.contains(f.subject()) || f.subject().startsWith("station " + night.station().id() + " ")).toList();
    }
}
