package org.khanaen.volunteers;

/**
 * Filters of a roster; every one may be null.
 *
 * @param text a name (or part of one), or an exact phone number or email address
 */
public record RosterQuery(String text, AffiliationStatus status, String province, String district, RolePreference role,
        AssignmentStatus assignment) {

    public static RosterQuery all() {
        return new RosterQuery(null, null, null, null, null, null);
    }
}
