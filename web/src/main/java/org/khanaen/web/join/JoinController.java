package org.khanaen.web.join;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.khanaen.elections.DistrictView;
import org.khanaen.volunteers.InvalidVolunteer;
import org.khanaen.volunteers.RegistryProblem;
import org.khanaen.volunteers.OrganisationView;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.SignUps;
import org.khanaen.volunteers.VolunteerInput;
import org.khanaen.web.errors.NotFound;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A partner's public sign-up page, under its own name, and the links its mails carry. */
@Controller
class JoinController {

    private final PartnerOrganisations organisations;
    private final SignUps signUps;
    private final org.khanaen.web.i18n.Places places;

    JoinController(PartnerOrganisations organisations, SignUps signUps, org.khanaen.web.i18n.Places places) {
        this.places = places;
        this.organisations = organisations;
        this.signUps = signUps;
    }

    /**
     * What the form sends; the password is never sent back to the page. {@code consent} is a Boolean:
     * an unticked checkbox is not sent at all, and a missing value must mean "no", not a bad request.
     */
    record JoinForm(String fullName, String phone, String email, String lineId, String districtCode, String rolePreference,
            String availability, String password, Boolean consent) {

        static JoinForm empty() {
            return new JoinForm("", "", "", "", "", "STATION", "ALL_DAY", "", false);
        }

        public boolean consented() {
            return Boolean.TRUE.equals(consent);
        }

        VolunteerInput input() {
            return new VolunteerInput(fullName, phone, email, lineId, districtCode, rolePreference, availability);
        }
    }

    @GetMapping("/join/{slug}")
    String form(@PathVariable String slug, Model model) {
        return page(organisation(slug), JoinForm.empty(), Map.of(), model);
    }

    @PostMapping("/join/{slug}")
    String join(@PathVariable String slug, @ModelAttribute JoinForm form, Locale locale, Model model) {
        OrganisationView organisation = organisation(slug);
        try {
            signUps.signUp(slug, new SignUps.Form(form.input(), form.password(), form.consented(), locale));
        } catch (InvalidVolunteer invalid) {
            Map<String, String> errors = new LinkedHashMap<>();
            invalid.problems().forEach(p -> errors.putIfAbsent(p.field(), p.code()));
            return page(organisation, form, errors, model);
        } catch (RegistryProblem busy) {
            return page(organisation, form, Map.of("form", busy.code()), model);
        }
        return "redirect:/join/" + slug + "/sent";
    }

    private String page(OrganisationView organisation, JoinForm form, Map<String, String> errors, Model model) {
        model.addAttribute("organisation", organisation);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("consentVersion", signUps.consentVersion());
        // grouped under the provinces' names in the reader's alphabetical order, not under their codes (issue 25)
        Map<String, List<DistrictView>> byProvince = places.districtsByProvince(signUps.districts(),
                org.springframework.context.i18n.LocaleContextHolder.getLocale());
        model.addAttribute("districtsByProvince", byProvince);
        return "join/form";
    }

    @GetMapping("/join/{slug}/sent")
    String sent(@PathVariable String slug, Model model) {
        model.addAttribute("organisation", organisation(slug));
        return "join/sent";
    }

    @GetMapping("/join/verify")
    String verify(@RequestParam(defaultValue = "") String token, Model model) {
        return outcome(signUps.verify(token).map(SignUps.Verified::organisationSlug), "verified", model);
    }

    @GetMapping("/join/confirm")
    String confirm(@RequestParam(defaultValue = "") String token, Model model) {
        return outcome(signUps.confirmJoin(token).map(SignUps.Verified::organisationSlug), "confirmed", model);
    }

    private String outcome(java.util.Optional<String> slug, String what, Model model) {
        model.addAttribute("outcome", slug.isPresent() ? what : "invalid");
        slug.flatMap(organisations::bySlug).ifPresent(o -> model.addAttribute("organisation", o));
        return "join/outcome";
    }

    @GetMapping("/organisations/{slug}/logo")
    ResponseEntity<byte[]> logo(@PathVariable String slug) {
        return organisations.logo(slug)
                .map(logo -> ResponseEntity.ok().contentType(MediaType.parseMediaType(logo.type()))
                        .cacheControl(CacheControl.maxAge(Duration.ofHours(1))).header("X-Content-Type-Options", "nosniff")
                        .body(logo.image()))
                .orElseThrow(() -> new NotFound("logo of " + slug));
    }

    private OrganisationView organisation(String slug) {
        return organisations.bySlug(slug).filter(OrganisationView::active).orElseThrow(() -> new NotFound("organisation " + slug));
    }
}
