package org.khanaen.web.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.khanaen.elections.StationPoint;
import org.khanaen.elections.StationView;
import org.khanaen.results.PhotoProblem;
import org.khanaen.results.Photos;
import org.khanaen.results.ReportIntake;
import org.khanaen.results.ReportProblem;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerPool;
import org.khanaen.web.report.ReportPlaces.Reporter;
import org.khanaen.web.security.CurrentAccount;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The phone page on which a station's volunteer (or the constituency's lead) sends a count report. It is a
 * plain form that works without JavaScript (photos go with the form through the app into the bucket, findings come
 * back on the page); the page's script makes it sturdier on a bad connection: it keeps the draft on the phone, shrinks
 * photos and puts them one by one straight into the bucket by presigned links, and sends the report as JSON, retrying
 * with the same key until an answer comes.
 */
@Controller
class ReportPageController {

    private final ReportPlaces places;
    private final ReportPage page;
    private final ReportIntake intake;
    private final Photos photos;
    private final VolunteerPool pool;
    private final CurrentAccount current;
    private final FindingText text;
    private final PhotoRule photoRule;

    ReportPageController(ReportPlaces places, ReportPage page, ReportIntake intake, Photos photos,
            VolunteerPool pool, CurrentAccount current, FindingText text, PhotoRule photoRule) {
        this.photoRule = photoRule;
        this.places = places;
        this.page = page;
        this.intake = intake;
        this.photos = photos;
        this.pool = pool;
        this.current = current;
        this.text = text;
    }

    @GetMapping("/me/report")
    String form(@RequestParam Optional<String> station, @RequestParam Optional<String> contest, Authentication authentication,
            HttpServletResponse response, Model model) {
        Optional<Reporter> reporter = reporter(authentication);
        if (reporter.isEmpty()) {
            return nowhere(response);
        }
        ReportPage.Draft fresh = ReportPage.Draft.empty(newKey());
        return page.show(reporter.get(), station.orElse(null), contest.orElse(null), fresh, model);
    }

    /** The form without JavaScript: photos as files with it; a refusal comes back as the page with what was typed. */
    @PostMapping(path = "/me/report", consumes = { MediaType.MULTIPART_FORM_DATA_VALUE, MediaType.APPLICATION_FORM_URLENCODED_VALUE })
    String send(@RequestParam MultiValueMap<String, String> form,
            @RequestParam(name = "tally_board", required = false) MultipartFile tallyBoard,
            @RequestParam(name = "count_form", required = false) MultipartFile countForm,
            @RequestParam(name = "station_sign", required = false) MultipartFile stationSign, Authentication authentication,
            Locale locale, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Optional<Reporter> signedIn = reporter(authentication);
        if (signedIn.isEmpty()) {
            return nowhere(response);
        }
        Reporter reporter = signedIn.get();
        ReportPage.Draft draft = ReportPage.Draft.of(form);
        Optional<StationPoint> station = Optional.ofNullable(draft.stationId()).flatMap(id -> places.station(reporter, id));
        if (station.isEmpty()) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("problems", List.of(text.message("report.problem.not-yours", null, locale)));
            return page.show(reporter, null, draft.contest(), draft, model);
        }
        String code = page.stationCode(station.get().id());
        List<String> problems = new ArrayList<>();
        // photos first, each on its own, as the script uploads them: kept (as ids in the page) when the
        // report comes back to be fixed, so a slow connection does not carry them twice
        List<Long> photoIds = new ArrayList<>(draft.photoIds());
        store(Photos.PhotoKind.TALLY_BOARD, tallyBoard, authentication.getName(), photoIds, problems, locale);
        store(Photos.PhotoKind.COUNT_FORM, countForm, authentication.getName(), photoIds, problems, locale);
        store(Photos.PhotoKind.STATION_SIGN, stationSign, authentication.getName(), photoIds, problems, locale);
        draft = draft.withPhotos(photoIds);
        ReportIntake.Result result = null;
        try {
            ReportRequest request = draft.request();
            List<Photos.PhotoKind> missing = photoRule.missing(request.tally().isFinal(), photoIds, authentication.getName());
            if (!missing.isEmpty() && !draft.photosLater()) {
                problems.add(photoRule.problem(missing, locale));
                model.addAttribute("photosChoice", true);
            }
            if (problems.isEmpty()) {
                result = intake.submit(submission(reporter, station.get(), request, authentication.getName()), List.of());
            }
        } catch (ReportRequest.Malformed e) {
            e.keys().forEach(key -> problems.add(text.message(key, null, locale)));
        } catch (ReportProblem e) {
            problems.add(text.message(e.key(), null, locale));
        } catch (PhotoProblem e) {
            problems.add(text.message(e.key(), e.arguments(), locale));
        }
        if (result != null && result.outcome() != ReportIntake.Outcome.REFUSED) {
            redirect.addFlashAttribute("sent", result.reportId());
            return "redirect:/me/report?station=" + code + "&contest=" + draft.contest();
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        model.addAttribute("problems", problems);
        if (result != null) {
            model.addAttribute("findings", text.of(result.findings(), locale, page.names(reporter, station.get().id(), draft.contest(), locale)));
            model.addAttribute("needsConfirmation", (result.findings().errors().isEmpty() || asWrittenPossible(result))
                    && !result.findings().warnings().isEmpty());
            model.addAttribute("asWrittenPossible", asWrittenPossible(result));
        }
        return page.show(reporter, code, draft.contest(), draft, model);
    }

