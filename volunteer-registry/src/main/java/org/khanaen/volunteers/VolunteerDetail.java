package org.khanaen.volunteers;

import java.time.Instant;
import java.util.List;

/** Everything an organisation may know about one of its volunteers. */
public record VolunteerDetail(VolunteerId id, String pseudonym, String fullName, String phone, String email, String lineId,
        String province, String district, RolePreference role, Availability availability, AffiliationStatus status,
        AssignmentStatus assignment, String note, Instant joinedAt, Instant emailVerifiedAt, List<Consent> consents) {

    public record Consent(String textVersion, Instant givenAt, String channel) {
    }
}
