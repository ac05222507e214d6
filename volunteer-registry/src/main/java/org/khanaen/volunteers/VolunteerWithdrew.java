package org.khanaen.volunteers;

/** The volunteer stepped back: their assignments are to be freed and their lead told. */
public record VolunteerWithdrew(VolunteerId volunteer) {
}
