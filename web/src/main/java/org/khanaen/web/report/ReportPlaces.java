package org.khanaen.web.report;

import java.util.Optional;

import org.khanaen.assignment.AssignmentView;
import org.khanaen.assignment.Coverage;
import org.khanaen.assignment.Tier;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.ReportIntake;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where a volunteer may report, in the election volunteers are recruited for: their own station, or any
 * station of the constituency they lead ({@link ReportIntake#mayReport}, the results module's rule, which it
 * checks again when it takes the report); here it decides what the page offers and answers the API's 403 before
 * anything is read.
 */
@Component
public class ReportPlaces {

    /**
     * @param stationId      the volunteer's own station; null for a lead, who chooses
     * @param constituencyId the station's constituency, or the one the lead leads
     */
    public record Reporter(VolunteerId volunteer, String electionId, Tier tier, Long stationId, long constituencyId) {

        public boolean lead() {
            return tier == Tier.CONSTITUENCY_LEAD;
        }
    }

    private final String election;
    private final Coverage coverage;
    private final ElectionCatalog catalog;

    ReportPlaces(@Value("#{electionCatalog.current()}") String election, Coverage coverage, ElectionCatalog catalog) {
        this.election = election;
        this.coverage = coverage;
        this.catalog = catalog;
    }

    /** The election reports go to unless a partner app names one. */
    public String election() {
        return election;
    }

    /** The volunteer as a reporter: placed at a station or leading a constituency (not the war room). */
    public Optional<Reporter> of(VolunteerId volunteer) {
        return of(volunteer, election);
    }

    public Optional<Reporter> of(VolunteerId volunteer, String electionId) {
        Optional<AssignmentView> placed = coverage.assignmentOf(electionId, volunteer);
        return placed.flatMap(a -> switch (a.tier()) {
            case STATION -> a.constituencyId() != null
                    ? Optional.of(new Reporter(volunteer, electionId, a.tier(), a.placeId(), a.constituencyId()))
                    : catalog.stationPoint(a.placeId()).map(s -> new Reporter(volunteer, electionId, a.tier(), s.id(), s.constituencyId()));
            case CONSTITUENCY_LEAD -> Optional.of(new Reporter(volunteer, electionId, a.tier(), null, a.placeId()));
            default -> Optional.empty();
        });
    }

    /** The station, when this reporter may report it. */
    public Optional<StationPoint> station(Reporter reporter, long stationId) {
        return catalog.stationPoint(stationId).filter(s -> mayReport(reporter, s));
    }

    public boolean mayReport(Reporter reporter, StationPoint station) {
        return ReportIntake.mayReport(reporter.electionId(), reporter.tier(),
                reporter.lead() ? reporter.constituencyId() : reporter.stationId(), station);
    }
}
