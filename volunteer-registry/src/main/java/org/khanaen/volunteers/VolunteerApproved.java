package org.khanaen.volunteers;

/** An organisation approved a volunteer: they may now be assigned. */
public record VolunteerApproved(VolunteerId volunteer, OrganisationId organisation) {
}
