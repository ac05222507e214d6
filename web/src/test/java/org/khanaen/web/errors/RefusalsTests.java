package org.khanaen.web.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.khanaen.platform.problem.KeyedProblem;
import org.khanaen.web.i18n.Dates;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

/** A module's refusal, said in the reader's words: flashed back to the page, or on the friendly error page. */
class RefusalsTests {

    static class Refused extends KeyedProblem {
        Refused(String key, Object... arguments) {
            super(key, arguments);
        }
    }

    /** Handler methods are looked up by name among the public ones. */
    public static class Pages {
        public String page() {
            return "page";
        }

        @ResponseBody
        public String body() {
            return "body";
        }

        public ResponseEntity<String> entity() {
            return ResponseEntity.ok("entity");
        }
    }

    private final Refusals refusals = new Refusals(messages(), new Dates());

    @Test
    void aRefusalIsSaidInTheReadersLanguageWithItsDatesAsPeopleReadThem() {
        LocaleContextHolder.setLocale(Locale.ENGLISH); // dates follow the request's locale
        var notYet = new Refused("check-in.not-yet", LocalDate.of(2023, 5, 14));
        assertThat(refusals.say(notYet, Locale.ENGLISH)).isEqualTo("Check-in opens on 14 May 2023.");
        assertThat(refusals.say(new Refused("no.such.key"), Locale.ENGLISH)).isEqualTo("no.such.key");
    }

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void anActionDoneLeavesItsNoticeAndARefusedOneItsReason() {
        var done = new RedirectAttributesModelMap();
        assertThat(refusals.attempt(done, "saved", () -> { })).isTrue();
        assertThat(flashed(done)).containsEntry("notice", "saved").doesNotContainKey("problem");

        var refused = new RedirectAttributesModelMap();
        assertThat(refusals.attempt(refused, "saved", () -> {
            throw new Refused("slot.taken");
        })).isFalse();
        assertThat(flashed(refused)).containsKey("problem").doesNotContainKey("notice");

        var keyed = new RedirectAttributesModelMap();
        refusals.attemptSaidByLayout(keyed, "saved", () -> {
            throw new Refused("slot.taken");
        });
        assertThat(flashed(keyed)).containsEntry("flashError", "slot.taken");
    }

    @Test
    void aRefusalNoPageMetGetsTheFriendlyPageWithItsReasonButAnAnswerWithABodyIsLeftToTheErrorController() throws Exception {
        var pageProblems = new PageProblems(refusals);
        ModelAndView page = pageProblems.refused(new Refused("slot.taken"), new HandlerMethod(new Pages(), "page"), Locale.ENGLISH);
        assertThat(page.getViewName()).isEqualTo("error");
        assertThat(page.getStatus().value()).isEqualTo(422);
        assertThat(page.getModel()).containsEntry("reason", "The place is taken.").containsEntry("kind", "refused");

        var problem = new Refused("slot.taken");
        assertThatThrownBy(() -> pageProblems.refused(problem, new HandlerMethod(new Pages(), "body"), Locale.ENGLISH)).isSameAs(problem);
        assertThatThrownBy(() -> pageProblems.refused(problem, new HandlerMethod(new Pages(), "entity"), Locale.ENGLISH)).isSameAs(problem);
    }

    private static Map<String, Object> flashed(RedirectAttributesModelMap redirect) {
        return Map.copyOf(redirect.getFlashAttributes());
    }

    private static StaticMessageSource messages() {
        var messages = new StaticMessageSource();
        messages.addMessage("check-in.not-yet", Locale.ENGLISH, "Check-in opens on {0}.");
        messages.addMessage("slot.taken", Locale.ENGLISH, "The place is taken.");
        return messages;
    }
}
