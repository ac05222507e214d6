package org.khanaen.web.assignment.volunteer;

import java.util.Locale;

import org.khanaen.accounts.AccountId;
import org.khanaen.assignment.AssignmentId;
import org.khanaen.assignment.AssignmentProblem;
import org.khanaen.assignment.AssignmentResponses;
import org.khanaen.assignment.AssignmentResponses.Answer;
import org.khanaen.assignment.AssignmentView;
import org.khanaen.assignment.SampleStations;
import org.khanaen.assignment.Tier;
import org.khanaen.web.security.CurrentAccount;
import org.khanaen.web.errors.Refusals;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The signed-in volunteer's assignment: answer it if the mail was lost, check in at the station on
 * election day (the module decides when that is), stop the reminder mails.
 */
@Controller
class MyAssignmentController {

    private final AssignmentResponses responses;
    private final CurrentAccount current;
    private final Refusals refusals;
    private final SampleStations samples;

    MyAssignmentController(AssignmentResponses responses, CurrentAccount current, Refusals refusals, SampleStations samples) {
        this.responses = responses;
        this.samples = samples;
        this.current = current;
        this.refusals = refusals;
    }

    @GetMapping("/me/assignment")
    String mine(Authentication authentication, Locale locale, Model model) {
        AccountId account = current.of(authentication);
        var offers = responses.mine(account, locale);
        model.addAttribute("offers", offers);
        // the assignments at a station of the quick count's sample: marked, so its count is sent first
        model.addAttribute("sampleAssignments", offers.stream().map(AssignmentResponses.Offer::assignment)
                .filter(a -> a.tier() == Tier.STATION && samples.of(a.electionId()).contains(a.placeId())).map(AssignmentView::id).toList());
        model.addAttribute("remindersStopped", responses.remindersStopped(account));
        return "me/assignment";
    }

    @PostMapping("/me/assignment/{id}/answer")
    String answer(@PathVariable long id, @RequestParam Answer answer, @RequestParam(defaultValue = "") String reason,
            Authentication authentication, Locale locale, RedirectAttributes redirect) {
        return act(() -> responses.answerMine(current.of(authentication), new AssignmentId(id), answer, AnswerLinkController.reason(reason)),
                answer == Answer.CONFIRM ? "assignment.volunteer.confirmed" : "assignment.volunteer.declined", locale, redirect);
    }

    @PostMapping("/me/assignment/{id}/check-in")
    String checkIn(@PathVariable long id, Authentication authentication, Locale locale, RedirectAttributes redirect) {
        return act(() -> responses.checkIn(current.of(authentication), new AssignmentId(id)), "assignment.volunteer.checked-in", locale,
                redirect);
    }

    /** The same calendar file as the mail's, for whoever lost the mail. */
    @GetMapping(value = "/me/assignment/{id}/calendar.ics")
    org.springframework.http.ResponseEntity<byte[]> calendar(@PathVariable long id, Authentication authentication, Locale locale) {
        try {
            return org.springframework.http.ResponseEntity.ok()
                    .contentType(org.springframework.http.MediaType.parseMediaType("text/calendar; charset=UTF-8"))
                    .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"khanaen-assignment.ics\"")
                    .body(responses.calendar(current.of(authentication), new AssignmentId(id), locale));
        } catch (AssignmentProblem problem) {
            throw new org.khanaen.web.errors.NotFound("assignment " + id);
        }
    }

    @PostMapping("/me/assignment/reminders/resume")
    String resumeReminders(Authentication authentication, Locale locale, RedirectAttributes redirect) {
        return act(() -> responses.resumeReminders(current.of(authentication)), "assignment.volunteer.reminders.resumed", locale, redirect);
    }

    @PostMapping("/me/assignment/reminders/stop")
    String stopReminders(Authentication authentication, Locale locale, RedirectAttributes redirect) {
        return act(() -> responses.stopReminders(current.of(authentication)), "assignment.volunteer.reminders.stopped", locale, redirect);
    }

    private String act(Runnable action, String done, Locale locale, RedirectAttributes redirect) {
        // said in words on the page, not an error page: "check-in opens on election day" is expected
        refusals.attempt(redirect, done, action);
        return "redirect:/me/assignment";
    }
}
