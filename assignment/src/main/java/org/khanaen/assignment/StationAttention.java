package org.khanaen.assignment;

import org.khanaen.assignment.Coverage.StationRow;

/**
 * Why a station needs its constituency lead, if it does. Before check-in opens (election day, 05:00) what can go
 * wrong is that nobody is placed as primary or the primary has not said yes; from then on, that the primary has
 * not arrived. Saying "not checked in" for every station on the days before only alarmed the leads.
 */
public enum StationAttention {

    NONE, NO_PRIMARY, NOT_CONFIRMED, NOT_CHECKED_IN;

    public static StationAttention of(StationRow row, boolean checkInOpen) {
        Coverage.Person primary = row.primary();
        if (primary == null) {
            return NO_PRIMARY;
        }
        if (checkInOpen) {
            return primary.checkedIn() ? NONE : NOT_CHECKED_IN;
        }
        return primary.checkedIn() || primary.state() == AssignmentView.State.CONFIRMED ? NONE : NOT_CONFIRMED;
    }

    public boolean needed() {
        return this != NONE;
    }

    /**
     * The order a lead works through them: first a placed primary who has not come (or not answered) — a call or the
     * backup fixes that now; then stations nobody is placed at; then the rest.
     */
    public int urgency() {
        return switch (this) {
            case NOT_CHECKED_IN, NOT_CONFIRMED -> 0;
            case NO_PRIMARY -> 1;
            case NONE -> 2;
        };
    }
}
