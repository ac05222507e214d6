package org.khanaen.results;

/** What may verify a station's contest without the war room (per election; the war room always may). */
public enum VerifiedBy {
    /** Two final reports from different people with exactly the same numbers. */
    AGREEMENT,
    /** The constituency lead confirms a final report. */
    LEAD
}
