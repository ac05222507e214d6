package org.khanaen.web.rewards;

import java.time.Clock;
import java.util.List;

import org.khanaen.rewards.CouponView;
import org.khanaen.rewards.Rewards;
import org.khanaen.rewards.RewardsProblem;
import org.khanaen.volunteers.VolunteerId;
import org.khanaen.volunteers.VolunteerPool;
import org.khanaen.web.errors.NotFound;
import org.khanaen.web.errors.Refusals;
import org.khanaen.web.security.CurrentAccount;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The holders' wallets: a volunteer's at /me/coupons (signed in), a donor's at /wallet/{token} (the signed link mailed
 * with their coupons; an altered link shows nothing). Each coupon with its QR code, its code for typing by hand, its
 * state on chain, and a form to receive the token in the holder's own wallet.
 */
@Controller
class WalletController {

    private final Rewards rewards;
    private final VolunteerPool volunteers;
    private final CurrentAccount current;
    private final Clock clock;
    private final Refusals refusals;

    WalletController(Rewards rewards, VolunteerPool volunteers, CurrentAccount current, Clock clock, Refusals refusals) {
        this.rewards = rewards;
        this.volunteers = volunteers;
        this.current = current;
        this.clock = clock;
        this.refusals = refusals;
    }

    private VolunteerId volunteer(Authentication authentication) {
        return volunteers.ofAccount(current.of(authentication)).orElseThrow(() -> new NotFound("volunteer"));
    }

    @GetMapping("/me/coupons")
    String mine(Authentication authentication, Model model) {
        return page(rewards.walletOf(volunteer(authentication)), "/me/coupons", model);
    }

    @GetMapping("/me/coupons/{code}/qr.png")
    ResponseEntity<byte[]> myQr(@PathVariable String code, Authentication authentication) {
        return QrCodes.response(rewards.couponOf(volunteer(authentication), code).orElseThrow(() -> new NotFound("coupon")).pass());
    }

    @PostMapping("/me/coupons/{code}/wallet")
    String sendMine(@PathVariable String code, @RequestParam(defaultValue = "") String address, Authentication authentication,
            RedirectAttributes redirect) {
        VolunteerId me = volunteer(authentication);
        return send(() -> rewards.sendToWallet(me, code, address), "/me/coupons", redirect);
    }

    @GetMapping("/wallet/{token}")
    String donor(@PathVariable String token, Model model, HttpServletResponse response) {
        try {
            return page(rewards.walletOfLink(token), "/wallet/" + token, model);
        } catch (RewardsProblem invalid) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "rewards/link-invalid";
        }
    }

    @GetMapping("/wallet/{token}/{code}/qr.png")
    ResponseEntity<byte[]> donorQr(@PathVariable String token, @PathVariable String code) {
        try {
            return QrCodes.response(rewards.couponOfLink(token, code).orElseThrow(() -> new NotFound("coupon")).pass());
        } catch (RewardsProblem invalid) {
            throw new NotFound("wallet");
        }
    }

    @PostMapping("/wallet/{token}/{code}/send")
    String sendDonor(@PathVariable String token, @PathVariable String code, @RequestParam(defaultValue = "") String address,
            RedirectAttributes redirect) {
        return send(() -> rewards.sendToWalletOfLink(token, code, address), "/wallet/" + token, redirect);
    }

    private String send(Runnable sending, String back, RedirectAttributes redirect) {
        refusals.attemptSaidByLayout(redirect, "wallet.sent", sending);
        return "redirect:" + back;
    }

    private String page(List<CouponView> coupons, String base, Model model) {
        model.addAttribute("coupons", coupons);
        model.addAttribute("base", base);
        model.addAttribute("now", clock.instant());
        model.addAttribute("chain", rewards.chainStatus().configured());
        return "rewards/wallet";
    }
}
