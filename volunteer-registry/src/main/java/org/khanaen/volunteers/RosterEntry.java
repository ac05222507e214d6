package org.khanaen.volunteers;

import java.time.Instant;

/** A line of a roster: contacts masked; the full ones are in {@link VolunteerDetail}, whose reading is audited. */
public record RosterEntry(VolunteerId id, String fullName, String maskedPhone, String maskedEmail, String province,
        String district, RolePreference role, Availability availability, AffiliationStatus status,
        AssignmentStatus assignment, Instant joinedAt, boolean emailVerified) {
}
