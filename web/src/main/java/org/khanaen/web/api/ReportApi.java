package org.khanaen.web.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.khanaen.elections.StationPoint;
import org.khanaen.results.Photos;
import org.khanaen.results.ReportIntake;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.web.errors.ApiLanguage;
import org.khanaen.web.report.FindingText;
import org.khanaen.web.report.PhotoUpload;
import org.khanaen.web.report.ReportPlaces;
import org.khanaen.web.report.ReportRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Partner apps send a station's count report for the volunteer whose token they hold
 * ({@code Authorization: Bearer khv_...}): only for that volunteer's station (or, for a lead, a station of
 * their constituency). Safe to retry: the same idempotency key stores one report (201 the first time, 200
 * after). Findings come back as a 422 problem detail, each with its code, numbers and message.
 */
@RestController
@RequestMapping("/api/v1")
class ReportApi {

    /** What is answered for a stored report, the first time and for every retry. */
    record Stored(long reportId, String outcome, String electionId, long stationId, String contest, @JsonProperty("final") boolean isFinal) {
    }

    record PhotoAnswer(long id, String sha256, Photos.PhotoKind kind, String contentType, int width, int height) {
    }

    private final ReportPlaces places;
    private final ReportIntake intake;
    private final Photos photos;
    private final FindingText text;
    private final JsonMapper json;

    ReportApi(ReportPlaces places, ReportIntake intake, Photos photos, FindingText text, JsonMapper json) {
        this.json = json;
        this.places = places;
        this.intake = intake;
        this.photos = photos;
        this.text = text;
    }

    @PostMapping(path = "/stations/{stationId}/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> report(@AuthenticationPrincipal VolunteerId volunteer, @PathVariable long stationId, @RequestBody ReportRequest report,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, Locale locale, HttpServletRequest request) {
        return submit(volunteer, stationId, report, key, List.of(), locale, request);
    }

