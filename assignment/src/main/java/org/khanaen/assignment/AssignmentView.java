package org.khanaen.assignment;

import java.time.Instant;

import org.khanaen.volunteers.VolunteerId;

/**
 * Who stands where.
 *
 * @param placeId  a station id, a constituency id or a war-room shift id, by tier
 * @param position station: 1 primary, 2 backup; otherwise the lead or seat number
 */
public record AssignmentView(AssignmentId id, String electionId, VolunteerId volunteer, long organisationId, Tier tier,
        long placeId, int position, Long constituencyId, String provinceCode, State state, Source source, Double distanceKm,
        Instant assignedAt, String assignedBy, Instant notifiedAt, Instant respondedAt, Instant checkedInAt, long version) {

    public enum State { PROPOSED, CONFIRMED }

    public enum Source { AUTO, MANUAL }

    public boolean confirmed() {
        return state == State.CONFIRMED;
    }

    /** Kept by a re-plan: placed by a person, confirmed, or already told. */
    public boolean pinned() {
        return source == Source.MANUAL || state == State.CONFIRMED || notifiedAt != null || checkedInAt != null;
    }

    public boolean responded() {
        return respondedAt != null || state == State.CONFIRMED;
    }

    public StationRole stationRole() {
        return tier == Tier.STATION ? StationRole.at(position) : null;
    }
}
