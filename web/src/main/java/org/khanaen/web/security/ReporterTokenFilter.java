package org.khanaen.web.security;

import java.io.IOException;
import java.util.List;

import org.khanaen.results.ReportIntake;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code Authorization: Bearer khv_...}: a volunteer's reporting token (for a partner app); the volunteer id becomes the principal. */
class ReporterTokenFilter extends OncePerRequestFilter {

    static final String ROLE = "ROLE_REPORTER_API";

    private final ReportIntake intake;

    ReporterTokenFilter(ReportIntake intake) {
        this.intake = intake;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer khv_", 0, 11)) {
            intake.volunteerOfToken(header.substring(7).strip()).ifPresent(volunteer -> {
                var authentication = UsernamePasswordAuthenticationToken.authenticated(volunteer, null, List.of(new SimpleGrantedAuthority(ROLE)));
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(authentication);
                SecurityContextHolder.setContext(context);
            });
        }
        chain.doFilter(request, response);
    }
}
