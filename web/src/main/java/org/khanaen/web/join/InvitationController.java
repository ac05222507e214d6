package org.khanaen.web.join;

import org.khanaen.accounts.AccountProblem;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.RegistryProblem;
import org.khanaen.web.security.CurrentAccount;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** A coordinator's invitation link: choose a name and password, or accept with the account one has. */
@Controller
class InvitationController {

    private final PartnerOrganisations organisations;
    private final CurrentAccount current;

    InvitationController(PartnerOrganisations organisations, CurrentAccount current) {
        this.organisations = organisations;
        this.current = current;
    }

    @GetMapping("/invitation/{token}")
    String invitation(@PathVariable String token, Model model) {
        model.addAttribute("token", token);
        model.addAttribute("invitation", organisations.invitation(token).filter(PartnerOrganisations.Invitation::usable).orElse(null));
        return "join/invitation";
    }

    @PostMapping("/invitation/{token}")
    String accept(@PathVariable String token, @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "") String password, @RequestParam(defaultValue = "") String confirmPassword,
            Authentication authentication, Model model, RedirectAttributes redirect) {
        var invitation = organisations.invitation(token).filter(PartnerOrganisations.Invitation::usable).orElse(null);
        if (invitation == null) {
            return invitation(token, model);
        }
        try {
            if (invitation.accountExists()) {
                if (authentication == null || !authentication.isAuthenticated() || "anonymousUser".equals(authentication.getName())) {
                    return "redirect:/login";
                }
                organisations.acceptInvitationAs(token, current.of(authentication), authentication.getName());
                redirect.addFlashAttribute("notice", "invitation.accepted");
                return "redirect:/org/" + invitation.organisationSlug() + "/volunteers";
            }
            if (displayName.isBlank() || !password.equals(confirmPassword)) {
                model.addAttribute("error", displayName.isBlank() ? "invitation.name.required" : "account.password.mismatch");
                return invitation(token, model);
            }
            organisations.acceptInvitation(token, displayName.strip(), password);
            redirect.addFlashAttribute("notice", "invitation.ready");
            return "redirect:/login";
        } catch (AccountProblem problem) {
            model.addAttribute("error", problem.code());
        } catch (RegistryProblem problem) {
            model.addAttribute("error", problem.code());
        }
        return invitation(token, model);
    }
}
