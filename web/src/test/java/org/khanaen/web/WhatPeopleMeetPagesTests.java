package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.NewAccount;
import org.khanaen.accounts.Role;
import org.khanaen.web.i18n.Places;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 25, "what people meet": names where people expect names, in the reader's order; the national results page's
 * parliament and constituency tiles; nothing about a lot before there is anything to draw; each role's own page after
 * signing in.
 */
@FullStackTest
@Import(RegistryFixture.class)
class WhatPeopleMeetPagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    RegistryFixture registry;
    @Autowired
    Places places;
    @Autowired
    AccountDirectory accounts;

    @Test
    void theSignUpFormGroupsDistrictsUnderProvinceNamesInTheReadersAlphabeticalOrder() throws Exception {
        registry.organisation("meet-join");
        List<String> thai = optgroups(page("/join/meet-join"));
        assertThat(thai).hasSize(77).startsWith("กระบี่", "กรุงเทพมหานคร", "กาญจนบุรี").doesNotContain("ACR", "BKK");
        List<String> english = optgroups(page("/join/meet-join?lang=en"));
        assertThat(english).startsWith("Amnat Charoen", "Ang Thong", "Bangkok");
    }

    @Test
    void aPlaceIsFoundByItsNameOrItsCode() {
        assertThat(places.placeCode("ระนอง")).contains("RNG");
        assertThat(places.placeCode("Ranong")).contains("RNG");
        assertThat(places.placeCode("rng")).contains("RNG");
        assertThat(places.placeCode("ระนอง เขต 1")).contains("RNG_1");
        assertThat(places.placeCode("Ranong constituency 1")).contains("RNG_1");
        assertThat(places.placeCode("rng_1")).contains("RNG_1");
        assertThat(places.placeCode("เชียงใหม่ 3")).contains("CMI_3");
        assertThat(places.placeCode("ไม่มีที่นี่")).isEmpty();
        assertThat(places.district("8501")).isEqualTo("เมืองระนอง, ระนอง");
        // the roster's district filter: as people name the district (the walk found it asked for "1001")
        for (String typed : List.of("เมืองระนอง", "อำเภอเมืองระนอง", "Mueang Ranong", "mueang ranong", "เมืองระนอง, ระนอง", "8501")) {
            assertThat(places.districtCode(typed, null)).as(typed).isEqualTo("8501");
        }
        assertThat(places.districtCode("ไม่มีอำเภอนี้", null)).isEqualTo("ไม่มีอำเภอนี้");
    }

    @Test
    void theRosterShowsTheDistrictsNameAndAReadableConsent() throws Exception {
        var org = registry.organisation("meet-roster");
        var coordinator = user(org.coordinator()).roles("ORG_COORDINATOR");
        String roster = mvc.perform(get("/org/meet-roster/volunteers").with(coordinator)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(roster).contains("พระนคร, กรุงเทพมหานคร").contains("<table class=\"stack\">").contains("data-label=\"อีเมล\"");
        // filtered by the district's name, shown again as its name
        mvc.perform(get("/org/meet-roster/volunteers").param("district", "พระนคร").with(coordinator)).andExpect(status().isOk())
                .andExpect(content().string(containsString("พบ 1 คน")))
                .andExpect(content().string(containsString("value=\"พระนคร, กรุงเทพมหานคร\"")));
        mvc.perform(get("/org/meet-roster/volunteers").param("district", "เมืองระนอง").with(coordinator)).andExpect(status().isOk())
                .andExpect(content().string(containsString("พบ 0 คน")));
        String one = mvc.perform(get("/org/meet-roster/volunteers/" + org.volunteerId()).with(coordinator)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(one).contains("พระนคร, กรุงเทพมหานคร").contains("ยินยอมเองตอนสมัคร").doesNotContain("(SIGNUP)");
    }

    @Test
    void theNationalPageDrawsEverySeatAndEveryConstituencyAndSaysNothingOfALotBeforeSeatsAreProjected() throws Exception {
        String page = page("/results/th-2566");
        Matcher hemicycle = Pattern.compile("<svg[^>]*id=\"hemicycle\".*?</svg>", Pattern.DOTALL).matcher(page);
        assertThat(hemicycle.find()).as("the parliament").isTrue();
        assertThat(count(hemicycle.group(), "<circle")).isEqualTo(500);
        Matcher tiles = Pattern.compile("<ul class=\"tile-grid\" id=\"constituency-tiles\">.*?</ul>", Pattern.DOTALL).matcher(page);
        assertThat(tiles.find()).isTrue();
        assertThat(count(tiles.group(), "<rect")).isEqualTo(400);
        assertThat(count(tiles.group(), "class=\"tile-province\"")).isEqualTo(77);
        assertThat(page).contains("<time class=\"ago\"");
        // whatever other tests have verified by now: a lot is news only once seats are projected, never before
        if (!page.contains("ที่นั่งบัญชีรายชื่อเป็นการคาดการณ์")) {
            assertThat(page).as("no lot before seats are projected").doesNotContain("จับสลาก");
            assertThat(page("/results/th-2566?lang=en")).doesNotContain("drawn by lot");
        }
    }

    @Test
    void eachRoleLandsOnItsOwnPageAfterSigningIn() throws Exception {
        record Landing(Role role, String page) {
        }
        for (Landing l : List.of(new Landing(Role.ADMIN, "/admin/elections"), new Landing(Role.WAR_ROOM, "/war-room"),
                new Landing(Role.CONSTITUENCY_LEAD, "/lead"), new Landing(Role.ORG_COORDINATOR, "/org"),
                new Landing(Role.SPONSOR, "/sponsor"), new Landing(Role.VOLUNTEER, "/me"), new Landing(Role.MEDIA, "/results"))) {
            String name = "landing-" + l.role().name().toLowerCase() + "@example.org";
            if (accounts.findForLogin(name).isEmpty()) {
                accounts.create(new NewAccount(name, "Landing " + l.role(), "landing password 1", Set.of(l.role()), false));
            }
            mvc.perform(formLogin("/login").user(name).password("landing password 1")).andExpect(redirectedUrl(l.page()));
        }
        // several roles: the most specific work comes first
        String both = "landing-admin-volunteer@example.org";
        if (accounts.findForLogin(both).isEmpty()) {
            accounts.create(new NewAccount(both, "Landing both", "landing password 1", Set.of(Role.ADMIN, Role.VOLUNTEER), false));
        }
        mvc.perform(formLogin("/login").user(both).password("landing password 1")).andExpect(redirectedUrl("/admin/elections"));
    }

    private String page(String path) throws Exception {
        return mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static List<String> optgroups(String html) {
        return Pattern.compile("<optgroup label=\"([^\"]+)\"").matcher(html).results().map(m -> m.group(1)).toList();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
