package org.khanaen.web.replay;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.khanaen.results.OfficialResults;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The commission's party results file ({@code stats_party.json}): per party its national party-list vote
 * ({@code party_vote}), constituency vote ({@code mp_app_vote}) and its candidates' votes. Read only for what it says
 * about the same votes as the results file, so that where the two do not agree is listed.
 *
 * @param partyVotes     {@code party_vote} per the commission's party id
 * @param candidateVotes {@code mp_app_vote} per party id
 * @param candidatesSum  what the party's candidates listed in the file add up to, per party id
 */
public record EctPartyFile(Map<String, Long> partyVotes, Map<String, Long> candidateVotes, Map<String, Long> candidatesSum) {

    /** @throws IllegalArgumentException with what is wrong, when this is not such a file */
    public static EctPartyFile read(InputStream in, JsonMapper json) throws IOException {
        JsonNode root = EctResults.tree(in, json);
        JsonNode parties = root.path("result_party");
        if (!parties.isArray() || root.has("result_province")) {
            throw new IllegalArgumentException("no result_party list: not an ECT party results file");
        }
        Map<String, Long> partyVotes = new TreeMap<>();
        Map<String, Long> candidateVotes = new TreeMap<>();
        Map<String, Long> candidatesSum = new TreeMap<>();
        for (JsonNode p : parties) {
            String id = EctResults.text(p, "party_id");
            partyVotes.put(id, EctResults.count(p, "party_vote", "party " + id));
            candidateVotes.put(id, EctResults.count(p, "mp_app_vote", "party " + id));
            long sum = 0;
            for (JsonNode c : p.path("candidates")) {
                sum += EctResults.count(c, "mp_app_vote", EctResults.text(c, "mp_app_id"));
            }
            candidatesSum.put(id, sum);
        }
        return new EctPartyFile(partyVotes, candidateVotes, candidatesSum);
    }

    /**
     * Where this file contradicts itself (a party's constituency vote against its candidates' votes) or the results
     * file (a party's national party-list vote against the sum of its votes in the results file's constituencies).
     * A file of some parties only (the commission's sample) is compared for those parties.
     */
    public List<OfficialResults.Contradiction> contradictions(EctResults results) {
        Map<String, Long> listSums = new HashMap<>();
        for (EctResults.Constituency c : results.constituencies()) {
            c.partyList().votes().forEach((party, v) -> listSums.merge(party, v, Long::sum));
        }
        Map<String, Long> ofListedParties = new TreeMap<>();
        partyVotes.keySet().forEach(p -> ofListedParties.put(p, listSums.getOrDefault(p, 0L)));
        List<OfficialResults.Contradiction> out = new ArrayList<>(OfficialResults.totalsContradictions("party-list", partyVotes, ofListedParties));
        out.addAll(OfficialResults.totalsContradictions("constituency", candidateVotes, candidatesSum));
        return out;
    }
}
