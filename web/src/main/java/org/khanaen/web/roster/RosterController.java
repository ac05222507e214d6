package org.khanaen.web.roster;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.khanaen.volunteers.AffiliationStatus;
import org.khanaen.volunteers.AssignmentStatus;
import org.khanaen.volunteers.OrganisationView;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.RegistryProblem;
import org.khanaen.volunteers.RolePreference;
import org.khanaen.volunteers.RosterQuery;
import org.khanaen.volunteers.Rosters;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.web.errors.NotFound;
import org.khanaen.web.i18n.Places;
import org.khanaen.web.security.CurrentAccount;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/** A coordinator's roster: their organisation's volunteers only, found, filtered, decided on, exported. */
@Controller
class RosterController {

    static final int PAGE_SIZE = 50;

    private final CoordinatorAccess access;
    private final Rosters rosters;
    private final PartnerOrganisations organisations;
    private final CurrentAccount current;
    private final Places places;

    RosterController(CoordinatorAccess access, Rosters rosters, PartnerOrganisations organisations, CurrentAccount current, Places places) {
        this.places = places;
        this.access = access;
        this.rosters = rosters;
        this.organisations = organisations;
        this.current = current;
    }

    @GetMapping("/org")
    String mine(Authentication authentication, Model model) {
        List<OrganisationView> mine = CurrentAccount.isAdmin(authentication) ? organisations.all()
                : organisations.coordinatedBy(current.of(authentication));
        if (mine.size() == 1) {
            return "redirect:/org/" + mine.get(0).slug() + "/volunteers";
        }
        model.addAttribute("organisations", mine);
        return "roster/organisations";
    }

    @GetMapping("/org/{slug}/volunteers")
    String roster(@PathVariable String slug, @RequestParam(required = false) String q,
            @RequestParam(required = false) AffiliationStatus status, @RequestParam(required = false) String province,
            @RequestParam(required = false) String district, @RequestParam(required = false) RolePreference role,
            @RequestParam(required = false) AssignmentStatus assignment, @RequestParam(defaultValue = "0") int page,
            Authentication authentication, Model model) {
        OrganisationView organisation = access.require(slug, authentication);
        // a district as people name it ("เมืองระนอง", "Mueang Ranong"), or its code
        RosterQuery query = new RosterQuery(q, status, province, places.districtCode(district, province), role, assignment);
        model.addAttribute("organisation", organisation);
        model.addAttribute("query", query);
        model.addAttribute("volunteers", rosters.search(organisation.id(), query, PageRequest.of(Math.max(0, page), PAGE_SIZE),
                CoordinatorAccess.actor(authentication)));
        model.addAttribute("statuses", AffiliationStatus.values());
        model.addAttribute("roles", RolePreference.values());
        model.addAttribute("assignments", AssignmentStatus.values());
        return "roster/volunteers";
    }

    @GetMapping("/org/{slug}/volunteers/{id}")
    String volunteer(@PathVariable String slug, @PathVariable long id, Authentication authentication, Model model) {
        OrganisationView organisation = access.require(slug, authentication);
        model.addAttribute("organisation", organisation);
        model.addAttribute("volunteer", rosters.detail(organisation.id(), new VolunteerId(id), CoordinatorAccess.actor(authentication))
                .orElseThrow(() -> new NotFound("volunteer " + id)));
        return "roster/volunteer";
    }

    @PostMapping("/org/{slug}/volunteers/{id}/decision")
    String decide(@PathVariable String slug, @PathVariable long id, @RequestParam Rosters.Decision decision,
            Authentication authentication, RedirectAttributes redirect) {
        OrganisationView organisation = access.require(slug, authentication);
        if (!rosters.decide(organisation.id(), new VolunteerId(id), decision, CoordinatorAccess.actor(authentication))) {
            throw new NotFound("volunteer " + id);
        }
        redirect.addFlashAttribute("notice", "roster.decision.done." + decision);
        return "redirect:/org/" + slug + "/volunteers/" + id;
    }

    @PostMapping("/org/{slug}/volunteers/{id}/note")
    String note(@PathVariable String slug, @PathVariable long id, @RequestParam(defaultValue = "") String note,
            Authentication authentication, RedirectAttributes redirect) {
        OrganisationView organisation = access.require(slug, authentication);
        try {
            if (!rosters.note(organisation.id(), new VolunteerId(id), note, CoordinatorAccess.actor(authentication))) {
                throw new NotFound("volunteer " + id);
            }
            redirect.addFlashAttribute("notice", "roster.note.saved");
        } catch (RegistryProblem problem) {
            redirect.addFlashAttribute("error", problem.code());
        }
        return "redirect:/org/" + slug + "/volunteers/" + id;
    }

    @GetMapping("/org/{slug}/volunteers.csv")
    void export(@PathVariable String slug, @RequestParam(required = false) String q,
            @RequestParam(required = false) AffiliationStatus status, @RequestParam(required = false) String province,
            @RequestParam(required = false) String district, @RequestParam(required = false) RolePreference role,
            @RequestParam(required = false) AssignmentStatus assignment, Authentication authentication,
            HttpServletResponse response) throws IOException {
        OrganisationView organisation = access.require(slug, authentication);
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"volunteers-" + slug + "-" + LocalDate.now() + ".csv\"");
        response.setHeader("Cache-Control", "no-store");
        var writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        rosters.export(organisation.id(), new RosterQuery(q, status, province, places.districtCode(district, province), role, assignment), writer,
                CoordinatorAccess.actor(authentication));
        writer.flush();
    }
}
