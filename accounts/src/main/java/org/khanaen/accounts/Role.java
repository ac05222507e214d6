package org.khanaen.accounts;

/** The roles of the three tiers, the partner organisations, sponsors, media and the administrators. */
public enum Role {
    ADMIN, ORG_COORDINATOR, CONSTITUENCY_LEAD, WAR_ROOM, VOLUNTEER, SPONSOR, MEDIA;

    /** The Spring Security authority name. */
    public String authority() {
        return "ROLE_" + name();
    }
}
