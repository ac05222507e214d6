package org.khanaen.results;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.khanaen.volunteers.VolunteerId;

/**
 * A station's contest has verified numbers (a new version: the first, or a correction). For the live results,
 * which take the newest version per station and contest, and for the rewards of the volunteers who reported it.
 *
 * @param version    1 for the first verification, higher for each correction
 * @param votes      per ballot number
 * Told again at the same version, {@code how} AGREED_AFTER, when a volunteer's final count with exactly these numbers
 * arrives after the verification (a station's second volunteer, later than the first): it names that volunteer only.
 *
 * @param how        AGREEMENT, LEAD_CONFIRMED, APPROVED, CORRECTED, AS_WRITTEN, or AGREED_AFTER (see above)
 * @param reporters  the volunteers whose final reports carried exactly these numbers
 */
public record StationContestVerified(String electionId, long stationId, long constituencyId, String contestCode, int version,
        Map<Integer, Long> votes, long valid, long invalid, long noVote, long ballotsUsed, String how, List<VolunteerId> reporters,
        Instant verifiedAt) {

    public StationContestVerified {
        votes = Map.copyOf(votes);
        reporters = List.copyOf(reporters);
    }
}
