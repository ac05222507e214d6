package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.NewAccount;
import org.khanaen.accounts.Role;
import org.khanaen.rewards.Audience;
import org.khanaen.rewards.CouponView;
import org.khanaen.rewards.OfferDraft;
import org.khanaen.rewards.Rewards;
import org.khanaen.rewards.SponsorId;
import org.khanaen.rewards.Sponsorships;
import org.khanaen.web.browser.Browser;
import org.khanaen.web.browser.Look;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A sponsor's first day, on a 390-pixel phone in Thai: an administrator invites them by mail (no password passes
 * through anyone's hands); they open the link, choose their name and password, sign in; at their counter they type a
 * holder's code, see the coupon with its terms, its last day as they entered it and that it is valid, and only then
 * confirm. The same code again shows it used, with no confirm button. Screenshots go to web/target/screenshots.
 */
@FullStackTest
class SponsorBrowserTests {

    private static final Pattern INVITATION_LINK = Pattern.compile("https?://\\S+?(/invitation/sponsor/\\S+)");

    @LocalServerPort int port;
    @Autowired AccountDirectory accounts;
    @Autowired Sponsorships sponsorships;
    @Autowired Rewards rewards;

    @Test
    void anInvitedSponsorChoosesTheirPasswordAndRedeemsACouponOnlyOnConfirming() {
        long n = System.nanoTime() % 1_000_000;
        String admin = "sponsor-admin-" + n;
        accounts.create(new NewAccount(admin, "Sponsor admin", "inviting sponsors today", Set.of(Role.ADMIN), false));
        String email = "noodle-shop-" + n + "@example.org";
        String link;
        try (Browser browser = Browser.start(port, "sponsor-invite-admin", Look.PHONE_THAI)) {
            browser.signIn(admin, "inviting sponsors today");
            browser.open("/admin/sponsors");
            browser.type("email", email);
            browser.type("nameTh", "ก๋วยเตี๋ยวเรือป้าศรี");
            browser.type("nameEn", "Auntie Sri's Boat Noodles");
            browser.enter(browser.find(By.id("nameEn")));
            assertThat(browser.find(By.cssSelector("p.notice")).getText()).contains("ส่งคำเชิญทางอีเมลแล้ว");
            assertThat(browser.find(By.tagName("main")).getText()).contains(email);
            browser.keyPage("01-invited");

            // the mail, as the development inbox shows it
            WebElement mail = browser.until(Duration.ofSeconds(30), driver -> {
                browser.open("/dev/inbox");
                return driver.findElements(By.cssSelector("tbody tr")).stream()
                        .filter(row -> row.getText().contains(email) && row.getText().contains("คำเชิญเป็นผู้สนับสนุน"))
                        .map(row -> row.findElement(By.tagName("a"))).findFirst().orElse(null);
            });
            browser.follow(mail);
            Matcher found = INVITATION_LINK.matcher(browser.find(By.cssSelector("pre.mail-text")).getText());
            assertThat(found.find()).as("the mail carries the invitation's link").isTrue();
            link = found.group(1);
        }

        try (Browser browser = Browser.start(port, "sponsor-invite", Look.PHONE_THAI)) {
            browser.open(link);
            assertThat(browser.find(By.cssSelector(".invitation-text")).getText()).contains("ก๋วยเตี๋ยวเรือป้าศรี").contains(email);
            browser.keyPage("01-invitation");
            browser.type("displayName", "ป้าศรี");
            browser.type("password", "password1234");
            browser.type("confirmPassword", "password1234");
            browser.enter(browser.find(By.id("confirmPassword")));
            assertThat(browser.find(By.cssSelector("p.error")).getText()).contains("รหัสผ่านที่ใช้กันมาก");
            browser.type("password", "เรือลำน้อยริมคลอง");
            browser.type("confirmPassword", "เรือลำน้อยริมคลอง");
            browser.enter(browser.find(By.id("confirmPassword")));
            assertThat(browser.location()).isEqualTo("/login");
            browser.signIn(email, "เรือลำน้อยริมคลอง");
            assertThat(browser.location()).as("no password to change: it is the sponsor's own").isNotEqualTo("/account/password");

            SponsorId sponsor = sponsorships.ofAccount(accounts.findForLogin(email).orElseThrow().id()).orElseThrow().id();
            String code = coupon(sponsor);
            browser.open("/sponsor/redeem");
            browser.keyPage("02-counter");
            browser.type("code", code.toLowerCase(Locale.ROOT).replace("-", " ")); // as typed at a busy counter
            browser.enter(browser.find(By.id("code")));
            WebElement check = browser.find(By.cssSelector("article.coupon-check"));
            assertThat(check.getText()).contains("ใช้ได้ กดยืนยันเพื่อให้สิทธิ์").contains("บะหมี่เรือฟรีหนึ่งชาม")
                    .contains("ก๋วยเตี๋ยวเรือป้าศรี").contains("เฉพาะหน้าร้าน").contains("฿45.00")
                    // the last day as the sponsor entered it, in the Buddhist era: not midnight of the day after
                    .contains("ถึง 31 มี.ค. พ.ศ. 2570").doesNotContain("เม.ย.").doesNotContain("00:00");
            browser.keyPage("03-check");
            assertThat(sponsorships.redemptionCount(sponsor)).as("nothing is redeemed before confirming").isZero();

            browser.follow(browser.find(By.id("confirm-redeem")));
            assertThat(browser.find(By.cssSelector(".redeemed")).getText()).contains("ใช้คูปองสำเร็จ").contains(code);
            browser.keyPage("04-redeemed");
            assertThat(sponsorships.redemptionCount(sponsor)).isEqualTo(1);

            browser.open("/sponsor/redeem");
            browser.type("code", code);
            browser.enter(browser.find(By.id("code")));
            assertThat(browser.find(By.cssSelector("article.coupon-check .status")).getText()).contains("คูปองนี้ใช้ไปแล้วเมื่อ");
            assertThat(browser.driver().findElements(By.id("confirm-redeem"))).isEmpty();
            browser.keyPage("05-already-used");
        }
    }

    /** A coupon of the sponsor's, from an offer entered as valid to 31 March 2570 (2027), for a donation of its own. */
    private String coupon(SponsorId sponsor) {
        Instant endOfMarch = LocalDate.of(2027, 3, 31).plusDays(1).atStartOfDay(ZoneId.of("Asia/Bangkok")).toInstant();
        long min = 3_000_000_00L + System.nanoTime() % 1_000_000;
        long offer = sponsorships.addOffer(sponsor, new OfferDraft("บะหมี่เรือฟรีหนึ่งชาม", "One free bowl of boat noodles", "เฉพาะหน้าร้าน",
                "At the shop only", 45_00, 10, Instant.now().minus(Duration.ofDays(1)), endOfMarch, Audience.DONORS, min));
        try {
            String donation = "browser-sponsor-" + System.nanoTime();
            rewards.issueForDonation(donation, min, null, null, null);
            String link = rewards.walletLink(donation);
            return rewards.walletOfLink(link.substring(link.lastIndexOf('/') + 1)).stream().filter(c -> c.offerId() == offer)
                    .map(CouponView::groupedCode).findFirst().orElseThrow();
        } finally {
            sponsorships.closeOffer(sponsor, offer);
        }
    }
}
