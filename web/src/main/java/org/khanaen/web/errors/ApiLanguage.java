package org.khanaen.web.errors;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The language of an API answer. Partner apps say theirs in {@code Accept-Language} (pages keep theirs in a
 * cookie, which the locale resolver prefers, Thai by default): Thai or English, else the resolved one.
 */
public final class ApiLanguage {

    private ApiLanguage() {
    }

    public static Locale of(HttpServletRequest request, Locale resolved) {
        if (request.getHeader("Accept-Language") == null || request.getParameter("lang") != null) {
            return resolved;
        }
        Locale asked = request.getLocale();
        return "en".equals(asked.getLanguage()) || "th".equals(asked.getLanguage()) ? asked : resolved;
    }
}
