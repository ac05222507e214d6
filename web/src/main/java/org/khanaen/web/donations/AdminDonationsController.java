package org.khanaen.web.donations;

import java.io.IOException;
import java.time.LocalDate;

import org.khanaen.donations.DonationId;
import org.khanaen.donations.DonationProblem;
import org.khanaen.donations.Donations;
import org.khanaen.donations.ExpenseCategory;
import org.khanaen.donations.Ledger;
import org.khanaen.donations.SponsorPledges;
import org.khanaen.donations.StripeWebhooks;
import org.khanaen.web.errors.Refusals;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Administrators (the /admin/** rule): donors' messages to approve or reject before they are public, the
 * latest donations and Stripe events (problems among them), expenses with their receipts, sponsors' pledges.
 */
@Controller
@RequestMapping("/admin/donations")
class AdminDonationsController {

    private final Donations donations;
    private final Ledger ledger;
    private final SponsorPledges pledges;
    private final StripeWebhooks webhooks;
    private final Refusals refusals;

    AdminDonationsController(Donations donations, Ledger ledger, SponsorPledges pledges, StripeWebhooks webhooks, Refusals refusals) {
        this.donations = donations;
        this.ledger = ledger;
        this.pledges = pledges;
        this.webhooks = webhooks;
        this.refusals = refusals;
    }

    @GetMapping
    String overview(Model model) {
        model.addAttribute("campaign", donations.campaign());
        model.addAttribute("toModerate", donations.messagesToModerate(100));
        model.addAttribute("recent", donations.recent(50));
        model.addAttribute("events", webhooks.recent(50));
        return "admin/donations";
    }

    @PostMapping("/{id}/message")
    String moderate(@PathVariable long id, @RequestParam boolean approve, Authentication who, RedirectAttributes redirect) {
        boolean done = donations.moderate(new DonationId(id), approve, who.getName());
        redirect.addFlashAttribute("notice", done ? (approve ? "admin.donations.approved" : "admin.donations.rejected") : "admin.donations.no-message");
        return "redirect:/admin/donations";
    }

    @GetMapping("/expenses")
    String expenses(Model model) {
        model.addAttribute("expenses", ledger.expenses());
        model.addAttribute("categories", ExpenseCategory.values());
        model.addAttribute("today", LocalDate.now());
        return "admin/expenses";
    }

    @PostMapping("/expenses")
    String recordExpense(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate spentOn,
            @RequestParam(required = false) ExpenseCategory category, @RequestParam(defaultValue = "") String amount,
            @RequestParam(defaultValue = "") String note, @RequestParam(required = false) MultipartFile receipt, Authentication who,
            RedirectAttributes redirect) throws IOException {
        byte[] content = receipt == null || receipt.isEmpty() ? null : receipt.getBytes();
        String file = receipt == null ? null : receipt.getOriginalFilename();
        refusals.attemptSaidByLayout(redirect, "admin.expenses.recorded",
                () -> ledger.recordExpense(new Ledger.NewExpense(spentOn, category, amount, note, file, content), who.getName()));
        return "redirect:/admin/donations/expenses";
    }

    @GetMapping("/pledges")
    String pledges(Model model) {
        model.addAttribute("pledges", pledges.all());
        return "admin/pledges";
    }

    @PostMapping("/pledges")
    String recordPledge(@RequestParam(defaultValue = "") String sponsor, @RequestParam(defaultValue = "") String description,
            @RequestParam(defaultValue = "") String value, @RequestParam(defaultValue = "") String quantity,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate validUntil, Authentication who,
            RedirectAttributes redirect) {
        refusals.attemptSaidByLayout(redirect, "admin.pledges.recorded",
                () -> pledges.record(new SponsorPledges.NewPledge(sponsor, description, value, quantity(quantity), validUntil), who.getName()));
        return "redirect:/admin/donations/pledges";
    }

    private static int quantity(String typed) {
        try {
            return Integer.parseInt(typed.strip());
        } catch (NumberFormatException e) {
            throw new DonationProblem("pledge.quantity.invalid");
        }
    }
}
