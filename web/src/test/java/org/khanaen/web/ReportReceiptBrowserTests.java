package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 25, what the outside walk met on the report page, on a phone (390 × 844) and a desktop, in Thai and English:
 * files the page refuses stay marked (which, why) and block Send; a final count without its photos goes only by the
 * volunteer's warned choice; the receipt then shows exactly what was stored and its status; a changed count sent again
 * is shown as the correction of the volunteer's own report. And offline: the report waits on the phone and the
 * service worker sends it after the page was left. Screenshots go to web/target/screenshots.
 */
@FullStackTest
@Import({ AssignmentFixture.class, ReportFixture.class })
class ReportReceiptBrowserTests {

    private static final Path FILES = Path.of(System.getProperty("basedir", ""), "target", "report-receipt-files");

    @LocalServerPort
    int port;
    @Autowired
    AssignmentFixture fixture;
    @Autowired
    ReportFixture reports;
    @Autowired
    AccountDirectory accounts;
    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.khanaen.web.browser.Look#all")
    void refusedFilesBlockSendAFinalCountWithoutPhotosNeedsTheChoiceAndTheReceiptShowsTheCorrection(Look look) throws IOException {
        String slug = "browser-receipt-" + look;
        var person = fixture.volunteer(fixture.organisation(slug), slug, "สมศรี ใบรับ");
        accounts.setEnabled(fixture.account(person), true);
        var station = fixture.stations("CRI_4").get(look.number());
        fixture.atStation(person, station, StationRole.PRIMARY);
        Tally count = reports.goodCount(station, "constituency");
        Files.createDirectories(FILES);
        Path text = Files.writeString(FILES.resolve("notes.txt"), "not a photo", StandardCharsets.UTF_8);
        Path pdf = Files.write(FILES.resolve("form-scan.jpg"), "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));

        try (Browser browser = Browser.start(port, "report-receipt", look)) {
            browser.signIn(person.email(), "volunteer pass");
            browser.open("/me/report");
            assertThat(browser.find(By.id("my-reports")).getText())
                    .contains(look.text("ยังไม่ได้ส่งรายงานของหน่วยนี้", "You have not sent a report for this station yet"));
            type(browser, count);
            String key = browser.find(By.name("idempotencyKey")).getDomProperty("value");

            // a text file and a PDF named .jpg: each refused beside its field, by name and why
            browser.find(By.id("photo-TALLY_BOARD")).sendKeys(text.toAbsolutePath().toString());
            browser.find(By.id("photo-COUNT_FORM")).sendKeys(pdf.toAbsolutePath().toString());
            browser.until(d -> d.findElement(By.id("photo-status-TALLY_BOARD")).getText().contains("notes.txt"));
            browser.until(d -> d.findElement(By.id("photo-status-COUNT_FORM")).getText().contains("form-scan.jpg"));
            assertThat(browser.find(By.id("photo-status-COUNT_FORM")).getText())
                    .contains(look.text("ไฟล์นี้ไม่ใช่รูปภาพ", "This file is not a photo"));
            assertThat(browser.find(By.id("photo-TALLY_BOARD")).getDomAttribute("aria-invalid")).isEqualTo("true");
            send(browser);
            browser.until(d -> status(browser).startsWith(look.text("ยังไม่ได้ส่ง: มีไฟล์รูปที่ใช้ไม่ได้", "Not sent: a photo file cannot be used")));
            browser.keyPage("00-refused-files");
            assertThat(reports.reports(key)).isZero();

            // removed, the files no longer block; the final count still lacks its photos: not sent without the choice
            browser.find(By.id("photo-clear-TALLY_BOARD")).click();
            browser.find(By.id("photo-clear-COUNT_FORM")).click();
            assertThat(browser.find(By.id("photo-status-TALLY_BOARD")).getText()).isEmpty();
            send(browser);
            browser.until(d -> status(browser).startsWith(look.text("ยังไม่ได้ส่ง: ผลนับสุดท้ายยังขาดรูป", "Not sent: the final count still lacks")));
            assertThat(browser.find(By.id("photos-later-box")).isDisplayed()).isTrue();
            assertThat(reports.reports(key)).isZero();
            browser.keyPage("01-photos-missing");

            browser.find(By.id("photosLater")).click();
            send(browser);
            browser.until(Duration.ofSeconds(20), d -> status(browser).startsWith(look.text("ได้รับรายงานแล้ว", "Report received")));
            long first = reportId(key);
            WebElement receipt = browser.until(d -> d.findElement(By.id("receipt-" + first)));
            assertThat(receipt.getDomAttribute("class")).contains("is-sent");
            assertThat(receipt.getText()).contains(key).contains(String.valueOf(count.valid()))
                    .contains(look.text("ได้รับแล้ว รอตรวจ", "Received, waiting to be checked"))
                    .contains(look.text("ไม่มีรูป (ต้องส่งตามมา)", "No photos (to be sent later)"));
            browser.keyPage("02-receipt");

            // the same volunteer sends the count again, corrected: the receipt says it corrects their own report
            Tally fixed = ReportFixture.misread(count);
            type(browser, fixed);
            String second = browser.find(By.name("idempotencyKey")).getDomProperty("value");
            assertThat(second).isNotEqualTo(key);
            send(browser);
            browser.until(d -> d.findElement(By.id("photosLater")).isDisplayed());
            browser.find(By.id("photosLater")).click();
            send(browser);
            browser.until(Duration.ofSeconds(20), d -> reports.reports(second) == 1);
            long two = reportId(second);
            browser.until(d -> d.findElement(By.id("receipt-" + two)).getText()
                    .contains(look.text("แก้ไขรายงานเลขที่ " + first + " ของคุณเอง", "Corrects your own report no. " + first)));
            assertThat(browser.find(By.id("receipt-" + first)).getText())
                    .contains(look.text("แทนที่ด้วยรายงานเลขที่ " + two + " ของคุณ", "Replaced by your report no. " + two));
            browser.keyPage("03-correction");
        }
    }

    /**
     * No connection as the volunteer sends: the report waits on the phone (the page says so), the volunteer leaves the
     * page, and the service worker sends it, with the same key, once the connection is back; the page, opened again,
     * shows the receipt and nothing waiting.
     */
    @Test
    void offlineTheReportWaitsOnThePhoneAndTheServiceWorkerSendsItAfterThePageWasLeft() {
        var person = fixture.volunteer(fixture.organisation("browser-outbox"), "browser-outbox", "สมชาย รอส่ง");
        accounts.setEnabled(fixture.account(person), true);
        var station = fixture.stations("PLK_2").get(0);
        fixture.atStation(person, station, StationRole.PRIMARY);
        Tally count = reports.goodCount(station, "constituency");

        try (Browser browser = Browser.start(port, "report-outbox", Look.PHONE_THAI)) {
            browser.signIn(person.email(), "volunteer pass");
            browser.open("/me/report");
            browser.until(d -> (Boolean) browser.driver().executeAsyncScript(
                    "var done = arguments[0]; navigator.serviceWorker.getRegistration('/js/').then(function (r) { done(!!(r && r.active)); });"));
            type(browser, count);
            send(browser);
            browser.until(d -> d.findElement(By.id("photosLater")).isDisplayed());
            browser.find(By.id("photosLater")).click();
            String key = browser.find(By.name("idempotencyKey")).getDomProperty("value");

            offline(browser, true);
            send(browser);
            browser.until(d -> status(browser).startsWith("ยังส่งไม่ได้"));
            browser.until(d -> d.findElement(By.id("outbox")).isDisplayed());
            assertThat(browser.find(By.id("outbox-list")).getText()).contains(key);
            browser.keyPage("00-waiting");
            assertThat(reports.reports(key)).isZero();

            // the volunteer leaves the page; then the connection returns: only the service worker is left to send
            browser.driver().get("about:blank");
            offline(browser, false);
            browser.until(Duration.ofSeconds(30), d -> reports.reports(key) == 1);

            browser.open("/me/report");
            long id = reportId(key);
            assertThat(browser.find(By.id("receipt-" + id)).getText()).contains(key);
            browser.until(d -> !d.findElement(By.id("outbox")).isDisplayed());
            assertThat(reports.reports(key)).isEqualTo(1);
        }
    }

    private static void type(Browser browser, Tally count) {
        browser.find(By.cssSelector("input[name=final][value=true]")).click();
        count.votes().forEach((number, votes) -> browser.type("vote-" + number, String.valueOf(votes)));
        browser.type("valid", String.valueOf(count.valid()));
        browser.type("invalid", String.valueOf(count.invalid()));
        browser.type("noVote", String.valueOf(count.noVote()));
        browser.type("ballotsUsed", String.valueOf(count.ballotsUsed()));
    }

    private static void send(Browser browser) {
        browser.find(By.cssSelector("#report-form button[type=submit]")).click();
    }

    private static String status(Browser browser) {
        return browser.find(By.id("send-status")).getText();
    }

    private static void offline(Browser browser, boolean offline) {
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.emulateNetworkConditions",
                Map.of("offline", offline, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    private long reportId(String key) {
        return jdbc.sql("select id from station_report where idempotency_key = ?").param(key).query(Long.class).single();
    }
}
