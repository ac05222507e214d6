package org.khanaen.volunteers;

/** When the volunteer can be at a polling station on election day. */
public enum Availability {
    /** From the opening at 08:00 to the end of the count. */
    ALL_DAY,
    /** For the count: from 16:30 until the count is signed. */
    COUNT_ONLY,
    /** Not at a station, but ready to replace someone who does not come. */
    STANDBY
}
