package org.khanaen.web.security;

import java.io.IOException;
import java.util.List;

import org.khanaen.volunteers.PartnerOrganisations;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code Authorization: Bearer khn_...}: a partner organisation's API token; the organisation becomes the principal. */
class OrganisationTokenFilter extends OncePerRequestFilter {

    static final String ROLE = "ROLE_ORGANISATION_API";

    private final PartnerOrganisations organisations;

    OrganisationTokenFilter(PartnerOrganisations organisations) {
        this.organisations = organisations;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer khn_", 0, 11)) {
            organisations.byApiToken(header.substring(7).strip()).ifPresent(organisation -> {
                var authentication = UsernamePasswordAuthenticationToken.authenticated(organisation, null,
                        List.of(new SimpleGrantedAuthority(ROLE)));
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(authentication);
                SecurityContextHolder.setContext(context);
            });
        }
        chain.doFilter(request, response);
    }
}
