package org.khanaen.web.rewards;

import java.util.Locale;

import org.khanaen.rewards.RewardsProblem;
import org.khanaen.rewards.SponsorProfile;
import org.khanaen.rewards.Sponsorships;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Administrators invite sponsors by mail, as coordinators are invited: the sponsor chooses their own name and
 * password from the link, so no password passes through an administrator's hands.
 */
@Controller
class AdminSponsorsController {

    private final Sponsorships sponsorships;

    AdminSponsorsController(Sponsorships sponsorships) {
        this.sponsorships = sponsorships;
    }

    /** @param language the language of the invitation mail: th or en */
    record SponsorForm(String email, String nameTh, String nameEn, String website, String language) {
        static SponsorForm empty() {
            return new SponsorForm("", "", "", "", "th");
        }

        Locale locale() {
            return "en".equals(language) ? Locale.ENGLISH : Locale.forLanguageTag("th-TH");
        }
    }

    @GetMapping("/admin/sponsors")
    String list(Model model) {
        return page(SponsorForm.empty(), model);
    }

    @PostMapping("/admin/sponsors")
    String invite(@ModelAttribute SponsorForm form, Authentication authentication, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            sponsorships.invite(form.email(), new SponsorProfile(form.nameTh(), form.nameEn(), null, null, form.website()),
                    authentication.getName(), form.locale());
        } catch (RewardsProblem problem) {
            response.setStatus(422);
            model.addAttribute("problem", problem.key());
            return page(form, model);
        }
        redirect.addFlashAttribute("notice", "admin.sponsors.invited");
        return "redirect:/admin/sponsors";
    }

    private String page(SponsorForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("sponsors", sponsorships.all());
        model.addAttribute("invitations", sponsorships.pendingInvitations());
        return "admin/sponsors";
    }
}
