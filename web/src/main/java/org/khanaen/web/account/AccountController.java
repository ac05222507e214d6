package org.khanaen.web.account;

import java.security.Principal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.AccountProblem;
import org.khanaen.accounts.Role;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Signing in, and choosing one's own password. */
@Controller
class AccountController {

    private static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");
    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm");

    private final AccountDirectory accounts;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    AccountController(AccountDirectory accounts) {
        this.accounts = accounts;
    }

    /** {@code ?locked=<epoch second>}: refused for too many wrong passwords; shown as Bangkok's time, rounded up to the minute. */
    @GetMapping("/login")
    String login(@RequestParam(name = "locked", required = false) Long lockedUntil, Model model) {
        if (lockedUntil != null) {
            ZonedDateTime until = Instant.ofEpochSecond(lockedUntil).atZone(BANGKOK);
            ZonedDateTime minute = until.truncatedTo(ChronoUnit.MINUTES);
            model.addAttribute("lockedUntil", (minute.equals(until) ? minute : minute.plusMinutes(1)).format(HOURS_MINUTES));
        }
        return "account/login";
    }

    @GetMapping("/account/password")
    String passwordForm() {
        return "account/password";
    }

    @PostMapping("/account/password")
    String changePassword(@RequestParam String currentPassword, @RequestParam String newPassword,
            @RequestParam String confirmPassword, Principal principal, Model model, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes redirect) {
        if (!newPassword.equals(confirmPassword)) {
            model.addAttribute("error", "account.password.mismatch");
            return "account/password";
        }
        try {
            accounts.changePassword(principal.getName(), currentPassword, newPassword);
        } catch (AccountProblem problem) {
            model.addAttribute("error", problem.code());
            return "account/password";
        }
        refreshAuthorities(principal.getName(), request, response);
        redirect.addFlashAttribute("notice", "account.password.changed");
        return "redirect:/";
    }

    /** The signed-in session loses the "must change password" mark at once, not at the next sign-in. */
    private void refreshAuthorities(String username, HttpServletRequest request, HttpServletResponse response) {
        var account = accounts.findForLogin(username).orElseThrow();
        List<SimpleGrantedAuthority> authorities = account.roles().stream().map(Role::authority).map(SimpleGrantedAuthority::new).toList();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                SecurityContextHolder.getContext().getAuthentication().getPrincipal(), null, authorities));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }
}
