package org.khanaen.web.admin;

import java.io.IOException;
import java.util.Locale;

import org.khanaen.volunteers.OrganisationDraft;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.RegistryProblem;
import org.khanaen.web.errors.NotFound;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators create partner organisations, give them a logo, invite their coordinators, issue API tokens. */
@Controller
@RequestMapping("/admin/organisations")
class AdminOrganisationsController {

    private final PartnerOrganisations organisations;

    AdminOrganisationsController(PartnerOrganisations organisations) {
        this.organisations = organisations;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("organisations", organisations.all());
        if (!model.containsAttribute("draft")) {
            model.addAttribute("draft", new OrganisationDraft("", "", "", "", "", ""));
        }
        return "admin/organisations";
    }

    @PostMapping
    String create(@ModelAttribute OrganisationDraft draft, RedirectAttributes redirect) {
        try {
            var created = organisations.create(draft);
            redirect.addFlashAttribute("notice", "organisation.created");
            return "redirect:/admin/organisations/" + created.slug();
        } catch (RegistryProblem problem) {
            redirect.addFlashAttribute("error", problem.code());
            redirect.addFlashAttribute("draft", draft);
            return "redirect:/admin/organisations";
        }
    }

    @GetMapping("/{slug}")
    String organisation(@PathVariable String slug, Model model) {
        model.addAttribute("organisation", organisations.bySlug(slug).orElseThrow(() -> new NotFound("organisation " + slug)));
        return "admin/organisation";
    }

    @PostMapping("/{slug}")
    String update(@PathVariable String slug, @ModelAttribute OrganisationDraft draft, RedirectAttributes redirect) {
        try {
            organisations.update(slug, draft);
            redirect.addFlashAttribute("notice", "organisation.saved");
        } catch (RegistryProblem problem) {
            redirect.addFlashAttribute("error", problem.code());
        }
        return "redirect:/admin/organisations/" + slug;
    }

    @PostMapping("/{slug}/logo")
    String logo(@PathVariable String slug, @RequestParam("logo") MultipartFile logo, RedirectAttributes redirect) throws IOException {
        try {
            organisations.logo(slug, logo.getBytes());
            redirect.addFlashAttribute("notice", "organisation.logo.saved");
        } catch (RegistryProblem problem) {
            redirect.addFlashAttribute("error", problem.code());
        }
        return "redirect:/admin/organisations/" + slug;
    }

    @PostMapping("/{slug}/invitations")
    String invite(@PathVariable String slug, @RequestParam String email, @RequestParam(defaultValue = "th") String language,
            Authentication authentication, RedirectAttributes redirect) {
        try {
            organisations.invite(slug, email, authentication.getName(), "en".equals(language) ? Locale.ENGLISH : Locale.forLanguageTag("th-TH"));
            redirect.addFlashAttribute("notice", "organisation.invited");
        } catch (RegistryProblem problem) {
            redirect.addFlashAttribute("error", problem.code());
        }
        return "redirect:/admin/organisations/" + slug;
    }

    /** The token is shown this once; only its hash is kept. */
    @PostMapping("/{slug}/api-token")
    String apiToken(@PathVariable String slug, RedirectAttributes redirect) {
        redirect.addFlashAttribute("apiToken", organisations.issueApiToken(slug));
        return "redirect:/admin/organisations/" + slug;
    }
}
