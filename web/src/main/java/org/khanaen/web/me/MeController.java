package org.khanaen.web.me;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.khanaen.elections.DistrictView;
import org.khanaen.volunteers.InvalidVolunteer;
import org.khanaen.volunteers.MyProfile;
import org.khanaen.volunteers.SelfService;
import org.khanaen.volunteers.SignUps;
import org.khanaen.volunteers.VolunteerInput;
import org.khanaen.web.errors.NotFound;
import org.khanaen.web.security.CurrentAccount;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A volunteer's own page: their details, their organisations, withdraw, a copy of their data, erasure. */
@Controller
class MeController {

    private final SelfService self;
    private final SignUps signUps;
    private final CurrentAccount current;
    private final org.khanaen.web.i18n.Places places;

    MeController(SelfService self, SignUps signUps, CurrentAccount current, org.khanaen.web.i18n.Places places) {
        this.places = places;
        this.self = self;
        this.signUps = signUps;
        this.current = current;
    }

    record ProfileForm(String fullName, String phone, String lineId, String districtCode, String rolePreference, String availability) {
    }

    @GetMapping("/me")
    String me(Authentication authentication, Model model) {
        MyProfile profile = profile(authentication);
        return page(profile, new ProfileForm(profile.fullName(), profile.phone(), profile.lineId(), profile.district(),
                profile.role().name(), profile.availability().name()), Map.of(), model);
    }

    @PostMapping("/me")
    String update(@ModelAttribute ProfileForm form, Authentication authentication, Model model, RedirectAttributes redirect) {
        try {
            self.update(current.of(authentication), new VolunteerInput(form.fullName(), form.phone(), null, form.lineId(),
                    form.districtCode(), form.rolePreference(), form.availability()));
        } catch (InvalidVolunteer invalid) {
            Map<String, String> errors = new LinkedHashMap<>();
            invalid.problems().forEach(p -> errors.putIfAbsent(p.field(), p.code()));
            return page(profile(authentication), form, errors, model);
        }
        redirect.addFlashAttribute("notice", "me.saved");
        return "redirect:/me";
    }

    private String page(MyProfile profile, ProfileForm form, Map<String, String> errors, Model model) {
        model.addAttribute("profile", profile);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        // grouped under the provinces' names in the reader's alphabetical order, not under their codes (issue 25)
        Map<String, List<DistrictView>> byProvince = places.districtsByProvince(signUps.districts(),
                org.springframework.context.i18n.LocaleContextHolder.getLocale());
        model.addAttribute("districtsByProvince", byProvince);
        return "me/profile";
    }

    @PostMapping("/me/withdraw")
    String withdraw(@RequestParam(defaultValue = "false") boolean sure, Authentication authentication, RedirectAttributes redirect) {
        if (sure) {
            self.withdraw(current.of(authentication));
            redirect.addFlashAttribute("notice", "me.withdrawn");
        }
        return "redirect:/me";
    }

    @GetMapping("/me/data.json")
    ResponseEntity<String> data(Authentication authentication) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"khanaen-my-data.json\"").header("Cache-Control", "no-store")
                .body(self.exportData(current.of(authentication)));
    }

    @GetMapping("/me/erase")
    String eraseForm(Authentication authentication, Model model) {
        model.addAttribute("profile", profile(authentication));
        return "me/erase";
    }

    @PostMapping("/me/erase")
    String erase(@RequestParam(defaultValue = "") String confirmation, Authentication authentication, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        if (!"ERASE".equals(confirmation.strip().toUpperCase()) && !"ลบ".equals(confirmation.strip())) {
            model.addAttribute("profile", profile(authentication));
            model.addAttribute("error", "me.erase.confirmation");
            return "me/erase";
        }
        self.erase(current.of(authentication));
        new SecurityContextLogoutHandler().logout(request, response, authentication);
        return "redirect:/?erased";
    }

    private MyProfile profile(Authentication authentication) {
        return self.profile(current.of(authentication)).orElseThrow(() -> new NotFound("volunteer profile"));
    }
}
