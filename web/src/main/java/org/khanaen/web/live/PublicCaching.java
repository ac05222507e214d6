package org.khanaen.web.live;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The public results pages' caching (issue 23: the readers of a national election night come through a CDN). A page
 * asked for without cookies (nobody signed in, the default language) is the same for everyone: shared caches may keep
 * it 5 seconds and serve it stale for 30 more while they fetch it again, or 10 minutes while the origin fails. Its
 * ETag is the results' stamp (the same on every node holding the same rows), the language and what else the page
 * shows, so a revalidation is answered 304 without rendering. With cookies (a session, the language chosen) the page
 * is the reader's own: {@code private, no-cache}, still with an ETag. The CDN must not serve a shared copy to a request
 * with cookies (docs/deployment.md).
 */
final class PublicCaching {

    static final CacheControl SHARED = CacheControl.maxAge(5, TimeUnit.SECONDS).sMaxAge(5, TimeUnit.SECONDS).cachePublic()
            .staleWhileRevalidate(30, TimeUnit.SECONDS).staleIfError(600, TimeUnit.SECONDS);
    static final CacheControl OWN = CacheControl.noCache().cachePrivate();

    private PublicCaching() {
    }

    /**
     * Sets the page's caching headers; true when the client has it already (answered 304: render nothing).
     *
     * @param stamp the results' stamp
     * @param more  what else the page shows that the stamp does not cover (e.g. the quick count's state)
     */
    static boolean notModified(WebRequest request, long stamp, String more) {
        ServletWebRequest servlet = (ServletWebRequest) request;
        HttpServletRequest r = servlet.getRequest();
        boolean shared = shared(r);
        Locale locale = LocaleContextHolder.getLocale();
        String etag = "W/\"" + Long.toHexString(stamp) + "-" + locale.getLanguage() + "-" + more
                + (shared ? "" : "-" + Integer.toHexString(Objects.hashCode(r.getRemoteUser()))) + "\"";
        if (servlet.getResponse() != null) {
            servlet.getResponse().setHeader(HttpHeaders.CACHE_CONTROL, (shared ? SHARED : OWN).getHeaderValue());
        }
        return request.checkNotModified(etag);
    }

    /** Whether the page is everyone's: no cookie, no language chosen in the address (that sets a cookie), nobody signed in. */
    static boolean shared(HttpServletRequest r) {
        return (r.getCookies() == null || r.getCookies().length == 0) && r.getParameter("lang") == null && r.getRemoteUser() == null;
    }
}
