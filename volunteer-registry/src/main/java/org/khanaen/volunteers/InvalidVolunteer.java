package org.khanaen.volunteers;

import java.util.List;

/** Details that break {@link VolunteerRules} (or the password and consent rules of sign-up); nothing was stored. */
public class InvalidVolunteer extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidVolunteer(List<FieldProblem> problems) {
        super("invalid: " + problems);
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
