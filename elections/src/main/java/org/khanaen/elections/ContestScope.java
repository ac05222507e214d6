package org.khanaen.elections;

/** Where a contest is decided: separately in each constituency, or once over the whole election. */
public enum ContestScope {
    CONSTITUENCY, ELECTION
}
