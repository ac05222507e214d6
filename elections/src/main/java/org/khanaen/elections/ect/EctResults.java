package org.khanaen.elections.ect;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A results file in the format the election commission (ECT) published in 2023: per province, per constituency,
 * votes per candidate ({@code mp_app_id} = constituency code and ballot number) and party-list votes per party (the
 * commission's party id), with valid, invalid and blank ballots for both contests. A byte-order mark is allowed.
 *
 * @param lastUpdate the file's own {@code last_update}, as written
 */
public record EctResults(String lastUpdate, List<Constituency> constituencies) {

    /**
     * One contest's numbers in a constituency: votes per key (ballot number, or party id), the three kinds of ballots,
     * and the voters who came ({@code turn_out}; null where the file leaves it out), which may differ from the ballots.
     */
    public record Count(Map<String, Long> votes, long valid, long invalid, long blank, Long came) {

        public long used() {
            return valid + invalid + blank;
        }
    }

    /**
     * @param candidates votes per candidate's ballot number (as text)
     * @param partyList  party-list votes per the commission's party id
     * @param ranks      the commission's rank per candidate's ballot number
     */
    public record Constituency(String code, String province, Count candidates, Count partyList, Map<String, Integer> ranks) {

        /**
         * The candidates' votes by ballot number.
         *
         * @throws IllegalArgumentException where a candidate's number is not a number
         */
        public Map<Integer, Long> candidateVotes() {
            Map<Integer, Long> out = new TreeMap<>();
            candidates.votes().forEach((ballot, v) -> {
                try {
                    out.put(Integer.parseInt(ballot), v);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(code + ": candidate number " + ballot + " is not a number");
                }
            });
            return out;
        }

        /**
         * The party-list votes by ballot number (the file names parties by the commission's id).
         *
         * @param partyBallots the election's ballot number per the commission's party id
         * @throws IllegalArgumentException for a party not in the election
         */
        public Map<Integer, Long> partyListVotes(Map<String, Integer> partyBallots) {
            Map<Integer, Long> out = new TreeMap<>();
            partyList.votes().forEach((party, v) -> {
                Integer ballot = partyBallots.get(party);
                if (ballot == null) {
                    throw new IllegalArgumentException(code + ": party " + party + " is not in this election");
                }
                out.merge(ballot, v, Long::sum);
            });
            return out;
        }
    }

    /** @throws IllegalArgumentException with what is wrong, when this is not such a file */
    public static EctResults read(InputStream in, JsonMapper json) throws IOException {
        JsonNode root = tree(in, json);
        JsonNode provinces = root.path("result_province");
        if (!provinces.isArray()) {
            throw new IllegalArgumentException("no result_province list: not an ECT results file");
        }
        List<Constituency> out = new ArrayList<>();
        for (JsonNode p : provinces) {
            String province = text(p, "prov_id");
            for (JsonNode c : p.path("constituencies")) {
                String code = text(c, "cons_id");
                Map<String, Long> candidates = new TreeMap<>();
                Map<String, Integer> ranks = new TreeMap<>();
                for (JsonNode x : c.path("candidates")) {
                    String id = text(x, "mp_app_id");
                    if (!id.startsWith(code + "_")) {
                        throw new IllegalArgumentException("candidate " + id + " is not of constituency " + code);
                    }
                    String ballot = id.substring(code.length() + 1);
                    candidates.put(ballot, count(x, "mp_app_vote", id));
                    if (x.has("mp_app_rank") && !x.get("mp_app_rank").isNull()) {
                        ranks.put(ballot, x.get("mp_app_rank").asInt());
                    }
                }
                Map<String, Long> parties = new TreeMap<>();
                for (JsonNode x : c.path("result_party")) {
                    parties.put(text(x, "party_id"), count(x, "party_list_vote", code + " party " + text(x, "party_id")));
                }
                out.add(new Constituency(code, province,
                        new Count(candidates, count(c, "valid_votes", code), count(c, "invalid_votes", code), count(c, "blank_votes", code),
                                optionalCount(c, "turn_out", code)),
                        new Count(parties, count(c, "party_list_valid_votes", code), count(c, "party_list_invalid_votes", code),
                                count(c, "party_list_blank_votes", code), optionalCount(c, "party_list_turn_out", code)),
                        ranks));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no constituencies in the file");
        }
        return new EctResults(root.path("last_update").asString(""), List.copyOf(out));
    }

    /** The file's JSON; a byte-order mark is allowed (the commission writes some files with one). */
    static JsonNode tree(InputStream in, JsonMapper json) throws IOException {
        byte[] bytes = in.readAllBytes();
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        try {
            return json.readTree(new String(bytes, start, bytes.length - start, java.nio.charset.StandardCharsets.UTF_8));
        } catch (tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v.isNumber() ? String.valueOf(v.asLong()) : v.asString();
    }

    /** A count the file may leave out (null, or no such field). */
    static Long optionalCount(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : count(node, field, where);
    }

    /** A count: whole and not negative (the file writes some as 38275.0). */
    static long count(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isNumber()) {
            throw new IllegalArgumentException(where + ": " + field + " is missing or not a number");
        }
        double d = v.asDouble();
        if (d < 0 || d != Math.rint(d)) {
            throw new IllegalArgumentException(where + ": " + field + " = " + v + " is not a whole, non-negative count");
        }
        return (long) d;
    }
}
