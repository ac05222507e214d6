package org.khanaen.assignment;

import java.time.Instant;

/** An automatic run as the pages show it: while it goes (phase, progress) and after (report or error). */
public record RunView(long id, String electionId, RunRequest.Scope scope, String scopeCode, Long organisationId,
        RunRequest.Mode mode, Status status, String phase, int progress, String startedBy, Instant startedAt, Instant finishedAt,
        RunReport report, String error) {

    public enum Status { RUNNING, DONE, FAILED }

    public boolean running() {
        return status == Status.RUNNING;
    }
}
