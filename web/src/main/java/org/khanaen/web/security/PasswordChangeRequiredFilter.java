package org.khanaen.web.security;

import java.io.IOException;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Someone signed in with a one-time password can do nothing but choose their own (or sign out). */
class PasswordChangeRequiredFilter extends OncePerRequestFilter {

    static final String CHANGE_PAGE = "/account/password";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        boolean mustChange = signedIn != null && signedIn.getAuthorities().stream()
                .anyMatch(a -> AccountUserDetailsService.PASSWORD_CHANGE_REQUIRED.equals(a.getAuthority()));
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (mustChange && !allowed(path)) {
            response.sendRedirect(request.getContextPath() + CHANGE_PAGE);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean allowed(String path) {
        return path.equals(CHANGE_PAGE) || path.equals("/logout") || path.equals("/error")
                || path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/img/");
    }
}
