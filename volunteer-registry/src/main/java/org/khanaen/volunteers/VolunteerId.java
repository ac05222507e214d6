package org.khanaen.volunteers;

public record VolunteerId(long value) {
}
