package org.khanaen.web.errors;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

import org.khanaen.platform.problem.KeyedProblem;
import org.khanaen.web.i18n.Dates;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A module's refusal in the reader's words (keys from the modules' bundles; dates as people read them), and the
 * usual way a page's action meets one: done, a notice on the next page; refused, the reason there instead.
 */
@Component
public class Refusals {

    private final MessageSource messages;
    private final Dates dates;

    Refusals(MessageSource messages, Dates dates) {
        this.messages = messages;
        this.dates = dates;
    }

    /** The refusal in words; its key when no bundle knows it, so a missing text shows rather than fails. */
    public String say(KeyedProblem problem, Locale locale) {
        Object[] arguments = Arrays.stream(problem.arguments()).map(a -> a instanceof LocalDate d ? dates.longDate(d) : a).toArray();
        return messages.getMessage(problem.key(), arguments, problem.key(), locale);
    }

    /**
     * Runs the action: done, the notice key is flashed as {@code notice}; refused, the reason in words as
     * {@code problem}. True when done, so the caller can choose where to go.
     */
    public boolean attempt(RedirectAttributes redirect, String notice, Runnable action) {
        return attempt(redirect, notice, action, problem -> redirect.addFlashAttribute("problem", say(problem, LocaleContextHolder.getLocale())));
    }

    /** As {@link #attempt}, for pages whose layout says a flashed key itself: the key as {@code flashError}. */
    public boolean attemptSaidByLayout(RedirectAttributes redirect, String notice, Runnable action) {
        return attempt(redirect, notice, action, problem -> redirect.addFlashAttribute("flashError", problem.key()));
    }

    private static boolean attempt(RedirectAttributes redirect, String notice, Runnable action, Consumer<KeyedProblem> refused) {
        try {
            action.run();
        } catch (KeyedProblem problem) {
            refused.accept(problem);
            return false;
        }
        redirect.addFlashAttribute("notice", notice);
        return true;
    }
}
