package org.khanaen.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.ManualAssignments;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.Photos.PhotoKind;
import org.khanaen.results.ReportIntake.Outcome;
import org.khanaen.results.ReportIntake.Submission;
import org.khanaen.results.checks.Tally;
import org.khanaen.volunteers.OrganisationDraft;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Taking a station's report: only from its own people, checked, and once per idempotency key. */
@SpringBootTest
class ReportSubmissionTests {

    private static final String ELECTION = "th-2566";

    @Autowired ReportSubmissions submissions;
    @Autowired ManualAssignments manual;
    @Autowired ElectionCatalog catalog;
    @Autowired PartnerOrganisations organisations;
    @Autowired JdbcClient jdbc;
    @Autowired Photos photos;

    @Autowired ReportFixture fixture;

    private VolunteerId volunteer(OrganisationId org) {
        return fixture.volunteer(org);
    }

    private Tally goodCount(StationPoint station, String contest) {
        return fixture.goodCount(station, contest);
    }

    private static byte[] png(int seed) throws java.io.IOException {
        return ReportFixture.png(seed);
    }

    private long reports(String key) {
        return jdbc.sql("select count(*) from station_report where idempotency_key = ?").param(key).query(Long.class).single();
    }

    @Test
    void theSameIdempotencyKeyTwiceStoresOneReportEvenAtTheSameMoment() throws Exception {
        OrganisationId org = organisations.create(new OrganisationDraft("report-once", "องค์กร", "Org", null, null, null)).id();
        VolunteerId me = volunteer(org);
        StationPoint station = catalog.stationPoints(ELECTION).stream().filter(s -> s.constituencyCode().equals("RNG_1")).findFirst().orElseThrow();
        manual.assign(ELECTION, me, ManualAssignments.Place.station(station.id(), StationRole.PRIMARY), "test");
        Tally count = goodCount(station, "constituency");
        Submission submission = new Submission(ELECTION, station.id(), "constituency", me, "volunteer", "phone-key-0001", count, false, List.of());

        var first = submissions.submit(submission);
        var again = submissions.submit(submission);

        assertThat(first.outcome()).isEqualTo(Outcome.STORED);
        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_STORED);
        assertThat(again.reportId()).isEqualTo(first.reportId());
        assertThat(reports("phone-key-0001")).isEqualTo(1);
        // the key names one report: sent again for another contest it is refused, not taken for the first
        assertThatThrownBy(() -> submissions.submit(new Submission(ELECTION, station.id(), "party-list", me, "volunteer", "phone-key-0001",
                goodCount(station, "party-list"), true, List.of()))).hasMessage("report.problem.key-reused");

