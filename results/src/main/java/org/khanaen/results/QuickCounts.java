package org.khanaen.results;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.khanaen.assignment.SampleStations;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.LocalizedName;
import org.khanaen.elections.PartyView;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.quickcount.QuickCountEstimator;
import org.khanaen.results.quickcount.SampleDesign;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The quick count of an election (issue 24, docs/quick-count.md): its sample of stations, drawn by an administrator
 * from a seed and stored (its commitment public from the draw, the seed and list from the reveal), and the estimates
 * from the sample stations verified so far, made again only when one of them changed.
 */
@Service
public class QuickCounts {

    /** Bootstrap replicates for the seat ranges: ~80 ms of CPU for the 857-station sample and 70 parties (BENCHMARKS.md). */
    static final int REPLICATES = 1000;

    /**
     * What is public of a sample: from the draw its commitment, size and plan; from the reveal the seed and the list.
     *
     * @param seed     null until revealed
     * @param stations empty until revealed
     */
    public record PublicSample(String electionId, String commitment, int size, int strata, double margin, double sigma,
            Instant drawnAt, Instant revealedAt, String seed, List<SampleStation> stations) {

        public boolean revealed() {
            return revealedAt != null;
        }
    }

    public record SampleStation(long stationId, String code, String stratum, String ticket) {
    }

    /** A share (0–1) and its 95 % interval; the bounds are NaN while no stratum has two reported stations. */
    public record Interval(double estimate, double low, double high) {

        static Interval of(QuickCountEstimator.Interval i) {
            return new Interval(i.estimate(), i.low(), i.high());
        }
    }

    /** A party's seats: by the point estimate, and the replicates' median, 2.5 and 97.5 percentiles. */
    public record SeatRange(int point, int median, int low, int high) {

        static SeatRange of(QuickCountEstimator.SeatRange r) {
            return new SeatRange(r.point(), r.median(), r.low(), r.high());
        }
    }

    /** A party's estimated share of the valid party-list votes (95 % interval) and party-list seats (median and 95 % range). */
    public record PartyEstimate(String partyId, Integer ballotNumber, LocalizedName name, String colour, Interval share, SeatRange seats) {
    }

    /**
     * The estimates from the verified sample stations.
     *
     * @param unbalanced the reported part of the sample is unbalanced across strata: the estimates may lean
     */
    public record QuickCount(String electionId, String commitment, int drawn, int reported, double shareReported, Interval turnout,
            Interval invalid, Interval noVote, List<PartyEstimate> parties, int seats, int replicates, double missingWeight,
            double imbalance, boolean unbalanced) {
    }

    private record Stored(PublicSample sample, List<SampleDesign.Stratum> strata, Map<Long, String> stratumByStation, String seed) {
    }

    private record Made(int fingerprint, QuickCount estimate) {
    }

