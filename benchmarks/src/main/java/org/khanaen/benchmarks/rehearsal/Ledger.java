package org.khanaen.benchmarks.rehearsal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The night as the script knows it: each station contest's true count (the file's numbers for that station) and every
 * report the app stored for it, with whether its numbers are the true ones. The war room and the leads decide by it,
 * as a person decides by the photos of the signed form; afterwards it is what the published results are held to.
 * Written by the {@link NightPlan}'s sender, read by the {@link Desk}; safe across threads.
 */
public final class Ledger {

    /** A station's contest; {@code contest} as the report API names it (the report JSON's {@code contest}). */
    public record Key(long stationId, String contest) {
    }

    /**
     * A report the app answered 201 for: its id (from the answer's Location), its numbers true or not, final or a
     * running tally, and when it was answered (System.nanoTime).
     */
    public record Sent(long reportId, boolean truthful, boolean isFinal, long answeredNanos) {
    }

    /**
     * The true count: the report API's JSON body of the station's final count as the file has it ({@code contest},
     * {@code final}, {@code votes}, {@code valid}, {@code invalid}, {@code noVote}, {@code ballotsUsed}, ...), which a
     * verifier enters when correcting; {@code asWritten}: the signed form itself does not add up (the file contradicts
     * itself there), so it is accepted as written.
     */
    public record Truth(String json, boolean asWritten) {
    }

    private final Map<Key, Truth> truths = new ConcurrentHashMap<>();
    private final Map<Key, List<Sent>> sent = new ConcurrentHashMap<>();

    public void truth(Key key, Truth truth) {
        truths.put(key, truth);
    }

    public Truth truthOf(Key key) {
        return truths.get(key);
    }

    public Map<Key, Truth> truths() {
        return truths;
    }

    public void sent(Key key, Sent report) {
        sent.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(report);
    }

    public List<Sent> sentFor(Key key) {
        return sent.getOrDefault(key, List.of());
    }

    /** A final report stored with the true numbers (the one a verifier approves), if any. */
    public Optional<Sent> truthfulFinal(Key key) {
        return sentFor(key).stream().filter(s -> s.isFinal() && s.truthful()).findFirst();
    }

    /** Whether the report with this id was sent with the true numbers (false also when it is not known). */
    public boolean truthful(Key key, long reportId) {
        return sentFor(key).stream().anyMatch(s -> s.reportId() == reportId && s.truthful());
    }
}
