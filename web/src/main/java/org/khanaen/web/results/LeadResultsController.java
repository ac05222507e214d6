package org.khanaen.web.results;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.khanaen.assignment.Coverage;
import org.khanaen.assignment.Coverage.StationRow;
import org.khanaen.elections.ContestView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.results.WarRoom.ContestState;
import org.khanaen.results.ReportProblem;
import org.khanaen.results.WarRoom;
import org.khanaen.web.errors.NotFound;
import org.khanaen.web.errors.Refusals;
import org.khanaen.web.results.ResultsAccess.Lead;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The lead's count status: every station of the constituency with each contest's state (no report, partial,
 * final, verified, in conflict), the silent ones first with a button that mails their volunteers; a station's
 * reports with photos, and the lead's confirmation of a waiting final count.
 */
@Controller
class LeadResultsController {

    /** A station on the status page; {@code missing} when some contest has no final count yet. */
    record Line(StationRow row, Map<String, ContestState> states, Map<String, Long> items, boolean missing, boolean conflict) {
    }

    private final ResultsAccess access;
    private final WarRoom warRoom;
    private final Coverage coverage;
    private final ElectionCatalog catalog;
    private final BallotLabels labels;
    private final PhotoResponses photos;
    private final MessageSource messages;
    private final Refusals refusals;
    private final java.time.Clock clock;

    LeadResultsController(ResultsAccess access, WarRoom warRoom, Coverage coverage, ElectionCatalog catalog,
            BallotLabels labels, PhotoResponses photos, MessageSource messages, Refusals refusals, java.time.Clock clock) {
        this.clock = clock;
        this.access = access;
        this.warRoom = warRoom;
        this.coverage = coverage;
        this.catalog = catalog;
        this.labels = labels;
        this.photos = photos;
        this.messages = messages;
        this.refusals = refusals;
    }

    @GetMapping("/lead/results")
    String status(Authentication authentication, HttpServletResponse response, Model model) {
        Optional<Lead> signedIn = access.lead(authentication);
        if (signedIn.isEmpty()) {
            return notALead(response);
        }
        Lead lead = signedIn.get();
        List<String> contests = catalog.contests(access.election()).stream().map(ContestView::code).toList();
        var status = warRoom.stationsOfLead(access.election(), lead.constituency().id());
        List<Line> lines = coverage.stations(access.election(), lead.constituency().code()).stream().map(row -> {
            var s = status.get(row.station().id());
            Map<String, ContestState> states = new java.util.LinkedHashMap<>();
            contests.forEach(c -> states.put(c, s == null ? ContestState.NO_REPORT : s.state(c)));
            boolean missing = states.values().stream().anyMatch(st -> st == ContestState.NO_REPORT || st == ContestState.PARTIAL);
            boolean conflict = states.containsValue(ContestState.CONFLICT);
            return new Line(row, states, s == null ? Map.of() : s.items(), missing, conflict);
        }).sorted(Comparator.comparing((Line l) -> !l.conflict()).thenComparing(l -> !l.missing())).toList();
        model.addAttribute("constituency", lead.constituency());
        model.addAttribute("contests", catalog.contests(access.election()));
        model.addAttribute("lines", lines);
        model.addAttribute("missing", lines.stream().filter(Line::missing).count());
        model.addAttribute("verified", lines.stream().filter(l -> l.states().values().stream().allMatch(st -> st == ContestState.VERIFIED)).count());
        model.addAttribute("leadsVerify", warRoom.leadsVerify(access.election()));
        model.addAttribute("refreshSeconds", 60); // counts arrive while the lead watches
        return "lead/results";
    }

    @PostMapping("/lead/results/stations/{stationId}/chase")
    String chase(@PathVariable long stationId, Authentication authentication, Locale locale, HttpServletResponse response,
            RedirectAttributes redirect) {
        Optional<Lead> signedIn = access.lead(authentication);
        if (signedIn.isEmpty()) {
            return notALead(response);
        }
        try {
            int mailed = warRoom.chase(access.election(), signedIn.get().volunteer(), stationId, access.name(signedIn.get()));
            redirect.addFlashAttribute("noticeText", messages.getMessage("lead.results.chased", new Object[] { mailed }, locale));
        } catch (ReportProblem problem) {
            redirect.addFlashAttribute("problem", refusals.say(problem, locale));
        }
        return "redirect:/lead/results";
    }

    @GetMapping("/lead/results/items/{id}")
    String item(@PathVariable long id, Authentication authentication, Locale locale, HttpServletResponse response, Model model) {
        Optional<Lead> signedIn = access.lead(authentication);
        if (signedIn.isEmpty()) {
            return notALead(response);
        }
        WarRoom.Item item = itemOf(signedIn.get(), id);
        model.addAttribute("item", item);
        model.addAttribute("comparison", Comparison.of(item, labels.of(item.station(), item.contest(), locale)));
        model.addAttribute("photoLinks", photos.links(item));
        model.addAttribute("leadsVerify", warRoom.leadsVerify(access.election()));
        model.addAttribute("mine", item.claimedBy(authentication.getName(), clock.instant()));
        return "lead/result-item";
    }

    @PostMapping("/lead/results/items/{id}/confirm")
    String confirm(@PathVariable long id, @RequestParam long report, Authentication authentication, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        Optional<Lead> signedIn = access.lead(authentication);
        if (signedIn.isEmpty()) {
            return notALead(response);
        }
        if (!refusals.attempt(redirect, "lead.results.confirmed",
                () -> warRoom.confirmAsLead(access.election(), signedIn.get().volunteer(), id, report, authentication.getName()))) {
            return "redirect:/lead/results/items/" + id;
        }
        // on to the next count waiting for the lead, as a verifier goes on to the next item; none: the stations' list
        return warRoom.claimNextForLead(access.election(), signedIn.get().constituency().id(), authentication.getName())
                .map(next -> "redirect:/lead/results/items/" + next).orElse("redirect:/lead/results");
    }

    /**
     * The lead does not confirm this count (it is not what the photo shows, or not for a lead): it goes back to the war
     * room's queue at once, rather than waiting for the lead's hold to run out, and the lead to their stations.
     */
    @PostMapping("/lead/results/items/{id}/leave")
    String leave(@PathVariable long id, Authentication authentication, HttpServletResponse response, RedirectAttributes redirect) {
        Optional<Lead> signedIn = access.lead(authentication);
        if (signedIn.isEmpty()) {
            return notALead(response);
        }
        itemOf(signedIn.get(), id);
        warRoom.release(id, authentication.getName());
        redirect.addFlashAttribute("notice", "lead.results.left");
        return "redirect:/lead/results";
    }

    /** Photos of the lead's own constituency's reports only. */
    @GetMapping("/lead/results/photos/{photoId}")
    ResponseEntity<Void> photo(@PathVariable long photoId, Authentication authentication) {
        Optional<Lead> signedIn = access.lead(authentication);
        if (signedIn.isEmpty()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        long item = warRoom.itemOfPhoto(photoId).orElseThrow(() -> new NotFound("photo " + photoId));
        itemOf(signedIn.get(), item);
        return photos.serve(photoId);
    }

    /** An item of one of the lead's stations, else not found (ids cannot be probed). */
    private WarRoom.Item itemOf(Lead lead, long id) {
        return warRoom.item(id)
                .filter(i -> i.electionId().equals(access.election()) && i.station().constituency().equals(lead.constituency().code()))
                .orElseThrow(() -> new NotFound("item " + id + " in " + lead.constituency().code()));
    }

    private static String notALead(HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        return "lead/not-lead";
    }
}
