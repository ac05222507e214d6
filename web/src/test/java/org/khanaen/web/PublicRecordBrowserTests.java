package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.StationView;
import org.khanaen.proofs.PublicRecord;
import org.khanaen.results.checks.Tally;
import org.khanaen.web.browser.Browser;
import org.khanaen.web.browser.Look;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Anyone checks a station on /verify, in each of the four looks: the browser itself hashes every report and decision
 * and walks its proof to the tree's root (Web Crypto, js/verify.js); after a count is changed in the database the
 * same page, reloaded, says which field of which report no longer matches. Stations of MSN_2, used by no other test.
 */
@FullStackTest
@Import({ AssignmentFixture.class, ReportFixture.class })
class PublicRecordBrowserTests {

    @LocalServerPort int port;
    @Autowired AssignmentFixture fixture;
    @Autowired ReportFixture reports;
    @Autowired PublicRecord record;
    @Autowired JdbcClient jdbc;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.khanaen.web.browser.Look#all")
    void aStationIsCheckedInTheBrowserAndAChangedCountIsNamed(Look look) {
        String slug = "browser-verify-" + look;
        StationView station = fixture.stations("MSN_2").get(look.number());
        var org = fixture.organisation(slug);
        Tally count = reports.goodCount(station, "constituency");
        long first = 0;
        int i = 0;
        for (StationRole role : List.of(StationRole.PRIMARY, StationRole.BACKUP)) {
            var person = fixture.volunteer(org, slug, "อาสา ตรวจสอบ");
            fixture.atStation(person, station, role);
            long id = reports.send(station, "constituency", person.volunteer(), slug + "-" + i++, count, List.of());
            first = first == 0 ? id : first;
        }
        record.roundNow();
        boolean thai = look.language() == Look.Language.THAI;
        String matches = thai ? "ตรงกับรากของต้นไม้" : "matches its tree's root";

        try (Browser browser = Browser.start(port, "verify", look)) {
            browser.open("/verify");
            browser.type("station", station.code());
            browser.enter(browser.find(By.id("station")));
            assertThat(browser.location()).isEqualTo("/verify/th-2566/" + station.code());
            browser.until(Duration.ofSeconds(20), d -> checks(browser).size() >= 3
                    && checks(browser).stream().allMatch(c -> c.getText().contains(matches)));
            browser.keyPage("01-checked");

            jdbc.sql("update station_report set valid_ballots = valid_ballots + 1 where id = ?").param(first).update();
            browser.open("/verify/th-2566/" + station.code());
            String differs = thai ? "ไม่ตรงกับที่บันทึกไว้ ช่องที่ต่าง: valid" : "does not match the anchored record; differs in: valid";
            browser.until(Duration.ofSeconds(20), d -> checks(browser).stream().filter(c -> c.getText().contains(differs)).count() == 1
                    && checks(browser).stream().filter(c -> c.getText().contains(matches)).count() == checks(browser).size() - 1);
            browser.keyPage("02-changed");
        }
    }

    private static List<WebElement> checks(Browser browser) {
        return browser.driver().findElements(By.cssSelector("#verification .browser-check"));
    }
}
