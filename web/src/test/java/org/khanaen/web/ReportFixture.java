package org.khanaen.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.imageio.ImageIO;

import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationPoint;
import org.khanaen.elections.StationView;
import org.khanaen.results.ReportIntake;
import org.khanaen.results.checks.Tally;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Counts that pass every check (or break one on purpose), and small photos: for the report page's and API's tests. */
@Component
class ReportFixture {

    private static final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

    private final ElectionCatalog catalog;
    private final JdbcClient jdbc;
    private final ReportIntake intake;

    ReportFixture(ElectionCatalog catalog, JdbcClient jdbc, ReportIntake intake) {
        this.catalog = catalog;
        this.jdbc = jdbc;
        this.intake = intake;
    }

    /** The same count with three votes moved from the first number to the second: still adds up, but disagrees. */
    static Tally misread(Tally count) {
        Map<Integer, Long> votes = new TreeMap<>(count.votes());
        List<Integer> numbers = new ArrayList<>(votes.keySet());
        votes.merge(numbers.get(0), -3L, Long::sum);
        votes.merge(numbers.get(1), 3L, Long::sum);
        return new Tally(votes, count.valid(), count.invalid(), count.noVote(), count.ballotsUsed(), true);
    }

    /** Who a report {@link #send sent} for the volunteer comes from; a photo it names must have been uploaded by the same. */
    static String actor(VolunteerId who) {
        return "volunteer " + who.value();
    }

    /** A report sent as the volunteer would (warnings confirmed); its id. */
    long send(StationView station, String contest, VolunteerId who, String key, Tally count, List<Long> photos) {
        return intake.submit(new ReportIntake.Submission(station.electionId(), station.id(), contest, who, actor(who),
                key, count, true, photos), List.of()).reportId();
    }

    /**
     * A final count that passes every check at this station, different from every other station's (no
     * same-votes warning): the leader's votes depend on the station.
     */
    Tally goodCount(StationView station, String contest) {
        StationPoint point = catalog.stationPoint(station.id()).orElseThrow();
        List<Integer> numbers = new ArrayList<>(catalog.ballotNumbers(AssignmentFixture.ELECTION, contest, point.constituencyId()));
        Map<Integer, Long> votes = new TreeMap<>();
        long leader = Math.min(60 + next.incrementAndGet(), point.registeredVoters() / 2);
        long valid = 0;
        for (int i = 0; i < numbers.size(); i++) {
            long v = i == 0 ? leader : i == 1 ? 20 : 1;
            votes.put(numbers.get(i), v);
            valid += v;
        }
        return new Tally(votes, valid, 5, 2, valid + 7, true);
    }

    /** Adds up, but the invalid ballots exceed the leader's margin: a warning that needs confirming. */
    Tally closeCount(StationView station, String contest) {
        StationPoint point = catalog.stationPoint(station.id()).orElseThrow();
        List<Integer> numbers = new ArrayList<>(catalog.ballotNumbers(AssignmentFixture.ELECTION, contest, point.constituencyId()));
        Map<Integer, Long> votes = new TreeMap<>();
        int n = next.incrementAndGet();
        votes.put(numbers.get(0), 40L + n);
        votes.put(numbers.get(1), 39L + n);
        long valid = votes.values().stream().mapToLong(Long::longValue).sum();
        return new Tally(votes, valid, 9, 1, valid + 10, true);
    }

    long reports(String key) {
        return jdbc.sql("select count(*) from station_report where idempotency_key = ?").param(key).query(Long.class).single();
    }

    long photosOf(String key) {
        return jdbc.sql("select count(*) from station_report_photo l join station_report r on r.id = l.report_id where r.idempotency_key = ?")
                .param(key).query(Long.class).single();
    }

    long photoRows() {
        return jdbc.sql("select count(*) from report_photo").query(Long.class).single();
    }

    /**
     * The image with random bytes after its end, which readers ignore: a photo that no earlier run put into the test
     * bucket (its folder outlives a run, as a real bucket outlives the app).
     */
    static byte[] unique(byte[] image) {
        byte[] tail = new byte[16];
        new java.security.SecureRandom().nextBytes(tail);
        byte[] out = java.util.Arrays.copyOf(image, image.length + tail.length);
        System.arraycopy(tail, 0, out, image.length, tail.length);
        return out;
    }

    /** A small image, different for every seed (so no photo-reused warning between tests). */
    static byte[] image(String format, int seed) {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 32; i++) {
            image.setRGB(i, seed % 30, ((seed >> i) & 1) == 1 ? 0xffffff : 0x0b5cad);
        }
        image.setRGB(39, 29, seed * 7919 & 0xffffff);
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The tally as the page's form fields. */
    static Map<String, String> formOf(Tally tally) {
        Map<String, String> form = new TreeMap<>();
        tally.votes().forEach((n, v) -> form.put("vote-" + n, String.valueOf(v)));
        form.put("valid", String.valueOf(tally.valid()));
        form.put("invalid", String.valueOf(tally.invalid()));
        form.put("noVote", String.valueOf(tally.noVote()));
        form.put("ballotsUsed", String.valueOf(tally.ballotsUsed()));
        form.put("final", String.valueOf(tally.isFinal()));
        return form;
    }

    /** The tally as the API's JSON body. */
    static String json(Tally tally, String contest, String key, boolean confirmed, List<Long> photos) {
        StringBuilder votes = new StringBuilder();
        tally.votes().forEach((n, v) -> votes.append(votes.isEmpty() ? "" : ",").append('"').append(n).append("\":").append(v));
        return """
                {"contest":"%s","final":%s,"votes":{%s},"valid":%d,"invalid":%d,"noVote":%d,"ballotsUsed":%d,%s"warningsConfirmed":%s,"photoIds":%s}"""
                .formatted(contest, tally.isFinal(), votes, tally.valid(), tally.invalid(), tally.noVote(), tally.ballotsUsed(),
                        key == null ? "" : "\"idempotencyKey\":\"" + key + "\",", confirmed, photos);
    }
}
