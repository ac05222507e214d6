package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.StationView;
import org.khanaen.results.checks.Tally;
import org.khanaen.web.browser.Browser;
import org.khanaen.web.browser.Look;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The public results page of a constituency, in each of the four looks, updates itself while reports
 * arrive: two volunteers of one station send the same final count, it is verified by their agreement, and
 * the page shows the leader's votes without being reloaded (it listens to the election's stream and swaps
 * its results part). Screenshots go to web/target/screenshots.
 */
@FullStackTest
@Import({ AssignmentFixture.class, ReportFixture.class })
class LiveResultsBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    AssignmentFixture fixture;
    @Autowired
    ReportFixture reports;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.khanaen.web.browser.Look#all")
    void theConstituencyPageShowsAVerifiedCountWithoutReloading(Look look) {
        String slug = "browser-live-" + look;
        String constituency = "UBN_" + (1 + look.number());
        StationView station = fixture.stations(constituency).get(0);
        var org = fixture.organisation(slug);
        var first = fixture.volunteer(org, slug, "อาสา สถานีแรก");
        var second = fixture.volunteer(org, slug, "อาสา สถานีสอง");
        fixture.atStation(first, station, StationRole.PRIMARY);
        fixture.atStation(second, station, StationRole.BACKUP);
        Tally count = reports.goodCount(station, "constituency");
        String leaderVotes = String.format("%,d", count.votes().values().stream().mapToLong(Long::longValue).max().orElseThrow());

        try (Browser browser = Browser.start(port, "live-results", look)) {
            browser.open("/results/th-2566/constituencies/" + constituency);
            assertThat(leading(browser)).as("no verified station yet").isEmpty();
            browser.keyPage("01-waiting");
            browser.driver().executeScript("window.sameDocument = true"); // gone if the page were loaded again

            reports.send(station, "constituency", first.volunteer(), slug + "-1", count, List.of());
            reports.send(station, "constituency", second.volunteer(), slug + "-2", count, List.of());
            browser.until(Duration.ofSeconds(20), d -> leading(browser).stream().anyMatch(votes -> votes.getText().equals(leaderVotes)));
            assertThat(browser.driver().executeScript("return window.sameDocument")).as("updated in place, not reloaded").isEqualTo(true);
            browser.keyPage("02-updated");
        }
    }

    /** The votes of each contest's leading candidate (a row is leading once it has votes). */
    private static List<WebElement> leading(Browser browser) {
        return browser.driver().findElements(By.xpath("//div[@id='live-results']//tr[contains(@class, 'leading')]/td[3]"));
    }
}
