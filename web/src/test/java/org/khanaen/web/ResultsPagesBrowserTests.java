package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.khanaen.web.browser.Browser;
import org.khanaen.web.browser.Look;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The public results as people meet them (issue 25), in the four looks: the national page says from what share of
 * stations party-list seats are projected, says nothing of a lot before they are, draws the parliament and the 400
 * constituencies, and says how long ago it was updated, ticking; a constituency's candidates are cards on a phone whose
 * names break only between words; no table reaches past a 390-pixel screen. Screenshots go to web/target/screenshots.
 */
@FullStackTest
class ResultsPagesBrowserTests {

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    org.khanaen.accounts.AccountDirectory accounts;
    /** 50 in production; the tests' configuration projects from the first count (0) */
    @org.springframework.beans.factory.annotation.Value("${khanaen.results.live.projection-from}")
    double projectionFrom;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.khanaen.web.browser.Look#all")
    void theNationalPageShowsTheProjectionsThresholdTheParliamentAndTheConstituencies(Look look) {
        try (Browser browser = Browser.start(port, "national-results", look)) {
            browser.open("/results/th-2566");
            String projection = browser.find(By.id("projection")).getText();
            String from = String.format(java.util.Locale.ROOT, "%.0f %%", projectionFrom);
            boolean projected = projection.contains(look.text("เป็นการคาดการณ์", "are a projection"));
            if (projected || projectionFrom > 0) {
                assertThat(projection).as("the threshold of the projection").contains(look.text("ตั้งแต่ ", "from ") + from);
            } else {
                assertThat(projection).as("waiting for the first party-list count")
                        .isEqualTo(look.text("ที่นั่งบัญชีรายชื่อจะคาดการณ์เมื่อมีผลบัญชีรายชื่อที่ยืนยันแล้ว",
                                "Party-list seats will be projected once party-list results are verified"));
            }
            String body = browser.find(By.tagName("body")).getText();
            if (!projected) {
                assertThat(body).as("nothing about a lot before seats are projected").doesNotContain(look.text("จับสลาก", "drawn by lot"));
                assertThat(browser.driver().findElements(By.cssSelector("#parties td.party-list-seats")))
                        .allSatisfy(cell -> assertThat(cell.getText()).isEqualTo("–"));
            } else {
                // every party-list seat figure carries the projection's share, also as a card's label on a phone
                assertThat(browser.driver().findElements(By.cssSelector("#parties td.party-list-seats")))
                        .allSatisfy(cell -> assertThat(cell.getDomAttribute("data-label")).contains(look.text("คาดการณ์จาก", "projected from")));
            }
            assertThat(browser.driver().findElements(By.cssSelector("#hemicycle circle"))).hasSize(500);
            assertThat(browser.driver().findElements(By.cssSelector("#constituency-tiles rect"))).hasSize(400);
            assertThat(browser.driver().findElements(By.cssSelector("#constituency-tiles .tile-province"))).hasSize(77)
                    .first().extracting(WebElement::getText).isEqualTo(look.text("กระบี่", "Amnat Charoen"));
            WebElement ago = browser.find(By.cssSelector("time.ago"));
            String first = browser.until(d -> ago.getText().isBlank() ? null : ago.getText());
            assertThat(first).as("how long ago, in words").matches(".*\\p{L}.*");
            browser.keyPage("01-national");
            if (look.size() == Look.Size.PHONE) { // (the parties' table has rows once another test has verified a count)
                assertThat(browser.driver().findElements(By.cssSelector("#parties tbody tr")))
                        .allSatisfy(row -> assertThat(row.getCssValue("display")).as("a party is a card on a phone").isEqualTo("block"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.khanaen.web.browser.Look#all")
    void aConstituencysCandidatesAreCardsOnAPhoneWithNamesWholeOnTheirLines(Look look) {
        try (Browser browser = Browser.start(port, "constituency-results", look)) {
            browser.open("/results/th-2566/constituencies/YST_1");
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("table.results tbody tr"));
            assertThat(rows).isNotEmpty();
            // each word of a name on one line: a word box split over two lines has two rectangles
            Object split = browser.driver().executeScript("""
                    return Array.from(document.querySelectorAll('table.results th .word'))
                      .filter(function (w) { return w.getClientRects().length > 1; }).map(function (w) { return w.textContent; });""");
            assertThat((List<?>) split).as("words broken across lines").isEmpty();
            // the share whole, not cut at its point ("50.")
            Object cut = browser.driver().executeScript("""
                    return Array.from(document.querySelectorAll('table.results td.num')).filter(function (td) {
                      return td.scrollWidth > td.clientWidth + 1; }).length;""");
            assertThat(cut).as("figures cut off").isEqualTo(0L);
            browser.keyPage("01-candidates");
            if (look.size() == Look.Size.PHONE) {
                assertThat(rows.getFirst().getCssValue("display")).isEqualTo("block");
            }
            browser.until(Duration.ofSeconds(10), d -> !browser.find(By.cssSelector("time.ago")).getText().isBlank());
        }
    }

    /**
     * An administrator lands on the elections after signing in; their seven links fold into a menu on a phone (a
     * {@code <details>}, no script) and stand in the header's row on a desktop.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.khanaen.web.browser.Look#all")
    void anAdministratorLandsOnTheElectionsAndTheirMenuFoldsOnAPhone(Look look) {
        String name = "menu-admin-" + look + "@example.org";
        if (accounts.findForLogin(name).isEmpty()) {
            accounts.create(new org.khanaen.accounts.NewAccount(name, "Menu admin", "menu admin password 1",
                    java.util.Set.of(org.khanaen.accounts.Role.ADMIN), false));
        }
        try (Browser browser = Browser.start(port, "admin-menu", look)) {
            browser.signIn(name, "menu admin password 1");
            assertThat(browser.location()).as("an administrator's own page").isEqualTo("/admin/elections");
            WebElement folded = browser.find(By.cssSelector(".admin-menu a[href='/admin/audit']"));
            WebElement inRow = browser.find(By.cssSelector(".site-nav .wide-only a[href='/admin/audit']"));
            WebElement audit;
            if (look.size() == Look.Size.PHONE) {
                assertThat(folded.isDisplayed()).as("folded on a phone").isFalse();
                assertThat(inRow.isDisplayed()).isFalse();
                browser.keyPage("01-folded");
                browser.find(By.cssSelector(".admin-menu summary")).click();
                browser.until(d -> folded.isDisplayed());
                browser.keyPage("02-open");
                audit = folded;
            } else {
                assertThat(inRow.isDisplayed()).as("in the header's row on a desktop").isTrue();
                assertThat(browser.find(By.cssSelector(".admin-menu summary")).isDisplayed()).isFalse();
                browser.keyPage("01-menu");
                audit = inRow;
            }
            browser.follow(audit);
            assertThat(browser.location()).isEqualTo("/admin/audit");
        }
    }
}
