package org.khanaen.elections;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The elections module's read API: elections, their geography, contests, parties, candidates and stations. */
@Service
@Transactional(readOnly = true)
@EnableConfigurationProperties(ElectionsProperties.class)
public class ElectionCatalog {

    private final Elections elections;
    private final Provinces provinces;
    private final Districts districts;
    private final Constituencies constituencies;
    private final Contests contests;
    private final Parties parties;
    private final Candidates candidates;
    private final Stations stations;
    private final String current;

    ElectionCatalog(Elections elections, Provinces provinces, Districts districts, Constituencies constituencies,
            Contests contests, Parties parties, Candidates candidates, Stations stations, ElectionsProperties properties) {
        this.elections = elections;
        this.provinces = provinces;
        this.districts = districts;
        this.constituencies = constituencies;
        this.contests = contests;
        this.parties = parties;
        this.candidates = candidates;
        this.stations = stations;
        this.current = properties.current();
    }

    /** The id of the election this installation runs for now ({@code khanaen.elections.current}); no database read. */
    @Transactional(propagation = Propagation.SUPPORTS)
    public String current() {
        return current;
    }

    /** Newest first. */
    public List<ElectionSummary> elections() {
        return elections.findAllByOrderByDateDesc().stream().map(this::summary).toList();
    }

    public Optional<ElectionSummary> election(String id) {
        return elections.findById(id).map(this::summary);
    }

    /** When the election's reference data was last imported: what was built from an older import is stale. */
    public Optional<java.time.Instant> importedAt(String id) {
        return elections.findById(id).map(Election::importedAt);
    }

    public boolean exists(String id) {
        return elections.existsById(id);
    }

    public List<ContestView> contests(String electionId) {
        return contests.findByElectionIdOrderByPosition(electionId).stream().map(Contest::view).toList();
    }

    public List<ProvinceView> provinces(String electionId) {
        Map<String, Long> constituencyCounts = counts(constituencies.countPerProvince(electionId));
        Map<String, Long> stationCounts = counts(stations.countPerProvince(electionId));
        return provinces.findByElectionIdOrderByCode(electionId).stream()
                .map(p -> p.view(constituencyCounts.getOrDefault(p.code(), 0L), stationCounts.getOrDefault(p.code(), 0L)))
                .toList();
    }

    /** All constituencies, or those of one province (by its code, e.g. BKK). */
    public List<ConstituencyView> constituencies(String electionId, Optional<String> provinceCode) {
        Map<Long, Long> stationCounts = new HashMap<>();
        stations.countPerConstituency(electionId).forEach(row -> stationCounts.put((Long) row[0], (Long) row[1]));
        List<Constituency> found = provinceCode
                .map(code -> constituencies.findByElectionIdAndProvinceCodeOrderByNumber(electionId, code))
                .orElseGet(() -> constituencies.findByElectionIdOrderByProvinceCodeAscNumberAsc(electionId));
        return found.stream().map(c -> c.view(stationCounts.getOrDefault(c.id(), 0L))).toList();
    }

    /**
     * One constituency by its internal id (a lead's, an assignment's place), counting only its own stations: a lead's
     * every page asked for it, and listing all 400 counted the nation's ~95,000 stations each time.
     */
    public Optional<ConstituencyView> constituency(String electionId, long id) {
        return constituencies.findByElectionIdAndId(electionId, id).map(c -> c.view(stations.countInConstituency(id)));
    }

    /** One constituency by its code, without its candidates and stations, counting only its own stations. */
    public Optional<ConstituencyView> constituencyView(String electionId, String code) {
        return constituencies.findByElectionIdAndCode(electionId, code).map(c -> c.view(stations.countInConstituency(c.id())));
    }

