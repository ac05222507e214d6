package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.NewAccount;
import org.khanaen.accounts.Role;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.ElectionCatalog;
import org.khanaen.elections.StationView;
import org.khanaen.results.LiveResults;
import org.khanaen.results.QuickCounts;
import org.khanaen.web.browser.Browser;
import org.khanaen.web.browser.Look;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The quick count on a phone (390 px), in Thai and in English: an administrator draws the sample and reveals it, the
 * public sees first its commitment only, then the chart of estimates; a volunteer at a sample station and the lead of
 * its constituency see it marked. An election has one sample, and QuickCountPagesTests draws and reveals one too:
 * each journey starts from none and leaves none (NMA is QuickCountPagesTests'; SKA and SSK are these journeys').
 * Screenshots go to web/target/screenshots.
 */
@FullStackTest
@Import({ AssignmentFixture.class, ReportFixture.class })
class QuickCountBrowserTests {

    private static final String ELECTION = "th-2566";

    @LocalServerPort int port;
    @Autowired AssignmentFixture fixture;
    @Autowired ReportFixture reports;
    @Autowired AccountDirectory accounts;
    @Autowired QuickCounts quickCounts;
    @Autowired ElectionCatalog catalog;
    @Autowired LiveResults live;
    @Autowired JdbcClient jdbc;

    static Stream<Look> phones() {
        return Look.all().filter(look -> look.size() == Look.Size.PHONE);
    }

