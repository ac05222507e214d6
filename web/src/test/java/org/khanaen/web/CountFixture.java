package org.khanaen.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationView;
import org.khanaen.results.ReportSubmissions;
import org.khanaen.results.ReportSubmissions.Submission;
import org.khanaen.results.checks.Tally;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.stereotype.Component;

/** Counts that pass every check at a station, and reports of them sent as a volunteer would. */
@Component
class CountFixture {

    private final ElectionCatalog catalog;
    private final ReportSubmissions submissions;

    CountFixture(ElectionCatalog catalog, ReportSubmissions submissions) {
        this.catalog = catalog;
        this.submissions = submissions;
    }

    /** {@code shift} moves votes from the third number to the first: a different count that still adds up. */
    Tally count(StationView station, String contest, int shift) {
        long constituency = catalog.constituency(station.electionId(), station.constituency()).orElseThrow().id();
        List<Integer> numbers = new ArrayList<>(catalog.ballotNumbers(station.electionId(), contest, constituency));
        Map<Integer, Long> votes = new TreeMap<>();
        long valid = 0;
        for (int i = 0; i < numbers.size(); i++) {
            long v = i == 0 ? 150 + station.id() % 97 + shift : i == 1 ? 100 : i == 2 ? 30 - shift : 2;
            votes.put(numbers.get(i), v);
            valid += v;
        }
        return new Tally(votes, valid, 5, 2, valid + 7, true);
    }

    long send(StationView station, String contest, VolunteerId who, String key, Tally count, List<Long> photos) {
        return submissions.submit(new Submission(station.electionId(), station.id(), contest, who, "volunteer " + who.value(), key, count,
                true, photos)).reportId();
    }
}
