package org.khanaen.web.assignment;

import java.util.List;
import java.util.Optional;

import org.khanaen.assignment.AssignmentProblem;
import org.khanaen.assignment.AutoAssignment;
import org.khanaen.assignment.RunRequest;
import org.khanaen.assignment.RunView;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.ElectionSummary;
import org.khanaen.volunteers.OrganisationId;
import org.khanaen.web.errors.NotFound;
import org.khanaen.web.errors.Refusals;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What the administrator's and the coordinator's run pages share: the form, starting a run, problems in words. */
@Component
public class AssignmentPages {

    private final AutoAssignment auto;
    private final ElectionCatalog catalog;
    private final MessageSource messages;
    private final Refusals refusals;

    private final org.khanaen.web.i18n.Places places;

    AssignmentPages(AutoAssignment auto, ElectionCatalog catalog, MessageSource messages, Refusals refusals,
            org.khanaen.web.i18n.Places places) {
        this.places = places;
        this.auto = auto;
        this.catalog = catalog;
        this.messages = messages;
        this.refusals = refusals;
    }

    /** The filled-in form, kept when a run is refused so nobody types it again. */
    record RunForm(RunRequest.Scope scope, String code, RunRequest.Mode mode) {

        static RunForm empty(RunRequest.Scope scope) {
            return new RunForm(scope, "", RunRequest.Mode.FILL);
        }
    }

    ElectionSummary election(String electionId) {
        return catalog.election(electionId).orElseThrow(() -> new NotFound("election " + electionId));
    }

    /** The problem's own text from the assignment bundle, in the reader's language. */
    String say(AssignmentProblem problem) {
        return refusals.say(problem, LocaleContextHolder.getLocale());
    }

    /** How this module's pages meet a refusal: {@link Refusals#attempt}. */
    Refusals refusals() {
        return refusals;
    }

    String say(String key, Object... arguments) {
        return messages.getMessage(key, arguments, key, LocaleContextHolder.getLocale());
    }

    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(AdminAssignmentController.BANGKOK);

    /** A moment as the war room reads its clock (Bangkok). */
    public String time(java.time.Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** Starts a run; the id, or nothing with the reason put on the model for the form. */
    Optional<Long> start(String electionId, RunForm form, OrganisationId organisation, String actor, Model model) {
        try {
            // a code (RNG, RNG_1) or a name as people say it (ระนอง, ระนอง เขต 1, Ranong 1): issue 25
            String code = form.code() == null ? null
                    : places.placeCode(form.code()).orElse(form.code().strip().toUpperCase(java.util.Locale.ROOT));
            return Optional.of(auto.start(new RunRequest(electionId, form.scope(), code, organisation, form.mode(), actor)));
        } catch (AssignmentProblem problem) {
            model.addAttribute("problem", say(problem));
            return Optional.empty();
        }
    }

    /** The form's model: which scopes this reader may choose, the recent runs they may see. */
    void form(Model model, ElectionSummary election, String base, List<RunRequest.Scope> scopes, RunForm form,
            Optional<OrganisationId> organisation) {
        model.addAttribute("election", election);
        model.addAttribute("base", base);
        model.addAttribute("scopes", scopes);
        model.addAttribute("modes", RunRequest.Mode.values());
        model.addAttribute("form", form);
        model.addAttribute("runs", auto.recentRuns(election.id()).stream()
                .filter(r -> organisation.isEmpty() || Long.valueOf(organisation.get().value()).equals(r.organisationId()))
                .toList());
    }

    /** A run's page; only while it goes does the page reload itself (a meta refresh: no script needed). */
    void run(Model model, ElectionSummary election, String base, RunView run, String coverageBase) {
        model.addAttribute("election", election);
        model.addAttribute("base", base);
        model.addAttribute("run", run);
        model.addAttribute("coverageBase", coverageBase);
        if (run.running()) {
            model.addAttribute("refreshSeconds", 2);
        }
        if (run.status() == RunView.Status.FAILED && run.error() != null && run.error().startsWith("assignment.")) {
            model.addAttribute("failure", say(run.error()));
        }
    }
}
