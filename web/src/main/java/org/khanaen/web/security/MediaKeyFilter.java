package org.khanaen.web.security;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.khanaen.results.LiveResults;
import org.khanaen.results.MediaOutlets;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The results API for media outlets: every call needs the outlet's key ({@code Authorization: Bearer khm_…} or
 * {@code X-Api-Key}); an unknown or revoked key is a 401, and an outlet past its calls per minute gets a 429 with
 * {@code Retry-After}. A revalidation answered 304 counts like any call: it is what a newsroom's poller sends most.
 * Counted per node, each node allowing its share of the rate ({@link ClusterSize}); a revoked key stops working on
 * every node within {@code MediaOutlets.REMEMBERED} (30 s).
 */
class MediaKeyFilter extends OncePerRequestFilter {

    static final String ROLE = "ROLE_MEDIA";
    static final String[] PATHS = { "/api/v1/elections/*/results", "/api/v1/elections/*/results/**" };
    private static final RequestMatcher MATCHER = new OrRequestMatcher(
            List.of(PathPatternRequestMatcher.withDefaults().matcher(PATHS[0]), PathPatternRequestMatcher.withDefaults().matcher(PATHS[1])));

    private record Limited(int perMinute, Bucket bucket) {
    }

    private final MediaOutlets outlets;
    private final ProblemDetailSecurityHandlers problems;
    private final LiveResults live;
    private final ClusterSize cluster;
    private final Map<Long, Limited> buckets = new ConcurrentHashMap<>();

    MediaKeyFilter(MediaOutlets outlets, ProblemDetailSecurityHandlers problems, LiveResults live, ClusterSize cluster) {
        this.cluster = cluster;
        this.outlets = outlets;
        this.problems = problems;
        this.live = live;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !MATCHER.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = key(request);
        if (key == null) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED,
                    "A media key is needed: Authorization: Bearer khm_… (or X-Api-Key). Ask the coalition's administrators for one.");
            return;
        }
        MediaOutlets.Outlet outlet = outlets.outletOf(key).orElse(null);
        if (outlet == null) {
            problems.write(request, response, HttpStatus.UNAUTHORIZED, "This media key is unknown or has been revoked.");
            return;
        }
        ConsumptionProbe probe = bucket(outlet).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()
                    + (probe.getNanosToWaitForRefill() % 1_000_000_000L == 0 ? 0 : 1));
            response.setHeader("Retry-After", String.valueOf(seconds));
            problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS,
                    "Over this key's " + outlet.perMinute() + " calls a minute; try again in " + seconds + " s.");
            return;
        }
        response.setHeader("X-RateLimit-Remaining", String.valueOf(probe.getRemainingTokens()));
        if (notModified(request, response)) {
            return;
        }
        var authentication = UsernamePasswordAuthenticationToken.authenticated(outlet, null, List.of(new SimpleGrantedAuthority(ROLE)));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    /**
     * A revalidation of unchanged results is answered here, before the rest of the chain: it is most of what newsroom
     * pollers send, and every document of an election shares the election's stamp as its ETag (see ResultsApi).
     */
    private boolean notModified(HttpServletRequest request, HttpServletResponse response) {
        String sent = request.getHeader("If-None-Match");
        if (sent == null || !"GET".equals(request.getMethod()) || request.getRequestURI().endsWith("/stream")) {
            return false;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        int start = "/api/v1/elections/".length(), end = path.indexOf('/', start);
        if (end < 0) {
            return false;
        }
        java.util.Optional<Long> stamp = live.stamp(path.substring(start, end));
        if (stamp.isEmpty()) {
            return false;
        }
        String etag = ResultsEtag.of(stamp.get(), "true".equals(request.getParameter("unverified")));
        if (!sent.equals(etag) && !sent.equals("W/" + etag)) {
            return false;
        }
        response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
        response.setHeader("ETag", etag);
        response.setHeader("Cache-Control", "no-cache, private");
        return true;
    }

    private static String key(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).strip();
        }
        String apiKey = request.getHeader("X-Api-Key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }

    /** One bucket per outlet, made anew when its rate changes; this node's share of the minute's calls may come at once. */
    private Bucket bucket(MediaOutlets.Outlet outlet) {
        int share = cluster.share(outlet.perMinute());
        return buckets.compute(outlet.id(), (id, known) -> known != null && known.perMinute() == outlet.perMinute() ? known
                : new Limited(outlet.perMinute(), Bucket.builder()
                        .addLimit(Bandwidth.builder().capacity(share).refillGreedy(share, Duration.ofMinutes(1)).build())
                        .build())).bucket();
    }
}
