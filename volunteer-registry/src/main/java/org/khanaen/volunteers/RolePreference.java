package org.khanaen.volunteers;

/** The tier a volunteer would like to serve in. */
public enum RolePreference {
    STATION, CONSTITUENCY_LEAD, WAR_ROOM
}
