package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.khanaen.web.browser.Browser;
import org.khanaen.web.browser.Look;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * On a phone (390 × 844), in Thai, on the embedded default without Stripe keys: a donor fills in the
 * campaign's form, pays on the local payment page ("no money moves"), gets the receipt number, and the
 * donation shows on the campaign page, in the public ledger, and as a receipt in the development inbox.
 * Its first pages in the other looks too (desktop, English). Screenshots go to web/target/screenshots.
 */
@FullStackTest
class DonationBrowserTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private long raised() {
        return jdbc.sql("select coalesce(sum(amount_satang), 0) from ledger_entry where kind in ('DONATION', 'REFUND', 'DISPUTE')").query(Long.class).single();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.khanaen.web.browser.Look#others")
    void aDonorGivesThroughTheLocalPaymentPageOnEveryScreenInEitherLanguage(Look look) {
        try (Browser browser = Browser.start(port, "donation", look)) {
            browser.open("/campaign");
            assertThat(browser.find(By.tagName("main")).getText()).contains(look.text("จากเป้าหมาย ฿12,000,000.00", "of the ฿12,000,000.00 goal"));
            browser.keyPage("01-campaign");
            browser.type("amount", "250");
            browser.type("email", "browser-donor-" + look + "@example.org");
            browser.enter(browser.find(By.id("email")));

            assertThat(browser.location()).startsWith("/campaign/local-pay/cs_local_");
            assertThat(browser.find(By.cssSelector(".dev-banner")).getText())
                    .isEqualTo(look.text("โหมดพัฒนา — ไม่มีการโอนเงินจริง", "DEVELOPMENT MODE — no money moves"));
            assertThat(browser.find(By.id("local-amount")).getText()).isEqualTo("฿250.00");
            browser.keyPage("02-local-payment");
            browser.follow(browser.find(By.id("pay-card")));

            assertThat(browser.location()).startsWith("/campaign/thanks/");
            assertThat(browser.find(By.id("receipt-number")).getText()).matches("KHN-\\d{7}");
            browser.keyPage("03-thanks");
        }
    }

    @Test
    void onAPhoneADonorGivesThroughTheLocalPaymentPageAndSeesItEverywhere() {
        long before = raised();
        try (Browser browser = Browser.start(port, "donation", Look.PHONE_THAI)) {
            browser.open("/campaign");
            assertThat(browser.find(By.tagName("main")).getText()).contains("จากเป้าหมาย ฿12,000,000.00").contains("ไม่มีการโอนเงินจริง");
            browser.keyPage("01-campaign");
            browser.type("amount", "1,500");
            browser.type("email", "browser-donor@example.org");
            browser.type("name", "ใจดี มีสุข");
            browser.type("message", "เป็นกำลังใจให้อาสาสมัครทุกคน");
            browser.follow(browser.find(By.cssSelector("#donate-form button[type=submit]")));

            assertThat(browser.location()).startsWith("/campaign/local-pay/cs_local_");
            assertThat(browser.find(By.cssSelector(".dev-banner")).getText()).isEqualTo("โหมดพัฒนา — ไม่มีการโอนเงินจริง");
            assertThat(browser.find(By.id("local-amount")).getText()).isEqualTo("฿1,500.00");
            browser.keyPage("02-local-payment");
            browser.follow(browser.find(By.id("pay-card")));

            assertThat(browser.location()).startsWith("/campaign/thanks/");
            String receipt = browser.find(By.id("receipt-number")).getText();
            assertThat(receipt).matches("KHN-\\d{7}");
            assertThat(browser.find(By.tagName("main")).getText()).contains("฿1,500.00");
            browser.keyPage("03-thanks");

            browser.open("/campaign");
            assertThat(browser.find(By.cssSelector(".raised strong")).getText()).isEqualTo(org.khanaen.donations.Baht.format(before + 150_000));
            browser.open("/ledger");
            assertThat(browser.find(By.id("ledger-table")).getText()).contains("เงินบริจาคจาก ใจดี มีสุข").contains("฿1,500.00");
            browser.keyPage("04-ledger");

            // the receipt, sent by the app's own mail sender to the development inbox
            browser.until(Duration.ofSeconds(30), driver -> {
                browser.open("/dev/inbox");
                return driver.findElement(By.tagName("main")).getText().contains("ใบรับเงินบริจาค " + receipt);
            });
            browser.follow(browser.find(By.partialLinkText(receipt)));
            assertThat(browser.find(By.cssSelector("pre.mail-text")).getText()).contains("เลขที่ใบรับเงิน: " + receipt)
                    .contains("จำนวนเงิน: ฿1,500.00").contains("พ.ศ. 25");
            browser.keyPage("05-receipt");
        }
    }
}
