package org.khanaen.volunteers;

/**
 * One invalid field.
 *
 * @param field as in {@link VolunteerInput}, e.g. {@code phone}
 * @param code  message key, e.g. {@code volunteer.phone.invalid}
 */
public record FieldProblem(String field, String code) {
}
