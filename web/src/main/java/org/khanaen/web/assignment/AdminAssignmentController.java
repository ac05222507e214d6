package org.khanaen.web.assignment;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.khanaen.assignment.AssignmentNotices;
import org.khanaen.assignment.AssignmentProblem;
import org.khanaen.assignment.AutoAssignment;
import org.khanaen.assignment.RunRequest;
import org.khanaen.assignment.WarRoomShifts;
import org.khanaen.elections.ElectionSummary;
import org.khanaen.web.errors.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators run automatic assignment for an election, keep the war-room shifts and send the assignment mail. */
@Controller
@RequestMapping("/admin/elections/{electionId}/assignment")
class AdminAssignmentController {

    private static final Logger log = LoggerFactory.getLogger(AdminAssignmentController.class);
    /** Shift times are typed as the war room reads its clock. */
    static final ZoneId BANGKOK = ZoneId.of("Asia/Bangkok");

    private final AssignmentPages pages;
    private final AutoAssignment auto;
    private final WarRoomShifts shifts;
    private final AssignmentNotices notices;
    private final TaskExecutor executor;

    AdminAssignmentController(AssignmentPages pages, AutoAssignment auto, WarRoomShifts shifts, AssignmentNotices notices,
            @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.pages = pages;
        this.auto = auto;
        this.shifts = shifts;
        this.notices = notices;
        this.executor = executor;
    }

    /** @param mail how many were to be told when the mail was started: the progress stays on the page when it is reloaded */
    @GetMapping
    String form(@PathVariable String electionId, @RequestParam(name = "mail", required = false) Integer mail, Model model) {
        if (mail != null && mail > 0 && !model.containsAttribute("notifyStarted")) {
            model.addAttribute("notifyStarted", mail);
        }
        return page(pages.election(electionId), AssignmentPages.RunForm.empty(RunRequest.Scope.CONSTITUENCY), model);
    }

    @PostMapping("/runs")
    String start(@PathVariable String electionId, @RequestParam RunRequest.Scope scope, @RequestParam(defaultValue = "") String code,
            @RequestParam RunRequest.Mode mode, Authentication authentication, Model model) {
        ElectionSummary election = pages.election(electionId);
        var form = new AssignmentPages.RunForm(scope, code, mode);
        return pages.start(electionId, form, null, authentication.getName(), model)
                .map(id -> "redirect:/admin/elections/" + electionId + "/assignment/runs/" + id)
                .orElseGet(() -> page(election, form, model));
    }

    @GetMapping("/runs/{runId}")
    String run(@PathVariable String electionId, @PathVariable long runId, Model model) {
        ElectionSummary election = pages.election(electionId);
        var run = auto.run(runId).filter(r -> r.electionId().equals(electionId)).orElseThrow(() -> new NotFound("run " + runId));
        pages.run(model, election, "/admin/elections/" + electionId + "/assignment", run, "/admin/elections/" + electionId + "/coverage");
        return "assignment/run";
    }

    @PostMapping("/shifts")
    String addShift(@PathVariable String electionId, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String starts, @RequestParam(defaultValue = "") String ends,
            @RequestParam(defaultValue = "0") int seats, Model model, RedirectAttributes redirect) {
        ElectionSummary election = pages.election(electionId);
        try {
            LocalDate day = Optional.ofNullable(election.date()).orElseThrow(() -> new AssignmentProblem("assignment.admin.shift.no-date"));
            LocalTime from = time(starts);
            LocalTime to = time(ends);
            ZonedDateTime start = day.atTime(from).atZone(BANGKOK);
            // A shift through the night (17:00 to 02:00) ends the next morning.
            ZonedDateTime end = (to.isAfter(from) ? day : day.plusDays(1)).atTime(to).atZone(BANGKOK);
            shifts.add(electionId, name, start.toInstant(), end.toInstant(), seats);
        } catch (AssignmentProblem problem) {
            model.addAttribute("shiftProblem", pages.say(problem));
            model.addAttribute("shiftName", name);
            return page(election, AssignmentPages.RunForm.empty(RunRequest.Scope.CONSTITUENCY), model);
        }
        redirect.addFlashAttribute("notice", "assignment.admin.shift.added");
        return "redirect:/admin/elections/" + electionId + "/assignment#shifts";
    }

    private static LocalTime time(String text) {
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new AssignmentProblem("assignment.problem.shift-times");
        }
    }

    /** Thousands of mails take a while: they are queued in the background and the page comes back at once. */
    @PostMapping("/notify")
    String notifyPending(@PathVariable String electionId, RedirectAttributes redirect) {
        pages.election(electionId);
        int pending = notices.pending(electionId);
        executor.execute(() -> {
            try {
                log.info("assignment mail for {}: {} queued", electionId, notices.notifyPending(electionId));
            } catch (RuntimeException e) {
                log.error("assignment mail for {} failed", electionId, e);
            }
        });
        redirect.addFlashAttribute("notifyStarted", pending);
        return "redirect:/admin/elections/" + electionId + "/assignment?mail=" + pending + "#mail";
    }

    /**
     * For the page's progress bar while the mail goes out: who is still to be told, mails not yet handed to the mail
     * server, and of the {@code of} to be told at the start, how many have been: their mail went out.
     */
    @GetMapping(path = "/mail-progress", produces = "application/json")
    @ResponseBody
    MailProgress mailProgress(@PathVariable String electionId, @RequestParam(defaultValue = "0") int of) {
        pages.election(electionId);
        int toTell = notices.pending(electionId);
        long waiting = notices.waitingToGo();
        return new MailProgress(toTell, waiting, Math.max(0, of - toTell - waiting));
    }

    /** @param told told, with the mail gone out: marked as told and no longer waiting in the outbox */
    record MailProgress(int toTell, long waiting, long told) {
    }

    private String page(ElectionSummary election, AssignmentPages.RunForm form, Model model) {
        pages.form(model, election, "/admin/elections/" + election.id() + "/assignment", List.of(RunRequest.Scope.values()), form,
                Optional.empty());
        model.addAttribute("admin", true);
        model.addAttribute("shifts", shifts.of(election.id()));
        model.addAttribute("pending", notices.pending(election.id()));
        model.addAttribute("zone", BANGKOK);
        return "assignment/runs";
    }
}
