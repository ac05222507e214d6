package org.khanaen.volunteers;

/** Details that passed {@link VolunteerRules}: normalised (E.164 phone, lower-case email) and ready to store. */
public record CheckedVolunteer(String fullName, String phone, String email, String lineId, String provinceCode,
        String districtCode, RolePreference rolePreference, Availability availability) {
}
