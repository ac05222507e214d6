package org.khanaen.assignment;

import org.khanaen.volunteers.OrganisationId;

/**
 * An automatic run.
 *
 * @param scopeCode    the province (e.g. BKK) or constituency (BKK_1) code; null for the whole election
 * @param organisation a coordinator's run places only their organisation's volunteers; null: everyone's
 * @param mode         FILL keeps every assignment and fills what is free (after drop-outs); REPLAN also
 *                     re-plans assignments nobody has seen yet (automatic, unconfirmed, not yet mailed)
 */
public record RunRequest(String electionId, Scope scope, String scopeCode, OrganisationId organisation, Mode mode, String actor) {

    public enum Scope { ELECTION, PROVINCE, CONSTITUENCY }

    public enum Mode { FILL, REPLAN }

    public RunRequest {
        if (electionId == null || electionId.isBlank()) {
            throw new AssignmentProblem("assignment.problem.election");
        }
        if (scope == null) {
            scope = Scope.ELECTION;
        }
        if (scope != Scope.ELECTION && (scopeCode == null || scopeCode.isBlank())) {
            throw new AssignmentProblem("assignment.problem.scope-code");
        }
        if (scope == Scope.ELECTION) {
            scopeCode = null;
        }
        if (mode == null) {
            mode = Mode.FILL;
        }
    }
}