    /** Where a report the volunteer sent stands (the 201's Location); another volunteer's report is not found. */
    @org.springframework.web.bind.annotation.GetMapping("/stations/{stationId}/reports/{reportId}")
    ResponseEntity<?> status(@AuthenticationPrincipal VolunteerId volunteer, @PathVariable long stationId, @PathVariable long reportId,
            Locale locale, HttpServletRequest request) {
        return intake.status(reportId, volunteer).filter(s -> s.stationId() == stationId)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, text.message("report-page.api.no-report", null, language(request, locale)),
                        request));
    }

    /** The report as a JSON part named {@code report}, its photos as parts named by kind. */
    @PostMapping(path = "/stations/{stationId}/reports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<?> reportWithPhotos(@AuthenticationPrincipal VolunteerId volunteer, @PathVariable long stationId,
            @RequestPart("report") String reportJson, @RequestPart(name = "tally_board", required = false) MultipartFile tallyBoard,
            @RequestPart(name = "count_form", required = false) MultipartFile countForm,
            @RequestPart(name = "station_sign", required = false) MultipartFile stationSign,
            @RequestHeader(name = "Idempotency-Key", required = false) String key, Locale locale, HttpServletRequest request) {
        ReportRequest report;
        try { // read here, not by a converter: some clients send the part without a JSON content type
            report = json.readValue(reportJson, ReportRequest.class);
        } catch (JacksonException e) {
            return problem(HttpStatus.BAD_REQUEST, text.message("report-page.api.unreadable", null, language(request, locale)), request);
        }
        List<ReportIntake.NewPhoto> sent = new ArrayList<>();
        add(sent, Photos.PhotoKind.TALLY_BOARD, tallyBoard);
        add(sent, Photos.PhotoKind.COUNT_FORM, countForm);
        add(sent, Photos.PhotoKind.STATION_SIGN, stationSign);
        return submit(volunteer, stationId, report, key, sent, locale, request);
    }

    /**
     * The way to send a photo without carrying it through the app: say what it is (kind, content type, size, SHA-256),
     * PUT the bytes to the presigned link answered, with its headers, then name the id in the report's {@code photoIds}.
     * The report is refused (400, {@code photo.problem.*}) when the object is missing or not as announced.
     */
    @PostMapping(path = "/photos/uploads", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> photoUpload(@AuthenticationPrincipal VolunteerId volunteer, @RequestBody tools.jackson.databind.JsonNode body,
            Locale locale, HttpServletRequest request) {
        try {
            if (body.isArray()) {
                // all of a report's photos in one ask (one request, not one a photo): answered in the same order
                List<Photos.Asked> asked = new ArrayList<>();
                for (tools.jackson.databind.JsonNode one : body) {
                    asked.add(json.treeToValue(one, PhotoUpload.class).asked());
                }
                return ResponseEntity.status(HttpStatus.CREATED)
                        .body(photos.requestUploads(asked, actor(volunteer)).stream().map(PhotoUpload.Granted::of).toList());
            }
            PhotoUpload upload = json.treeToValue(body, PhotoUpload.class);
            return ResponseEntity.status(HttpStatus.CREATED).body(upload.request(photos, actor(volunteer)));
        } catch (JacksonException e) {
            return problem(HttpStatus.BAD_REQUEST, text.message("report-page.api.unreadable", null, language(request, locale)), request);
        }
    }

    /**
     * A photo uploaded through the app before its report (which then names it in {@code photoIds}): a {@code file} part
     * or the image as the body. Kept for partner apps written before presigned uploads; the bytes pass through the app.
     */
    @PostMapping(path = "/photos", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<PhotoAnswer> photo(@AuthenticationPrincipal VolunteerId volunteer, @RequestParam Photos.PhotoKind kind,
            @RequestPart("file") MultipartFile file) throws IOException {
        return photo(volunteer, kind, file.getBytes());
    }

    @PostMapping(path = "/photos", consumes = { MediaType.IMAGE_JPEG_VALUE, MediaType.IMAGE_PNG_VALUE, "image/webp",
            MediaType.APPLICATION_OCTET_STREAM_VALUE })
    ResponseEntity<PhotoAnswer> photo(@AuthenticationPrincipal VolunteerId volunteer, @RequestParam Photos.PhotoKind kind,
            @RequestBody byte[] content) {
        Photos.StoredPhoto stored = photos.store(content, kind, actor(volunteer));
        return ResponseEntity.created(URI.create("/api/v1/photos/" + stored.id()))
                .body(new PhotoAnswer(stored.id(), stored.sha256(), stored.kind(), stored.contentType(), stored.width(), stored.height()));
    }

    private ResponseEntity<?> submit(VolunteerId volunteer, long stationId, ReportRequest report, String headerKey, List<ReportIntake.NewPhoto> sent,
            Locale resolved, HttpServletRequest request) {
        Locale locale = language(request, resolved);
        String election = report.electionId() == null || report.electionId().isBlank() ? places.election() : report.electionId().strip();
        StationPoint station = intake.station(election, stationId).orElse(null);
        if (station == null) {
            return problem(HttpStatus.NOT_FOUND, text.message("report.problem.no-station", null, locale), request);
        }
        // whether it is the volunteer's station is decided by the submission itself (a 403 from its refusal): asking
        // here too cost a second assignment look-up per call
        ReportRequest keyed = report.idempotencyKey() == null && headerKey != null ? report.withKey(headerKey.strip()) : report;
        ReportIntake.Result result = intake.submit(new ReportIntake.Submission(election, station.id(),
                keyed.contest() == null ? null : keyed.contest().strip(),
                volunteer, actor(volunteer), keyed.idempotencyKey(), keyed.tally(), keyed.confirmed(), keyed.photos(), keyed.writtenSo()),
                sent);
        if (result.outcome() == ReportIntake.Outcome.REFUSED) {
            ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, text.message(result.findings().errors().isEmpty()
                    ? "report-page.api.warnings" : "report-page.api.errors", null, locale), request).getBody();
            problem.setProperty("findings", text.of(result.findings(), locale));
            return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        Stored body = new Stored(result.reportId(), result.outcome().name(), election, station.id(), keyed.contest().strip(),
                keyed.tally().isFinal());
        return result.outcome() == ReportIntake.Outcome.STORED
                ? ResponseEntity.created(URI.create("/api/v1/stations/" + station.id() + "/reports/" + result.reportId())).body(body)
                : ResponseEntity.ok(body);
    }

    @ExceptionHandler(ReportRequest.Malformed.class)
    ResponseEntity<ProblemDetail> malformed(ReportRequest.Malformed e, Locale resolved, HttpServletRequest request) {
        Locale locale = language(request, resolved);
        var response = problem(HttpStatus.BAD_REQUEST, text.message("report-page.api.malformed", null, locale), request);
        response.getBody().setProperty("errors", e.keys().stream().map(k -> Map.of("code", k, "message", text.message(k, null, locale))).toList());
        return response;
    }

    /** Refusals by key (ReportProblem, PhotoProblem) are answered by ApiProblems in the same language. */
    private static Locale language(HttpServletRequest request, Locale resolved) {
        return ApiLanguage.of(request, resolved);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static void add(List<ReportIntake.NewPhoto> sent, Photos.PhotoKind kind, MultipartFile file) {
        if (file != null && !file.isEmpty()) {
            try {
                sent.add(new ReportIntake.NewPhoto(kind, file.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String actor(VolunteerId volunteer) {
        return "api:volunteer:" + volunteer.value();
    }
}
