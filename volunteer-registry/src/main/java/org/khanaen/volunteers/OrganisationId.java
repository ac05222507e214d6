package org.khanaen.volunteers;

public record OrganisationId(long value) {
}
