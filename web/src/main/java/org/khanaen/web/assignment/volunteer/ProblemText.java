package org.khanaen.web.assignment.volunteer;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;

import org.khanaen.assignment.AssignmentProblem;
import org.khanaen.web.i18n.Dates;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** An assignment module refusal in the reader's words (its keys live in i18n/assignment; dates as people read them). */
@Component
class ProblemText {

    private final MessageSource messages;
    private final Dates dates;

    ProblemText(MessageSource messages, Dates dates) {
        this.messages = messages;
        this.dates = dates;
    }

    String of(AssignmentProblem problem, Locale locale) {
        Object[] arguments = problem.arguments() == null ? new Object[0]
                : Arrays.stream(problem.arguments()).map(a -> a instanceof LocalDate d ? dates.longDate(d) : a).toArray();
        return messages.getMessage(problem.key(), arguments, problem.key(), locale);
    }
}
