package org.khanaen.rewards;

/** Who an offer is for. */
public enum Audience {
    /** Donors whose donation reached the offer's minimum. */
    DONORS,
    /** Station volunteers whose final report carried the verified numbers. */
    VERIFIED_VOLUNTEERS,
    /** Constituency leads whose service is complete. */
    CONSTITUENCY_LEADS,
    /** War-room staff whose service is complete. */
    WAR_ROOM
}
