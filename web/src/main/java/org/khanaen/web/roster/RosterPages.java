package org.khanaen.web.roster;

import java.util.List;

import org.khanaen.volunteers.AffiliationStatus;
import org.khanaen.volunteers.Rosters.Decision;

/** What a coordinator may decide next, given where a volunteer stands. */
public final class RosterPages {

    private RosterPages() {
    }

    public static List<Decision> decisionsFor(AffiliationStatus status) {
        return switch (status) {
            case PENDING -> List.of(Decision.APPROVE, Decision.REJECT);
            case APPROVED -> List.of(Decision.DEACTIVATE);
            case REJECTED, DEACTIVATED -> List.of(Decision.APPROVE);
            case WITHDRAWN -> List.of();
        };
    }
}
