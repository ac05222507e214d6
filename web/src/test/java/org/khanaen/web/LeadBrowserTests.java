package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.khanaen.accounts.AccountDirectory;
import org.khanaen.assignment.AssignmentId;
import org.khanaen.assignment.Coverage;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.StationView;
import org.khanaen.web.browser.Browser;
import org.khanaen.web.browser.Look;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A constituency lead, in each of the four looks, deals with a no-show on election day: the station whose
 * primary has not checked in comes first on the dashboard, the lead moves the backup into place, then
 * releases the no-show — after a confirmation, which, answered "no", changes nothing. Screenshots go to
 * web/target/screenshots.
 */
@FullStackTest
@Import(AssignmentFixture.class)
class LeadBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    AssignmentFixture fixture;
    @Autowired
    AccountDirectory accounts;
    @Autowired
    Coverage coverage;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.khanaen.web.browser.Look#all")
    void aLeadPutsTheBackupInPlaceOfANoShowAndReleasesThem(Look look) {
        String slug = "browser-lead-" + look;
        String constituency = "UDN_" + (1 + look.number());
        var org = fixture.organisation(slug);
        var lead = fixture.volunteer(org, slug, "ผู้นำ อุดรธานี");
        var noShow = fixture.volunteer(org, slug, "มด ไม่มา");
        var backup = fixture.volunteer(org, slug, "ปลา มาแทน");
        accounts.setEnabled(fixture.account(lead), true); // as if the address were verified
        List<StationView> stations = fixture.stations(constituency);
        StationView station = stations.get(0);
        fixture.asLead(lead, constituency);
        AssignmentId absent = fixture.atStation(noShow, station, StationRole.PRIMARY);
        fixture.atStation(backup, station, StationRole.BACKUP);

        try (Browser browser = Browser.start(port, "lead", look)) {
            browser.signIn(lead.email(), "volunteer pass");
            browser.open("/lead");
            String card = "//li[contains(@class, 'card')][.//h2/span[1][normalize-space()='" + station.code() + "']]";
            assertThat(browser.find(By.xpath(card)).getText()).contains(noShow.name(), backup.name());
            browser.keyPage("01-dashboard");

            browser.follow(browser.find(By.xpath(card + "//form[contains(@action, 'backup-into-place')]//button")));
            assertThat(browser.find(By.cssSelector("main [role=status]")).getText())
                    .isEqualTo(look.text("ตัวสำรองเป็นตัวจริงแล้ว ตัวจริงเดิมเป็นตัวสำรอง", "The backup is now the primary; the former primary is the backup."));
            assertThat(coverage.assignmentOf(AssignmentFixture.ELECTION, backup.volunteer()).orElseThrow().stationRole()).isEqualTo(StationRole.PRIMARY);
            browser.keyPage("02-backup-in-place");

            new Select(browser.find(By.id("release-who"))).selectByValue(String.valueOf(absent.value()));
            browser.type("release-reason", look.text("ไม่มาตามนัด", "Did not come"));
            String question = browser.answer(browser.find(By.cssSelector("#release-form button[type=submit]")), false);
            assertThat(question).isEqualTo(look.text("ยกเลิกการจัดสรรของอาสาสมัครคนนี้ใช่ไหม ที่ของเขาจะว่างลงทันที",
                    "Release this volunteer? Their place falls empty at once."));
            assertThat(coverage.assignmentOf(AssignmentFixture.ELECTION, noShow.volunteer())).as("answered no").isPresent();
            browser.answer(browser.find(By.cssSelector("#release-form button[type=submit]")), true);
            assertThat(browser.find(By.cssSelector("main [role=status]")).getText())
                    .isEqualTo(look.text("ยกเลิกการจัดสรรแล้ว ที่ว่างพร้อมให้คนอื่น", "Released; the place is free for someone else."));
            assertThat(coverage.assignmentOf(AssignmentFixture.ELECTION, noShow.volunteer())).isEmpty();
            browser.keyPage("03-released");
        }
    }
}
