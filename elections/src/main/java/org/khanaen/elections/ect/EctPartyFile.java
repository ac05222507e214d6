package org.khanaen.elections.ect;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
     * What this file states against what it should add up to, per party: its constituency vote against its candidates'
     * votes, and its national party-list vote against the sum of its votes in the results file's constituencies (a file
     * of some parties only, as the commission's sample, is compared for those parties). Whether and by how much they
     * differ is the official comparison's to say ({@code OfficialResults.totalsContradictions}).
     */
    public List<Comparison> comparisons(EctResults results) {
        Map<String, Long> listSums = new HashMap<>();
        for (EctResults.Constituency c : results.constituencies()) {
            c.partyList().votes().forEach((party, v) -> listSums.merge(party, v, Long::sum));
        }
        Map<String, Long> ofListedParties = new TreeMap<>();
        partyVotes.keySet().forEach(p -> ofListedParties.put(p, listSums.getOrDefault(p, 0L)));
        return List.of(new Comparison("party-list", partyVotes, ofListedParties), new Comparison("constituency", candidateVotes, candidatesSum));
    }

    /** One contest's figures per party as the file writes them, and what they should equal. */
    public record Comparison(String contest, Map<String, Long> written, Map<String, Long> sums) {
    }
}
