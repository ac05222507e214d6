package org.khanaen.results.checks;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the checks need to know beyond the numbers themselves.
 *
 * @param registeredVoters          at the station
 * @param ballotNumbers             the contest's candidate or party numbers
 * @param majorParties              ballot numbers that are never expected at 0 (party-list contest; empty otherwise)
 * @param otherContest              the same station's final tally of the other contest, when there is one (ballot surplus)
 * @param samePhotoAt               stations where one of this report's photos was already sent
 * @param sameVotesAt               stations with exactly the same votes in this contest
 * @param tolerances                the election's tolerances
 */
public record CheckContext(int registeredVoters, Set<Integer> ballotNumbers, Set<Integer> majorParties, Optional<Tally> otherContest,
        List<String> samePhotoAt, List<String> sameVotesAt, Tolerances tolerances) {

    /**
     * @param overRegistered     ballots used may exceed the registered voters by this share (0.0 = not at all)
     * @param ballotSurplus      constituency and party-list ballots used may differ by this many without a warning
     * @param majorPartyMinValid the "major party at 0" warning only from this many valid ballots (small stations)
     */
    public record Tolerances(double overRegistered, long ballotSurplus, long majorPartyMinValid) {

        public static final Tolerances DEFAULT = new Tolerances(0.0, 0, 100);

        public Tolerances {
            if (overRegistered < 0 || overRegistered > 0.5 || ballotSurplus < 0 || majorPartyMinValid < 0) {
                throw new IllegalArgumentException("tolerances must be non-negative, over-registered at most 0.5");
            }
        }
    }

    public CheckContext {
        ballotNumbers = Set.copyOf(ballotNumbers);
        majorParties = Set.copyOf(majorParties);
        otherContest = otherContest == null ? Optional.empty() : otherContest;
        samePhotoAt = List.copyOf(samePhotoAt);
        sameVotesAt = List.copyOf(sameVotesAt);
        tolerances = tolerances == null ? Tolerances.DEFAULT : tolerances;
    }
}
