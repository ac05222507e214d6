package org.khanaen.web.errors;

import java.util.Locale;
import java.util.Map;

import org.khanaen.platform.problem.KeyedProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.ModelAndView;

/**
 * A module's refusal that a page did not meet itself (pages that re-show a form or go back with a notice do):
 * the friendly error page with the reason in the reader's language, 422. Ordered after {@link ApiProblems}, which
 * answers the API with problem details; other answers with a body go on to the error controller as before.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class PageProblems {

    private final Refusals refusals;

    PageProblems(Refusals refusals) {
        this.refusals = refusals;
    }

    @ExceptionHandler(KeyedProblem.class)
    ModelAndView refused(KeyedProblem problem, HandlerMethod handler, Locale locale) {
        if (answersWithABody(handler)) {
            throw problem;
        }
        HttpStatus status = HttpStatus.UNPROCESSABLE_CONTENT;
        return new ModelAndView("error", Map.of("status", status.value(), "kind", "refused", "reason", refusals.say(problem, locale)), status);
    }

    /** A script's JSON call (the report page's) gets no HTML page from here. */
    private static boolean answersWithABody(HandlerMethod handler) {
        return handler.hasMethodAnnotation(ResponseBody.class) || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class)
                || ResponseEntity.class.isAssignableFrom(handler.getReturnType().getParameterType());
    }
}