    /** A constituency with its zones, its own candidates and those of election-wide contests, and all its stations. */
    public Optional<ConstituencyDetail> constituency(String electionId, String code) {
        return constituencies.findByElectionIdAndCode(electionId, code).map(c -> {
            var view = c.view(0);
            List<CandidateView> running = Stream.concat(candidates.findByConstituency(c.id()).stream(),
                    candidates.findElectionWide(electionId).stream()).map(Candidate::view).toList();
            List<StationView> its = stations.findByConstituency(electionId, code, Pageable.unpaged()).map(Station::view).toList();
            return new ConstituencyDetail(view.id(), view.code(), view.number(), view.province(), view.registeredVoters(),
                    c.zones().stream().map(Zone::view).toList(), running, its);
        });
    }

    /** Every district of an election, by province, with its centre where known. */
    public List<DistrictView> districts(String electionId) {
        return districts.findByElectionIdOrderByProvinceCodeAscCodeAsc(electionId).stream().map(District::view).toList();
    }

    public List<PartyView> parties(String electionId) {
        return parties.findByElectionIdOrderByBallotNumberAscCodeAsc(electionId).stream().map(Party::view).toList();
    }

    /** Stations of an election, or of one constituency, a page at a time, in ballot-area order. */
    public Page<StationView> stations(String electionId, Optional<String> constituencyCode, Pageable page) {
        return constituencyCode
                .map(code -> stations.findByConstituency(electionId, code, page))
                .orElseGet(() -> stations.findByElection(electionId, page))
                .map(Station::view);
    }

    /** Every station of an election, only where it is and what it belongs to: for planning over the whole country. */
    public List<StationPoint> stationPoints(String electionId) {
        return stations.points(electionId);
    }

    /** Every station's stable code (e.g. BKK_1-007) by its id: for lists published outside, such as a quick count's sample. */
    public Map<Long, String> stationCodes(String electionId) {
        Map<Long, String> out = new HashMap<>();
        for (Object[] row : stations.codes(electionId)) {
            out.put((Long) row[0], (String) row[1]);
        }
        return out;
    }

    /** One station, reduced (constituency id, registered voters): for checking reports at speed. */
    public Optional<StationPoint> stationPoint(long id) {
        return stations.point(id);
    }

    /**
     * What a voter can mark in a contest at a station of this constituency: its candidates' numbers, or the
     * parties' numbers for a party ballot without listed candidates. Empty when there is no such contest.
     */
    public java.util.Set<Integer> ballotNumbers(String electionId, String contestCode, long constituencyId) {
        return contests.findByElectionIdOrderByPosition(electionId).stream().filter(c -> c.view().code().equals(contestCode)).findFirst()
                .map(contest -> {
                    java.util.Set<Integer> numbers = new java.util.TreeSet<>(candidates.ballotNumbers(contest.view().id(), constituencyId));
                    if (numbers.isEmpty() && contest.view().ballot() == BallotKind.PARTY) {
                        numbers.addAll(parties.ballotNumbers(electionId));
                    }
                    return (java.util.Set<Integer>) numbers;
                })
                .orElse(java.util.Set.of());
    }

    /** Every candidate of an election, by contest, constituency and number: for the live results of the whole country. */
    public List<CandidateView> candidates(String electionId) {
        return candidates.findByElection(electionId).stream().map(Candidate::view).toList();
    }

    public Optional<StationView> station(long id) {
        return stations.findWithPlaces(id).map(Station::view);
    }

    /** A station by its code (e.g. BKK_1-007), as people read and type it; codes are unique within an election. */
    public Optional<StationView> stationByCode(String electionId, String code) {
        return stations.findByCode(electionId, code).map(Station::view);
    }

    private ElectionSummary summary(Election e) {
        var counts = new ElectionCounts(provinces.countByElectionId(e.id()), constituencies.countByElectionId(e.id()),
                districts.countByElectionId(e.id()), stations.countByElectionId(e.id()), parties.countByElectionId(e.id()),
                candidates.countByElectionId(e.id()), e.registeredVoters());
        return new ElectionSummary(e.id(), e.name(), e.kind(), e.date(), e.source(), counts, contests(e.id()));
    }

    private static Map<String, Long> counts(List<Object[]> rows) {
        Map<String, Long> counts = new HashMap<>();
        rows.forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return counts;
    }
}
