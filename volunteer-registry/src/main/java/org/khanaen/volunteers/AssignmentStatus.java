package org.khanaen.volunteers;

/** Kept here, set by the assignment module, so that rosters can filter on it. */
public enum AssignmentStatus {
    UNASSIGNED, ASSIGNED, CONFIRMED, DECLINED
}
