package org.khanaen.results;

import java.util.ArrayList;
import java.util.List;

import org.khanaen.platform.transactions.RetryingTransactions;
import org.khanaen.results.ReportIntake.NewPhoto;
import org.khanaen.results.ReportIntake.Outcome;
import org.khanaen.results.ReportIntake.Result;
import org.khanaen.results.ReportIntake.Submission;
import org.springframework.stereotype.Service;

/**
 * A report sent together with its photos in one request (a plain form, a partner app's multipart call):
 * the photos are stored and the report submitted in one transaction, so a refused report, a repeated one
 * or a bad photo leaves no photo rows behind. Objects put into the bucket meanwhile stay, unreferenced and
 * harmless (see {@link Photos#store}). Photos the report names by id (put into the bucket by the sender) are
 * confirmed first ({@link Photos#confirm}): a missing, resized or altered object refuses the report.
 */
@Service
class ReportsWithPhotos {

    /** Attempts of one report when the database picks it as a deadlock's victim (it rolled back, nothing is half-done). */
    static final int ATTEMPTS = 4;

    private final ReportSubmissions submissions;
    private final ReportBatches batches;
    private final Photos photos;
    private final org.springframework.transaction.support.TransactionTemplate transaction;

    ReportsWithPhotos(ReportSubmissions submissions, ReportBatches batches, Photos photos,
            org.springframework.transaction.PlatformTransactionManager transactions) {
        this.submissions = submissions;
        this.batches = batches;
        this.photos = photos;
        this.transaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.transaction.setIsolationLevel(org.springframework.transaction.TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    /**
     * Read committed like {@link ReportSubmissions#submit}, which joins this transaction. When both of a station's
     * volunteers send the same contest at the same moment, the two transactions can deadlock on the station contest's
     * row (measured in the national replay: a handful in 379,616 reports); the loser is rolled back whole and tried
     * again, which is safe because the idempotency key makes a repeat a no-op.
     *
     * @throws PhotoProblem  a photo is not acceptable, or one the report names is not in the bucket as it was announced
     *                       (nothing stored)
     * @throws ReportProblem the report is refused before its numbers are checked (nothing stored)
     */
    public Result submit(Submission submission, List<NewPhoto> sent) {
        // photos put straight into the bucket are checked there first, outside any transaction (calls to the store)
        photos.confirm(submission.photos(), submission.actor());
        if (sent.isEmpty() && !org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()) {
            // no photo to store with it, no caller's transaction to join: decided with the other reports waiting now
            var batched = batches.submit(submissions.prepare(submission));
            if (batched.isPresent()) {
                return batched.get();
            }
        }
        for (int attempt = 1;; attempt++) {
            try {
                return transaction.execute(status -> submitOnce(submission, sent, status));
            } catch (RuntimeException e) {
                // a deadlock, or on Galera the same row committed first through another node (found at commit)
                if (attempt >= ATTEMPTS || !RetryingTransactions.isConflict(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(5, 20 * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private Result submitOnce(Submission submission, List<NewPhoto> sent, org.springframework.transaction.TransactionStatus status) {
        List<Long> ids = new ArrayList<>(submission.photos());
        for (NewPhoto photo : sent) {
            ids.add(photos.store(photo.content(), photo.kind(), submission.actor()).id());
        }
        Submission withPhotos = new Submission(submission.electionId(), submission.stationId(), submission.contestCode(),
                submission.volunteer(), submission.actor(), submission.idempotencyKey(), submission.tally(),
                submission.warningsConfirmed(), ids, submission.asWritten());
        Result result = submissions.submit(withPhotos);
        if (result.outcome() != Outcome.STORED) {
            status.setRollbackOnly();
        }
        return result;
    }
}
