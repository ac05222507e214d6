package org.khanaen.assignment;

/** The three tiers: what an assignment's place is (a station, a constituency, a war-room shift). */
public enum Tier {
    STATION, CONSTITUENCY_LEAD, WAR_ROOM
}
