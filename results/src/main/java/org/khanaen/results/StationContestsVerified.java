package org.khanaen.results;

import java.util.List;

/**
 * Station contests verified in one transaction: one by the war room, or many at once when a batch of reports agreed
 * ({@link StationContestVerified} each). Told together because each event costs the event publication registry a row
 * and two transactions of its own, whatever it carries.
 */
public record StationContestsVerified(List<StationContestVerified> contests) {

    public StationContestsVerified {
        contests = List.copyOf(contests);
    }
}
