package org.khanaen.volunteers;

/**
 * A volunteer's personal data is gone (their wish, or the retention period ended). Other modules drop
 * what they copied; records that must stay (reports) keep the pseudonym.
 */
public record VolunteerErased(VolunteerId volunteer, String pseudonym) {
}
