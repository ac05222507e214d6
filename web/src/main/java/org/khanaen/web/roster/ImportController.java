package org.khanaen.web.roster;

import java.io.IOException;
import java.util.Map;

import org.khanaen.volunteers.OrganisationView;
import org.khanaen.volunteers.RegistryProblem;
import org.khanaen.volunteers.RosterImports;
import org.khanaen.web.errors.NotFound;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Bulk CSV import: upload, watch the check, look at the problems, import the valid rows or cancel. */
@Controller
class ImportController {

    static final String TEMPLATE = "\uFEFFfull_name,phone,email,line_id,district_code,role_preference,availability\r\n"
            + "สมชาย ใจดี,081-234-5678,somchai@example.org,somchai.j,1001,station,all_day\r\n";

    private final CoordinatorAccess access;
    private final RosterImports imports;

    ImportController(CoordinatorAccess access, RosterImports imports) {
        this.access = access;
        this.imports = imports;
    }

    @GetMapping("/org/{slug}/import")
    String form(@PathVariable String slug, Authentication authentication, Model model) {
        model.addAttribute("organisation", access.require(slug, authentication));
        return "roster/import";
    }

    @GetMapping("/org/{slug}/import/template.csv")
    ResponseEntity<String> template(@PathVariable String slug, Authentication authentication) {
        access.require(slug, authentication);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"khanaen-volunteers-template.csv\"").body(TEMPLATE);
    }

    @PostMapping("/org/{slug}/import")
    String upload(@PathVariable String slug, @RequestParam("file") MultipartFile file, Authentication authentication,
            RedirectAttributes redirect) throws IOException {
        OrganisationView organisation = access.require(slug, authentication);
        try {
            long job = imports.upload(organisation.id(), file.getOriginalFilename(), file.getBytes(), CoordinatorAccess.actor(authentication));
            return "redirect:/org/" + slug + "/import/" + job;
        } catch (RegistryProblem problem) {
            redirect.addFlashAttribute("error", problem.code());
            return "redirect:/org/" + slug + "/import";
        }
    }

    @GetMapping("/org/{slug}/import/{id}")
    String job(@PathVariable String slug, @PathVariable long id, Authentication authentication, Model model) {
        OrganisationView organisation = access.require(slug, authentication);
        model.addAttribute("organisation", organisation);
        model.addAttribute("job", imports.job(organisation.id(), id).orElseThrow(() -> new NotFound("import " + id)));
        return "roster/import-job";
    }

    /** Polled by the job page while a check or an import runs. */
    @GetMapping(path = "/org/{slug}/import/{id}/status", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> status(@PathVariable String slug, @PathVariable long id, Authentication authentication) {
        OrganisationView organisation = access.require(slug, authentication);
        var job = imports.job(organisation.id(), id).orElseThrow(() -> new NotFound("import " + id));
        return Map.of("status", job.status().name(), "percent", job.percent(), "processed", job.processedRows(), "total", job.totalRows());
    }

    @PostMapping("/org/{slug}/import/{id}/import")
    String importValid(@PathVariable String slug, @PathVariable long id, @RequestParam(defaultValue = "false") boolean consent,
            Authentication authentication, RedirectAttributes redirect) {
        OrganisationView organisation = access.require(slug, authentication);
        if (!consent) {
            redirect.addFlashAttribute("error", "import.consent.required");
            return "redirect:/org/" + slug + "/import/" + id;
        }
        try {
            imports.importValidRows(organisation.id(), id, CoordinatorAccess.actor(authentication));
        } catch (RegistryProblem problem) {
            redirect.addFlashAttribute("error", problem.code());
        }
        return "redirect:/org/" + slug + "/import/" + id;
    }

    @PostMapping("/org/{slug}/import/{id}/cancel")
    String cancel(@PathVariable String slug, @PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
        OrganisationView organisation = access.require(slug, authentication);
        // another organisation's job is not found, as on its page; not a "cancelled" that cancelled nothing
        imports.job(organisation.id(), id).orElseThrow(() -> new NotFound("import " + id));
        imports.cancel(organisation.id(), id);
        redirect.addFlashAttribute("notice", "import.cancelled");
        return "redirect:/org/" + slug + "/import";
    }
}
