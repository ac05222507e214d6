package org.khanaen.web.security;

import java.io.IOException;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A wrong password back to {@code /login?error}; a throttled try to {@code /login?locked=<epoch second>}, the time the
 * sign-in page shows (only shown: the throttle decides, so a hand-made link changes nothing).
 */
class SignInFailures extends SimpleUrlAuthenticationFailureHandler {

    SignInFailures() {
        super("/login?error");
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, ServletException {
        if (e instanceof SignInThrottled throttled) {
            getRedirectStrategy().sendRedirect(request, response, "/login?locked=" + throttled.until().getEpochSecond());
            return;
        }
        super.onAuthenticationFailure(request, response, e);
    }
}
