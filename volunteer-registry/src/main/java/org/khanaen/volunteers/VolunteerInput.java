package org.khanaen.volunteers;

/**
 * A volunteer's details as typed or uploaded, not yet checked. Role and availability are the enum
 * names (or their lower-case forms); the district is its 4-digit code.
 */
public record VolunteerInput(String fullName, String phone, String email, String lineId, String districtCode,
        String rolePreference, String availability) {
}
