package org.khanaen.web.i18n;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/** The language switch on every page links to the same page (same query) in the other language. */
@ControllerAdvice(basePackages = "org.khanaen.web")
class LanguageLinks {

    @ModelAttribute("langThUrl")
    String thai(HttpServletRequest request) {
        return sameIn(request, "th");
    }

    @ModelAttribute("langEnUrl")
    String english(HttpServletRequest request) {
        return sameIn(request, "en");
    }

    private static String sameIn(HttpServletRequest request, String language) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = failed instanceof String original ? original : request.getRequestURI();
        String query = failed instanceof String ? null : request.getQueryString();
        return UriComponentsBuilder.fromPath(path).query(query).replaceQueryParam("lang", language).build().toUriString();
    }
}
