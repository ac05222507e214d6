package org.khanaen.elections.ect;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.khanaen.elections.CandidateView;
import org.khanaen.elections.ConstituencyView;
import org.khanaen.elections.PartyView;
import org.khanaen.elections.ProvinceView;
import org.khanaen.elections.ect.EctFiles.CandidateVotes;
import org.khanaen.elections.ect.EctFiles.Constituency;
import org.khanaen.elections.ect.EctFiles.PartyFigures;
import org.khanaen.elections.ect.EctFiles.Place;
import org.khanaen.elections.ect.EctFiles.Totals;

/**
 * The commission's results files ({@code records/stats_cons.json}, {@code records/stats_party.json}) from Khanaen's
 * verified counts at one version. As the commission counts them: {@code turn_out} is the voters who came (per
 * station the most ballots used in either contest, so the same for both contests once both are counted), turnout is a
 * percentage of all registered voters of the place, the other percentages of {@code turn_out}; a candidate's rank is
 * null until a station of the constituency is counted.
 */
record EctRecords(EctFiles.Results results, List<ProvinceView> provinces, List<ConstituencyView> constituencies, List<PartyView> parties,
        List<CandidateView> candidates) {

    EctRecords(EctFiles.Results results, EctFiles.Reference reference) {
        this(results, reference.provinces(), reference.constituencies(), reference.parties(), reference.raceCandidates());
    }

    private static final DateTimeFormatter LAST_UPDATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxx").withZone(ZoneId.of("Asia/Bangkok"));
    static final String SOURCE = "Khanaen: volunteers' station counts, verified (unofficial)";
    static final String PROCESSOR = "Khanaen";
    static final String NOTE = "UNOFFICIAL results from polling-station counts reported by volunteers and verified by Khanaen, "
            + "in the format of the ECT Report files; not the Election Commission's results";

    static String lastUpdate(Instant at) {
        return LAST_UPDATE.format(at);
    }

    byte[] statsCons() {
        Map<String, Constituency> byCode = new HashMap<>();
        results.constituencies().forEach(c -> byCode.put(c.code(), c));
        Map<String, Long> registered = new HashMap<>();
        constituencies.forEach(c -> registered.put(c.code(), c.registeredVoters()));
        Map<String, Place> provinceResults = new HashMap<>();
        results.provinces().forEach(p -> provinceResults.put(p.code(), p));
        Map<String, Set<String>> partiesStanding = new HashMap<>(); // per province, the parties with a candidate there
        Map<String, String> provinceOf = new HashMap<>();
        constituencies.forEach(c -> provinceOf.put(c.code(), c.province().code()));
        for (CandidateView c : candidates) {
            if (c.party() != null && c.constituency() != null) {
                partiesStanding.computeIfAbsent(provinceOf.get(c.constituency()), k -> new HashSet<>()).add(c.party().code());
            }
        }

        Map<String, Object> doc = header();
        long totalRegistered = provinces.stream().mapToLong(ProvinceView::registeredVoters).sum();
        totals(doc, results.nation().race(), results.nation().list(), totalRegistered, null);
        List<Object> provinceList = new ArrayList<>();
        for (ProvinceView p : EctRefs.inCommissionOrder(provinces)) {
            Place pr = provinceResults.get(p.code());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("prov_id", p.code());
            List<Object> consList = new ArrayList<>();
            for (ConstituencyView cv : constituencies.stream().filter(c -> c.province().code().equals(p.code()))
                    .sorted(Comparator.comparingInt(ConstituencyView::number)).toList()) {
                consList.add(constituency(byCode.get(cv.code()), registered.get(cv.code())));
            }
            totals(m, pr.race(), pr.list(), p.registeredVoters(), consList);
            m.put("result_party", provinceParties(pr, partiesStanding.getOrDefault(p.code(), Set.of())));
            provinceList.add(m);
        }
        doc.put("result_province", provinceList);
        return EctJson.write(doc, EctJson.Layout.INDENT_1);
    }

    byte[] statsParty() {
        Map<String, PartyFigures> national = new HashMap<>();
        results.nation().parties().forEach(p -> national.put(p.partyId(), p));
        Map<String, CandidateVotes> byCandidate = new HashMap<>(); // the listed candidates only
        Map<String, Integer> rank = new HashMap<>();               // of the counted constituencies' candidates
        for (Constituency c : results.constituencies()) {
            List<CandidateVotes> listed = EctConventions.listed(c);
            listed.forEach(x -> byCandidate.put(x.candidateId(), x));
            if (c.stationsCounted() > 0) {
                rank.putAll(EctConventions.ranks(listed));
            }
        }
        Map<String, List<CandidateView>> byParty = new LinkedHashMap<>();
        candidates.stream().filter(c -> c.party() != null).sorted(Comparator.comparingLong(CandidateView::id))
                .forEach(c -> byParty.computeIfAbsent(c.party().code(), k -> new ArrayList<>()).add(c));

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("last_update", lastUpdate(results.updatedAt()));
        doc.put("processor", PROCESSOR);
        doc.put("source", SOURCE);
        doc.put("acknowledgement", "ขอบคุณอาสาสมัครทุกหน่วยเลือกตั้งที่ส่งผลนับคะแนน / Thanks to every volunteer who reported a count");
        doc.put("note", NOTE);
        doc.put("khanaen_seats", seatsMarking());
        List<Object> list = new ArrayList<>();
        for (PartyView p : parties.stream().sorted(Comparator.comparingLong(PartyView::id)).toList()) {
            PartyFigures r = national.get(p.code());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("party_id", EctJson.id(p.code()));
            m.put("party_vote", EctConventions.partyListFigure(p, r == null ? 0 : r.partyListVotes()));
            m.put("party_list_count", EctConventions.partyListFigure(p, r == null ? 0 : r.partyListSeats()));
            m.put("mp_app_vote", EctConventions.constituencyFigure(byParty.containsKey(p.code()), r == null ? 0 : r.constituencyVotes()));
            List<Object> its = new ArrayList<>();
            for (CandidateView c : byParty.getOrDefault(p.code(), List.of())) {
                CandidateVotes listed = byCandidate.get(c.code());
                if (listed != null) {
                    its.add(candidate(c.code(), listed, p.code(), rank.get(c.code())));
                }
            }
            m.put("candidates", its);
            m.put("first_mp_app_count", r == null ? 0 : r.seatsLed());
            m.put("first_mp_app_decided_count", r == null ? 0 : r.seatsDecided());
            list.add(m);
        }
        doc.put("result_party", list);
        return EctJson.write(doc, EctJson.Layout.INDENT_1);
    }

    /**
     * What the seat figures are, which the commission's format cannot say in its own fields (its file is of a finished
     * count): {@code party_list_count} is a projection from the stations counted so far, given only from a stated share
     * (below it every listed party has 0.0, which is "not projected yet", not a result); {@code first_mp_app_count} is
     * constituencies led, of which {@code first_mp_app_decided_count} are decided. Extra keys: a reader of the
     * commission's files that ignores unknown keys reads the file as before.
     */
    private Map<String, Object> seatsMarking() {
        var projection = results.projection();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("party_list_count_projected", projection.shown());
        m.put("party_list_projected_from_percent", projection.fromPercent());
        m.put("party_list_percent_counted", projection.percentCounted());
        m.put("meaning", projection.shown()
                ? "party_list_count is a PROJECTION from " + String.format(java.util.Locale.ROOT, "%.1f", projection.percentCounted())
                        + " % of stations counted, not a result"
                : "party_list_count is not projected until " + String.format(java.util.Locale.ROOT, "%.0f", projection.fromPercent())
                        + " % of stations are counted (now " + String.format(java.util.Locale.ROOT, "%.1f", projection.percentCounted())
                        + " %): its 0.0 means not yet, not zero seats");
        m.put("first_mp_app_count", "constituencies LED so far; first_mp_app_decided_count of them are decided (the margin exceeds every "
                + "vote still possible from the stations not yet counted)");
        return m;
    }

    private Map<String, Object> header() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("last_update", lastUpdate(results.updatedAt()));
        doc.put("source", SOURCE);
        doc.put("processor", PROCESSOR);
        doc.put("note", NOTE);
        return doc;
    }

    /** A province's or the nation's totals, in the commission's order: counts, then (a province's) constituencies, then percentages. */
    private static void totals(Map<String, Object> m, Totals race, Totals list, long registered,
            List<Object> constituencies) {
        m.put("turn_out", race.voters());
        m.put("valid_votes", race.valid());
        m.put("invalid_votes", race.invalid());
        m.put("blank_votes", race.blank());
        m.put("party_list_turn_out", list.voters());
        m.put("party_list_valid_votes", list.valid());
        m.put("party_list_invalid_votes", list.invalid());
        m.put("party_list_blank_votes", list.blank());
        if (constituencies != null) {
            m.put("constituencies", constituencies);
        }
        m.put("total_registered_vote", registered);
        m.put("percent_turn_out", EctJson.percent(race.voters(), registered));
        m.put("party_list_percent_turn_out", EctJson.percent(list.voters(), registered));
        m.put("percent_valid_votes", EctJson.percent(race.valid(), race.voters()));
        m.put("party_list_percent_valid_votes", EctJson.percent(list.valid(), list.voters()));
        m.put("percent_invalid_votes", EctJson.percent(race.invalid(), race.voters()));
        m.put("party_list_percent_invalid_votes", EctJson.percent(list.invalid(), list.voters()));
        m.put("percent_blank_votes", EctJson.percent(race.blank(), race.voters()));
        m.put("party_list_percent_blank_votes", EctJson.percent(list.blank(), list.voters()));
    }

    private Map<String, Object> constituency(Constituency c, long registered) {
        Totals r = c.race(), l = c.list();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cons_id", c.code());
        m.put("valid_votes", r.valid());
        m.put("invalid_votes", r.invalid());
        m.put("blank_votes", r.blank());
        m.put("party_list_valid_votes", l.valid());
        m.put("party_list_invalid_votes", l.invalid());
        m.put("party_list_blank_votes", l.blank());
        m.put("note_cons", null);
        m.put("note_party", null);
        m.put("note_candidate_cons", null);
        m.put("note_candidate_party", null);
        m.put("turn_out", r.voters());
        m.put("percent_turn_out", EctJson.percent(r.voters(), registered));
        m.put("percent_valid_votes", EctJson.percent(r.valid(), r.voters()));
        m.put("percent_invalid_votes", EctJson.percent(r.invalid(), r.voters()));
        m.put("percent_blank_votes", EctJson.percent(r.blank(), r.voters()));
        m.put("party_list_turn_out", l.voters());
        m.put("party_list_percent_turn_out", EctJson.percent(l.voters(), registered));
        m.put("party_list_percent_valid_votes", EctJson.percent(l.valid(), l.voters()));
        m.put("party_list_percent_invalid_votes", EctJson.percent(l.invalid(), l.voters()));
        m.put("party_list_percent_blank_votes", EctJson.percent(l.blank(), l.voters()));
        boolean counted = c.stationsCounted() > 0;
        List<CandidateVotes> listed = EctConventions.listed(c); // by rank: most votes first
        Map<String, Integer> ranks = EctConventions.ranks(listed);
        m.put("candidates", listed.stream().map(x -> candidate(x.candidateId(), x, x.partyId(), counted ? ranks.get(x.candidateId()) : null))
                .toList());
        m.put("result_party", c.parties().stream().sorted(Comparator.comparingInt(p -> p.ballotNumber())).map(p -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("party_id", EctJson.id(p.partyId()));
            e.put("party_list_vote", p.votes());
            return e;
        }).toList());
        return m;
    }

    /** @param rank the commission's rank; null before a station of the constituency is counted */
    private static Map<String, Object> candidate(String id, CandidateVotes r, String partyId, Integer rank) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mp_app_id", id);
        m.put("mp_app_vote", EctJson.floatCount(r.votes()));
        m.put("party_id", partyId == null ? null : EctJson.id(partyId));
        m.put("mp_app_rank", rank);
        return m;
    }

    /**
     * Every party on the list (a party without one is left out, as the commission leaves it out, even where it has
     * candidates), most party-list votes first; the constituency votes and seats only for the parties standing there
     * (null for the others, as the commission has it).
     */
    private List<Object> provinceParties(Place pr, Set<String> standing) {
        Map<String, PartyFigures> byParty = new HashMap<>();
        pr.parties().forEach(p -> byParty.put(p.partyId(), p));
        record Line(PartyView party, long listVotes, PartyFigures result) {
        }
        List<Line> lines = new ArrayList<>();
        for (PartyView p : parties) {
            if (EctConventions.inProvinceParties(p)) {
                PartyFigures r = byParty.get(p.code());
                lines.add(new Line(p, r == null ? 0 : r.partyListVotes(), r));
            }
        }
        lines.sort(Comparator.comparingLong(Line::listVotes).reversed()
                .thenComparing(l -> l.party().ballotNumber() == null ? Integer.MAX_VALUE : l.party().ballotNumber()));
        List<Object> out = new ArrayList<>();
        for (Line l : lines) {
            boolean stands = standing.contains(l.party().code());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("party_id", EctJson.id(l.party().code()));
            m.put("party_list_vote", l.listVotes());
            m.put("party_cons_votes", stands ? EctJson.floatCount(l.result() == null ? 0 : l.result().constituencyVotes()) : null);
            m.put("first_mp_app_count", stands ? EctJson.floatCount(l.result() == null ? 0 : l.result().seatsLed()) : null);
            out.add(m);
        }
        return out;
    }
}
