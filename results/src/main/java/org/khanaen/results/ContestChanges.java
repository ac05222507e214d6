package org.khanaen.results;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The station contests whose state or numbers changed, handed to the live results once their transaction has
 * committed on this node, or once {@link ContestChangeFeed} read them as written by another. Not an application event on purpose: the live results are rebuilt from the table at start-up, so
 * a hand-off lost in a crash costs nothing, and a persisted event publication per change would add two writes
 * to every report on election night.
 */
@Component
class ContestChanges {

    record Change(long stationContestId, String electionId) {
    }

    private final BlockingQueue<Change> queue = new LinkedBlockingQueue<>();

    void afterCommit(long stationContestId, String electionId) {
        Change change = new Change(stationContestId, electionId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    queue.add(change);
                }
            });
        } else {
            queue.add(change);
        }
    }

    /** A change another node committed (read by {@link ContestChangeFeed}): handed over at once. */
    void handOver(long stationContestId, String electionId) {
        queue.add(new Change(stationContestId, electionId));
    }

    BlockingQueue<Change> queue() {
        return queue;
    }
}
