package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.NewAccount;
import org.khanaen.accounts.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.FormLoginRequestBuilder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Password guessing through the real sign-in form (a probe tried 250 at 18 a second; the right one then worked). */
@FullStackTest
class SignInThrottleTests {

    /** Not 127.0.0.1: the other tests' sign-ins must not count here, nor these there. */
    private static final String GUESSER = "10.66.0.1";

    @Autowired
    MockMvc mvc;
    @Autowired
    AccountDirectory accounts;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forget() {
        jdbc.sql("delete from sign_in_failure where subject like 'address:10.66.%' or subject like 'account:throttle.%'").update();
    }

    private ResultActions signIn(String username, String password, String from) throws Exception {
        FormLoginRequestBuilder form = formLogin("/login").user(username).password(password);
        return mvc.perform(context -> {
            MockHttpServletRequest request = form.buildRequest(context);
            request.setRemoteAddr(from);
            return request;
        });
    }

    @Test
    void afterTenWrongPasswordsEvenTheRightOneIsRefused() throws Exception {
        accounts.create(new NewAccount("throttle.one@example.org", "One", "the right passphrase", Set.of(Role.VOLUNTEER), false));
        for (int i = 0; i < 4; i++) {
            signIn("throttle.one@example.org", "wrong " + i, GUESSER).andExpect(redirectedUrl("/login?error"));
        }
        signIn("throttle.one@example.org", "wrong 5", GUESSER).andExpect(redirectedUrlPattern("/login?locked=*"));
        for (int i = 6; i <= 10; i++) {
            signIn("throttle.one@example.org", "wrong " + i, GUESSER).andExpect(redirectedUrlPattern("/login?locked=*"));
        }

        signIn("throttle.one@example.org", "the right passphrase", "10.66.0.2")
                .andExpect(unauthenticated()).andExpect(redirectedUrlPattern("/login?locked=*"));
        assertThat(jdbc.sql("select count(*) from sign_in_audit where username = 'throttle.one@example.org' and event = 'REFUSED'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void anotherAccountFromTheSameAddressStillSignsIn() throws Exception {
        accounts.create(new NewAccount("throttle.two@example.org", "Two", "the right passphrase", Set.of(Role.VOLUNTEER), false));
        for (int i = 0; i < 10; i++) {
            signIn("throttle.target@example.org", "guess " + i, GUESSER);
        }

        signIn("throttle.two@example.org", "the right passphrase", GUESSER).andExpect(authenticated());
    }

    @Test
    void theRightPasswordStartsTheCountAfresh() throws Exception {
        accounts.create(new NewAccount("throttle.three@example.org", "Three", "the right passphrase", Set.of(Role.VOLUNTEER), false));
        for (int i = 0; i < 4; i++) {
            signIn("throttle.three@example.org", "typo " + i, GUESSER);
        }
        signIn("throttle.three@example.org", "the right passphrase", GUESSER).andExpect(authenticated());

        for (int i = 0; i < 4; i++) {
            signIn("throttle.three@example.org", "typo " + i, GUESSER).andExpect(redirectedUrl("/login?error"));
        }
    }

    @Test
    void theSignInPageSaysWhenToTryAgainInThaiAndEnglish() throws Exception {
        long until = Instant.parse("2027-03-01T07:04:30Z").getEpochSecond(); // 14:04:30 in Bangkok

        mvc.perform(get("/login").param("locked", String.valueOf(until)))
                .andExpect(content().string(containsString("ลองเข้าสู่ระบบผิดหลายครั้งเกินไป ลองใหม่ได้เมื่อเวลา 14:05 น.")));
        mvc.perform(get("/login").param("locked", String.valueOf(until)).param("lang", "en"))
                .andExpect(content().string(containsString("Too many sign-in attempts. Try again at 14:05.")));
    }
}
