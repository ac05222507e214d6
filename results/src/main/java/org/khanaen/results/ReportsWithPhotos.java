package org.khanaen.results;

import java.util.ArrayList;
import java.util.List;

import org.khanaen.results.ReportSubmissions.Outcome;
import org.khanaen.results.ReportSubmissions.Result;
import org.khanaen.results.ReportSubmissions.Submission;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * A report sent together with its photos in one request (a plain form, a partner app's multipart call):
 * the photos are stored and the report submitted in one transaction, so a refused report, a repeated one
 * or a bad photo leaves no photo rows behind. Photo files written meanwhile stay, unreferenced and
 * harmless (see {@link Photos#store}).
 */
@Service
public class ReportsWithPhotos {

    /** A photo as it arrived with the report. */
    public record NewPhoto(PhotoKind kind, byte[] content) {
    }

    private final ReportSubmissions submissions;
    private final Photos photos;

    ReportsWithPhotos(ReportSubmissions submissions, Photos photos) {
        this.submissions = submissions;
        this.photos = photos;
    }

    /**
     * Read committed like {@link ReportSubmissions#submit}, which joins this transaction.
     *
     * @throws PhotoProblem  a photo is not acceptable (nothing stored)
     * @throws ReportProblem the report is refused before its numbers are checked (nothing stored)
     */
    @Transactional(isolation = Isolation.READ_COMMITTED)
    public Result submit(Submission submission, List<NewPhoto> sent) {
        List<Long> ids = new ArrayList<>(submission.photos());
        for (NewPhoto photo : sent) {
            ids.add(photos.store(photo.content(), photo.kind(), submission.actor()).id());
        }
        Submission withPhotos = new Submission(submission.electionId(), submission.stationId(), submission.contestCode(),
                submission.volunteer(), submission.actor(), submission.idempotencyKey(), submission.tally(),
                submission.warningsConfirmed(), ids);
        Result result = submissions.submit(withPhotos);
        if (result.outcome() != Outcome.STORED) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        }
        return result;
    }
}
