package org.khanaen.volunteers;

import java.time.Instant;
import java.util.List;

/** What a volunteer sees of themself. */
public record MyProfile(VolunteerId id, String fullName, String phone, String email, String lineId, String province,
        String district, RolePreference role, Availability availability, AssignmentStatus assignment, Instant withdrawnAt,
        List<Membership> memberships) {

    public record Membership(String organisationSlug, String organisationNameTh, String organisationNameEn, AffiliationStatus status) {
    }
}
