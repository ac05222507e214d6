package org.khanaen.web.assignment.volunteer;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.khanaen.assignment.AssignmentId;
import org.khanaen.assignment.AssignmentProblem;
import org.khanaen.assignment.AssignmentView;
import org.khanaen.assignment.Coverage;
import org.khanaen.assignment.Coverage.StationRow;
import org.khanaen.assignment.AssignmentResponses;
import org.khanaen.assignment.ManualAssignments;
import org.khanaen.assignment.SampleStations;
import org.khanaen.assignment.StationAttention;
import org.khanaen.assignment.StationRole;
import org.khanaen.assignment.Tier;
import org.khanaen.elections.ConstituencyView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationView;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerPool;
import org.khanaen.web.errors.NotFound;
import org.khanaen.web.errors.Refusals;
import org.khanaen.web.security.CurrentAccount;
import org.springframework.http.HttpStatus;
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
 * A constituency lead's election day: who stands at each of their stations, who has not checked in,
 * putting the backup into place, moving, swapping and releasing people within the constituency, and how
 * to reach them. Leads sign in as volunteers; being a lead is their assignment in the registry's election,
 * checked on every request.
 */
@Controller
class LeadController {

    private record Lead(VolunteerId volunteer, ConstituencyView constituency) {
    }

    /** Someone standing at one of the lead's stations, for the forms' lists. */
    record Placed(Coverage.Person person, StationView station, StationRole role) {
    }

    /** A station on the dashboard, why it needs the lead, if it does, and whether it is in the quick count's sample. */
    record Line(StationRow row, StationAttention why, boolean sample) {
        public boolean attention() {
            return why.needed();
        }
    }

    /** Cards per page: a constituency has ~230 stations, more than anyone scrolls through on a phone. */
    static final int PAGE = 40;

    private final String election;
    private final Coverage coverage;
    private final ManualAssignments manual;
    private final VolunteerPool pool;
    private final ElectionCatalog catalog;
    private final CurrentAccount current;
    private final Refusals refusals;
    private final AssignmentResponses responses;
    private final SampleStations samples;

    LeadController(Coverage coverage, ManualAssignments manual, VolunteerPool pool, ElectionCatalog catalog, CurrentAccount current,
            Refusals refusals, AssignmentResponses responses, SampleStations samples) {
        this.responses = responses;
        this.samples = samples;
        this.election = catalog.current();
        this.coverage = coverage;
        this.manual = manual;
        this.pool = pool;
        this.catalog = catalog;
        this.current = current;
        this.refusals = refusals;
    }

    /**
     * The stations needing attention first (by default only those, while there are any), a page at a time; the
     * move, swap and release forms below still list the whole constituency.
     */
    @GetMapping("/lead")
    String dashboard(@RequestParam(required = false) String show, @RequestParam(defaultValue = "1") int page, Authentication authentication,
            HttpServletResponse response, Model model) {
        Optional<Lead> signedIn = lead(authentication);
        if (signedIn.isEmpty()) {
            return notALead(response);
        }
        Lead lead = signedIn.get();
        boolean checkInOpen = responses.checkInOpen(election);
        List<StationRow> rows = coverage.stations(election, lead.constituency().code());
        Set<Long> sample = samples.of(election);
        List<Line> all = rows.stream()
                .map(r -> new Line(r, StationAttention.of(r, checkInOpen), sample.contains(r.station().id())))
                // stable: the catalogue's order within each group; the quick count's sample first among equally urgent
                .sorted(Comparator.comparingInt((Line line) -> line.why().urgency()).thenComparing(line -> !line.sample()))
                .toList();
        long missing = all.stream().filter(Line::attention).count();
        boolean onlyAttention = show == null ? missing > 0 : show.equals("attention");
        List<Line> shown = onlyAttention ? all.stream().filter(Line::attention).toList() : all;
        int pages = Math.max(1, (shown.size() + PAGE - 1) / PAGE);
        int at = Math.clamp(page, 1, pages);
        List<Line> lines = shown.subList((at - 1) * PAGE, Math.min(shown.size(), at * PAGE));
        model.addAttribute("checkInOpen", checkInOpen);
        model.addAttribute("show", onlyAttention ? "attention" : "all");
        model.addAttribute("page", at);
        model.addAttribute("pages", pages);
        model.addAttribute("total", all.size());
        model.addAttribute("lines", lines);
        model.addAttribute("missing", missing);
        model.addAttribute("sampleCount", all.stream().filter(Line::sample).count());
        model.addAttribute("constituency", lead.constituency());
        // for the move, swap and release forms: the constituency's stations and who stands at them, in the catalogue's order
        model.addAttribute("stations", rows.stream().map(StationRow::station).toList());
        model.addAttribute("people", rows.stream().flatMap(r -> Stream.of(
                        Optional.ofNullable(r.primary()).map(p -> new Placed(p, r.station(), StationRole.PRIMARY)),
                        Optional.ofNullable(r.backup()).map(p -> new Placed(p, r.station(), StationRole.BACKUP)))
                .flatMap(Optional::stream)).toList());
        model.addAttribute("roles", StationRole.values());
        return "lead/dashboard";
    }

