package org.khanaen.results.checks;

import java.util.Set;

import org.khanaen.results.checks.CheckContext.Tolerances;

/**
 * How one election's reports are checked and verified.
 *
 * @param verifiedBy   what verifies besides the war room
 * @param tolerances   the checks' tolerances
 * @param majorParties party ballot numbers never expected at 0 in a party-list count
 * @param closeRace    a constituency race is close when the runner-up trails the leader by less than this share
 *                     of the leader's votes; its stations come first in the war room's queue after conflicts
 */
public record ElectionRules(Set<VerifiedBy> verifiedBy, Tolerances tolerances, Set<Integer> majorParties, double closeRace) {

    /** What may verify a station's contest without the war room (per election; the war room always may). */
    public enum VerifiedBy {
        /** Two final reports from different people with exactly the same numbers. */
        AGREEMENT,
        /** The constituency lead confirms a final report. */
        LEAD
    }


    public ElectionRules {
        verifiedBy = Set.copyOf(verifiedBy);
        majorParties = Set.copyOf(majorParties);
        if (closeRace < 0 || closeRace > 1) {
            throw new IllegalArgumentException("close-race must be a share between 0 and 1");
        }
    }
}
