package org.khanaen.results;

/** Where a station's contest stands on election night, as leads and the war room see it. */
public enum ContestState {
    /** Nothing received (or everything received was rejected). */
    NO_REPORT,
    /** Running tallies only. */
    PARTIAL,
    /** A final count waits for a second report, the lead or the war room. */
    FINAL,
    /** Final counts disagree (or disagree with the verified numbers): the war room decides. */
    CONFLICT,
    /** The numbers are verified. */
    VERIFIED
}
