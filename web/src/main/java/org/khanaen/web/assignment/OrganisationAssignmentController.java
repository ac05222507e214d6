package org.khanaen.web.assignment;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.khanaen.assignment.AutoAssignment;
import org.khanaen.assignment.Coverage;
import org.khanaen.assignment.RunRequest;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionSummary;
import org.khanaen.volunteers.OrganisationView;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.web.errors.NotFound;
import org.khanaen.web.roster.CoordinatorAccess;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A coordinator places their own organisation's volunteers, a province or a constituency at a time
 * (a whole-election run is the administrators'), in the election the registry signs volunteers up for.
 */
@Controller
@RequestMapping("/org/{slug}")
class OrganisationAssignmentController {

    static final List<RunRequest.Scope> SCOPES = List.of(RunRequest.Scope.PROVINCE, RunRequest.Scope.CONSTITUENCY);

    private final CoordinatorAccess access;
    private final AssignmentPages pages;
    private final AutoAssignment auto;
    private final Coverage coverage;
    private final PartnerOrganisations organisations;
    private final String electionId;

    OrganisationAssignmentController(CoordinatorAccess access, AssignmentPages pages, AutoAssignment auto, Coverage coverage,
            PartnerOrganisations organisations, ElectionCatalog catalog) {
        this.access = access;
        this.pages = pages;
        this.auto = auto;
        this.coverage = coverage;
        this.organisations = organisations;
        this.electionId = catalog.current();
    }

    @GetMapping("/assignment")
    String form(@PathVariable String slug, Authentication authentication, Locale locale, Model model) {
        OrganisationView organisation = access.require(slug, authentication);
        return page(organisation, AssignmentPages.RunForm.empty(RunRequest.Scope.CONSTITUENCY), locale, model);
    }

    @PostMapping("/assignment/runs")
    String start(@PathVariable String slug, @RequestParam RunRequest.Scope scope, @RequestParam(defaultValue = "") String code,
            @RequestParam RunRequest.Mode mode, Authentication authentication, Locale locale, Model model) {
        OrganisationView organisation = access.require(slug, authentication);
        var form = new AssignmentPages.RunForm(scope, code, mode);
        if (!SCOPES.contains(scope)) {
            model.addAttribute("problem", pages.say("assignment.admin.problem.scope-not-allowed"));
            return page(organisation, form, locale, model);
        }
        return pages.start(electionId, form, organisation.id(), CoordinatorAccess.actor(authentication), model)
                .map(id -> "redirect:/org/" + slug + "/assignment/runs/" + id)
                .orElseGet(() -> page(organisation, form, locale, model));
    }

    @GetMapping("/assignment/runs/{runId}")
    String run(@PathVariable String slug, @PathVariable long runId, Authentication authentication, Model model) {
        OrganisationView organisation = access.require(slug, authentication);
        // Another organisation's run, or an administrator's, is not there for this coordinator.
        var run = auto.run(runId).filter(r -> Long.valueOf(organisation.id().value()).equals(r.organisationId()))
                .orElseThrow(() -> new NotFound("run " + runId));
        pages.run(model, pages.election(run.electionId()), "/org/" + slug + "/assignment", run, null);
        model.addAttribute("organisation", organisation);
        return "assignment/run";
    }

    @GetMapping("/coverage")
    String coverage(@PathVariable String slug, Authentication authentication, Locale locale, Model model) {
        OrganisationView organisation = access.require(slug, authentication);
        model.addAttribute("election", pages.election(electionId));
        model.addAttribute("organisation", organisation);
        model.addAttribute("rows", CoverageController.named(
                coverage.byOrganisation(electionId, Optional.of(organisation.id().value())), organisations, locale));
        return "assignment/coverage-organisations";
    }

    private String page(OrganisationView organisation, AssignmentPages.RunForm form, Locale locale, Model model) {
        ElectionSummary election = pages.election(electionId);
        pages.form(model, election, "/org/" + organisation.slug() + "/assignment", SCOPES, form, Optional.of(organisation.id()));
        model.addAttribute("organisation", organisation);
        model.addAttribute("admin", false);
        return "assignment/runs";
    }
}
