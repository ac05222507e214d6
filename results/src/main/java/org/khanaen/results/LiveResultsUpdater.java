package org.khanaen.results;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * One thread that takes the committed changes of station contests, a short moment's worth at a time, and applies them
 * to the live results: one reader of the queue keeps every station's changes in commit order, and a batch becomes
 * one version (one ETag, one message on the stream) instead of hundreds a second. Between batches it asks the table
 * for other nodes' changes ({@link ContestChangeFeed}) and whether an election was imported again.
 */
@Component
class LiveResultsUpdater implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveResultsUpdater.class);
    /** How long the first change of a batch waits for others: well inside the second a change may take to show. */
    static final Duration GATHER = Duration.ofMillis(50);
    /** How often the import times are compared: a new import is rare, and a reader may wait this long for it. */
    static final Duration IMPORTS = Duration.ofSeconds(10);

    private final ContestChanges changes;
    private final LiveResults live;
    private final ContestChangeFeed feed;
    private final long pollNanos;
    private volatile Thread thread;

    LiveResultsUpdater(ContestChanges changes, LiveResults live, ContestChangeFeed feed, LiveFeedProperties properties) {
        this.changes = changes;
        this.live = live;
        this.feed = feed;
        this.pollNanos = properties.poll().toNanos();
    }

    @Override
    public void start() {
        Thread t = new Thread(this::run, "live-results");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        try {
            live.loadAll();
        } catch (RuntimeException e) {
            log.warn("Live results not built at start-up; they will be when first asked for", e);
        }
        long polled = 0, importsChecked = System.nanoTime();
        while (thread == Thread.currentThread()) {
            long now = System.nanoTime();
            try {
                if (now - polled >= pollNanos) {
                    polled = now;
                    feed.poll();
                }
                if (now - importsChecked >= IMPORTS.toNanos()) {
                    importsChecked = now;
                    live.dropReimported();
                }
            } catch (RuntimeException e) {
                // the database away for a moment: the next look reaches back far enough to make up for this one
                log.warn("Other nodes' changes not read this time: {}", e.toString());
            }
            List<ContestChanges.Change> batch = new ArrayList<>();
            try {
                ContestChanges.Change first = changes.queue().poll(Math.max(1, pollNanos - (System.nanoTime() - polled)),
                        TimeUnit.NANOSECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                Thread.sleep(GATHER);
            } catch (InterruptedException e) {
                // stopped (or paused, and started again later): a change already taken goes back for the next run, or
                // the tally would miss it until the next restart. Its row is read again then, so its place in line is moot.
                changes.queue().addAll(batch);
                return;
            }
            changes.queue().drainTo(batch, 20_000);
            Map<String, Set<Long>> byElection = new LinkedHashMap<>();
            batch.forEach(c -> byElection.computeIfAbsent(c.electionId(), k -> new LinkedHashSet<>()).add(c.stationContestId()));
            byElection.forEach((election, ids) -> {
                try {
                    live.apply(election, new ArrayList<>(ids));
                } catch (RuntimeException e) {
                    // the changes are in the table: put them back and try again rather than show stale numbers
                    log.warn("Live results of {} not updated ({} changes); retrying", election, ids.size(), e);
                    ids.forEach(id -> changes.queue().add(new ContestChanges.Change(id, election)));
                }
            });
        }
    }
}
