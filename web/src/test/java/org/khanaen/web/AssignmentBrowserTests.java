package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.NewAccount;
import org.khanaen.accounts.Role;
import org.khanaen.assignment.StationRole;
import org.khanaen.web.browser.Browser;
import org.khanaen.web.browser.Look;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The assignment pages in a real browser: the coverage map draws every constituency with the app's own
 * Leaflet under the strict CSP (no tiles here: there is no internet), and a volunteer answers their
 * assignment from the mail's link on a phone. Screenshots go to web/target/screenshots.
 */
@FullStackTest
@Import({ RegistryFixture.class, AssignmentFixture.class })
class AssignmentBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    AssignmentFixture fixture;
    @Autowired
    AccountDirectory accounts;

    @Test
    void theCoverageMapDrawsEveryConstituency() {
        accounts.create(new NewAccount("map-admin", "Map admin", "map admin password 1", Set.of(Role.ADMIN), false));
        try (Browser browser = Browser.start(port, "coverage-map", new Look(Look.Size.DESKTOP, Look.Language.THAI))) {
            browser.open("/login");
            browser.type("username", "map-admin");
            browser.type("password", "map admin password 1");
            browser.follow(browser.find(By.cssSelector("main form button[type=submit]")));

            browser.open("/admin/elections/th-2566/coverage/map");
            // drawn by the page's own script (on a canvas): the CSP let it run and the JSON came back
            browser.until(d -> "400".equals(d.findElement(By.id("coverage-map")).getDomAttribute("data-drawn")));
            browser.keyPage("map");
            assertThat(browser.driver().findElements(By.cssSelector("#coverage-map canvas"))).isNotEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.khanaen.web.browser.Look#all")
    void aVolunteerConfirmsFromTheMailLink(Look look) {
        String slug = "browser-assign-" + look;
        var organisation = fixture.organisation(slug);
        var person = fixture.volunteer(organisation, slug, "มานี มีนา");
        var station = fixture.stations("PKT_1").get(look.number());
        fixture.atStation(person, station, StationRole.PRIMARY);
        String link = fixture.token(person, "/assignment/respond");
        try (Browser browser = Browser.start(port, "assignment", look)) {
            browser.open("/assignment/respond?token=" + link);
            browser.keyPage("01-respond");
            assertThat(browser.find(By.tagName("main")).getText()).contains(station.code());

            browser.follow(browser.find(By.cssSelector("form:has(input[name=answer][value=CONFIRM]) button[type=submit]")));
            browser.keyPage("02-confirmed");
            assertThat(browser.location()).startsWith("/assignment/answered");
            assertThat((Long) browser.driver().executeScript("return document.documentElement.scrollWidth - window.innerWidth"))
                    .as("no sideways scrolling").isLessThanOrEqualTo(0L);
        }
    }
}
