package org.khanaen.web.assignment.volunteer;

import java.util.Locale;

import org.khanaen.assignment.AssignmentResponses;
import org.khanaen.assignment.AssignmentResponses.Answer;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The links in the assignment mail, without signing in. Opening a link changes nothing (mail scanners
 * open links too); only the buttons, posted with a CSRF token, answer or stop reminders.
 */
@Controller
class AnswerLinkController {

    static final int REASON_MAX = 500; // the history keeps 500 characters

    private final AssignmentResponses responses;

    AnswerLinkController(AssignmentResponses responses) {
        this.responses = responses;
    }

    @GetMapping("/assignment/respond")
    String offer(@RequestParam(defaultValue = "") String token, Locale locale, Model model) {
        return responses.offer(token, locale).map(offer -> {
            model.addAttribute("offer", offer);
            model.addAttribute("token", token);
            return "assignment/respond";
        }).orElse("assignment/link-invalid");
    }

    @PostMapping("/assignment/respond")
    String answer(@RequestParam(defaultValue = "") String token, @RequestParam Answer answer,
            @RequestParam(defaultValue = "") String reason) {
        if (!responses.answer(token, answer, reason(reason))) {
            return "assignment/link-invalid";
        }
        // redirect, so that reloading the thank-you page does not post again
        return "redirect:/assignment/answered?answer=" + answer.name();
    }

    @GetMapping("/assignment/answered")
    String answered(@RequestParam Answer answer, Model model) {
        model.addAttribute("answer", answer.name());
        return "assignment/answered";
    }

    @GetMapping("/assignment/reminders/stop")
    String stopForm(@RequestParam(defaultValue = "") String token, Model model) {
        model.addAttribute("token", token);
        return "assignment/stop";
    }

    @PostMapping("/assignment/reminders/stop")
    String stop(@RequestParam(defaultValue = "") String token) {
        return responses.stopReminders(token) ? "redirect:/assignment/reminders/stopped" : "assignment/link-invalid";
    }

    @GetMapping("/assignment/reminders/stopped")
    String stopped() {
        return "assignment/stopped";
    }

    static String reason(String reason) {
        String r = reason.strip();
        if (r.isEmpty()) {
            return null;
        }
        if (r.length() <= REASON_MAX) {
            return r;
        }
        return r.substring(0, Character.isHighSurrogate(r.charAt(REASON_MAX - 1)) ? REASON_MAX - 1 : REASON_MAX);
    }
}