    @BeforeEach
    @AfterEach
    void noSample() throws InterruptedException {
        for (String table : List.of("quick_count_station", "quick_count_stratum", "quick_count_sample", "assignment_sample_station")) {
            jdbc.sql("delete from " + table + " where election_id = ?").param(ELECTION).update();
        }
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos(); // QuickCounts keeps what it read for 5 s
        while (quickCounts.sample(ELECTION).isPresent()) {
            assertThat(System.nanoTime()).as("the sample forgotten").isLessThan(until);
            Thread.sleep(200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("phones")
    void anAdministratorDrawsAndRevealsTheSampleAndThePublicSeesTheEstimates(Look look) throws Exception {
        String admin = "qc-admin-" + look;
        accounts.create(new NewAccount(admin, "Quick-count admin", "qc admin password 1", Set.of(Role.ADMIN), false));
        try (Browser browser = Browser.start(port, "quick-count", look)) {
            browser.signIn(admin, "qc admin password 1");
            browser.open("/admin/elections/" + ELECTION + "/quick-count");
            assertThat(browser.find(By.tagName("h1")).getText())
                    .isEqualTo(look.text("ตัวอย่างสำหรับการนับเร็ว (Quick count)", "Quick-count sample"));
            browser.keyPage("01-no-sample");

            browser.type("seed", "browser journey " + look);
            browser.type("size", "300");
            browser.follow(browser.find(By.cssSelector("form[action$='/quick-count/draw'] button[type=submit]")));
            String commitment = quickCounts.sampleForAdministrators(ELECTION).orElseThrow().commitment();
            assertThat(browser.find(By.id("commitment")).getText()).isEqualTo(commitment);
            browser.keyPage("02-drawn");

            // before the reveal the public sees the commitment, and no estimate
            browser.open("/results/" + ELECTION);
            assertThat(browser.find(By.id("quick-count-commitment")).getText()).isEqualTo(commitment);
            assertThat(browser.driver().findElements(By.cssSelector("svg.qc-bar"))).isEmpty();
            browser.keyPage("03-committed");

            browser.open("/admin/elections/" + ELECTION + "/quick-count");
            String question = browser.answer(browser.find(By.cssSelector("form[action$='/quick-count/reveal'] button")), true);
            assertThat(question).isEqualTo(look.text("เปิดเผย seed และรายชื่อหน่วยตัวอย่างต่อสาธารณะ? ทำหลังปิดหีบเท่านั้น และจะสุ่มใหม่ไม่ได้อีก",
                    "Publish the seed and the sample stations? Only after the polls close; the sample can then no longer be drawn again."));
            assertThat(quickCounts.sample(ELECTION).orElseThrow().revealed()).isTrue();

            // two sample stations of one province verified: estimates with 95 % intervals
            for (StationView station : unplacedSampleStations("SKA").subList(0, 2)) {
                verifyPartyList(("qc-browser-" + look + "-" + station.code()).toLowerCase().replace('_', '-'), station);
            }
            browser.open("/results/" + ELECTION);
            // the page's script redraws the panel when the stream brings the verifications just made: read it again then
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(15))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.cssSelector("#quick-count h2")).getText()
                            .equals(look.text("การนับเร็วจากหน่วยตัวอย่าง (Quick count)", "Quick count from sample stations"))
                            && !d.findElements(By.cssSelector("#quick-count svg.qc-bar")).isEmpty()
                            && d.findElement(By.id("quick-count")).getText().contains(look.text(" จาก 300 (", " of 300 (")));
            browser.keyPage("04-estimates");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("phones")
    void aSampleStationIsMarkedForItsVolunteerAndItsLead(Look look) {
        quickCounts.draw(ELECTION, "browser journey markers", 300, 0.01, 0.15, "test");
        // a constituency of Sisaket with a sample station, another for each look (one lead each)
        List<String> constituencies = unplacedSampleStations("SSK").stream().map(StationView::constituency).distinct().sorted().toList();
        assertThat(constituencies).as("Sisaket's sample spans constituencies").hasSizeGreaterThan(look.number());
        String constituency = constituencies.get(look.number());
        StationView station = unplacedSampleStations("SSK").stream().filter(s -> s.constituency().equals(constituency)).findFirst()
                .orElseThrow();
        String slug = "qc-markers-" + look;
        var org = fixture.organisation(slug);
        var volunteer = fixture.volunteer(org, slug, "อาสา ตัวอย่าง");
        var lead = fixture.volunteer(org, slug, "ผู้นำ ศรีสะเกษ");
        accounts.setEnabled(fixture.account(volunteer), true);
        accounts.setEnabled(fixture.account(lead), true);
        fixture.atStation(volunteer, station, StationRole.BACKUP); // no primary yet: the lead's dashboard shows it
        fixture.asLead(lead, constituency);
        String badge = look.text("หน่วยตัวอย่าง (นับเร็ว)", "Quick-count sample station");

        try (Browser browser = Browser.start(port, "quick-count-volunteer", look)) {
            browser.signIn(volunteer.email(), "volunteer pass");
            browser.open("/me/assignment");
            assertThat(browser.find(By.cssSelector("article .badge.quick-count-sample")).getText()).isEqualTo(badge);
            browser.keyPage("01-my-assignment");
            browser.open("/me/report");
            assertThat(browser.find(By.cssSelector(".station-line .badge.quick-count-sample")).getText()).isEqualTo(badge);
        }
        try (Browser browser = Browser.start(port, "quick-count-lead", look)) {
            browser.signIn(lead.email(), "volunteer pass");
            browser.open("/lead");
            // among the stations that equally need the lead, the sample's come first
            String first = browser.find(By.cssSelector("li.card h2 span")).getText();
            assertThat(quickCounts.stationIds(ELECTION)).contains(catalog.stationByCode(ELECTION, first).orElseThrow().id());
            String card = "//li[contains(@class, 'card')][.//h2/span[1][normalize-space()='" + station.code() + "']]";
            assertThat(browser.find(By.xpath(card + "//span[contains(@class, 'quick-count-sample')]")).getText())
                    .isEqualTo(look.text("หน่วยตัวอย่าง (นับเร็ว)", "Quick-count sample"));
            assertThat(browser.find(By.tagName("main")).getText()).contains(look.text("หน่วยตัวอย่างนับเร็วในเขตนี้:", "Quick-count sample stations here:"));
            browser.keyPage("01-dashboard");
        }
    }

    /** The province's sample stations nobody stands at yet (another look's journey placed people at some). */
    private List<StationView> unplacedSampleStations(String province) {
        return quickCounts.stationIds(ELECTION).stream().map(id -> catalog.station(id).orElseThrow())
                .filter(s -> s.constituency().startsWith(province + "_"))
                .filter(s -> jdbc.sql("select count(*) from assignment where tier = 'STATION' and place_id = ?").param(s.id())
                        .query(Long.class).single() == 0)
                .sorted(Comparator.comparing(StationView::code)).toList();
    }

    /** Two volunteers send the same party-list count: verified by agreement (waits until the live results say so). */
    private void verifyPartyList(String slug, StationView station) throws InterruptedException {
        var org = fixture.organisation(slug);
        var first = fixture.volunteer(org, slug, "อาสา หนึ่ง");
        var second = fixture.volunteer(org, slug, "อาสา สอง");
        fixture.atStation(first, station, StationRole.PRIMARY);
        fixture.atStation(second, station, StationRole.BACKUP);
        var count = reports.goodCount(station, "party-list");
        reports.send(station, "party-list", first.volunteer(), slug + "-a", count, List.of());
        reports.send(station, "party-list", second.volunteer(), slug + "-b", count, List.of());
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (live.station(ELECTION, station.id(), LiveResults.View.VERIFIED).map(r -> r.contests().stream()
                .noneMatch(c -> c.contest().equals("party-list") && c.verifiedAt() != null)).orElse(true)) {
            assertThat(System.nanoTime()).as("party-list verified at %s", station.code()).isLessThan(until);
            Thread.sleep(20);
        }
    }
}
