package org.khanaen.results;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.khanaen.assignment.Coverage;
import org.khanaen.assignment.ManualAssignments;
import org.khanaen.assignment.StationRole;
import org.khanaen.assignment.Tier;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.ReportIntake.Submission;
import org.khanaen.results.checks.Tally;
import org.khanaen.volunteers.OrganisationDraft;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.RosterEdits;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerInput;
import org.springframework.stereotype.Component;

/** People, places and counts for the results tests: volunteers placed at Ranong's stations, counts that pass every check. */
@Component
class ReportFixture {

    static final String ELECTION = "th-2566";
    private static final AtomicInteger next = new AtomicInteger(70_000);

    private final ElectionCatalog catalog;
    private final ManualAssignments manual;
    private final PartnerOrganisations organisations;
    private final RosterEdits roster;
    private final Coverage coverage;

    ReportFixture(ElectionCatalog catalog, ManualAssignments manual, PartnerOrganisations organisations, RosterEdits roster,
            Coverage coverage) {
        this.coverage = coverage;
        this.catalog = catalog;
        this.manual = manual;
        this.organisations = organisations;
        this.roster = roster;
    }

    OrganisationId organisation(String slug) {
        return organisations.create(new OrganisationDraft(slug, "องค์กร", "Org", null, null, null)).id();
    }

    /** A new volunteer with a unique name, phone and mail (the registry keeps one record per person). */
    VolunteerId volunteer(OrganisationId org) {
        int n = next.incrementAndGet();
        StringBuilder name = new StringBuilder("อาสา ");
        for (char c : String.valueOf(n).toCharArray()) {
            name.append("กขคงจฉชซฌญ".charAt(c - '0'));
        }
        return roster.add(org, new VolunteerInput(name.toString(), "08" + String.format("%08d", 30_000_000 + n), "r" + n + "@example.org",
                null, "8501", "STATION", "ALL_DAY"), "test").orElseThrow();
    }

    /** Ranong's first constituency's stations, in the catalogue's order. */
    List<StationPoint> stations() {
        return stationsOf("RNG_1");
    }

    List<StationPoint> stationsOf(String constituencyCode) {
        return catalog.stationPoints(ELECTION).stream().filter(s -> s.constituencyCode().equals(constituencyCode)).toList();
    }

    VolunteerId placed(OrganisationId org, StationPoint station, StationRole role) {
        VolunteerId v = volunteer(org);
        manual.assign(ELECTION, v, ManualAssignments.Place.station(station.id(), role), "test");
        return v;
    }

    /** The constituency's lead: the one already there (tests share the database), else a new one. */
    synchronized VolunteerId lead(OrganisationId org, StationPoint station) {
        var existing = coverage.leads(ELECTION, station.constituencyCode());
        if (!existing.isEmpty()) {
            return existing.getFirst().volunteer();
        }
        long constituencyId = station.constituencyId();
        VolunteerId v = volunteer(org);
        manual.assign(ELECTION, v, new ManualAssignments.Place(Tier.CONSTITUENCY_LEAD, constituencyId, 1), "test");
        return v;
    }

    /** A count that passes every check for this station and contest; {@code shift} makes different but valid ones. */
    Tally goodCount(StationPoint station, String contest, int shift) {
        List<Integer> numbers = new ArrayList<>(catalog.ballotNumbers(ELECTION, contest, station.constituencyId()));
        Map<Integer, Long> votes = new TreeMap<>();
        long valid = 0;
        for (int i = 0; i < numbers.size(); i++) {
            long v = i == 0 ? 150 + station.id() % 97 + shift : i == 1 ? 100 : 3;
            votes.put(numbers.get(i), v);
            valid += v;
        }
        return new Tally(votes, valid, 5, 2, valid + 7, true);
    }

    Tally goodCount(StationPoint station, String contest) {
        return goodCount(station, contest, 0);
    }

    static Submission report(StationPoint station, String contest, VolunteerId who, String key, Tally tally) {
        return new Submission(ELECTION, station.id(), contest, who, "volunteer " + who.value(), key, tally, true, List.of());
    }

    static byte[] png(int seed) throws IOException {
        var image = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
        image.setRGB(seed % 20, 0, 0xffffff);
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
