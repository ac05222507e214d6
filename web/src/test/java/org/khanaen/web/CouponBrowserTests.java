package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.khanaen.accounts.AccountDirectory;
import org.khanaen.assignment.StationRole;
import org.khanaen.elections.StationView;
import org.khanaen.rewards.Audience;
import org.khanaen.rewards.OfferDraft;
import org.khanaen.rewards.SponsorId;
import org.khanaen.rewards.SponsorProfile;
import org.khanaen.rewards.Sponsorships;
import org.khanaen.web.browser.Browser;
import org.khanaen.web.browser.Look;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Coupons in the browser, in each of the four looks (phone or desktop, Thai or English):
 * <ul>
 * <li>a station volunteer whose count was verified (two agreeing reports) signs in and finds the sponsor's coupon,
 * with its QR code, under "my coupons" — issued by the rewards module on the verification event, not by the test;</li>
 * <li>a donor gives through the local payment page, opens the wallet from the mail that follows, and a sponsor —
 * signing in for the first time with a one-time password (registered through the API), so choosing their own first —
 * types its code, sees the coupon and confirms; the donor's wallet then shows it used, and a second try shows it used.</li>
 * </ul>
 * Each journey's offer is closed at its end, so donations and verifications in other tests earn nothing from it.
 * Screenshots go to web/target/screenshots.
 */
@FullStackTest
@Import({ AssignmentFixture.class, ReportFixture.class })
class CouponBrowserTests {

    private static final Pattern WALLET_LINK = Pattern.compile("https?://\\S+?(/wallet/\\S+)");

    @LocalServerPort int port;
    @Autowired AssignmentFixture people;
    @Autowired ReportFixture counts;
    @Autowired AccountDirectory accounts;
    @Autowired Sponsorships sponsorships;

    private record Sponsor(SponsorId id, String username, String password) {}

    private Sponsor sponsor(String slug) {
        String username = "coupon-sponsor-" + slug;
        String password = "first-password-" + slug;
        return new Sponsor(sponsorships.register(username, password,
                new SponsorProfile("ร้านกาแฟริมทาง", "Roadside Coffee", null, null, null)), username, password);
    }

