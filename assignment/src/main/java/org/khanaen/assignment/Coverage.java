package org.khanaen.assignment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.khanaen.elections.ConstituencyView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationPoint;
import org.khanaen.elections.StationView;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerPool;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How well the stations are covered: per province, constituency and organisation, and station by
 * station for one constituency. Counts come from one grouped query each; station lists and names
 * from the elections and registry modules.
 */
@Service
@Transactional(readOnly = true)
public class Coverage {

    /** @param confirmed stations whose primary confirmed; checkedIn stations with someone checked in */
    public record Row(String code, String name, long stations, long withPrimary, long withBackup, long confirmed, long checkedIn,
            Double latitude, Double longitude) {

        public double share() {
            return stations == 0 ? 0 : (double) withPrimary / stations;
        }
    }

    public record OrganisationRow(long organisationId, long placed, long primaries, long backups, long leads, long warRoom,
            long confirmed, long checkedIn) {
    }

    public record Person(AssignmentId assignment, VolunteerId volunteer, String name, AssignmentView.State state, boolean checkedIn,
            boolean notified) {
    }

    public record StationRow(StationView station, Person primary, Person backup) {
    }

    /**
     * One of an organisation's placed volunteers.
     *
     * @param place the station's code, the constituency's code (a lead) or the war-room shift's name
     */
    public record Placed(AssignmentView assignment, String name, String place) {
    }

    private final JdbcClient jdbc;
    private final ElectionCatalog catalog;
    private final VolunteerPool pool;
    private final Assignments assignments;

    private final WarRoomShifts shifts;

