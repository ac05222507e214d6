package org.khanaen.web.results;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.khanaen.results.ReportProblem;
import org.khanaen.results.WarRoom;
import org.khanaen.results.checks.Findings;
import org.khanaen.results.checks.Tally;
import org.khanaen.web.errors.NotFound;
import org.khanaen.web.errors.Refusals;
import org.springframework.context.MessageSource;
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
 * The war room: the queue (conflicts, close races, oldest), taking the next item, and deciding it beside its
 * photos: approve a report's numbers, reject a report, or correct the numbers, each with who and why.
 */
@Controller
class WarRoomController {

    private final WarRoom warRoom;
    private final ResultsAccess access;
    private final BallotLabels labels;
    private final PhotoResponses photos;
    private final MessageSource messages;
    private final Refusals refusals;
    private final Clock clock;

    WarRoomController(WarRoom warRoom, ResultsAccess access, BallotLabels labels, PhotoResponses photos, MessageSource messages, Refusals refusals,
            Clock clock) {
        this.warRoom = warRoom;
        this.access = access;
        this.labels = labels;
        this.photos = photos;
        this.messages = messages;
        this.refusals = refusals;
        this.clock = clock;
    }

    @GetMapping("/war-room")
    String queue(Authentication authentication, HttpServletResponse response, Model model) {
        if (!access.mayVerify(authentication)) {
            return forbidden(response);
        }
        model.addAttribute("counts", warRoom.counts(access.election()));
        model.addAttribute("queue", warRoom.queue(access.election(), 100));
        model.addAttribute("me", authentication.getName());
        model.addAttribute("refreshSeconds", 30); // the queue moves all night; the page follows without a hand on it
        return "war-room/queue";
    }

    @PostMapping("/war-room/next")
    String next(Authentication authentication, HttpServletResponse response, RedirectAttributes redirect) {
        if (!access.mayVerify(authentication)) {
            return forbidden(response);
        }
        Optional<Long> item = warRoom.claimNext(access.election(), authentication.getName());
        if (item.isEmpty()) {
            redirect.addFlashAttribute("notice", "war-room.queue.empty");
            return "redirect:/war-room";
        }
        return "redirect:/war-room/items/" + item.get();
    }

    @GetMapping("/war-room/items/{id}")
    String item(@PathVariable long id, Authentication authentication, Locale locale, HttpServletResponse response, Model model) {
        if (!access.mayVerify(authentication)) {
            return forbidden(response);
        }
        WarRoom.Item item = warRoom.item(id).filter(i -> i.electionId().equals(access.election()))
                .orElseThrow(() -> new NotFound("item " + id));
        model.addAttribute("item", item);
        model.addAttribute("comparison", Comparison.of(item, labels.of(item.station(), item.contest(), locale)));
        model.addAttribute("photoLinks", photos.links(item));
        model.addAttribute("mine", item.claimedBy(authentication.getName(), clock.instant()));
        model.addAttribute("heldByOther", !item.claimedBy(authentication.getName(), clock.instant()) && item.claimedBy() != null
                && item.claimExpires() != null && item.claimExpires().isAfter(clock.instant()));
        return "war-room/item";
    }

    @PostMapping("/war-room/items/{id}/claim")
    String claim(@PathVariable long id, Authentication authentication, HttpServletResponse response, RedirectAttributes redirect) {
        if (!access.mayVerify(authentication)) {
            return forbidden(response);
        }
        if (!warRoom.claim(id, authentication.getName())) {
            redirect.addFlashAttribute("notice", "war-room.item.taken");
        }
        return "redirect:/war-room/items/" + id;
    }

    @PostMapping("/war-room/items/{id}/release")
    String release(@PathVariable long id, Authentication authentication, HttpServletResponse response) {
        if (!access.mayVerify(authentication)) {
            return forbidden(response);
        }
        warRoom.release(id, authentication.getName());
        return "redirect:/war-room";
    }

    @PostMapping("/war-room/items/{id}/approve")
    String approve(@PathVariable long id, @RequestParam long report, @RequestParam(defaultValue = "") String reason,
            Authentication authentication, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        return decide(id, authentication, locale, response, redirect, () -> warRoom.approve(id, report, authentication.getName(), reason));
    }

