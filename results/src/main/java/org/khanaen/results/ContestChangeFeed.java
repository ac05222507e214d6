package org.khanaen.results;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How an application node learns of the station contests that other nodes decided: it asks the table, a few times a
 * second, which rows were written lately, and hands those it has not yet taken in to the live results
 * ({@link ContestChanges}), as its own commits are handed over.
 * <p>
 * Read from the database rather than sent over a broker: the database is already the one thing every node shares and
 * must reach, so this adds no part that can fail on election night; the read is one short range of an index that
 * covers it (at the national peak of 50 writes a second: ~150 entries a look, ~1,500 every 5 s for the 30 s look). It
 * does not trust ids to be consecutive or to follow commit order (on Galera they step by the node count), nor a
 * row's time to be its commit's: each look reaches {@code recent} (3 s) behind the newest time seen, every few seconds
 * one reaches {@code lookback} (30 s), so a row stamped before a slow commit is still found, and a wider sweep once a
 * minute catches one slower still. A row written twice inside the window is told apart by its mark (its revision, which
 * every write raises), and taking the same write twice changes nothing ({@link ElectionTally#apply}).
 */
@Component
class ContestChangeFeed {

    private record Seen(long mark, long micros) {
    }

    private final JdbcClient jdbc;
    private final ContestChanges changes;
    private final LiveFeedProperties properties;
    private final Clock clock;
    private final Map<Long, Seen> seen = new ConcurrentHashMap<>();
    private volatile long newest = Long.MIN_VALUE; // micros of the newest row time read
    private long lastSweep;
    private long lastWide;
    private long lastPrune;

    ContestChangeFeed(JdbcClient jdbc, ContestChanges changes, LiveFeedProperties properties, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Hands the rows written lately that this node has not taken in to the live results; returns how many. */
    int poll() {
        long now = micros(clock.instant());
        boolean sweep = now - lastSweep >= properties.sweep().toNanos() / 1000;
        boolean wide = sweep || now - lastWide >= properties.lookbackEvery().toNanos() / 1000;
        // most looks reach a few seconds back: each row in the window is read again on every look, and a 30 s window read
        // 4 times a second was 16 % of the app's CPU in the national replay (docs/live-results.md)
        long reach = (sweep ? properties.sweepLookback() : wide ? properties.lookback() : properties.recent()).toNanos() / 1000;
        // behind the older of this node's clock and the newest row: a node whose clock runs ahead (or a row stamped by
        // one) must not push the window past rows still to come
        long from = Math.min(now, newest == Long.MIN_VALUE ? now : newest) - reach;
        int[] handed = { 0 };
        long[] max = { newest };
        jdbc.sql("select id, election_id, updated_at, revision from station_contest where updated_at >= ?")
                .param(timestamp(from))
                .query(rs -> {
                    long id = rs.getLong(1), micros = micros(rs.getTimestamp(3));
                    long mark = mark(rs.getInt(4));
                    max[0] = Math.max(max[0], micros);
                    Seen before = seen.put(id, new Seen(mark, micros));
                    if (before == null || before.mark() != mark) {
                        changes.handOver(id, rs.getString(2));
                        handed[0]++;
                    }
                });
        newest = max[0];
        if (sweep) {
            lastSweep = now;
        }
        if (wide) {
            lastWide = now;
        }
        if (now - lastPrune >= properties.lookback().toNanos() / 1000) {
            long keep = from - properties.sweepLookback().toNanos() / 1000;
            seen.values().removeIf(s -> s.micros() < keep);
            lastPrune = now;
        }
        return handed[0];
    }

    /** The live results took in this write of a row (by a commit on this node, or at start-up). */
    void taken(long stationContestId, long mark, long micros) {
        if (micros >= Math.min(micros(clock.instant()), newest == Long.MIN_VALUE ? Long.MAX_VALUE : newest)
                - properties.sweepLookback().toNanos() / 1000) {
            seen.put(stationContestId, new Seen(mark, micros));
        }
    }

    /**
     * Which write of a station contest row this is: its revision (every write raises it; V11), mixed. Not the row's time:
     * MariaDB keeps it to the second through the driver, and a row may be written twice in a second. 0: not known.
     */
    static long mark(int revision) {
        if (revision == 0) {
            return 0;
        }
        long m = mix(revision);
        return m == 0 ? 1 : m;
    }

    static long micros(Timestamp t) {
        return Math.floorDiv(t.getTime(), 1000) * 1_000_000 + t.getNanos() / 1000;
    }

    private static long micros(Instant i) {
        return i.getEpochSecond() * 1_000_000 + i.getNano() / 1000;
    }

    private static Timestamp timestamp(long micros) {
        Timestamp t = new Timestamp(Math.floorDiv(micros, 1_000_000) * 1000);
        t.setNanos((int) Math.floorMod(micros, 1_000_000) * 1000);
        return t;
    }

    /** SplitMix64's finaliser: spreads a value's bits, so that sums of mixed values tell sets apart. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
