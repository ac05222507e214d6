package org.khanaen.web.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.khanaen.results.LiveResults;
import org.khanaen.results.QuickCounts;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The quick count as the media API and the stream give it. Before the reveal: the commitment, size and planned margin
 * only ({@code revealed: false}, no seed, no stations, no estimate). After it: the seed and the estimates (shares and
 * their 95 % intervals as fractions, null bounds while there is no interval yet; seat ranges). Made once per estimate,
 * by one caller at a time: the estimate's bootstrap is the costly part and every listener of the stream asks at once.
 */
@Component
class QuickCountJson {

    /** What was made, and from which estimate (equal estimates give the same bytes). */
    record Made(long version, QuickCounts.PublicSample sample, QuickCounts.QuickCount estimate, byte[] json) {
    }

    record Bounds(double estimate, Double low, Double high) {

        static Bounds of(QuickCounts.Interval i) {
            return new Bounds(i.estimate(), Double.isNaN(i.low()) ? null : i.low(), Double.isNaN(i.high()) ? null : i.high());
        }
    }

    record Party(String partyId, Integer ballotNumber, String name, String nameEn, Bounds share, int seatsPoint, int seatsMedian,
            int seatsLow, int seatsHigh) {
    }

    record Estimate(int drawn, int reported, double shareReported, Bounds turnout, Bounds invalid, Bounds noVote, int seats,
            int replicates, double missingWeight, double imbalance, boolean unbalanced, List<Party> parties) {
    }

    /**
     * @param margin planned half-width of the 95 % interval on a large party's share (fraction), see docs/quick-count.md
     */
    record Document(String electionId, boolean revealed, String commitment, int size, int strata, double margin, Instant drawnAt,
            Instant revealedAt, String seed, String sampleCsv, Estimate estimate) {
    }

    private final QuickCounts quickCounts;
    private final LiveResults live;
    private final JsonMapper json;
    private final Map<String, Made> made = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    QuickCountJson(QuickCounts quickCounts, LiveResults live, JsonMapper json) {
        this.quickCounts = quickCounts;
        this.live = live;
        this.json = json;
    }

    /** Empty when the election has no sample. */
    Optional<Made> current(String electionId) {
        Optional<QuickCounts.PublicSample> sample = quickCounts.sample(electionId);
        if (sample.isEmpty()) {
            return Optional.empty();
        }
        synchronized (lock(electionId)) {
            QuickCounts.PublicSample s = sample.get();
            long version = live.version(electionId); // before reading: a newer estimate may carry an older version, never the reverse
            Made known = made.get(electionId);
            if (known != null && known.version() == version && known.sample().equals(s)) {
                return Optional.of(known); // nothing counted since: not even the estimate's fingerprint to make again
            }
            QuickCounts.QuickCount estimate = s.revealed() ? quickCounts.estimate(electionId).filter(q -> q.reported() > 0).orElse(null) : null;
            Made before = made.get(electionId);
            if (before != null && before.sample().equals(s) && java.util.Objects.equals(before.estimate(), estimate)) {
                Made same = new Made(version, before.sample(), before.estimate(), before.json());
                made.put(electionId, same);
                return Optional.of(same);
            }
            Made now = new Made(version, s, estimate, json.writeValueAsBytes(document(s, estimate)));
            made.put(electionId, now);
            return Optional.of(now);
        }
    }

    private Object lock(String electionId) {
        return locks.computeIfAbsent(electionId, k -> new Object());
    }

    private static Document document(QuickCounts.PublicSample s, QuickCounts.QuickCount q) {
        Estimate estimate = q == null ? null : new Estimate(q.drawn(), q.reported(), q.shareReported(), Bounds.of(q.turnout()),
                Bounds.of(q.invalid()), Bounds.of(q.noVote()), q.seats(), q.replicates(), q.missingWeight(), q.imbalance(), q.unbalanced(),
                q.parties().stream().map(p -> new Party(p.partyId(), p.ballotNumber(), p.name().in(java.util.Locale.forLanguageTag("th")),
                        p.name().in(java.util.Locale.ENGLISH), Bounds.of(p.share()), p.seats().point(), p.seats().median(), p.seats().low(),
                        p.seats().high())).toList());
        return new Document(s.electionId(), s.revealed(), s.commitment(), s.size(), s.strata(), s.margin(), s.drawnAt(), s.revealedAt(),
                s.seed(), s.revealed() ? "/results/" + s.electionId() + "/quick-count/sample.csv" : null, estimate);
    }
}
