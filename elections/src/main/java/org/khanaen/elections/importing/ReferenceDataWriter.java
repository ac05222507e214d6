package org.khanaen.elections.importing;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.khanaen.elections.ElectionCounts;
import org.khanaen.elections.importing.ElectionDefinition.CandidateDef;
import org.khanaen.elections.importing.ElectionDefinition.ConstituencyDef;
import org.khanaen.elections.importing.ElectionDefinition.ContestDef;
import org.khanaen.elections.importing.ElectionDefinition.DistrictDef;
import org.khanaen.elections.importing.ElectionDefinition.Generated;
import org.khanaen.elections.importing.ElectionDefinition.PartyDef;
import org.khanaen.elections.importing.ElectionDefinition.ProvinceDef;
import org.khanaen.elections.importing.ElectionDefinition.StationDef;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes a checked election in JDBC batches (95,000 stations one row at a time would take half a
 * minute; batched, about two seconds). The caller holds one transaction around it, so an error
 * part-way leaves nothing behind.
 */
@Component
public class ReferenceDataWriter {

    private static final int BATCH = 1000;
    private final JdbcTemplate jdbc;

    ReferenceDataWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public ElectionCounts write(ElectionDefinition e, List<StationDef> stations) {
        long registered = e.constituencies().stream().mapToLong(ConstituencyDef::registeredVoters).sum();
        Long seed = e.stations() instanceof Generated g ? g.seed() : null;
        jdbc.update("""
                insert into election (id, name_th, name_en, kind, election_date, registered_voters, source, station_seed, imported_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                e.id(), e.nameTh(), e.nameEn(), e.kind().name(), Date.valueOf(e.date()), registered, e.source(), seed,
                Timestamp.from(Instant.now()));

        batch("insert into province (election_id, code, ect_id, name_th, name_en, latitude, longitude, registered_voters, abbreviation,"
                + " source_name_en) values (?,?,?,?,?,?,?,?,?,?)",
                e.provinces(), (ProvinceDef p) -> new Object[] { e.id(), p.code(), p.ectId(), p.nameTh(), p.nameEn(), p.latitude(), p.longitude(),
                        p.registeredVoters() != null ? p.registeredVoters() : e.constituencies().stream()
                                .filter(c -> c.provinceCode().equals(p.code())).mapToLong(ConstituencyDef::registeredVoters).sum(),
                        p.abbreviation(), p.sourceNameEn() });
        Map<String, Long> provinceIds = ids("province", e.id());

        batch("insert into district (election_id, province_id, code, name_th, name_en, latitude, longitude) values (?,?,?,?,?,?,?)",
                e.districts(), (DistrictDef d) -> new Object[] { e.id(), provinceIds.get(d.provinceCode()), d.code(), d.nameTh(), d.nameEn(),
                        d.latitude(), d.longitude() });
        Map<String, Long> districtIds = ids("district", e.id());

        batch("insert into constituency (election_id, province_id, code, number, registered_voters) values (?,?,?,?,?)",
                e.constituencies(), (ConstituencyDef c) -> new Object[] { e.id(), provinceIds.get(c.provinceCode()), c.code(), c.number(),
                        c.registeredVoters() });
        Map<String, Long> constituencyIds = ids("constituency", e.id());

        record Zone(long constituency, int position, String text, Long district, boolean partial) {
        }
        List<Zone> zones = e.constituencies().stream().flatMap(c -> {
            long id = constituencyIds.get(c.code());
            return java.util.stream.IntStream.range(0, c.zones().size()).mapToObj(i -> new Zone(id, i + 1,
                    c.zones().get(i).text(), c.zones().get(i).districtCode() == null ? null : districtIds.get(c.zones().get(i).districtCode()),
                    c.zones().get(i).partial()));
        }).toList();
        batch("insert into constituency_zone (constituency_id, position, zone_text, district_id, partial) values (?,?,?,?,?)",
                zones, (Zone z) -> new Object[] { z.constituency(), z.position(), z.text(), z.district(), z.partial() });

        int[] position = { 0 };
        batch("insert into contest (election_id, code, name_th, name_en, scope, ballot, seats, seat_rule, position) values (?,?,?,?,?,?,?,?,?)",
                e.contests(), (ContestDef c) -> new Object[] { e.id(), c.code(), c.nameTh(), c.nameEn(), c.scope().name(), c.ballot().name(),
                        c.seats(), c.seatRule().name(), ++position[0] });
        Map<String, Long> contestIds = ids("contest", e.id());

        batch("insert into party (election_id, code, ballot_number, name_th, name_en, abbreviation, colour, logo_url) values (?,?,?,?,?,?,?,?)",
                e.parties(), (PartyDef p) -> new Object[] { e.id(), p.code(), p.ballotNumber(), p.nameTh(), p.nameEn(), p.abbreviation(), p.colour(),
                        p.logoUrl() });
        Map<String, Long> partyIds = ids("party", e.id());

        batch("insert into candidate (contest_id, constituency_id, code, ballot_number, name, party_id, image_url) values (?,?,?,?,?,?,?)",
                e.candidates(), (CandidateDef c) -> new Object[] { contestIds.get(c.contestCode()),
                        c.constituencyCode() == null ? null : constituencyIds.get(c.constituencyCode()), c.code(), c.ballotNumber(), c.name(),
                        c.partyCode() == null ? null : partyIds.get(c.partyCode()), c.imageUrl() });

        batch("""
                insert into station (election_id, constituency_id, district_id, code, number, name_th, name_en, latitude, longitude,
                                     registered_voters, priority) values (?,?,?,?,?,?,?,?,?,?,?)""",
                stations, (StationDef s) -> new Object[] { e.id(), constituencyIds.get(s.constituencyCode()),
                        s.districtCode() == null ? null : districtIds.get(s.districtCode()), s.code(), s.number(), s.nameTh(),
                        s.nameEn() == null ? s.nameTh() : s.nameEn(), s.latitude(), s.longitude(), s.registeredVoters(), false });

        return new ElectionCounts(e.provinces().size(), e.constituencies().size(), e.districts().size(), stations.size(),
                e.parties().size(), e.candidates().size(), registered);
    }

    private <T> void batch(String sql, List<T> rows, Function<T, Object[]> values) {
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<Object[]> chunk = rows.subList(from, Math.min(rows.size(), from + BATCH)).stream().map(values).toList();
            jdbc.batchUpdate(sql, chunk);
        }
    }

    private Map<String, Long> ids(String table, String electionId) {
        Map<String, Long> ids = new HashMap<>();
        // table is one of ours, never input
        jdbc.query("select code, id from " + table + " where election_id = ?",
                rs -> {
                    ids.put(rs.getString(1), rs.getLong(2));
                }, electionId);
        return ids;
    }

}
