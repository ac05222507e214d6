package org.khanaen.web.assignment;

import java.util.Locale;
import java.util.Optional;

import org.khanaen.assignment.AssignmentId;
import org.khanaen.assignment.AssignmentProblem;
import org.khanaen.assignment.AssignmentView;
import org.khanaen.assignment.Coverage;
import org.khanaen.assignment.ManualAssignments;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationView;
import org.khanaen.volunteers.OrganisationView;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerPool;
import org.khanaen.web.roster.CoordinatorAccess;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A coordinator's hands-on placing: who of their organisation stands where, and placing, moving, swapping
 * and releasing their own approved volunteers at any station (stations are shared). Someone else's
 * volunteer or assignment is "not found", whether or not it exists; the module keeps the booking rules.
 */
@Controller
@RequestMapping("/org/{slug}/assignments")
class OrganisationPlacementController {

    static final int PAGE_SIZE = 100;

    private final CoordinatorAccess access;
    private final AssignmentPages pages;
    private final Coverage coverage;
    private final ManualAssignments manual;
    private final ElectionCatalog catalog;
    private final VolunteerPool pool;
    private final String electionId;

    OrganisationPlacementController(CoordinatorAccess access, AssignmentPages pages, Coverage coverage, ManualAssignments manual,
            ElectionCatalog catalog, VolunteerPool pool) {
        this.access = access;
        this.pages = pages;
        this.coverage = coverage;
        this.manual = manual;
        this.catalog = catalog;
        this.pool = pool;
        this.electionId = catalog.current();
    }

    @GetMapping
    String list(@PathVariable String slug, @RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page,
            Authentication authentication, Model model) {
        OrganisationView organisation = access.require(slug, authentication);
        model.addAttribute("election", pages.election(electionId));
        model.addAttribute("organisation", organisation);
        model.addAttribute("q", q);
        model.addAttribute("placed", coverage.ofOrganisation(electionId, organisation.id().value(), Optional.of(q),
                PageRequest.of(Math.max(0, page), PAGE_SIZE)));
        model.addAttribute("roles", StationRole.values());
        return "assignment/organisation-placed";
    }

    @PostMapping("/assign")
    String assign(@PathVariable String slug, @RequestParam long volunteer, @RequestParam(defaultValue = "") String station,
            @RequestParam StationRole role, Authentication authentication, RedirectAttributes redirect) {
        OrganisationView organisation = access.require(slug, authentication);
        return act(organisation, redirect, "assignment.admin.done.assigned", () -> manual.assign(electionId, ownVolunteer(organisation, volunteer),
                ManualAssignments.Place.station(station(station).id(), role), CoordinatorAccess.actor(authentication)));
    }

    @PostMapping("/move")
    String move(@PathVariable String slug, @RequestParam long assignment, @RequestParam(defaultValue = "") String station,
            @RequestParam StationRole role, @RequestParam(defaultValue = "") String reason, Authentication authentication,
            RedirectAttributes redirect) {
        OrganisationView organisation = access.require(slug, authentication);
        return act(organisation, redirect, "assignment.admin.done.moved", () -> manual.move(own(organisation, assignment).id(),
                ManualAssignments.Place.station(station(station).id(), role), CoordinatorAccess.actor(authentication), reason(reason)));
    }

    @PostMapping("/swap")
    String swap(@PathVariable String slug, @RequestParam long first, @RequestParam long second, @RequestParam(defaultValue = "") String reason,
            Authentication authentication, RedirectAttributes redirect) {
        OrganisationView organisation = access.require(slug, authentication);
        return act(organisation, redirect, "assignment.admin.done.swapped", () -> manual.swap(own(organisation, first).id(),
                own(organisation, second).id(), CoordinatorAccess.actor(authentication), reason(reason)));
    }

    @PostMapping("/release")
    String release(@PathVariable String slug, @RequestParam long assignment, @RequestParam(defaultValue = "") String reason,
            Authentication authentication, RedirectAttributes redirect) {
        OrganisationView organisation = access.require(slug, authentication);
        return act(organisation, redirect, "assignment.admin.done.released", () -> {
            AssignmentView mine = own(organisation, assignment);
            // The history keeps why a place fell empty: the coverage and the volunteer's answer depend on it.
            String why = Optional.ofNullable(reason(reason)).orElseThrow(() -> new AssignmentProblem("assignment.org.problem.reason"));
            manual.release(mine.id(), CoordinatorAccess.actor(authentication), why);
        });
    }

    /** A volunteer this organisation approved; any other number reads as unknown, so numbers cannot be probed. */
    private VolunteerId ownVolunteer(OrganisationView organisation, long volunteer) {
        VolunteerId id = new VolunteerId(volunteer);
        if (!pool.approvedBy(id, organisation.id())) {
            throw new AssignmentProblem("assignment.org.problem.no-volunteer", String.valueOf(volunteer));
        }
        return id;
    }

    /** An assignment in the registry's election of a volunteer this organisation approved. */
    private AssignmentView own(OrganisationView organisation, long assignment) {
        return coverage.assignment(new AssignmentId(assignment)).filter(a -> a.electionId().equals(electionId) && pool.approvedBy(a.volunteer(), organisation.id()))
                .orElseThrow(() -> new AssignmentProblem("assignment.problem.not-found"));
    }

    private StationView station(String code) {
        String typed = code.strip().toUpperCase(Locale.ROOT);
        return catalog.stationByCode(electionId, typed).orElseThrow(() -> new AssignmentProblem("assignment.problem.no-station", typed));
    }

    private static String reason(String reason) {
        return reason.isBlank() ? null : reason.strip();
    }

    /** Every action comes back to the table: a notice when done, the reason in words when refused. */
    private String act(OrganisationView organisation, RedirectAttributes redirect, String done, Runnable action) {
        pages.refusals().attempt(redirect, done, action);
        return "redirect:/org/" + organisation.slug() + "/assignments";
    }
}