    private long offer(Sponsor sponsor, Audience audience, Long minimumSatang) {
        return sponsorships.addOffer(sponsor.id(), new OfferDraft("กาแฟเย็นฟรีหนึ่งแก้ว", "One free iced coffee", "แสดงคิวอาร์โค้ดที่เคาน์เตอร์",
                "Show the QR code at the counter", 60_00, 1_000, Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(30)), audience, minimumSatang));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.khanaen.web.browser.Look#all")
    void aVolunteerWhoseCountWasVerifiedFindsTheSponsorsCoupon(Look look) {
        String slug = "browser-coupon-volunteer-" + look;
        Sponsor sponsor = sponsor("v-" + look);
        long offer = offer(sponsor, Audience.VERIFIED_VOLUNTEERS, null);
        try {
            var org = people.organisation(slug);
            StationView station = people.stations("RYG_1").get(look.number());
            var primary = people.volunteer(org, slug, "ใจดี นับครบ");
            var backup = people.volunteer(org, slug, "ใจเย็น นับซ้ำ");
            accounts.setEnabled(people.account(primary), true);
            people.atStation(primary, station, StationRole.PRIMARY);
            people.atStation(backup, station, StationRole.BACKUP);
            // both volunteers send the same final count: two agreeing reports verify the station's contest
            var count = counts.goodCount(station, "constituency");
            counts.send(station, "constituency", primary.volunteer(), slug + "-primary", count, List.of());
            counts.send(station, "constituency", backup.volunteer(), slug + "-backup", count, List.of());

            try (Browser browser = Browser.start(port, "coupon-volunteer", look)) {
                browser.signIn(primary.email(), "volunteer pass");
                // the coupon is issued after the verification's commit, on another thread: the volunteer reloads
                WebElement coupon = browser.until(Duration.ofSeconds(30), driver -> {
                    browser.open("/me/coupons");
                    return driver.findElements(By.cssSelector("article.coupon")).stream()
                            .filter(c -> c.getText().contains(look.text("กาแฟเย็นฟรีหนึ่งแก้ว", "One free iced coffee")))
                            .findFirst().orElse(null);
                });
                assertThat(coupon.getText()).contains(look.text("ร้านกาแฟริมทาง", "Roadside Coffee"));
                // valid for a month: the first and last days are shown, in the Buddhist era in Thai
                int year = LocalDate.now(ZoneId.of("Asia/Bangkok")).plusDays(30).getYear();
                assertThat(coupon.findElement(By.cssSelector("p.state")).getText()).contains(look.text("พ.ศ. " + (year + 543), " " + year))
                        .doesNotContain(":"); // the days as the sponsor entered them, no midnight of the day after
                assertThat(coupon.findElement(By.cssSelector("p.code code")).getText()).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");
                assertQrShown(browser, coupon);
                browser.keyPage("01-my-coupons");
            }
        } finally {
            sponsorships.closeOffer(sponsor.id(), offer);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.khanaen.web.browser.Look#all")
    void aDonorOpensTheWalletFromTheMailAndASponsorRedeemsTheCouponByItsCode(Look look) {
        String slug = "d-" + look;
        Sponsor sponsor = sponsor(slug);
        long offer = offer(sponsor, Audience.DONORS, 200_00L);
        String donor = "coupon-donor-" + look + "@example.org";
        try {
            String code;
            String walletPath;
            try (Browser browser = Browser.start(port, "coupon-donor", look)) {
                browser.open("/campaign");
                browser.type("amount", "300");
                browser.type("email", donor);
                browser.enter(browser.find(By.id("email")));
                assertThat(browser.location()).startsWith("/campaign/local-pay/cs_local_");
                browser.follow(browser.find(By.id("pay-card")));
                assertThat(browser.location()).startsWith("/campaign/thanks/");

                // the wallet's link comes by mail (here the development inbox), after the payment is recorded
                String subject = look.text("คูปองขอบคุณจากเครือข่ายคะแนน", "Your thank-you coupons from Khanaen");
                WebElement mail = browser.until(Duration.ofSeconds(30), driver -> {
                    browser.open("/dev/inbox");
                    return driver.findElements(By.cssSelector("tbody tr")).stream()
                            .filter(row -> row.getText().contains(donor) && row.getText().contains(subject))
                            .map(row -> row.findElement(By.tagName("a"))).findFirst().orElse(null);
                });
                browser.follow(mail);
                Matcher link = WALLET_LINK.matcher(browser.find(By.cssSelector("pre.mail-text")).getText());
                assertThat(link.find()).as("the mail carries the wallet's link").isTrue();
                walletPath = link.group(1);

                browser.open(walletPath);
                WebElement coupon = browser.find(By.cssSelector("article.coupon"));
                assertThat(coupon.getText()).contains(look.text("กาแฟเย็นฟรีหนึ่งแก้ว", "One free iced coffee"));
                assertQrShown(browser, coupon);
                code = coupon.findElement(By.cssSelector("p.code code")).getText();
                browser.keyPage("01-wallet");
            }

            try (Browser browser = Browser.start(port, "coupon-sponsor", look)) {
                // the first sign-in with the password an administrator passed on: the sponsor chooses their own
                browser.signIn(sponsor.username(), sponsor.password());
                assertThat(browser.location()).isEqualTo("/account/password");
                browser.type("currentPassword", sponsor.password());
                browser.type("newPassword", "my own counter password");
                browser.type("confirmPassword", "my own counter password");
                browser.enter(browser.find(By.id("confirmPassword")));

                browser.open("/sponsor/redeem");
                browser.keyPage("01-redeem");
                browser.type("code", code.toLowerCase().replace("-", " ")); // as typed at a busy counter
                browser.enter(browser.find(By.id("code")));
                // the coupon and its terms first; redeemed only on confirming
                assertThat(browser.find(By.cssSelector("article.coupon-check")).getText())
                        .contains(look.text("กาแฟเย็นฟรีหนึ่งแก้ว", "One free iced coffee")).contains(look.text("ร้านกาแฟริมทาง", "Roadside Coffee"));
                browser.keyPage("02-check");
                browser.follow(browser.find(By.id("confirm-redeem")));
                assertThat(browser.find(By.cssSelector(".redeemed")).getText())
                        .contains(look.text("ใช้คูปองสำเร็จ", "Coupon redeemed")).contains(code);
                browser.keyPage("02-redeemed");

                // the same coupon again: shown as used, saying when, with nothing to confirm
                browser.open("/sponsor/redeem");
                browser.type("code", code);
                browser.enter(browser.find(By.id("code")));
                assertThat(browser.find(By.cssSelector("article.coupon-check .status")).getText())
                        .contains(look.text("คูปองนี้ใช้ไปแล้วเมื่อ", "already used"));
                assertThat(browser.driver().findElements(By.id("confirm-redeem"))).isEmpty();
                assertThat(browser.driver().findElements(By.cssSelector(".redeemed"))).isEmpty();

                browser.open("/sponsor");
                assertThat(browser.find(By.tagName("main")).getText()).contains(code);
                browser.keyPage("03-counter");
            }

            try (Browser browser = Browser.start(port, "coupon-donor", look)) {
                browser.open(walletPath);
                WebElement coupon = browser.find(By.cssSelector("article.coupon"));
                assertThat(coupon.getAttribute("class")).contains("used");
                assertThat(coupon.findElements(By.cssSelector("img.qr"))).as("a used coupon shows no QR code").isEmpty();
                browser.keyPage("02-wallet-used");
            }
        } finally {
            sponsorships.closeOffer(sponsor.id(), offer);
        }
    }


    /** The QR image arrived and decoded as an image (the browser knows its size), not a broken icon. */
    private static void assertQrShown(Browser browser, WebElement coupon) {
        WebElement qr = coupon.findElement(By.cssSelector("img.qr"));
        browser.driver().executeScript("arguments[0].scrollIntoView()", qr);
        browser.until(driver -> (Boolean) browser.driver().executeScript("return arguments[0].complete && arguments[0].naturalWidth > 0", qr));
    }
}
