package org.khanaen.rewards;

import org.khanaen.assignment.AssignmentView;
import org.khanaen.assignment.Coverage;
import org.khanaen.assignment.Tier;
import org.khanaen.results.StationContestVerified;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A station's count is verified: the volunteers whose final reports carried the verified numbers have completed
 * their service. Their tier in the election (a lead may report a station too) decides which offers they get; a
 * reporter without an assignment reported as a station volunteer. Corrections and the second contest arrive as
 * further events: the trigger is per volunteer and election, so they issue nothing more.
 */
@Component
class ResultsListener {

    private final Rewards rewards;
    private final Coverage coverage;

    ResultsListener(Rewards rewards, Coverage coverage) {
        this.rewards = rewards;
        this.coverage = coverage;
    }

    @ApplicationModuleListener
    void on(StationContestVerified event) {
        for (VolunteerId reporter : event.reporters()) {
            Tier tier = coverage.assignmentOf(event.electionId(), reporter).map(AssignmentView::tier).orElse(Tier.STATION);
            rewards.issueForService(event.electionId(), reporter, tier);
        }
    }
}