    @PostMapping("/lead/stations/{stationId}/backup-into-place")
    String backupIntoPlace(@PathVariable long stationId, Authentication authentication, Locale locale, HttpServletResponse response,
            RedirectAttributes redirect) {
        return change(authentication, locale, response, redirect, "lead.backup.done",
                lead -> manual.backupIntoPlace(election, stationOf(lead, stationId).id(), actor(authentication)));
    }

    @PostMapping("/lead/move")
    String move(@RequestParam long assignment, @RequestParam long station, @RequestParam StationRole role,
            @RequestParam(defaultValue = "") String reason, Authentication authentication, Locale locale, HttpServletResponse response,
            RedirectAttributes redirect) {
        return change(authentication, locale, response, redirect, "lead.move.done", lead -> manual.move(placedWith(lead, assignment).id(),
                ManualAssignments.Place.station(stationOf(lead, station).id(), role), actor(authentication), blankToNull(reason)));
    }

    @PostMapping("/lead/swap")
    String swap(@RequestParam long first, @RequestParam long second, @RequestParam(defaultValue = "") String reason,
            Authentication authentication, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        return change(authentication, locale, response, redirect, "lead.swap.done", lead -> manual.swap(placedWith(lead, first).id(),
                placedWith(lead, second).id(), actor(authentication), blankToNull(reason)));
    }

    /** A no-show, say: the slot falls empty for the backup, a run or a coordinator; the reason goes into the history. */
    @PostMapping("/lead/release")
    String release(@RequestParam long assignment, @RequestParam(defaultValue = "") String reason, Authentication authentication,
            Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        return change(authentication, locale, response, redirect, "lead.release.done", lead -> {
            AssignmentView placed = placedWith(lead, assignment);
            if (reason.isBlank()) {
                throw new AssignmentProblem("lead.release.reason-required");
            }
            manual.release(placed.id(), actor(authentication), reason.strip());
        });
    }

    @GetMapping("/lead/volunteers/{volunteerId}")
    String contact(@PathVariable long volunteerId, Authentication authentication, HttpServletResponse response, Model model) {
        Optional<Lead> signedIn = lead(authentication);
        if (signedIn.isEmpty()) {
            return notALead(response);
        }
        Lead lead = signedIn.get();
        VolunteerId volunteer = new VolunteerId(volunteerId);
        // only people placed in the lead's own constituency; anyone else is "not found", so ids cannot be probed
        var assignment = coverage.assignmentOf(election, volunteer)
                .filter(a -> a.constituencyId() != null && a.constituencyId() == lead.constituency().id())
                .orElseThrow(() -> new NotFound("volunteer " + volunteerId + " in " + lead.constituency().code()));
        var contact = pool.contact(volunteer, actor(authentication), "lead: constituency " + lead.constituency().code())
                .orElseThrow(() -> new NotFound("volunteer " + volunteerId));
        response.setHeader("Cache-Control", "no-store"); // a phone number on a shared phone's back button
        model.addAttribute("contact", contact);
        model.addAttribute("assignment", assignment);
        model.addAttribute("station", catalog.station(assignment.placeId()).filter(s -> assignment.stationRole() != null).orElse(null));
        model.addAttribute("constituency", lead.constituency());
        return "lead/volunteer";
    }

    /**
     * A change by the lead: refused in words (the module's reason) or done with a notice, back on the dashboard.
     * The checks inside the action throw NotFound for anything outside the lead's constituency.
     */
    private String change(Authentication authentication, Locale locale, HttpServletResponse response, RedirectAttributes redirect,
            String done, Consumer<Lead> action) {
        Optional<Lead> signedIn = lead(authentication);
        if (signedIn.isEmpty()) {
            return notALead(response);
        }
        refusals.attempt(redirect, done, () -> action.accept(signedIn.get()));
        return "redirect:/lead";
    }

    /** A station of the lead's own constituency, else not found. */
    private StationView stationOf(Lead lead, long stationId) {
        return catalog.station(stationId)
                .filter(s -> s.electionId().equals(election) && s.constituency().equals(lead.constituency().code()))
                .orElseThrow(() -> new NotFound("station " + stationId + " in " + lead.constituency().code()));
    }

    /** Someone placed at a station of the lead's constituency (not a fellow lead), else not found. */
    private AssignmentView placedWith(Lead lead, long assignment) {
        return coverage.assignment(new AssignmentId(assignment))
                .filter(a -> a.electionId().equals(election) && a.tier() == Tier.STATION && a.constituencyId() != null
                        && a.constituencyId() == lead.constituency().id())
                .orElseThrow(() -> new NotFound("assignment " + assignment + " in " + lead.constituency().code()));
    }

    private static String blankToNull(String reason) {
        return reason.isBlank() ? null : reason.strip();
    }

    /** Signed in, but not a lead in this election: a page that says so in their words, not the generic 403. */
    private static String notALead(HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        return "lead/not-lead";
    }

    private Optional<Lead> lead(Authentication authentication) {
        Optional<VolunteerId> volunteer = pool.ofAccount(current.of(authentication));
        return volunteer.flatMap(v -> coverage.ledBy(election, v).flatMap(this::constituency).map(c -> new Lead(v, c)));
    }

    private Optional<ConstituencyView> constituency(long id) {
        return catalog.constituency(election, id);
    }

    /** The lead's username: the audit and the assignment history say who looked and who moved. */
    private static String actor(Authentication authentication) {
        return authentication.getName();
    }
}
