package org.khanaen.results;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.khanaen.assignment.Tier;
import org.khanaen.elections.StationPoint;
import org.khanaen.results.Photos.PhotoKind;
import org.khanaen.results.WarRoom.ContestState;
import org.khanaen.results.checks.ElectionRules;
import org.khanaen.results.checks.Findings;
import org.khanaen.results.checks.Tally;
import org.khanaen.volunteers.VolunteerId;
import org.springframework.stereotype.Service;

/**
 * Report intake, the results module's front door for volunteers and partner apps: who may report a station, taking a
 * station's count report (with its photos), where a sent report stands, and the volunteers' API tokens. The work is
 * done by the module's own {@link ReportSubmissions} (checks, storage, the contest's decision), {@link ReportsWithPhotos}
 * (photos in the same transaction, retries) and {@link ReporterTokens}; photos sent ahead go through {@link Photos}.
 */
@Service
public class ReportIntake {

    /**
     * @param idempotencyKey made by the phone when the volunteer starts the report, sent with every retry
     * @param warningsConfirmed the volunteer saw the warnings and says the numbers are right
     * @param photos            photos uploaded before (ids from {@link Photos#store} or {@link Photos#requestUpload}), at most 10
     * @param asWritten         the reporter says the signed form itself reads so where its sums do not add up: the count is
     *                          then kept (not refused) and waits for a verifier, who may accept it as written
     */
    public record Submission(String electionId, long stationId, String contestCode, VolunteerId volunteer, String actor,
            String idempotencyKey, Tally tally, boolean warningsConfirmed, List<Long> photos, boolean asWritten) {

        public Submission {
            photos = photos == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(photos));
        }

        public Submission(String electionId, long stationId, String contestCode, VolunteerId volunteer, String actor,
                String idempotencyKey, Tally tally, boolean warningsConfirmed, List<Long> photos) {
            this(electionId, stationId, contestCode, volunteer, actor, idempotencyKey, tally, warningsConfirmed, photos, false);
        }
    }

    public enum Outcome {
        /** Stored now. */
        STORED,
        /** Stored before under the same key: nothing new was stored. */
        ALREADY_STORED,
        /** Not stored: the findings say why (errors, or warnings not confirmed). */
        REFUSED
    }

    public record Result(Outcome outcome, Long reportId, Findings findings) {
    }

    /**
     * Where a sent report stands, for the volunteer who sent it (their partner app polls it).
     *
     * @param status       RECEIVED (waiting), VERIFIED, REJECTED, SUPERSEDED (other numbers were verified) or CORRECTED
     *                     (the same sender's later final count of the contest replaces it)
     * @param contestState the station contest's state now
     */
    public record Status(long reportId, long stationId, String contest, boolean isFinal, String status, ContestState contestState,
            Instant submittedAt) {
    }

    /**
     * A sent report as its sender's receipt shows it: exactly what was stored, and where it stands now.
     *
     * @param status      as in {@link Status}
     * @param photos      the photos stored with it (kind and SHA-256 of the bytes)
     * @param corrects    the sender's own earlier final count of the contest that this one corrects, or null
     * @param correctedBy the sender's later final count that corrects this one, or null
     */
    public record Receipt(long reportId, long stationId, String contest, String idempotencyKey, Instant submittedAt, Tally tally,
            List<Photos.StoredPhoto> photos, List<String> confirmedWarnings, boolean asWritten, String status, ContestState contestState,
            Long corrects, Long correctedBy) {

        /** Still waiting for a decision: a page showing it asks again. */
        public boolean waiting() {
            return "RECEIVED".equals(status);
        }
    }

    /** A photo as it arrived with the report. */
    public record NewPhoto(PhotoKind kind, byte[] content) {
    }

    private final ReportSubmissions submissions;
    private final ReportsWithPhotos reports;
    private final ReporterTokens tokens;

    ReportIntake(ReportSubmissions submissions, ReportsWithPhotos reports, ReporterTokens tokens) {
        this.submissions = submissions;
        this.reports = reports;
        this.tokens = tokens;
    }

    /**
     * Who may report a station: its own volunteer, primary or backup, or the lead of its constituency, placed in the
     * station's election. The one rule: the pages and the API ask it before anything is read, and both of this module's
     * intake paths again when they take the report.
     *
     * @param placeId where the volunteer is placed: the station, or for a lead the constituency
     */
    public static boolean mayReport(String electionId, Tier tier, long placeId, StationPoint station) {
        return station.electionId().equals(electionId)
                && (tier == Tier.STATION && placeId == station.id() || tier == Tier.CONSTITUENCY_LEAD && placeId == station.constituencyId());
    }

    /**
     * Takes a report: checked (errors refuse it, warnings need the reporter's confirmation), stored once per idempotency
     * key, with the photos sent along and those it names by id, all or nothing.
     *
     * @throws PhotoProblem  a photo is not acceptable, or one the report names is not in the bucket as announced
     * @throws ReportProblem the report is refused before its numbers are checked (nothing stored)
     */
    public Result submit(Submission submission, List<NewPhoto> photos) {
        return reports.submit(submission, photos);
    }

    /** The report, if this volunteer sent it; nobody else learns that it exists. */
    public Optional<Status> status(long reportId, VolunteerId volunteer) {
        return submissions.status(reportId, volunteer);
    }

    /** The receipts of the reports this volunteer sent for this station, newest first (at most 50). */
    public List<Receipt> receipts(VolunteerId volunteer, long stationId) {
        return submissions.receipts(volunteer, stationId);
    }

    /** A station of the election, from memory (reference data does not change on election night): for callers' own checks. */
    public Optional<StationPoint> station(String electionId, long stationId) {
        return submissions.station(electionId, stationId);
    }

    /** The election's checking and verification rules (tolerances, major parties), as configured. */
    public ElectionRules rules(String electionId) {
        return submissions.rules(electionId);
    }

    /** A new API token for the volunteer, returned this once; the volunteer's old token stops working. */
    public String issueToken(VolunteerId volunteer) {
        return tokens.issue(volunteer);
    }

    /** The volunteer whose token this is; empty for anything else, malformed or not. */
    public Optional<VolunteerId> volunteerOfToken(String token) {
        return tokens.volunteerOf(token);
    }

    /** When the volunteer's current token was made, if they have one. */
    public Optional<Instant> tokenIssuedAt(VolunteerId volunteer) {
        return tokens.issuedAt(volunteer);
    }

    public void revokeToken(VolunteerId volunteer) {
        tokens.revoke(volunteer);
    }
}
