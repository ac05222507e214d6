package org.khanaen.assignment;

import org.khanaen.volunteers.VolunteerId;

/** Published when it happened; placeId is a station, constituency or war-room shift id by tier. */
public record VolunteerCheckedIn(AssignmentId assignment, VolunteerId volunteer, String electionId, Tier tier, long placeId) {
}
