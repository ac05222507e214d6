package org.khanaen.elections.ect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.khanaen.elections.CandidateView;
import org.khanaen.elections.ConstituencyView;
import org.khanaen.elections.PartyView;
import org.khanaen.elections.ProvinceView;

/**
 * The commission's reference files ({@code refs/info_*.json}) from an election's reference data, in the order the
 * commission lists them: provinces by their numeric id, constituencies, parties and candidates in the order they were
 * imported (which, for an election imported from the commission's files, is theirs).
 */
final class EctRefs {

    private EctRefs() {
    }

    static byte[] provinces(List<ProvinceView> provinces) {
        List<Map<String, Object>> list = new ArrayList<>();
        long total = 0;
        for (ProvinceView p : inCommissionOrder(provinces)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("province_id", p.ectId());
            m.put("prov_id", p.code());
            m.put("province", p.name().th());
            m.put("abbre_thai", p.abbreviation());
            m.put("eng", p.sourceNameEn() != null ? p.sourceNameEn() : p.name().en());
            m.put("total_registered_vote", p.registeredVoters());
            list.add(m);
            total += p.registeredVoters();
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("total_registered_vote", total);
        doc.put("province", list);
        return EctJson.write(doc, EctJson.Layout.INDENT_4_CRLF);
    }

    static byte[] constituencies(List<ConstituencyView> constituencies) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ConstituencyView c : constituencies.stream().sorted(Comparator.comparingLong(ConstituencyView::id)).toList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cons_id", c.code());
            m.put("cons_no", c.number());
            m.put("prov_id", c.province().code());
            // the commission writes a constituency of a whole province as one empty zone
            m.put("zone", c.zones().isEmpty() ? List.of("") : c.zones());
            m.put("registered_vote", c.registeredVoters());
            list.add(m);
        }
        return EctJson.write(list, EctJson.Layout.COMPACT);
    }

    static byte[] parties(List<PartyView> parties) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (PartyView p : parties.stream().sorted(Comparator.comparingLong(PartyView::id)).toList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.code());
            m.put("party_no", p.ballotNumber() == null ? "" : String.valueOf(p.ballotNumber())); // text, empty without a list
            m.put("name", p.name().th());
            m.put("color", p.colour());
            m.put("abbr", p.abbreviation());
            m.put("logo_url", p.logoUrl());
            list.add(m);
        }
        return EctJson.write(list, EctJson.Layout.INDENT_4_WITH_BOM);
    }

    /** The candidates of the constituency race. */
    static byte[] candidates(List<CandidateView> candidates) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (CandidateView c : candidates.stream().sorted(Comparator.comparingLong(CandidateView::id)).toList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mp_app_id", c.code());
            m.put("mp_app_no", c.ballotNumber());
            m.put("mp_app_party_id", c.party() == null ? null : EctJson.id(c.party().code()));
            m.put("mp_app_name", c.name());
            m.put("image_url", c.imageUrl());
            list.add(m);
        }
        return EctJson.write(list, EctJson.Layout.PYTHON_INLINE);
    }

    /** Provinces by the commission's numeric id (10 Bangkok first), then code. */
    static List<ProvinceView> inCommissionOrder(List<ProvinceView> provinces) {
        return provinces.stream().sorted(Comparator.comparing((ProvinceView p) -> numeric(p.ectId())).thenComparing(ProvinceView::code)).toList();
    }

    private static long numeric(String id) {
        return id != null && id.matches("\\d{1,18}") ? Long.parseLong(id) : Long.MAX_VALUE;
    }
}
