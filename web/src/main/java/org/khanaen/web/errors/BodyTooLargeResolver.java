package org.khanaen.web.errors;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A body that passed its limit while a controller's argument was read arrives here wrapped (Jackson's or Spring's
 * "unreadable body", a 400); it is a 413, answered by {@link ErrorPages} like any other error. Runs before the API's
 * problem handlers, which would otherwise call it a bad request.
 */
@Component
class BodyTooLargeResolver implements HandlerExceptionResolver, Ordered {

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLarge) {
                try {
                    response.setHeader("Connection", "close");
                    response.sendError(413);
                } catch (IOException notSent) {
                    return null;
                }
                return new ModelAndView();
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
