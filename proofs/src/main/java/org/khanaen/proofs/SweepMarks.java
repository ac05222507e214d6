package org.khanaen.proofs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Where a round's sweep for entries without a leaf starts. Ids do not commit in order (on Galera they step by the node
 * count, and any transaction may commit after one with a higher id), so a round cannot simply go on after the highest
 * id it saw. But a transaction's id is taken moments before it commits: a report whose id is below what a round swept
 * and that was not visible to it commits within seconds of that round, not minutes. So a round sweeps from where the
 * newest round at least {@code lookBack} old had got to (everything below that was committed and swept by it or by a
 * later one), and every {@code fullEvery}-th round, and the first of a node's, from the start: a transaction held open
 * past the look-back is taken then. Sweeping from the start every round read the whole night again each minute: the
 * national replay's database spent 0.34 CPU-ms per report in the night's first quarter and 0.57–0.64 over the whole.
 * Held in one node's memory: another node's first round sweeps everything.
 */
final class SweepMarks {

    /**
     * How far a round got: every report and decision with an id up to these, committed when it began, has a leaf.
     * Zero: sweep from the start.
     */
    record Mark(Instant at, long reports, long decisions) {

        static final Mark START = new Mark(Instant.EPOCH, 0, 0);
    }

    private final Duration lookBack;
    private final int fullEvery;
    private final Deque<Mark> marks = new ArrayDeque<>();
    private int sinceFull;

    SweepMarks(Duration lookBack, int fullEvery) {
        if (lookBack.isNegative() || fullEvery < 1) {
            throw new IllegalArgumentException("a look-back of at least 0 and a full sweep at least every round");
        }
        this.lookBack = lookBack;
        this.fullEvery = fullEvery;
    }

    /** Where a round beginning at {@code now} sweeps from ({@code full}: from the start, e.g. the close of the night). */
    synchronized Mark start(Instant now, boolean full) {
        if (full || marks.isEmpty() || sinceFull + 1 >= fullEvery) {
            return Mark.START;
        }
        Mark from = Mark.START;
        for (Mark m : marks) { // oldest first
            if (!m.at().isAfter(now.minus(lookBack))) {
                from = m;
            }
        }
        return from;
    }

    /** A round that began at {@code mark.at()} from {@code from} swept everything up to the mark's ids. */
    synchronized void swept(Mark from, Mark mark) {
        sinceFull = from == Mark.START ? 0 : sinceFull + 1;
        marks.addLast(mark);
        // keep the newest mark older than the look-back (the next start) and the younger ones
        Instant edge = mark.at().minus(lookBack);
        while (marks.size() > 1) {
            Mark oldest = marks.pollFirst();
            if (marks.peekFirst().at().isAfter(edge)) {
                marks.addFirst(oldest);
                break;
            }
        }
    }
}
