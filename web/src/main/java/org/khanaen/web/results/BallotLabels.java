package org.khanaen.web.results;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.khanaen.elections.BallotKind;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationView;
import org.springframework.stereotype.Component;

/** "3 · Name (Party)" for each ballot number of a station's contest, so verifiers read names, not bare numbers. */
@Component
class BallotLabels {

    private final ElectionCatalog catalog;

    BallotLabels(ElectionCatalog catalog) {
        this.catalog = catalog;
    }

    Map<Integer, String> of(StationView station, String contest, Locale locale) {
        Map<Integer, String> labels = new TreeMap<>();
        boolean partyBallot = catalog.contests(station.electionId()).stream()
                .anyMatch(c -> c.code().equals(contest) && c.ballot() == BallotKind.PARTY);
        catalog.constituency(station.electionId(), station.constituency()).ifPresent(c -> c.candidates().stream()
                .filter(candidate -> candidate.contest().equals(contest))
                .forEach(candidate -> labels.put(candidate.ballotNumber(), candidate.name()
                        + (candidate.party() == null ? "" : " (" + candidate.party().name().in(locale) + ")"))));
        if (labels.isEmpty() && partyBallot) {
            catalog.parties(station.electionId()).stream().filter(p -> p.ballotNumber() != null)
                    .forEach(p -> labels.put(p.ballotNumber(), p.name().in(locale)));
        }
        return labels;
    }
}