    /** The page's script: the same report as JSON; the answer says stored, already stored, or what to fix. */
    @PostMapping(path = "/me/report", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> sendJson(@RequestBody ReportRequest request, Authentication authentication, Locale locale) {
        Optional<Reporter> reporter = reporter(authentication);
        Optional<StationPoint> station = reporter
                .flatMap(r -> Optional.ofNullable(request.stationId()).flatMap(id -> places.station(r, id)));
        if (station.isEmpty()) {
            return answer(HttpStatus.FORBIDDEN, "REFUSED", List.of(text.message("report.problem.not-yours", null, locale)), null);
        }
        try {
            List<Photos.PhotoKind> missing = photoRule.missing(request.tally().isFinal(), request.photos(), authentication.getName());
            if (!missing.isEmpty() && !request.withoutPhotosChosen()) {
                // the page's own rule, checked here too: a script that skipped it (or an old one) cannot send without photos
                Map<String, Object> body = body("REFUSED", List.of(photoRule.problem(missing, locale)));
                body.put("photosMissing", missing);
                return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(body);
            }
            ReportIntake.Result result = intake.submit(submission(reporter.get(), station.get(), request, authentication.getName()), List.of());
            if (result.outcome() == ReportIntake.Outcome.REFUSED) {
                Map<String, Object> body = body("REFUSED", List.of());
                body.put("findings", text.of(result.findings(), locale,
                        page.names(reporter.get(), station.get().id(), request.contest(), locale)));
                body.put("needsConfirmation", result.findings().errors().isEmpty()
                        || asWrittenPossible(result) && !result.findings().warnings().isEmpty());
                body.put("asWrittenPossible", asWrittenPossible(result));
                return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(body);
            }
            Map<String, Object> body = body(result.outcome().name(), List.of());
            body.put("reportId", result.reportId());
            body.put("message", text.message("report-page.sent", new Object[] { result.reportId() }, locale));
            body.put("receipts", "/me/report/receipts?station=" + station.get().id() + "&sent=" + result.reportId());
            return ResponseEntity.ok(body);
        } catch (ReportRequest.Malformed e) {
            return answer(HttpStatus.BAD_REQUEST, "MALFORMED", e.keys().stream().map(k -> text.message(k, null, locale)).toList(), null);
        } catch (ReportProblem e) {
            return answer(HttpStatus.UNPROCESSABLE_CONTENT, "REFUSED", List.of(text.message(e.key(), null, locale)), null);
        } catch (PhotoProblem e) { // a photo it names is not in the bucket as announced: upload it again
            return answer(HttpStatus.UNPROCESSABLE_CONTENT, "REFUSED", List.of(text.message(e.key(), e.arguments(), locale)), null);
        }
    }

    /**
     * The reporter's own reports for the station, each a receipt of exactly what was stored and where it stands now: the
     * part of the page its script asks for again after sending and while a count waits (no inline script: it replaces
     * the part with this HTML).
     *
     * @param sent the report just sent, whose receipt is opened
     */
    @GetMapping(path = "/me/report/receipts", produces = MediaType.TEXT_HTML_VALUE)
    String receipts(@RequestParam long station, @RequestParam Optional<Long> sent, Authentication authentication,
            HttpServletResponse response, Locale locale, Model model) {
        Optional<Reporter> reporter = reporter(authentication);
        Optional<StationView> view = reporter.flatMap(r -> places.station(r, station)).flatMap(s -> page.station(s.id()));
        if (view.isEmpty()) {
            return nowhere(response);
        }
        List<ReportPage.ReceiptView> receipts = page.receipts(reporter.get(), view.get(), locale);
        model.addAttribute("station", view.get());
        model.addAttribute("receipts", receipts);
        model.addAttribute("receiptsWaiting", receipts.stream().anyMatch(ReportPage.ReceiptView::waiting));
        sent.ifPresent(id -> model.addAttribute("sent", id));
        return "report/receipts :: list";
    }

    /**
     * The page's script asks to upload a photo it shrank (its size, type and SHA-256) and puts it straight into the
     * bucket with the answer; the report then names it. No photo byte passes through the app.
     */
    @PostMapping(path = "/me/report/photos/uploads", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> photoUpload(@RequestBody PhotoUpload request, Authentication authentication, Locale locale) {
        if (reporter(authentication).isEmpty()) {
            return answer(HttpStatus.FORBIDDEN, "REFUSED", List.of(text.message("report-page.nowhere", null, locale)), null);
        }
        try {
            return ResponseEntity.status(HttpStatus.CREATED).body(request.request(photos, authentication.getName()));
        } catch (PhotoProblem e) {
            return answer(HttpStatus.BAD_REQUEST, "REFUSED", List.of(text.message(e.key(), e.arguments(), locale)), null);
        }
    }

    /**
     * One photo through the app, for the page's script where it cannot hash (a page not served over HTTPS has no
     * {@code crypto.subtle}): the bytes come in and go on to the bucket, twice the photo's size through the app.
     */
    @PostMapping(path = "/me/report/photos", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> photo(@RequestParam Photos.PhotoKind kind, @RequestParam("file") MultipartFile file,
            Authentication authentication, Locale locale) {
        if (reporter(authentication).isEmpty()) {
            return answer(HttpStatus.FORBIDDEN, "REFUSED", List.of(text.message("report-page.nowhere", null, locale)), null);
        }
        try {
            Photos.StoredPhoto stored = photos.store(file.getBytes(), kind, authentication.getName());
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(Map.of("id", stored.id(), "sha256", stored.sha256(), "kind", stored.kind().name()));
        } catch (PhotoProblem e) {
            return answer(HttpStatus.BAD_REQUEST, "REFUSED", List.of(text.message(e.key(), e.arguments(), locale)), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new API token for a partner app, shown once; the old one stops working. */
    @PostMapping("/me/report/token")
    String issueToken(Authentication authentication, HttpServletResponse response, RedirectAttributes redirect) {
        Optional<VolunteerId> volunteer = reporter(authentication).map(Reporter::volunteer);
        if (volunteer.isEmpty()) {
            return nowhere(response);
        }
        redirect.addFlashAttribute("newToken", intake.issueToken(volunteer.get()));
        redirect.addFlashAttribute("notice", "report-page.token.issued");
        return "redirect:/me/report#token";
    }

    @PostMapping("/me/report/token/revoke")
    String revokeToken(Authentication authentication, HttpServletResponse response, RedirectAttributes redirect) {
        Optional<VolunteerId> volunteer = pool.ofAccount(current.of(authentication));
        if (volunteer.isEmpty()) {
            return nowhere(response);
        }
        intake.revokeToken(volunteer.get());
        redirect.addFlashAttribute("notice", "report-page.token.revoked");
        return "redirect:/me/report#token";
    }

    static ReportIntake.Submission submission(Reporter reporter, StationPoint station, ReportRequest request, String actor) {
        var tally = request.tally();
        return new ReportIntake.Submission(station.electionId(), station.id(), request.contest().strip(), reporter.volunteer(), actor,
                request.idempotencyKey(), tally, request.confirmed(), request.photos(), request.writtenSo());
    }

    /** Only the form's own sums fail: the volunteer may say the signed form reads so, and the war room decides. */
    private static boolean asWrittenPossible(ReportIntake.Result result) {
        return !result.findings().errors().isEmpty() && result.findings().acceptable(true, true);
    }

    private Optional<Reporter> reporter(Authentication authentication) {
        return pool.ofAccount(current.of(authentication)).flatMap(places::of);
    }

    private void store(Photos.PhotoKind kind, MultipartFile file, String actor, List<Long> ids, List<String> problems, Locale locale) {
        if (file == null || file.isEmpty()) {
            return;
        }
        try {
            ids.add(photos.store(file.getBytes(), kind, actor).id());
        } catch (PhotoProblem e) {
            problems.add(text.message("report-page.photo." + kind, null, locale) + ": " + text.message(e.key(), e.arguments(), locale));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseEntity<Map<String, Object>> answer(HttpStatus status, String outcome, List<String> problems, Long reportId) {
        Map<String, Object> body = body(outcome, problems);
        if (reportId != null) {
            body.put("reportId", reportId);
        }
        return ResponseEntity.status(status).body(body);
    }

    private static Map<String, Object> body(String outcome, List<String> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", outcome);
        body.put("problems", problems);
        return body;
    }

    /** A key for a draft started without JavaScript; the script makes its own and keeps it with the draft. */
    static String newKey() {
        return UUID.randomUUID().toString();
    }

    /** Signed in but neither placed at a station nor leading a constituency: a page that says so. */
    private static String nowhere(HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        return "report/nowhere";
    }
}
