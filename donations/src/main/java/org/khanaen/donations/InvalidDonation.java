package org.khanaen.donations;

import java.util.Map;

/** A donation form with mistakes: each field with its message key (and arguments); nothing was stored. */
public class InvalidDonation extends DonationProblem {

    /** A field's problem: a message key of i18n/donations and its arguments. */
    public record FieldProblem(String key, Object... arguments) {
    }

    private final transient Map<String, FieldProblem> fields;

    public InvalidDonation(Map<String, FieldProblem> fields) {
        super("donation.invalid");
        this.fields = Map.copyOf(fields);
    }

    public Map<String, FieldProblem> fields() {
        return fields;
    }
}
