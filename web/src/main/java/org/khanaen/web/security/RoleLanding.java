package org.khanaen.web.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.khanaen.accounts.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * After signing in, each role's own page rather than the home page everyone else sees (issue 25); a page the person
 * was sent to sign in from still comes first. With several roles, the most specific work wins (an administrator who
 * is also a volunteer lands on the administration).
 */
class RoleLanding extends SavedRequestAwareAuthenticationSuccessHandler {

    /** In order of precedence. */
    static final Map<Role, String> PAGES = orderedPages();

    private static Map<Role, String> orderedPages() {
        Map<Role, String> pages = new java.util.LinkedHashMap<>();
        pages.put(Role.ADMIN, "/admin/elections");
        pages.put(Role.WAR_ROOM, "/war-room");
        pages.put(Role.CONSTITUENCY_LEAD, "/lead");
        pages.put(Role.ORG_COORDINATOR, "/org");
        pages.put(Role.SPONSOR, "/sponsor");
        pages.put(Role.VOLUNTEER, "/me");
        pages.put(Role.MEDIA, "/results");
        return java.util.Collections.unmodifiableMap(pages);
    }

    RoleLanding() {
        setDefaultTargetUrl("/");
    }

    @Override
    protected String determineTargetUrl(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        return landing(authentication == null ? List.of() : authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
    }

    static String landing(java.util.Collection<String> authorities) {
        Set<String> held = authorities.stream().collect(Collectors.toSet());
        return PAGES.entrySet().stream().filter(e -> held.contains(e.getKey().authority())).map(Map.Entry::getValue).findFirst()
                .orElse("/");
    }
}
