package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.khanaen.accounts.AccountDirectory;
import org.khanaen.assignment.StationRole;
import org.khanaen.results.checks.Tally;
import org.khanaen.web.browser.Browser;
import org.khanaen.web.browser.Look;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * On a phone (390 × 844), a station's volunteer signs in, goes from their assignment to the report page,
 * types a final count (a reload on the way loses nothing), adds the three photos (shrunk and uploaded by
 * the page's script under the strict CSP) and sends it as the connection drops: the page says it will
 * retry, and once back online the report is stored, once, with its photos. Screenshots go to web/target/screenshots.
 */
@FullStackTest
@Import({ AssignmentFixture.class, ReportFixture.class })
class ReportBrowserTests {

    private static final Path PHOTOS = Path.of(System.getProperty("basedir", ""), "target", "report-photos");

    @LocalServerPort
    int port;
    @Autowired
    AssignmentFixture fixture;
    @Autowired
    ReportFixture reports;
    @Autowired
    AccountDirectory accounts;

    /** The report page as the other looks show it (desktop, English): signed in, from the assignment page. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.khanaen.web.browser.Look#others")
    void theReportPageReadsWellOnEveryScreenInEitherLanguage(Look look) {
        String slug = "browser-report-" + look;
        var person = fixture.volunteer(fixture.organisation(slug), slug, "สมหญิง ส่งผล");
        accounts.setEnabled(fixture.account(person), true);
        var station = fixture.stations("KKN_5").get(1 + look.number());
        fixture.atStation(person, station, StationRole.PRIMARY);
        try (Browser browser = Browser.start(port, "report", look)) {
            browser.signIn(person.email(), "volunteer pass");
            browser.open("/me/assignment");
            browser.keyPage("00-assignment");
            browser.enter(browser.find(By.cssSelector("a.report-link")));
            assertThat(browser.location()).isEqualTo("/me/report");
            assertThat(browser.find(By.tagName("main")).getText()).contains(station.code());
            browser.keyPage("01-form");
        }
    }

    @Test
    void onAPhoneAVolunteerSendsAFinalCountWithThreePhotos() throws IOException {
        var organisation = fixture.organisation("browser-report");
        var person = fixture.volunteer(organisation, "browser-report", "สมหญิง ส่งผล");
        accounts.setEnabled(fixture.account(person), true); // as if the address were verified
        var station = fixture.stations("KKN_5").get(0);
        fixture.atStation(person, station, StationRole.PRIMARY);
        Tally count = reports.goodCount(station, "constituency");
        Files.createDirectories(PHOTOS);
        Path board = Files.write(PHOTOS.resolve("tally-board.png"), ReportFixture.image("png", 501));
        Path form = Files.write(PHOTOS.resolve("count-form.jpg"), ReportFixture.image("jpg", 502));
        Path sign = Files.write(PHOTOS.resolve("station-sign.png"), ReportFixture.image("png", 503));

        try (Browser browser = Browser.start(port, "report", Look.PHONE_THAI)) {
            browser.open("/login");
            browser.type("username", person.email());
            browser.type("password", "volunteer pass");
            browser.follow(browser.find(By.cssSelector("main form button[type=submit]")));
            browser.open("/me/assignment");
            browser.keyPage("00-assignment");
            browser.follow(browser.find(By.cssSelector("a.report-link")));
            assertThat(browser.location()).isEqualTo("/me/report");
            assertThat(browser.find(By.tagName("main")).getText()).contains(station.code());

            browser.find(By.cssSelector("input[name=final][value=true]")).click();
            count.votes().forEach((number, votes) -> browser.type("vote-" + number, String.valueOf(votes)));
            String firstKey = browser.find(By.name("idempotencyKey")).getDomProperty("value");
            // the page is closed or reloaded halfway: what was typed, and the draft's key, come back
            browser.driver().navigate().refresh();
            browser.until(d -> d.findElement(By.id("send-status")).getText().equals("กู้คืนข้อมูลที่กรอกค้างไว้แล้ว"));
            count.votes().forEach((number, votes) ->
                    assertThat(browser.find(By.id("vote-" + number)).getDomProperty("value")).isEqualTo(String.valueOf(votes)));
            assertThat(browser.find(By.cssSelector("input[name=final][value=true]")).isSelected()).isTrue();
            assertThat(browser.find(By.name("idempotencyKey")).getDomProperty("value")).isEqualTo(firstKey);
            browser.type("valid", String.valueOf(count.valid()));
            browser.type("invalid", String.valueOf(count.invalid()));
            browser.type("noVote", String.valueOf(count.noVote()));
            browser.type("ballotsUsed", String.valueOf(count.ballotsUsed()));
            browser.find(By.id("photo-TALLY_BOARD")).sendKeys(board.toAbsolutePath().toString());
            browser.find(By.id("photo-COUNT_FORM")).sendKeys(form.toAbsolutePath().toString());
            browser.find(By.id("photo-STATION_SIGN")).sendKeys(sign.toAbsolutePath().toString());
            for (String kind : new String[] { "TALLY_BOARD", "COUNT_FORM", "STATION_SIGN" }) {
                browser.until(d -> d.findElement(By.id("photo-status-" + kind)).getText().equals("ส่งรูปแล้ว"));
            }
            String key = browser.find(By.name("idempotencyKey")).getDomProperty("value");
            assertThat(key).matches("[A-Za-z0-9_-]{8,80}");
            // the draft is on the phone, under this station and contest
            assertThat((String) browser.driver().executeScript("return localStorage.getItem(arguments[0])",
                    "khanaen-report:" + station.id() + ":constituency")).contains(key).contains("\"ballotsUsed\":\"" + count.ballotsUsed() + "\"");
            browser.keyPage("01-filled");

            // the connection drops as the volunteer sends: the page says so and retries by itself, same key
            browser.driver().executeCdpCommand("Network.enable", Map.of());
            browser.driver().executeCdpCommand("Network.emulateNetworkConditions",
                    Map.of("offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
            browser.find(By.cssSelector("#report-form button[type=submit]")).click();
            browser.until(d -> d.findElement(By.id("send-status")).getText().startsWith("ยังส่งไม่ได้"));
            browser.keyPage("02-retrying");
            assertThat(reports.reports(key)).isZero();
            browser.driver().executeCdpCommand("Network.emulateNetworkConditions",
                    Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
            browser.until(Duration.ofSeconds(30), d -> d.findElement(By.id("send-status")).getText().startsWith("ได้รับรายงานแล้ว"));
            browser.keyPage("03-sent");

            assertThat(reports.reports(key)).isEqualTo(1);
            assertThat(reports.photosOf(key)).isEqualTo(3);
            assertThat((Object) browser.driver().executeScript("return localStorage.getItem(arguments[0])",
                    "khanaen-report:" + station.id() + ":constituency")).as("the draft is cleared once stored").isNull();
            assertThat(browser.find(By.name("idempotencyKey")).getDomProperty("value")).as("a new report gets a new key").isNotEqualTo(key);
            assertThat((Long) browser.driver().executeScript("return document.documentElement.scrollWidth - window.innerWidth"))
                    .as("no sideways scrolling").isLessThanOrEqualTo(0L);
        }
    }
}
