package org.khanaen.rewards;

import org.khanaen.assignment.AssignmentView;
import org.khanaen.assignment.Coverage;
import org.khanaen.assignment.Tier;
import org.khanaen.results.StationContestVerified;
import org.khanaen.results.StationContestsVerified;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A station's count is verified: the volunteers whose final reports carried the verified numbers have completed
 * their service. Their tier in the election (a lead may report a station too) decides which offers they get; a
 * reporter without an assignment reported as a station volunteer. Corrections and the second contest arrive as
 * further events: the trigger is per volunteer and election, so they issue nothing more.
 * <p>
 * Like every hand-off, delivered after the commit through the event publication registry (a crash before it
 * completes means it is delivered again at restart), but without a transaction of its own: issuing opens one per
 * volunteer (read committed, retried on a deadlock), so a flood of verifications on election night never holds two
 * pooled connections per event. A delivery that leaves a reporter without the coupon of an offer for them that has
 * places fails ({@link Rewards#issueForService}), so it is logged and handed again rather than completed quietly.
 */
@Component
class ResultsListener {

    private final Rewards rewards;
    private final Coverage coverage;

    ResultsListener(Rewards rewards, Coverage coverage) {
        this.rewards = rewards;
        this.coverage = coverage;
    }

    @Async
    @TransactionalEventListener
    void on(StationContestsVerified event) {
        if (event.contests().stream().allMatch(c -> c.reporters().isEmpty()) || !rewards.anyOpenServiceOffer()) {
            return; // no offer for volunteers is open: nothing to ask about anyone
        }
        for (StationContestVerified contest : event.contests()) {
            for (VolunteerId reporter : contest.reporters()) {
                Tier tier = coverage.assignmentOf(contest.electionId(), reporter).map(AssignmentView::tier).orElse(Tier.STATION);
                rewards.issueForService(contest.electionId(), reporter, tier);
            }
        }
    }
}
