package org.khanaen.web.rewards;

import org.khanaen.accounts.AccountProblem;
import org.khanaen.rewards.RewardsProblem;
import org.khanaen.rewards.SponsorInvitation;
import org.khanaen.rewards.Sponsorships;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/** A sponsor's invitation link: they choose their name and password, then sign in (as a coordinator's invitation). */
@Controller
class SponsorInvitationController {

    private final Sponsorships sponsorships;

    SponsorInvitationController(Sponsorships sponsorships) {
        this.sponsorships = sponsorships;
    }

    @GetMapping("/invitation/sponsor/{token}")
    String invitation(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("invitation", sponsorships.invitation(token).filter(SponsorInvitation::usable).orElse(null));
        return "sponsor/invitation";
    }

    @PostMapping("/invitation/sponsor/{token}")
    String accept(@PathVariable String token, @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String confirmPassword, Model model,
            RedirectAttributes redirect, HttpServletResponse response) {
        if (sponsorships.invitation(token).filter(SponsorInvitation::usable).isEmpty()) {
            return invitation(token, model);
        }
        String error;
        if (displayName.isBlank() || !password.equals(confirmPassword)) {
            error = displayName.isBlank() ? "invitation.name.required" : "account.password.mismatch";
        } else {
            try {
                sponsorships.acceptInvitation(token, displayName.strip(), password);
                redirect.addFlashAttribute("notice", "invitation.ready");
                return "redirect:/login";
            } catch (AccountProblem problem) {
                error = problem.code();
            } catch (RewardsProblem problem) {
                error = problem.key();
            }
        }
        response.setStatus(422);
        model.addAttribute("error", error);
        model.addAttribute("displayName", displayName);
        return invitation(token, model);
    }
}
