package org.khanaen.web.donations;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.khanaen.donations.DonationProblem;
import org.khanaen.donations.DonationRequest;
import org.khanaen.donations.Donations;
import org.khanaen.donations.InvalidDonation;
import org.khanaen.web.errors.NotFound;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The public campaign page (goal, progress, donors, messages, the form) and giving: a valid form opens the
 * donation and sends the donor to Stripe Checkout (or the local payment page), who sends them back to
 * their own return page.
 */
@Controller
class CampaignController {

    static final int MESSAGES = 20;

    /** What the donor typed, to show the form again with their mistakes marked. */
    record Form(String preset, String amount, String email, String name, String message, boolean anonymous) {
        static Form empty() {
            return new Form("", "", "", "", "", false);
        }
    }

    private final Donations donations;
    private final MessageSource messages;

    CampaignController(Donations donations, MessageSource messages) {
        this.donations = donations;
        this.messages = messages;
    }

    @GetMapping("/campaign")
    String campaign(@RequestParam(required = false) String cancelled, Model model) {
        model.addAttribute("cancelled", cancelled != null);
        return page(model, Form.empty(), Map.of());
    }

    @PostMapping("/campaign/donate")
    String donate(@RequestParam(defaultValue = "") String preset, @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String message, @RequestParam(defaultValue = "false") boolean anonymous, Locale locale,
            HttpServletResponse response, Model model) {
        Form form = new Form(preset, amount, email, name, message, anonymous);
        String chosen = amount.isBlank() ? preset : amount; // a typed amount wins over a preset button
        try {
            Donations.Checkout checkout = donations.start(new DonationRequest(chosen, email, name, message, anonymous, locale));
            return "redirect:" + checkout.redirectUrl();
        } catch (InvalidDonation invalid) {
            Map<String, String> errors = new LinkedHashMap<>();
            invalid.fields().forEach((field, problem) -> errors.put(field, messages.getMessage(problem.key(), problem.arguments(), locale)));
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return page(model, form, errors);
        } catch (DonationProblem problem) {
            response.setStatus(problem.key().equals("donation.closed") ? HttpStatus.CONFLICT.value() : HttpStatus.SERVICE_UNAVAILABLE.value());
            model.addAttribute("problem", messages.getMessage(problem.key(), problem.arguments(), locale));
            return page(model, form, Map.of());
        }
    }

    /** Where Stripe sends the donor back: the donation's state, the receipt number once it succeeded. */
    @GetMapping("/campaign/thanks/{token}")
    String thanks(@PathVariable String token, Model model) {
        Donations.Donation donation = donations.byToken(token).orElseThrow(() -> new NotFound("donation"));
        model.addAttribute("donation", donation);
        if (donation.pending()) {
            model.addAttribute("refreshSeconds", 5); // Stripe's event usually follows within seconds
        }
        return "donations/thanks";
    }

    private String page(Model model, Form form, Map<String, String> errors) {
        model.addAttribute("campaign", donations.campaign());
        model.addAttribute("messages", donations.messages(MESSAGES));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "donations/campaign";
    }
}
