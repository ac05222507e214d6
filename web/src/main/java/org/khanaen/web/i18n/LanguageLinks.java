package org.khanaen.web.i18n;

import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The language switch on every page links to the same page (same query) in the other language. Added when a
 * page is about to be rendered, not for every request: the API's answers have no language switch (measured:
 * computing the links for each of election night's report calls cost ~3% of its CPU).
 */
class LanguageLinks implements HandlerInterceptor {

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
        if (page == null || page.getView() instanceof RedirectView
                || page.getViewName() != null && (page.getViewName().startsWith("redirect:") || page.getViewName().startsWith("forward:"))) {
            return;
        }
        page.getModelMap().putIfAbsent("langThUrl", sameIn(request, "th"));
        page.getModelMap().putIfAbsent("langEnUrl", sameIn(request, "en"));
    }

    private static String sameIn(HttpServletRequest request, String language) {
        Object failed = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = failed instanceof String original ? original : request.getRequestURI();
        String query = failed instanceof String ? null : request.getQueryString();
        return UriComponentsBuilder.fromPath(path).query(query).replaceQueryParam("lang", language).build().toUriString();
    }
}
