package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.NewAccount;
import org.khanaen.accounts.Role;
import org.khanaen.web.security.SignedIn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.servlet.http.Cookie;

/**
 * Sign-in sessions live in the database, not in a node: what one node stored, another reads — here a session
 * repository of its own on the same database, as a second node has — and nothing of it is left in the JVM.
 */
@FullStackTest
class SharedSessionTests {

    private static final String USER = "sessions.admin@example.org";
    private static final String PASSWORD = "shared-session-password-1";

    @Autowired
    MockMvc mvc;
    @Autowired
    AccountDirectory accounts;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aSessionStoredByOneNodeIsHonouredByAnotherAndSigningOutEndsItEverywhere() throws Exception {
        if (accounts.findForLogin(USER).isEmpty()) {
            accounts.create(new NewAccount(USER, "Sessions admin", PASSWORD, Set.of(Role.ADMIN), false));
        }
        String setCookie = mvc.perform(formLogin("/login").user(USER).password(PASSWORD))
                .andExpect(redirectedUrl("/admin/elections")).andReturn().getResponse().getHeader("Set-Cookie"); // an administrator's own page (issue 25)
        assertThat(setCookie).startsWith("SESSION=").contains("HttpOnly").contains("SameSite=Lax");
        Cookie session = new Cookie("SESSION", setCookie.substring("SESSION=".length(), setCookie.indexOf(';')));
        String id = new String(Base64.getDecoder().decode(session.getValue()), StandardCharsets.UTF_8);

        // another node: its own repository on the same database finds the person signed in, principal and all
        Session found = anotherNode().findById(id);
        SecurityContext stored = found.getAttribute("SPRING_SECURITY_CONTEXT");
        assertThat(stored.getAuthentication().getPrincipal()).isInstanceOfSatisfying(SignedIn.class,
                signedIn -> assertThat(signedIn.account()).isEqualTo(accounts.findForLogin(USER).orElseThrow().id()));
        mvc.perform(get("/admin/elections").cookie(session)).andExpect(status().isOk());

        // CSRF: the token kept in the shared session is the one the form must carry
        String page = mvc.perform(get("/account/password").cookie(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        mvc.perform(post("/logout").cookie(session)).andExpect(status().isForbidden());
        mvc.perform(post("/logout").cookie(session).param("_csrf", csrfToken(page))).andExpect(redirectedUrl("/?signed-out"));

        assertThat(jdbc.sql("select count(*) from SPRING_SESSION where SESSION_ID = ?").param(id).query(Integer.class).single()).isZero();
        mvc.perform(get("/admin/elections").cookie(session)).andExpect(redirectedUrl("/login"));
    }

    @Test
    void nothingOfASessionIsKeptInTheNode() throws Exception {
        if (accounts.findForLogin(USER).isEmpty()) {
            accounts.create(new NewAccount(USER, "Sessions admin", PASSWORD, Set.of(Role.ADMIN), false));
        }
        String setCookie = mvc.perform(formLogin("/login").user(USER).password(PASSWORD)).andReturn().getResponse().getHeader("Set-Cookie");
        Cookie session = new Cookie("SESSION", setCookie.substring("SESSION=".length(), setCookie.indexOf(';')));
        mvc.perform(get("/admin/elections").cookie(session)).andExpect(status().isOk());

        String id = new String(Base64.getDecoder().decode(session.getValue()), StandardCharsets.UTF_8);
        jdbc.sql("delete from SPRING_SESSION where SESSION_ID = ?").param(id).update(); // the database forgets it

        mvc.perform(get("/admin/elections").cookie(session)).andExpect(redirectedUrl("/login"));
    }

    private JdbcIndexedSessionRepository anotherNode() {
        return new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource), new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    private static String csrfToken(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            m = Pattern.compile("value=\"([^\"]+)\"\\s+name=\"_csrf\"").matcher(html);
            assertThat(m.find()).as("a CSRF field in the page").isTrue();
        }
        return m.group(1);
    }
}
