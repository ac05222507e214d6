package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.NewAccount;
import org.khanaen.accounts.Role;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.StationView;
import org.khanaen.results.WarRoom.ContestState;
import org.khanaen.results.Photos;
import org.khanaen.results.Photos.PhotoKind;
import org.khanaen.results.WarRoom;
import org.khanaen.web.browser.Browser;
import org.khanaen.web.browser.Look;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A war-room verifier, in each of the four looks (phone or desktop, Thai or English), resolves a conflict between two reports of one station: takes the next
 * item, sees the numbers side by side with the photos, rejects the wrong report with a reason and approves
 * the right one. Screenshots go to web/target/screenshots.
 */
@FullStackTest
@Import({ AssignmentFixture.class, ReportFixture.class })
class WarRoomBrowserTests {

    @LocalServerPort int port;
    @Autowired AssignmentFixture people;
    @Autowired ReportFixture counts;
    @Autowired AccountDirectory accounts;
    @Autowired Photos photos;
    @Autowired WarRoom warRoom;


    @ParameterizedTest(name = "{0}")
    @MethodSource("org.khanaen.web.browser.Look#all")
    void aVerifierResolvesAConflictBetweenTwoReports(Look look) throws Exception {
        String slug = "browser-war-room-" + look;
        var org = people.organisation(slug);
        StationView station = people.stations("PKN_1").get(2 + look.number());
        var primary = people.volunteer(org, slug, "ใจดี นับตรง");
        var backup = people.volunteer(org, slug, "ใจร้อน พิมพ์พลาด");
        people.atStation(primary, station, StationRole.PRIMARY);
        people.atStation(backup, station, StationRole.BACKUP);
        long form = photos.store(ReportFixture.image("jpg", 10 + 2 * look.number()), PhotoKind.COUNT_FORM, ReportFixture.actor(primary.volunteer())).id();
        long board = photos.store(ReportFixture.image("jpg", 11 + 2 * look.number()), PhotoKind.TALLY_BOARD, ReportFixture.actor(backup.volunteer())).id();
        var right = counts.goodCount(station, "constituency");
        counts.send(station, "constituency", primary.volunteer(), "browser-war-01-" + look, right, List.of(form));
        long wrong = counts.send(station, "constituency", backup.volunteer(), "browser-war-02-" + look, ReportFixture.misread(right),
                List.of(board));
        long item = warRoom.itemOf(station.id(), "constituency").orElseThrow();
        String verifier = "verifier-" + look;
        accounts.create(new NewAccount(verifier, "ผู้ตรวจ", "war room password 1", Set.of(Role.WAR_ROOM), false));
        // older conflicts from other tests may sit ahead in the queue: this one is taken by opening it
        try (Browser browser = Browser.start(port, "war-room", look)) {
            browser.signIn(verifier, "war room password 1");

            browser.open("/war-room");
            browser.keyPage("01-queue");
            assertThat(browser.find(By.tagName("main")).getText()).contains(station.code());
            browser.open("/war-room/items/" + item);
            browser.follow(browser.find(By.cssSelector("form[action$='/claim'] button")));
            browser.until(d -> !d.findElements(By.id("correct-form")).isEmpty());
            assertThat(browser.driver().findElements(By.cssSelector("tr.differs"))).isNotEmpty();
            // the photos load lazily: bring each into view, then every one must have arrived as a real image
            browser.driver().executeScript("document.querySelectorAll('.photos img').forEach(i => i.scrollIntoView())");
            browser.until(d -> (Boolean) browser.driver().executeScript(
                    "return Array.from(document.querySelectorAll('.photos img')).every(i => i.complete && i.naturalWidth > 0)"));
            assertThat(browser.driver().findElements(By.cssSelector(".photos img"))).hasSize(2);
            browser.driver().executeScript("window.scrollTo(0, 0)");
            browser.keyPage("02-conflict");

            browser.type("reject-reason-" + wrong, look.text("ตัวเลขไม่ตรงกับรูปกระดาน", "The numbers differ from the board"));
            browser.follow(browser.find(By.cssSelector("form[action$='/reject']:has(input[value='" + wrong + "']) button")));
            assertThat(browser.find(By.tagName("main")).getText()).contains(look.text("ปฏิเสธรายงานแล้ว", "Report rejected"));

            browser.follow(browser.find(By.cssSelector("form[action$='/approve'] button")));
            browser.keyPage("03-resolved");
            assertThat(browser.location()).startsWith("/war-room");
            assertThat(browser.find(By.tagName("main")).getText()).contains(look.text("บันทึกผลที่ตรวจแล้ว", "Verified numbers saved"));
            assertThat((Long) browser.driver().executeScript("return document.documentElement.scrollWidth - window.innerWidth"))
                    .as("no sideways scrolling").isLessThanOrEqualTo(0L);
        }
        WarRoom.Item decided = warRoom.item(item).orElseThrow();
        assertThat(decided.state()).isEqualTo(ContestState.VERIFIED);
        assertThat(decided.verified().votes()).isEqualTo(right.votes());
        assertThat(decided.steps()).extracting(WarRoom.Step::action).containsExactly("REJECTED", "APPROVED");
    }
}
