package org.khanaen.results;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.khanaen.elections.ContestView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationPoint;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The reference facts every report needs (its station, the contest's ballot numbers), kept in memory:
 * on election night each is asked for hundreds of times a second and changes never. Entries expire
 * after a while all the same, so a reference-data re-import shows within minutes.
 */
@Component
class StationFacts {

    private record BallotKey(String electionId, String contest, long constituencyId) {
    }

    private static final Duration KEEP = Duration.ofMinutes(10);

    private final ElectionCatalog catalog;
    private final Cache<Long, Optional<StationPoint>> stations = Caffeine.newBuilder().maximumSize(250_000).expireAfterWrite(KEEP).build();
    private final Cache<BallotKey, Set<Integer>> ballots = Caffeine.newBuilder().maximumSize(5_000).expireAfterWrite(KEEP).build();
    private final Map<String, Instant> loaded = new ConcurrentHashMap<>();
    private final Cache<String, Map<Long, String>> codes = Caffeine.newBuilder().maximumSize(10).expireAfterWrite(KEEP).build();
    private final Cache<String, List<ContestView>> contests = Caffeine.newBuilder().maximumSize(100).expireAfterWrite(KEEP).build();

    StationFacts(ElectionCatalog catalog) {
        this.catalog = catalog;
    }

    Optional<StationPoint> station(String electionId, long stationId) {
        Optional<StationPoint> known = stations.getIfPresent(stationId);
        if (known == null) {
            // the first report of the night: every station of the election in one query, not one query per station
            loadAll(electionId);
            known = stations.get(stationId, catalog::stationPoint);
        }
        return known.filter(p -> p.electionId().equals(electionId));
    }

    /** At most once per {@link #KEEP} per election, however many unknown ids are asked for. */
    private synchronized void loadAll(String electionId) {
        Instant last = loaded.get(electionId);
        if (last != null && last.isAfter(Instant.now().minus(KEEP))) {
            return;
        }
        catalog.stationPoints(electionId).forEach(p -> stations.put(p.id(), Optional.of(p)));
        loaded.put(electionId, Instant.now());
    }

    /** A station's code (e.g. BKK_1-007), as people read it: every code of the election kept after the first ask. */
    Optional<String> code(String electionId, long stationId) {
        return Optional.ofNullable(codes.get(electionId, catalog::stationCodes).get(stationId));
    }

    Set<Integer> ballotNumbers(String electionId, String contest, long constituencyId) {
        return ballots.get(new BallotKey(electionId, contest, constituencyId), k -> catalog.ballotNumbers(electionId, contest, constituencyId));
    }

    Optional<ContestView> contest(String electionId, String code) {
        return contests.get(electionId, catalog::contests).stream().filter(c -> c.code().equals(code)).findFirst();
    }
}
