package org.khanaen.assignment;

import org.khanaen.platform.problem.KeyedProblem;

/** A request the assignment module refuses; its keys live in the bundle {@code i18n/assignment}. */
public class AssignmentProblem extends KeyedProblem {

    public AssignmentProblem(String key, Object... arguments) {
        super(key, arguments);
    }
}