    @PostMapping("/war-room/items/{id}/reject")
    String reject(@PathVariable long id, @RequestParam long report, @RequestParam(defaultValue = "") String reason,
            Authentication authentication, Locale locale, HttpServletResponse response, RedirectAttributes redirect) {
        if (!access.mayVerify(authentication)) {
            return forbidden(response);
        }
        refusals.attempt(redirect, "war-room.rejected", () -> warRoom.reject(id, report, authentication.getName(), reason));
        return "redirect:/war-room/items/" + id; // the item may still wait (another report), or have left the queue
    }

    /** The verifier's own numbers: vote_{number} for each ballot number, and the four totals. */
    @PostMapping("/war-room/items/{id}/correct")
    String correct(@PathVariable long id, @RequestParam Map<String, String> form, Authentication authentication, Locale locale,
            HttpServletResponse response, RedirectAttributes redirect) {
        if (!access.mayVerify(authentication)) {
            return forbidden(response);
        }
        Tally numbers;
        try {
            Map<Integer, Long> votes = new TreeMap<>();
            for (var e : form.entrySet()) {
                if (e.getKey().startsWith("vote_")) {
                    votes.put(Integer.parseInt(e.getKey().substring(5)), Long.parseLong(e.getValue().strip()));
                }
            }
            numbers = new Tally(votes, number(form, "valid"), number(form, "invalid"), number(form, "noVote"), number(form, "ballotsUsed"), true,
                    new Tally.CountForm(optionalNumber(form, "votersCame"), optionalNumber(form, "ballotsReceived"),
                            optionalNumber(form, "ballotsLeft")));
        } catch (NumberFormatException e) {
            redirect.addFlashAttribute("problem", messages.getMessage("war-room.correct.not-a-number", null, locale));
            return "redirect:/war-room/items/" + id;
        }
        try {
            Findings findings = warRoom.correct(id, numbers, authentication.getName(), form.getOrDefault("reason", ""),
                    "true".equals(form.get("asWritten")));
            if (!findings.errors().isEmpty()) {
                redirect.addFlashAttribute("problem", String.join(" · ", findings.errors().stream()
                        .map(f -> text(f, locale)).toList()));
                return "redirect:/war-room/items/" + id;
            }
        } catch (ReportProblem problem) {
            redirect.addFlashAttribute("problem", refusals.say(problem, locale));
            return "redirect:/war-room/items/" + id;
        }
        redirect.addFlashAttribute("notice", "war-room.verified");
        return nextItem(authentication);
    }

    /** A report's photo, for verifiers only: a redirect to a short-lived link into the bucket, never cached. */
    @GetMapping("/war-room/photos/{photoId}")
    ResponseEntity<Void> photo(@PathVariable long photoId, Authentication authentication) {
        if (!access.mayVerify(authentication)) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        return photos.serve(photoId);
    }

    private String decide(long id, Authentication authentication, Locale locale, HttpServletResponse response, RedirectAttributes redirect,
            Runnable decision) {
        if (!access.mayVerify(authentication)) {
            return forbidden(response);
        }
        return refusals.attempt(redirect, "war-room.verified", decision) ? nextItem(authentication) : "redirect:/war-room/items/" + id;
    }

    /**
     * After a decision the verifier goes on to the next item, taken for them as "next" would: working the queue is one
     * decision after another, and the queue page between two (all its counts and its head) cost the app more than the
     * decision itself. With nothing waiting, the queue page; the item page's "give back" returns an item not wanted.
     */
    private String nextItem(Authentication authentication) {
        return warRoom.claimNext(access.election(), authentication.getName()).map(next -> "redirect:/war-room/items/" + next)
                .orElse("redirect:/war-room");
    }

    private String text(Findings.Finding finding, Locale locale) {
        return messages.getMessage(finding.messageKey(), finding.arguments().toArray(), finding.code(), locale);
    }

    /** A figure of the count form: blank when the form's photo does not show it. */
    private static Long optionalNumber(Map<String, String> form, String name) {
        String value = form.get(name);
        return value == null || value.isBlank() ? null : Long.parseLong(value.strip());
    }

    private static long number(Map<String, String> form, String name) {
        String value = form.get(name);
        if (value == null) {
            throw new NumberFormatException(name);
        }
        return Long.parseLong(value.strip());
    }

    private static String forbidden(HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        return "war-room/not-verifier";
    }
}
