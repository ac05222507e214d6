package org.khanaen.elections.ect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.khanaen.elections.PartyView;
import org.khanaen.elections.ect.EctFiles.CandidateVotes;
import org.khanaen.elections.ect.EctFiles.Constituency;

/**
 * Where the commission's results files follow conventions of their own, the feed follows them too, so that code
 * written against the commission's files reads Khanaen's unchanged (docs/ect-feed.md, "Conventions").
 */
final class EctConventions {

    private EctConventions() {
    }

    /**
     * The candidates the commission lists: it leaves out those whose candidacy ended, who get no votes. Khanaen has no
     * list of those, so a candidate without a single vote in a constituency whose every station is counted is taken as
     * one; before that, the count may still give them votes and they are listed.
     */
    static List<CandidateVotes> listed(Constituency constituency) {
        boolean allCounted = constituency.stations() > 0 && constituency.stationsCounted() == constituency.stations();
        return constituency.candidates().stream().filter(c -> !allCounted || c.votes() > 0).toList();
    }

    /**
     * Ranks as the commission writes them: equal votes share the lower position (two tied after 13 others are both
     * 15th, not 14th), i.e. a candidate's rank is how many listed candidates have at least their votes.
     */
    static Map<String, Integer> ranks(List<CandidateVotes> listed) {
        Map<String, Integer> out = new HashMap<>();
        for (CandidateVotes c : listed) {
            out.put(c.candidateId(), (int) listed.stream().filter(o -> o.votes() >= c.votes()).count());
        }
        return out;
    }

    /** A province's party lines are of the party-list contest: a party without a list is left out, candidates or not. */
    static boolean inProvinceParties(PartyView party) {
        return party.ballotNumber() != null;
    }

    /** A party without a list has no party-list vote or seats, and one without candidates no constituency vote: null, not 0.0. */
    static Object partyListFigure(PartyView party, long value) {
        return party.ballotNumber() == null ? null : EctJson.floatCount(value);
    }

    static Object constituencyFigure(boolean hasCandidates, long value) {
        return hasCandidates ? EctJson.floatCount(value) : null;
    }
}
