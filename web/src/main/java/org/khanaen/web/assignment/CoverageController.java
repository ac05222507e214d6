package org.khanaen.web.assignment;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.khanaen.assignment.AssignmentId;
import org.khanaen.assignment.Coverage;
import org.khanaen.assignment.ManualAssignments;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionSummary;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.web.errors.NotFound;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** How well an election's stations are covered, from provinces down to each station, and hands-on fixes per station. */
@Controller
@RequestMapping("/admin/elections/{electionId}/coverage")
class CoverageController {

    /** One constituency on the map. */
    record ConstituencyPoint(String code, String name, long stations, long withPrimary, long withBackup, long checkedIn,
            Double latitude, Double longitude) {
    }

    /** An organisation's row with its name (the coverage query knows only the id). */
    record NamedOrganisation(String name, String slug, Coverage.OrganisationRow row) {
    }

    /** Leaflet from its webjar (web/pom.xml), served by Spring Boot under /webjars: keep the version in step with leaflet.version. */
    static final String LEAFLET = "/webjars/leaflet/1.9.4/dist/";

    private final AssignmentPages pages;
    private final Coverage coverage;
    private final ElectionCatalog catalog;
    private final ManualAssignments manual;
    private final PartnerOrganisations organisations;

    CoverageController(AssignmentPages pages, Coverage coverage, ElectionCatalog catalog, ManualAssignments manual,
            PartnerOrganisations organisations) {
        this.pages = pages;
        this.coverage = coverage;
        this.catalog = catalog;
        this.manual = manual;
        this.organisations = organisations;
    }

    @GetMapping
    String provinces(@PathVariable String electionId, Model model) {
        model.addAttribute("election", pages.election(electionId));
        model.addAttribute("rows", coverage.byProvince(electionId));
        return "assignment/coverage-provinces";
    }

    @GetMapping("/{province}")
    String constituencies(@PathVariable String electionId, @PathVariable String province, Model model) {
        ElectionSummary election = pages.election(electionId);
        var found = catalog.provinces(electionId).stream().filter(p -> p.code().equals(province)).findFirst()
                .orElseThrow(() -> new NotFound("province " + province));
        model.addAttribute("election", election);
        model.addAttribute("province", found);
        model.addAttribute("rows", coverage.byConstituency(electionId, Optional.of(province)));
        return "assignment/coverage-constituencies";
    }

    @GetMapping("/constituency/{code}")
    String stations(@PathVariable String electionId, @PathVariable String code, Model model) {
        ElectionSummary election = pages.election(electionId);
        model.addAttribute("election", election);
        model.addAttribute("constituency", catalog.constituency(electionId, code).orElseThrow(() -> new NotFound("constituency " + code)));
        model.addAttribute("stations", coverage.stations(electionId, code));
        model.addAttribute("leads", coverage.leads(electionId, code));
        model.addAttribute("roles", StationRole.values());
        return "assignment/coverage-stations";
    }

    @GetMapping("/organisations")
    String byOrganisation(@PathVariable String electionId, Locale locale, Model model) {
        model.addAttribute("election", pages.election(electionId));
        model.addAttribute("rows", named(coverage.byOrganisation(electionId, Optional.empty()), organisations, locale));
        return "assignment/coverage-organisations";
    }

    static List<NamedOrganisation> named(List<Coverage.OrganisationRow> rows, PartnerOrganisations organisations, Locale locale) {
        return rows.stream().map(r -> organisations.byId(new OrganisationId(r.organisationId()))
                .map(o -> new NamedOrganisation(o.name(locale), o.slug(), r))
                .orElseGet(() -> new NamedOrganisation("#" + r.organisationId(), null, r))).toList();
    }

    @GetMapping("/map")
    String map(@PathVariable String electionId, Model model) {
        model.addAttribute("election", pages.election(electionId));
        model.addAttribute("leaflet", LEAFLET);
        model.addAttribute("stylesheets", List.of(LEAFLET + "leaflet.css", "/css/coverage-map.css"));
        return "assignment/coverage-map";
    }

    /** The map's data; session-authenticated like the page that draws it. */
    @GetMapping(value = "/constituencies.json", produces = "application/json")
    @ResponseBody
    List<ConstituencyPoint> constituencies(@PathVariable String electionId) {
        pages.election(electionId);
        return coverage.byConstituency(electionId, Optional.empty()).stream()
                .map(r -> new ConstituencyPoint(r.code(), r.name(), r.stations(), r.withPrimary(), r.withBackup(), r.checkedIn(),
                        r.latitude(), r.longitude()))
                .toList();
    }

    @PostMapping("/constituency/{code}/assign")
    String assign(@PathVariable String electionId, @PathVariable String code, @RequestParam long volunteer, @RequestParam long station,
            @RequestParam StationRole role, Authentication authentication, RedirectAttributes redirect) {
        return act(electionId, code, redirect, "assignment.admin.done.assigned",
                () -> manual.assign(electionId, new VolunteerId(volunteer), ManualAssignments.Place.station(station, role), authentication.getName()));
    }

    @PostMapping("/constituency/{code}/release")
    String release(@PathVariable String electionId, @PathVariable String code, @RequestParam long assignment,
            @RequestParam(defaultValue = "") String reason, Authentication authentication, RedirectAttributes redirect) {
        return act(electionId, code, redirect, "assignment.admin.done.released",
                () -> manual.release(new AssignmentId(assignment), authentication.getName(), reason.isBlank() ? null : reason.strip()));
    }

    @PostMapping("/constituency/{code}/backup-into-place")
    String backupIntoPlace(@PathVariable String electionId, @PathVariable String code, @RequestParam long station,
            Authentication authentication, RedirectAttributes redirect) {
        return act(electionId, code, redirect, "assignment.admin.done.promoted",
                () -> manual.backupIntoPlace(electionId, station, authentication.getName()));
    }

    @PostMapping("/constituency/{code}/swap")
    String swap(@PathVariable String electionId, @PathVariable String code, @RequestParam long first, @RequestParam long second,
            @RequestParam(defaultValue = "") String reason, Authentication authentication, RedirectAttributes redirect) {
        return act(electionId, code, redirect, "assignment.admin.done.swapped",
                () -> manual.swap(new AssignmentId(first), new AssignmentId(second), authentication.getName(),
                        reason.isBlank() ? null : reason.strip()));
    }

    /** Every action comes back to the constituency's page: a notice when done, the module's reason when refused. */
    private String act(String electionId, String code, RedirectAttributes redirect, String done, Runnable action) {
        pages.election(electionId);
        catalog.constituency(electionId, code).orElseThrow(() -> new NotFound("constituency " + code));
        pages.refusals().attempt(redirect, done, action);
        return "redirect:/admin/elections/" + electionId + "/coverage/constituency/" + code;
    }
}
