package org.khanaen.web.rewards;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.khanaen.rewards.Audience;
import org.khanaen.rewards.CounterCheck;
import org.khanaen.rewards.OfferDraft;
import org.khanaen.rewards.Redemption;
import org.khanaen.rewards.Rewards;
import org.khanaen.rewards.RewardsProblem;
import org.khanaen.rewards.SponsorProfile;
import org.khanaen.rewards.SponsorView;
import org.khanaen.rewards.Sponsorships;
import org.khanaen.web.errors.NotFound;
import org.khanaen.web.errors.Refusals;
import org.khanaen.web.security.CurrentAccount;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * A sponsor's pages: their offers with what was issued and redeemed, a new offer, their profile, and the counter
 * where a coupon is redeemed from the holder's QR code (the phone's camera, jsQR served by the app) or its code typed
 * by hand.
 */
@Controller
class SponsorController {

    /** Offers are written in Thai dates: valid from the start of the first day to the end of the last, Bangkok time. */
    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    private final Sponsorships sponsorships;
    private final Rewards rewards;
    private final CurrentAccount current;
    private final Refusals refusals;

    SponsorController(Sponsorships sponsorships, Rewards rewards, CurrentAccount current, Refusals refusals) {
        this.sponsorships = sponsorships;
        this.rewards = rewards;
        this.current = current;
        this.refusals = refusals;
    }

    record OfferForm(String titleTh, String titleEn, String termsTh, String termsEn, String value, Integer quantity, String validFrom,
            String validTo, String audience, String minDonation) {

        static OfferForm empty() {
            return new OfferForm("", "", "", "", "", 100, "", "", Audience.DONORS.name(), "");
        }

        OfferDraft draft() {
            Audience who;
            try {
                who = Audience.valueOf(audience);
            } catch (RuntimeException e) {
                throw new RewardsProblem("offer.audience.invalid");
            }
            LocalDate from = date(validFrom);
            LocalDate to = date(validTo);
            return new OfferDraft(titleTh, titleEn, termsTh, termsEn, satang(value, "offer.value.invalid"), quantity == null ? 0 : quantity,
                    from.atStartOfDay(BANGKOK).toInstant(), to.plusDays(1).atStartOfDay(BANGKOK).toInstant(), who,
                    minDonation == null || minDonation.isBlank() ? null : satang(minDonation, "offer.min-donation.invalid"));
        }

        private static LocalDate date(String text) {
            try {
                return LocalDate.parse(text == null ? "" : text.strip());
            } catch (DateTimeParseException e) {
                throw new RewardsProblem("offer.validity.invalid");
            }
        }

        private static long satang(String baht, String problem) {
            try {
                return new BigDecimal(baht.strip().replace(",", "")).movePointRight(2).longValueExact();
            } catch (RuntimeException e) {
                throw new RewardsProblem(problem);
            }
        }
    }

    private SponsorView sponsor(Authentication authentication) {
        return sponsorships.ofAccount(current.of(authentication)).orElseThrow(() -> new NotFound("sponsor"));
    }

    @GetMapping("/sponsor")
    String home(Authentication authentication, Model model) {
        SponsorView sponsor = sponsor(authentication);
        model.addAttribute("sponsor", sponsor);
        model.addAttribute("offers", sponsorships.offers(sponsor.id()));
        model.addAttribute("redeemed", sponsorships.redemptionCount(sponsor.id()));
        model.addAttribute("redemptions", sponsorships.redemptions(sponsor.id(), 50));
        return "sponsor/home";
    }

    @GetMapping("/sponsor/offers/new")
    String newOffer(Authentication authentication, Model model) {
        sponsor(authentication);
        model.addAttribute("form", OfferForm.empty());
        return "sponsor/offer";
    }

    @PostMapping("/sponsor/offers")
    String addOffer(@ModelAttribute OfferForm form, Authentication authentication, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        SponsorView sponsor = sponsor(authentication);
        try {
            sponsorships.addOffer(sponsor.id(), form.draft());
        } catch (RewardsProblem problem) {
            response.setStatus(422);
            model.addAttribute("form", form);
            model.addAttribute("problem", problem.key());
            return "sponsor/offer";
        }
        redirect.addFlashAttribute("notice", "offer.added");
        return "redirect:/sponsor";
    }

    @PostMapping("/sponsor/offers/{id}/close")
    String close(@PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
        SponsorView sponsor = sponsor(authentication);
        refusals.attemptSaidByLayout(redirect, "offer.closed", () -> sponsorships.closeOffer(sponsor.id(), id));
        return "redirect:/sponsor";
    }

    @GetMapping("/sponsor/profile")
    String profile(Authentication authentication, Model model) {
        SponsorView s = sponsor(authentication);
        model.addAttribute("form", new SponsorProfile(s.nameTh(), s.nameEn(), s.aboutTh(), s.aboutEn(), s.website()));
        return "sponsor/profile";
    }

    @PostMapping("/sponsor/profile")
    String saveProfile(@ModelAttribute SponsorProfile form, Authentication authentication, Model model, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            sponsorships.updateProfile(sponsor(authentication).id(), form);
        } catch (RewardsProblem problem) {
            response.setStatus(422);
            model.addAttribute("form", form);
            model.addAttribute("problem", problem.key());
            return "sponsor/profile";
        }
        redirect.addFlashAttribute("notice", "sponsor.profile.saved");
        return "redirect:/sponsor";
    }

    @GetMapping("/sponsor/redeem")
    String counter(Authentication authentication, Model model) {
        model.addAttribute("sponsor", sponsor(authentication));
        return "sponsor/redeem";
    }

    /**
     * A code scanned or typed: the coupon with its terms and state, and for a valid one the confirm button. Nothing is
     * redeemed here. POST, not GET: a QR payload does not belong in a URL (logs, history).
     */
    @PostMapping("/sponsor/redeem/check")
    String check(@RequestParam(defaultValue = "") String code, Authentication authentication, Model model, HttpServletResponse response) {
        SponsorView sponsor = sponsor(authentication);
        model.addAttribute("sponsor", sponsor);
        try {
            CounterCheck check = rewards.check(sponsor.id(), code);
            model.addAttribute("check", check);
            // the confirmation's key: sent twice (a double tap, a resent form), it redeems once and answers the same
            model.addAttribute("attempt", UUID.randomUUID().toString());
            if (!check.redeemable()) {
                response.setStatus(422);
            }
        } catch (RewardsProblem problem) {
            refuse(problem, model, response);
        }
        return "sponsor/redeem";
    }

    /** The confirmation: redeems exactly once. A post without its attempt key (an old form) only shows the coupon. */
    @PostMapping("/sponsor/redeem")
    String redeem(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String attempt,
            Authentication authentication, Model model, HttpServletResponse response) {
        if (attempt.isBlank()) {
            return check(code, authentication, model, response);
        }
        SponsorView sponsor = sponsor(authentication);
        model.addAttribute("sponsor", sponsor);
        try {
            Redemption redemption = rewards.redeem(sponsor.id(), code, attempt);
            model.addAttribute("redemption", redemption);
        } catch (RewardsProblem problem) {
            refuse(problem, model, response);
        }
        return "sponsor/redeem";
    }

    private static void refuse(RewardsProblem problem, Model model, HttpServletResponse response) {
        response.setStatus(422);
        model.addAttribute("problem", problem.key());
        model.addAttribute("problemArguments", problem.arguments());
    }
}