    private final JdbcClient jdbc;
    private final ElectionCatalog catalog;
    private final LiveResults live;
    private final SampleStations assignment;
    private final Clock clock;
    // the sample may be drawn on another node: read again after a few seconds
    private final Cache<String, Optional<Stored>> samples = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(5)).build();
    private final Map<String, Made> made = new ConcurrentHashMap<>();

    QuickCounts(JdbcClient jdbc, ElectionCatalog catalog, LiveResults live, SampleStations assignment, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.live = live;
        this.assignment = assignment;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The sample size that gives this margin at 95 % for a share's spread {@code sigma} among this many stations. */
    public static int sampleSize(double margin, double sigma, int stations) {
        return SampleDesign.size(margin, sigma, stations);
    }

    /**
     * Draws the election's sample (replacing one not yet revealed), stratified by province.
     *
     * @param size stations, or null for the formula's size for {@code margin} at {@code sigma}
     */
    @Transactional
    public PublicSample draw(String electionId, String seed, Integer size, double margin, double sigma, String by) {
        if (!catalog.exists(electionId)) {
            throw new ReportProblem("quickcount.problem.no-election", electionId);
        }
        if (seed == null || seed.isBlank() || seed.length() > 200) {
            throw new ReportProblem("quickcount.problem.seed");
        }
        Map<Long, String> codes = catalog.stationCodes(electionId);
        List<SampleDesign.Unit> frame = new ArrayList<>();
        for (StationPoint p : catalog.stationPoints(electionId)) {
            frame.add(new SampleDesign.Unit(p.id(), codes.get(p.id()), p.provinceCode(), p.registeredVoters()));
        }
        int n;
        try {
            n = size != null ? size : SampleDesign.size(margin, sigma, frame.size());
        } catch (IllegalArgumentException e) {
            throw new ReportProblem("quickcount.problem.size", 0);
        }
        long strata = frame.stream().map(SampleDesign.Unit::stratum).distinct().count();
        if (n < SampleDesign.MIN_PER_STRATUM * strata || n > frame.size()) {
            throw new ReportProblem("quickcount.problem.size", SampleDesign.MIN_PER_STRATUM * strata);
        }
        if (sample(electionId).map(PublicSample::revealed).orElse(false)) {
            throw new ReportProblem("quickcount.problem.revealed");
        }
        SampleDesign.Sample sample = SampleDesign.draw(electionId, seed.strip(), frame, n);
        jdbc.sql("delete from quick_count_station where election_id = ?").param(electionId).update();
        jdbc.sql("delete from quick_count_stratum where election_id = ?").param(electionId).update();
        jdbc.sql("delete from quick_count_sample where election_id = ?").param(electionId).update();
        jdbc.sql("""
                insert into quick_count_sample (election_id, seed, size, margin, sigma, commitment, drawn_by, drawn_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(electionId, sample.seed(), n, SampleDesign.margin(n, sigma, frame.size()), sigma, sample.commitment(), by,
                        Timestamp.from(clock.instant()))
                .update();
        for (SampleDesign.Stratum s : sample.strata()) {
            jdbc.sql("insert into quick_count_stratum (election_id, stratum, stations, drawn) values (?, ?, ?, ?)")
                    .params(electionId, s.code(), s.stations(), s.drawn()).update();
        }
        for (SampleDesign.Drawn d : sample.stations()) {
            jdbc.sql("insert into quick_count_station (election_id, station_id, station_code, stratum, ticket) values (?, ?, ?, ?, ?)")
                    .params(electionId, d.id(), d.code(), d.stratum(), d.ticket()).update();
        }
        // its stations get a primary and a backup first in assignment runs, and are marked for their volunteers and leads
        assignment.replace(electionId, sample.stations().stream().map(SampleDesign.Drawn::id).toList());
        samples.invalidate(electionId);
        made.remove(electionId);
        return sample(electionId).orElseThrow();
    }

    /** Publishes the seed and the list (after polls close): anyone can then check them against the commitment. */
    @Transactional
    public void reveal(String electionId) {
        int n = jdbc.sql("update quick_count_sample set revealed_at = ? where election_id = ? and revealed_at is null")
                .params(Timestamp.from(clock.instant()), electionId).update();
        if (n == 0 && sample(electionId).isEmpty()) {
            throw new ReportProblem("quickcount.problem.no-sample", electionId);
        }
        samples.invalidate(electionId);
    }

    /** What is public of the election's sample; empty when none is drawn. */
    public Optional<PublicSample> sample(String electionId) {
        return stored(electionId).map(Stored::sample);
    }

    /** The whole sample with its seed, for administrators, before the reveal too. */
    public Optional<PublicSample> sampleForAdministrators(String electionId) {
        return stored(electionId).map(s -> s.sample().revealed() ? s.sample() : new PublicSample(electionId, s.sample().commitment(),
                s.sample().size(), s.sample().strata(), s.sample().margin(), s.sample().sigma(), s.sample().drawnAt(), null, s.seed(),
                stations(electionId)));
    }

    /** The sample's station ids (to put them first in the war room's queue); empty when none is drawn. */
    public java.util.Set<Long> stationIds(String electionId) {
        return stored(electionId).map(s -> s.stratumByStation().keySet()).orElse(java.util.Set.of());
    }

    /** The estimates from the sample stations verified so far; empty when there is no sample. */
    public Optional<QuickCount> estimate(String electionId) {
        Optional<Stored> found = stored(electionId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Stored s = found.get();
        return live.sampleReading(electionId, s.stratumByStation()).map(reading -> {
            int fingerprint = fingerprint(s.sample().commitment(), reading);
            Made before = made.get(electionId);
            if (before != null && before.fingerprint() == fingerprint) {
                return before.estimate();
            }
            QuickCount estimate = estimate(electionId, s, reading);
            made.put(electionId, new Made(fingerprint, estimate));
            return estimate;
        });
    }

    private static QuickCount estimate(String electionId, Stored s, LiveResults.SampleReading reading) {
        List<PartyView> parties = reading.parties();
        var e = QuickCountEstimator.estimate(s.strata(), reading.observations(), parties.size(), reading.listSeats(), REPLICATES,
                Long.parseUnsignedLong(s.sample().commitment().substring(0, 15), 16));
        List<PartyEstimate> lines = new ArrayList<>();
        for (int p = 0; p < parties.size(); p++) {
            PartyView pv = parties.get(p);
            if (pv.ballotNumber() != null && (e.shares().get(p).estimate() > 0 || e.seats().get(p).high() > 0)) {
                lines.add(new PartyEstimate(pv.code(), pv.ballotNumber(), pv.name(), pv.colour(), Interval.of(e.shares().get(p)),
                        SeatRange.of(e.seats().get(p))));
            }
        }
        lines.sort(Comparator.comparingDouble((PartyEstimate x) -> x.share().estimate()).reversed());
        return new QuickCount(electionId, s.sample().commitment(), e.drawn(), e.reported(), e.shareReported(), Interval.of(e.turnout()),
                Interval.of(e.invalid()), Interval.of(e.noVote()), lines, reading.listSeats(), e.replicates(), e.missingWeight(),
                e.imbalance(), e.unbalanced());
    }

    private static int fingerprint(String commitment, LiveResults.SampleReading reading) {
        int h = commitment.hashCode();
        for (QuickCountEstimator.Observation o : reading.observations()) {
            h = 31 * h + Long.hashCode(o.stationId());
            h = 31 * h + Arrays.hashCode(new long[] { o.voters(), o.ballotsUsed(), o.valid(), o.invalid(), o.noVote() });
            h = 31 * h + Arrays.hashCode(o.votes());
        }
        return h;
    }

    private List<SampleStation> stations(String electionId) {
        return jdbc.sql("select station_id, station_code, stratum, ticket from quick_count_station where election_id = ? order by station_code")
                .param(electionId).query((rs, n) -> new SampleStation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    }

    private Optional<Stored> stored(String electionId) {
        return samples.get(electionId, id -> jdbc.sql("""
                select seed, size, margin, sigma, commitment, drawn_at, revealed_at from quick_count_sample where election_id = ?""")
                .param(id).query((rs, n) -> {
                    Timestamp revealed = rs.getTimestamp(7);
                    List<SampleDesign.Stratum> strata = jdbc.sql(
                            "select stratum, stations, drawn from quick_count_stratum where election_id = ? order by stratum").param(id)
                            .query((r, k) -> new SampleDesign.Stratum(r.getString(1), r.getInt(2), r.getInt(3))).list();
                    List<SampleStation> stations = stations(id);
                    Map<Long, String> byStation = new HashMap<>();
                    stations.forEach(x -> byStation.put(x.stationId(), x.stratum()));
                    PublicSample sample = new PublicSample(id, rs.getString(5), rs.getInt(2), strata.size(), rs.getDouble(3), rs.getDouble(4),
                            rs.getTimestamp(6).toInstant(), revealed == null ? null : revealed.toInstant(), revealed == null ? null : rs.getString(1),
                            revealed == null ? List.of() : stations);
                    return new Stored(sample, strata, byStation, rs.getString(1));
                }).optional());
    }
}
