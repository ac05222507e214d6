package org.khanaen.web.donations;

import org.khanaen.donations.DonationProblem;
import org.khanaen.donations.LocalPayments;
import org.khanaen.web.errors.NotFound;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Development mode's stand-in for Stripe Checkout, clearly labelled: no money moves. Paying here records
 * the payment and sends the app a signed Stripe event through its real webhook code. Not found when Stripe
 * keys are configured.
 */
@Controller
@RequestMapping("/campaign/local-pay/{session}")
class LocalPaymentController {

    private final ObjectProvider<LocalPayments> local;

    LocalPaymentController(ObjectProvider<LocalPayments> local) {
        this.local = local;
    }

    @GetMapping
    String page(@PathVariable String session, Model model) {
        model.addAttribute("payment", payments().find(session).orElseThrow(() -> new NotFound("payment session")));
        return "donations/local-pay";
    }

    /** {@code outcome}: card, promptpay, promptpay-fails, cancel. */
    @PostMapping
    String pay(@PathVariable String session, @RequestParam String outcome, RedirectAttributes redirect) {
        LocalPayments payments = payments();
        LocalPayments.Payment payment = payments.find(session).orElseThrow(() -> new NotFound("payment session"));
        try {
            switch (outcome) {
                case "card" -> payments.pay(session, LocalPayments.Method.CARD);
                case "promptpay" -> payments.pay(session, LocalPayments.Method.PROMPTPAY);
                case "promptpay-fails" -> payments.failPromptPay(session);
                case "cancel" -> {
                    return "redirect:/campaign?cancelled=" + payment.donationToken();
                }
                default -> throw new NotFound("outcome " + outcome);
            }
        } catch (DonationProblem closed) {
            redirect.addFlashAttribute("flashError", closed.key());
            return "redirect:/campaign/local-pay/" + session;
        }
        return "redirect:/campaign/thanks/" + payment.donationToken();
    }

    private LocalPayments payments() {
        LocalPayments payments = local.getIfAvailable();
        if (payments == null) {
            throw new NotFound("local payments (Stripe is configured)");
        }
        return payments;
    }
}