        Submission retried = new Submission(ELECTION, station.id(), "party-list", me, "volunteer", "phone-key-0002",
                goodCount(station, "party-list"), true, List.of());
        var pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                outcomes.add(pool.submit((Callable<Outcome>) () -> {
                    start.await();
                    return submissions.submit(retried).outcome();
                }));
            }
            start.countDown();
            int stored = 0;
            for (var o : outcomes) {
                stored += o.get() == Outcome.STORED ? 1 : 0;
            }
            assertThat(stored).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
        assertThat(reports("phone-key-0002")).isEqualTo(1);
    }

    @Test
    void onlyTheStationsOwnVolunteerOrItsLeadMayReport() {
        OrganisationId org = organisations.create(new OrganisationDraft("report-who", "องค์กร", "Org", null, null, null)).id();
        VolunteerId mine = volunteer(org);
        VolunteerId elsewhere = volunteer(org);
        VolunteerId nobody = volunteer(org);
        List<StationPoint> stations = catalog.stationPoints(ELECTION).stream().filter(s -> s.constituencyCode().equals("RNG_1")).toList();
        StationPoint station = stations.get(1);
        manual.assign(ELECTION, mine, ManualAssignments.Place.station(station.id(), StationRole.BACKUP), "test");
        manual.assign(ELECTION, elsewhere, ManualAssignments.Place.station(stations.get(2).id(), StationRole.PRIMARY), "test");
        VolunteerId lead = fixture.lead(org, station);
        Tally count = goodCount(station, "constituency");

        for (VolunteerId stranger : List.of(elsewhere, nobody)) {
            assertThatThrownBy(() -> submissions.submit(new Submission(ELECTION, station.id(), "constituency", stranger, "x",
                    "key-" + stranger.value() + "-xyz", count, false, List.of())))
                    .isInstanceOf(ReportProblem.class).hasMessage("report.problem.not-yours");
        }
        assertThat(submissions.submit(new Submission(ELECTION, station.id(), "constituency", mine, "x", "key-mine-0001", count, false, List.of()))
                .outcome()).isEqualTo(Outcome.STORED);
        assertThat(submissions.submit(new Submission(ELECTION, station.id(), "constituency", lead, "x", "key-lead-0001", count, true, List.of()))
                .outcome()).isEqualTo(Outcome.STORED);
    }

    @Test
    void aReportWithErrorsIsRefusedAndOneWithWarningsOnlyOnceConfirmed() {
        OrganisationId org = organisations.create(new OrganisationDraft("report-checks", "องค์กร", "Org", null, null, null)).id();
        VolunteerId me = volunteer(org);
        StationPoint station = catalog.stationPoints(ELECTION).stream().filter(s -> s.constituencyCode().equals("RNG_1")).toList().get(3);
        manual.assign(ELECTION, me, ManualAssignments.Place.station(station.id(), StationRole.PRIMARY), "test");
        Tally good = goodCount(station, "constituency");

        Tally wrongSum = new Tally(good.votes(), good.valid() + 1, good.invalid(), good.noVote(), good.ballotsUsed() + 1, true);
        var refused = submissions.submit(new Submission(ELECTION, station.id(), "constituency", me, "x", "key-bad-00001", wrongSum, true, List.of()));
        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.findings().errors()).extracting(f -> f.code()).containsExactly("votes-sum");
        assertThat(reports("key-bad-00001")).isZero();

        // invalid ballots (200) above the leader's margin (50): a warning, stored only once confirmed
        Tally close = new Tally(good.votes(), good.valid(), 200, good.noVote(), good.valid() + 200 + good.noVote(), true);
        assertThat(submissions.submit(new Submission(ELECTION, station.id(), "constituency", me, "x", "key-warn-0001", close, false, List.of()))
                .outcome()).isEqualTo(Outcome.REFUSED);
        var confirmed = submissions.submit(new Submission(ELECTION, station.id(), "constituency", me, "x", "key-warn-0001", close, true, List.of()));
        assertThat(confirmed.outcome()).isEqualTo(Outcome.STORED);
        assertThat(confirmed.findings().warnings()).extracting(f -> f.code()).contains("invalid-over-margin");
        assertThat(jdbc.sql("select warnings from station_report where id = ?").param(confirmed.reportId()).query(String.class).single())
                .contains("invalid-over-margin");
        assertThat(Set.of(catalog.ballotNumbers(ELECTION, "constituency", station.constituencyId()).size())).allMatch(n -> n > 1);
    }

    @Test
    void theSamePhotoSentForAnotherStationNeedsAConfirmationAndPhotosStayWithTheirReport() throws Exception {
        OrganisationId org = organisations.create(new OrganisationDraft("report-photo", "องค์กร", "Org", null, null, null)).id();
        VolunteerId first = volunteer(org);
        VolunteerId second = volunteer(org);
        List<StationPoint> stations = catalog.stationPoints(ELECTION).stream().filter(s -> s.constituencyCode().equals("RNG_1")).toList();
        manual.assign(ELECTION, first, ManualAssignments.Place.station(stations.get(10).id(), StationRole.PRIMARY), "test");
        manual.assign(ELECTION, second, ManualAssignments.Place.station(stations.get(11).id(), StationRole.PRIMARY), "test");
        byte[] board = png(7);
        long photo = photos.store(board, PhotoKind.TALLY_BOARD, "first").id();
        var stored = submissions.submit(new Submission(ELECTION, stations.get(10).id(), "constituency", first, "first", "photo-key-001",
                goodCount(stations.get(10), "constituency"), false, List.of(photo)));
        assertThat(stored.outcome()).isEqualTo(Outcome.STORED);
        assertThat(jdbc.sql("select photo_id from station_report_photo where report_id = ?").param(stored.reportId()).query(Long.class).list())
                .containsExactly(photo);

        long copy = photos.store(board, PhotoKind.TALLY_BOARD, "second").id();
        Submission reused = new Submission(ELECTION, stations.get(11).id(), "constituency", second, "second", "photo-key-002",
                goodCount(stations.get(11), "constituency"), false, List.of(copy));
        var refused = submissions.submit(reused);
        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.findings().warnings()).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("photo-reused");
            assertThat(f.arguments()).containsExactly(catalog.station(stations.get(10).id()).orElseThrow().code());
        });
        assertThatThrownBy(() -> submissions.submit(new Submission(ELECTION, stations.get(11).id(), "constituency", second, "second",
                "photo-key-003", goodCount(stations.get(11), "constituency"), true, List.of(987_654_321L))))
                .isInstanceOf(ReportProblem.class).hasMessage("report.problem.no-photo");
    }

    /** Photos put straight into the bucket: the report is accepted only when each is there exactly as announced. */
    @Test
    void aReportNamingAPhotoNotInTheBucketAsAnnouncedIsRefusedAndStoresNothing(@Autowired ReportsWithPhotos withPhotos,
            @Autowired PhotoBucket bucket) throws Exception {
        OrganisationId org = organisations.create(new OrganisationDraft("report-bucket", "องค์กร", "Org", null, null, null)).id();
        VolunteerId me = volunteer(org);
        StationPoint station = catalog.stationPoints(ELECTION).stream().filter(s -> s.constituencyCode().equals("YLA_2")).toList().get(5);
        manual.assign(ELECTION, me, ManualAssignments.Place.station(station.id(), StationRole.PRIMARY), "test");
        byte[] png = PhotosTests.unique(PhotoContentTests.image("png", 40, 21));
        String sha = PhotosTests.sha256(png);
        String key = Photos.key(sha, "image/png");
        long photo = photos.requestUpload(PhotoKind.COUNT_FORM, "image/png", png.length, sha, "bucket-volunteer").id();
        Submission report = new Submission(ELECTION, station.id(), "constituency", me, "bucket-volunteer", "bucket-key-001",
                goodCount(station, "constituency"), false, List.of(photo));

        assertThat(refusal(withPhotos, report)).as("never uploaded").isEqualTo("photo.problem.not-uploaded");

        byte[] larger = java.util.Arrays.copyOf(png, png.length + 5);
        assertThat(larger.length).isNotEqualTo(png.length);
        bucket.put(key, larger, "image/png", Photos.base64(PhotosTests.sha256(larger)));
        assertThat(refusal(withPhotos, report)).as("another size under its name").isEqualTo("photo.problem.wrong-size");

        byte[] altered = png.clone();
        altered[altered.length - 1] ^= 1;
        bucket.put(key, altered, "image/png", Photos.base64(PhotosTests.sha256(altered)));
        assertThat(refusal(withPhotos, report)).as("other bytes of the same size under its name").isEqualTo("photo.problem.wrong-hash");
        assertThat(reports("bucket-key-001")).isZero();
        assertThat(photos.findSentBy(photo, "bucket-volunteer")).isEmpty();

        bucket.put(key, png, "image/png", Photos.base64(sha));
        var stored = withPhotos.submit(report, List.of());
        var again = withPhotos.submit(report, List.of());

        assertThat(stored.outcome()).isEqualTo(Outcome.STORED);
        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_STORED);
        assertThat(again.reportId()).isEqualTo(stored.reportId());
        assertThat(jdbc.sql("select photo_id from station_report_photo where report_id = ?").param(stored.reportId()).query(Long.class).list())
                .containsExactly(photo);
        assertThat(photos.find(photo)).hasValueSatisfying(p -> assertThat(List.of(p.width(), p.height())).containsExactly(40, 21));
    }

    private static String refusal(ReportsWithPhotos withPhotos, Submission report) {
        try {
            withPhotos.submit(report, List.of());
            return "accepted";
        } catch (PhotoProblem p) {
            return p.key();
        }
    }
}
