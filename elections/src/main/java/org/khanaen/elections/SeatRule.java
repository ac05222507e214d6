package org.khanaen.elections;

public enum SeatRule {
    /** Most votes wins (per constituency for a constituency contest). */
    PLURALITY,
    /** Seats in proportion to votes, the rest to the largest remainders (2023 party list: 100 seats). */
    LARGEST_REMAINDER
}