    Coverage(JdbcClient jdbc, ElectionCatalog catalog, VolunteerPool pool, Assignments assignments, WarRoomShifts shifts) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.assignments = assignments;
        this.pool = pool;
        this.shifts = shifts;
    }

    private record Counts(long withPrimary, long withBackup, long confirmed, long checkedIn) {
    }

    /** Per station id: flags for primary, backup, confirmed primary, anyone checked in. */
    private Map<Long, int[]> stationFlags(String electionId) {
        Map<Long, int[]> flags = new HashMap<>();
        jdbc.sql("select place_id, position, state, checked_in_at is not null from assignment where election_id = ? and tier = 'STATION'")
                .param(electionId).query(rs -> {
                    int[] f = flags.computeIfAbsent(rs.getLong(1), k -> new int[4]);
                    boolean primary = rs.getInt(2) == 1;
                    f[primary ? 0 : 1] = 1;
                    if (primary && "CONFIRMED".equals(rs.getString(3))) {
                        f[2] = 1;
                    }
                    if (rs.getBoolean(4)) {
                        f[3] = 1;
                    }
                });
        return flags;
    }

    public List<Row> byProvince(String electionId) {
        Map<Long, int[]> flags = stationFlags(electionId);
        Map<String, long[]> sums = new LinkedHashMap<>();
        for (StationPoint s : catalog.stationPoints(electionId)) {
            add(sums.computeIfAbsent(s.provinceCode(), k -> new long[5]), flags.get(s.id()));
        }
        List<Row> rows = new ArrayList<>();
        catalog.provinces(electionId).forEach(p -> {
            long[] n = sums.getOrDefault(p.code(), new long[5]);
            rows.add(new Row(p.code(), p.name().th() + " · " + p.name().en(), n[0], n[1], n[2], n[3], n[4], p.latitude(), p.longitude()));
        });
        return rows;
    }

    public List<Row> byConstituency(String electionId, Optional<String> provinceCode) {
        Map<Long, int[]> flags = stationFlags(electionId);
        Map<Long, long[]> sums = new HashMap<>();
        Map<Long, double[]> centres = new HashMap<>();
        for (StationPoint s : catalog.stationPoints(electionId)) {
            add(sums.computeIfAbsent(s.constituencyId(), k -> new long[5]), flags.get(s.id()));
            double[] c = centres.computeIfAbsent(s.constituencyId(), k -> new double[3]);
            c[0] += s.latitude();
            c[1] += s.longitude();
            c[2]++;
        }
        return catalog.constituencies(electionId, provinceCode).stream().map(c -> {
            long[] n = sums.getOrDefault(c.id(), new long[5]);
            double[] centre = centres.get(c.id());
            return new Row(c.code(), c.province().name().th() + " " + c.number(), n[0], n[1], n[2], n[3], n[4],
                    centre == null ? null : centre[0] / centre[2], centre == null ? null : centre[1] / centre[2]);
        }).toList();
    }

    private static void add(long[] sum, int[] f) {
        sum[0]++;
        if (f != null) {
            sum[1] += f[0];
            sum[2] += f[1];
            sum[3] += f[2];
            sum[4] += f[3];
        }
    }

    /** All organisations, or one (a coordinator sees only their own). */
    public List<OrganisationRow> byOrganisation(String electionId, Optional<Long> organisation) {
        return jdbc.sql("""
                select organisation_id, count(*),
                  sum(tier = 'STATION' and position = 1), sum(tier = 'STATION' and position = 2),
                  sum(tier = 'CONSTITUENCY_LEAD'), sum(tier = 'WAR_ROOM'), sum(state = 'CONFIRMED'), sum(checked_in_at is not null)
                from assignment where election_id = :election and (:organisation is null or organisation_id = :organisation)
                group by organisation_id order by organisation_id""")
                .param("election", electionId).param("organisation", organisation.orElse(null))
                .query((rs, n) -> new OrganisationRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8)))
                .list();
    }

    /**
     * An organisation's placed volunteers in an election, a page at a time, by tier and place. The search is a
     * station code (BKK_1-007), a constituency code (BKK_1: its stations and lead) or part of a name.
     */
    public Page<Placed> ofOrganisation(String electionId, long organisationId, Optional<String> search, Pageable page) {
        String text = search.map(String::strip).filter(t -> !t.isEmpty()).orElse(null);
        String code = text == null ? null : text.toUpperCase(Locale.ROOT);
        Optional<StationView> station = code == null ? Optional.empty() : catalog.stationByCode(electionId, code);
        Optional<ConstituencyView> constituency = code == null || station.isPresent() ? Optional.empty()
                : catalog.constituencyView(electionId, code);
        if (text != null && station.isEmpty() && constituency.isEmpty()) {
            return byName(electionId, organisationId, text, page);
        }
        String where = " from assignment where organisation_id = :organisation and election_id = :election"
                + (station.isPresent() ? " and tier = 'STATION' and place_id = :place" : "")
                + (constituency.isPresent() ? " and constituency_id = :constituency" : "");
        Map<String, Object> params = new HashMap<>(Map.of("organisation", organisationId, "election", electionId));
        station.ifPresent(s -> params.put("place", s.id()));
        constituency.ifPresent(c -> params.put("constituency", c.id()));
        String limit = page.isPaged() ? " limit " + page.getPageSize() + " offset " + page.getOffset() : "";
        List<AssignmentView> rows = jdbc.sql("select " + Assignments.COLUMNS + where + " order by tier, constituency_id, place_id, position, id"
                + limit).params(params).query(Assignments::map).list();
        long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
        return new PageImpl<>(placed(electionId, rows, pool.names(rows.stream().map(AssignmentView::volunteer).toList())), page, total);
    }

    /** Names live in the registry: an organisation's placed people are few enough (thousands) to match in memory. */
    private Page<Placed> byName(String electionId, long organisationId, String text, Pageable page) {
        List<AssignmentView> all = jdbc.sql("select " + Assignments.COLUMNS
                + " from assignment where organisation_id = ? and election_id = ? order by tier, constituency_id, place_id, position, id")
                .params(organisationId, electionId).query(Assignments::map).list();
        Map<VolunteerId, String> names = pool.names(all.stream().map(AssignmentView::volunteer).toList());
        String wanted = text.toLowerCase(Locale.ROOT);
        List<AssignmentView> matching = all.stream()
                .filter(a -> names.getOrDefault(a.volunteer(), "").toLowerCase(Locale.ROOT).contains(wanted)).toList();
        List<AssignmentView> shown = page.isPaged()
                ? matching.subList((int) Math.min(page.getOffset(), matching.size()), (int) Math.min(page.getOffset() + page.getPageSize(), matching.size()))
                : matching;
        return new PageImpl<>(placed(electionId, shown, names), page, matching.size());
    }

    private List<Placed> placed(String electionId, List<AssignmentView> rows, Map<VolunteerId, String> names) {
        Map<Long, String> constituencies = new HashMap<>();
        if (rows.stream().anyMatch(a -> a.tier() == Tier.CONSTITUENCY_LEAD)) {
            catalog.constituencies(electionId, Optional.empty()).forEach(c -> constituencies.put(c.id(), c.code()));
        }
        Map<Long, String> shiftNames = new HashMap<>();
        if (rows.stream().anyMatch(a -> a.tier() == Tier.WAR_ROOM)) {
            shifts.of(electionId).forEach(s -> shiftNames.put(s.id(), s.name()));
        }
        // At most a page of stations, each by its primary key.
        Map<Long, String> stationCodes = new HashMap<>();
        return rows.stream().map(a -> new Placed(a, names.getOrDefault(a.volunteer(), "?"), switch (a.tier()) {
            case STATION -> stationCodes.computeIfAbsent(a.placeId(),
                    id -> catalog.station(id).map(StationView::code).orElse(String.valueOf(id)));
            case CONSTITUENCY_LEAD -> constituencies.getOrDefault(a.placeId(), String.valueOf(a.placeId()));
            case WAR_ROOM -> shiftNames.getOrDefault(a.placeId(), String.valueOf(a.placeId()));
        })).toList();
    }

    /** Every station of a constituency with who stands there (names only). */
    public List<StationRow> stations(String electionId, String constituencyCode) {
        List<StationView> stations = catalog.stations(electionId, Optional.of(constituencyCode), Pageable.unpaged()).getContent();
        Map<Long, AssignmentView[]> at = new HashMap<>();
        // the constituency's id only: its detail would load its candidates and every station a second time
        catalog.constituencyView(electionId, constituencyCode).ifPresent(c -> assignments.ofConstituency(c.id()).stream()
                .filter(a -> a.tier() == Tier.STATION)
                .forEach(a -> at.computeIfAbsent(a.placeId(), k -> new AssignmentView[2])[a.position() == 1 ? 0 : 1] = a));
        Map<VolunteerId, String> names = pool.names(at.values().stream().flatMap(java.util.Arrays::stream)
                .filter(java.util.Objects::nonNull).map(AssignmentView::volunteer).toList());
        return stations.stream().map(s -> {
            AssignmentView[] pair = at.getOrDefault(s.id(), new AssignmentView[2]);
            return new StationRow(s, person(pair[0], names), person(pair[1], names));
        }).toList();
    }

    /** A constituency's lead roles, filled or not. */
    public List<Person> leads(String electionId, String constituencyCode) {
        return catalog.constituencyView(electionId, constituencyCode).map(c -> {
            List<AssignmentView> leads = assignments.ofConstituency(c.id()).stream().filter(a -> a.tier() == Tier.CONSTITUENCY_LEAD).toList();
            Map<VolunteerId, String> names = pool.names(leads.stream().map(AssignmentView::volunteer).toList());
            return leads.stream().map(a -> person(a, names)).toList();
        }).orElse(List.of());
    }

    private static Person person(AssignmentView a, Map<VolunteerId, String> names) {
        return a == null ? null : new Person(a.id(), a.volunteer(), names.getOrDefault(a.volunteer(), "?"), a.state(), a.checkedInAt() != null,
                a.notifiedAt() != null);
    }

    /** The constituency a signed-in lead leads in this election, if any. */
    public Optional<Long> ledBy(String electionId, VolunteerId volunteer) {
        return assignments.ofVolunteer(electionId, volunteer).filter(a -> a.tier() == Tier.CONSTITUENCY_LEAD).map(AssignmentView::placeId);
    }

    public Optional<AssignmentView> assignment(AssignmentId id) {
        return assignments.find(id);
    }

    public Optional<AssignmentView> assignmentOf(String electionId, VolunteerId volunteer) {
        return assignments.ofVolunteer(electionId, volunteer);
    }

    /** The assignments of these volunteers in the election, by volunteer (those without one are absent). */
    public Map<VolunteerId, AssignmentView> assignmentsOf(String electionId, java.util.Collection<VolunteerId> volunteers) {
        Map<VolunteerId, AssignmentView> found = new HashMap<>();
        assignments.ofVolunteers(electionId, volunteers).forEach(a -> found.put(a.volunteer(), a));
        return found;
    }
}
