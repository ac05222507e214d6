package org.khanaen.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.NewAccount;
import org.khanaen.accounts.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import jakarta.servlet.http.Cookie;

@FullStackTest
class SecurityTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    AccountDirectory accounts;

    @Test
    void administrationAsksAStrangerToSignIn() throws Exception {
        mvc.perform(get("/admin/elections"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void administrationIsForAdministratorsOnly() throws Exception {
        for (Role role : new Role[] { Role.VOLUNTEER, Role.ORG_COORDINATOR, Role.CONSTITUENCY_LEAD, Role.WAR_ROOM, Role.SPONSOR, Role.MEDIA }) {
            mvc.perform(get("/admin/elections").with(user("someone").roles(role.name())))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get("/admin/elections").with(user("boss").roles("ADMIN"))).andExpect(status().isOk());
    }

    @Test
    void theFirstAdministratorCanSignInWithTheConfiguredPassword() throws Exception {
        mvc.perform(formLogin("/login").user("admin").password("administrator-test-password"))
                .andExpect(authenticated().withRoles("ADMIN"));
        mvc.perform(formLogin("/login").user("admin").password("wrong"))
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void someoneWithAOneTimePasswordMustChooseTheirOwnBeforeAnythingElse() throws Exception {
        accounts.create(new NewAccount("new.admin@example.org", "New admin", "one-time-password-123", Set.of(Role.ADMIN), true));
        // the session is Spring Session's, in the database: the next requests carry its cookie, as a browser does
        String setCookie = mvc.perform(formLogin("/login").user("new.admin@example.org").password("one-time-password-123"))
                .andReturn().getResponse().getHeader("Set-Cookie");
        Cookie session = new Cookie("SESSION", setCookie.substring("SESSION=".length(), setCookie.indexOf(';')));

        mvc.perform(get("/admin/elections").cookie(session))
                .andExpect(redirectedUrl("/account/password"));

        mvc.perform(post("/account/password").cookie(session).with(csrf())
                        .param("currentPassword", "one-time-password-123")
                        .param("newPassword", "my very own passphrase")
                        .param("confirmPassword", "my very own passphrase"))
                .andExpect(redirectedUrl("/"));

        mvc.perform(get("/admin/elections").cookie(session)).andExpect(status().isOk());
    }

    @Test
    void aFormPostWithoutItsCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/admin/elections/import/built-in").param("id", "th-2566").with(user("boss").roles("ADMIN")))
                .andExpect(status().isForbidden());
    }

    @Test
    void pagesCarryProtectiveHeaders() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")))
                .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "strict-origin-when-cross-origin"));
    }

    @Test
    void aProtectedApiCallWithoutCredentialsIsA401ProblemNotARedirect() throws Exception {
        mvc.perform(post("/api/v1/elections/th-2566/anything"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().exists("WWW-Authenticate"));
    }

    @Test
    void healthIsPublicButMetricsAreForAdministrators() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(content().string(containsString("UP")));
        mvc.perform(get("/actuator/metrics").with(user("someone").roles("VOLUNTEER"))).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/metrics").with(user("boss").roles("ADMIN"))).andExpect(status().isOk());
    }
}
