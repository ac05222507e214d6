package org.khanaen.web.rewards;

import org.khanaen.accounts.AccountProblem;
import org.khanaen.rewards.RewardsProblem;
import org.khanaen.rewards.SponsorProfile;
import org.khanaen.rewards.Sponsorships;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/** Administrators register sponsors: an account with a one-time password (replaced at first sign-in) and a profile. */
@Controller
class AdminSponsorsController {

    private final Sponsorships sponsorships;

    AdminSponsorsController(Sponsorships sponsorships) {
        this.sponsorships = sponsorships;
    }

    record SponsorForm(String username, String password, String nameTh, String nameEn, String website) {
        static SponsorForm empty() {
            return new SponsorForm("", "", "", "", "");
        }
    }

    @GetMapping("/admin/sponsors")
    String list(Model model) {
        return page(SponsorForm.empty(), model);
    }

    @PostMapping("/admin/sponsors")
    String register(@ModelAttribute SponsorForm form, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            sponsorships.register(form.username(), form.password(), new SponsorProfile(form.nameTh(), form.nameEn(), null, null, form.website()));
        } catch (RewardsProblem problem) {
            response.setStatus(422);
            model.addAttribute("problem", problem.key());
            return page(form, model);
        } catch (AccountProblem problem) {
            response.setStatus(422);
            model.addAttribute("problem", problem.code());
            return page(form, model);
        }
        redirect.addFlashAttribute("notice", "sponsor.registered");
        return "redirect:/admin/sponsors";
    }

    private String page(SponsorForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("sponsors", sponsorships.all());
        return "admin/sponsors";
    }
}
