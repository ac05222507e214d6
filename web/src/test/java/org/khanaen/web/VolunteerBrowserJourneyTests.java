package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.khanaen.web.browser.Browser;
import org.khanaen.web.browser.Look;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The volunteer's journey in a real browser: sign up on a partner's page, open the mail in the development
 * inbox, verify, get approved by the coordinator, sign in and see it. In full on a phone in Thai; its key
 * pages in the other looks (desktop, English). Each key page is saved under web/target/screenshots, must
 * fit the screen without sideways scrolling and passes the basic accessibility checks of {@link Browser#keyPage}.
 */
@FullStackTest
@Import(RegistryFixture.class)
class VolunteerBrowserJourneyTests {

    static final String NAME = "มาลี ศรีสุข";
    static final String EMAIL = "malee.browser@example.org";
    static final String PASSWORD = "malee secret 1";

    @LocalServerPort
    int port;
    @Autowired
    RegistryFixture fixture;

    @Test
    void onAPhoneAVolunteerSignsUpVerifiesTheirEmailIsApprovedAndSeesItOnTheirPage() {
        try (Browser browser = Browser.start(port, "volunteer", Look.PHONE_THAI)) {
            var org = fixture.organisation("browser-1");
            signUp(browser);
            verifyFromTheInbox(browser);
            approveAsTheCoordinator(browser, org.coordinator());
            signInFromTheApprovalMail(browser);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.khanaen.web.browser.Look#others")
    void theJoinPageAndTheRosterReadWellOnEveryScreenInEitherLanguage(Look look) {
        String slug = "browser-" + look;
        var org = fixture.organisation(slug);
        try (Browser browser = Browser.start(port, "volunteer", look)) {
            browser.open("/join/" + slug);
            assertThat(browser.driver().executeScript("return window.innerWidth")).as("the window's width").isEqualTo((long) look.size().width());
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo(look.text("องค์กร ", "Org ") + slug);
            assertThat(browser.find(By.cssSelector("form button[type=submit]")).getText()).isEqualTo(look.text("สมัคร", "Sign up"));
            fillIn(browser, "12");
            browser.keyPage("01-join-form");
            browser.enter(browser.find(By.id("fullName"))); // Enter in a field sends the form
            assertThat(browser.find(By.id("phone")).getDomAttribute("aria-invalid")).isEqualTo("true");
            browser.keyPage("02-join-field-error");

            browser.signIn(org.coordinator(), "coordinator password 1");
            browser.enter(browser.find(By.linkText(look.text("รายชื่ออาสาสมัคร", "Volunteers")))); // a link followed with Enter
            assertThat(browser.location()).isEqualTo("/org/" + slug + "/volunteers");
            browser.keyPage("06-roster");
            browser.follow(browser.find(By.linkText(org.volunteerName())));
            assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo(org.volunteerName());
            browser.keyPage("07-volunteer");
        }
    }

    /** Every field of the sign-up form filled in as a person would, with this phone number. */
    private static void fillIn(Browser browser, String phone) {
        browser.type("fullName", NAME);
        browser.type("phone", phone);
        browser.type("email", EMAIL);
        new Select(browser.find(By.id("districtCode"))).selectByValue("1001");
        browser.find(By.xpath("//label[input[@name='rolePreference' and @value='WAR_ROOM']]")).click();
        browser.find(By.xpath("//label[input[@name='availability' and @value='COUNT_ONLY']]")).click();
        browser.type("password", PASSWORD);
        WebElement consent = browser.find(By.cssSelector("input[name=consent]"));
        if (!consent.isSelected()) {
            browser.find(By.xpath("//label[input[@name='consent']]")).click();
        }
    }

    private void signUp(Browser browser) {
        browser.open("/join/browser-1");
        // the browser asks for English (Chromium's default); Thai is everyone's language unless chosen
        assertThat(browser.find(By.tagName("html")).getDomAttribute("lang")).isEqualTo("th");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("องค์กร browser-1");
        assertThat(browser.driver().executeScript("return window.innerWidth")).as("the phone's width").isEqualTo(390L);
        assertThat(fieldsTooSmallForAThumb(browser)).isEmpty();

        fillIn(browser, "12");
        browser.keyPage("01-join-form");
        browser.follow(browser.find(By.cssSelector("form button[type=submit]")));

        // the same page again, the one mistake explained beside its field, everything else kept but the password
        browser.keyPage("02-join-field-error");
        assertThat(browser.location()).isEqualTo("/join/browser-1");
        assertThat(browser.find(By.cssSelector(".error[role=alert]")).getText()).isEqualTo("กรุณาแก้ไขช่องที่มีข้อความแจ้งด้านล่าง");
        WebElement phone = browser.find(By.id("phone"));
        assertThat(phone.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(phone.getDomAttribute("aria-describedby")).isEqualTo("phone-error");
        WebElement next = browser.find(By.xpath("//input[@id='phone']/following-sibling::*[1]"));
        assertThat(next.getDomAttribute("id")).isEqualTo("phone-error");
        assertThat(next.getText()).startsWith("เบอร์โทรศัพท์ไม่ถูกต้อง");
        assertThat(browser.driver().findElements(By.cssSelector(".field-error"))).hasSize(1);
        assertThat(browser.find(By.id("fullName")).getDomProperty("value")).isEqualTo(NAME);
        assertThat(browser.find(By.id("email")).getDomProperty("value")).isEqualTo(EMAIL);
        assertThat(new Select(browser.find(By.id("districtCode"))).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("1001");
        assertThat(browser.find(By.cssSelector("input[name=rolePreference][value=WAR_ROOM]")).isSelected()).isTrue();
        assertThat(browser.find(By.cssSelector("input[name=consent]")).isSelected()).isTrue();
        assertThat(browser.find(By.id("password")).getDomProperty("value")).isEmpty();

        browser.type("phone", "086-765-4321");
        browser.type("password", PASSWORD);
        browser.follow(browser.find(By.cssSelector("form button[type=submit]")));

        assertThat(browser.location()).isEqualTo("/join/browser-1/sent");
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("กรุณาตรวจสอบอีเมลของคุณ");
        browser.keyPage("03-join-sent");
    }

    private void verifyFromTheInbox(Browser browser) {
        openMail(browser, EMAIL, "ยืนยันอีเมล");
        assertThat(browser.find(By.id("mail-subject")).getText()).isEqualTo("ยืนยันอีเมลเพื่อสมัครเป็นอาสาสมัครกับ องค์กร browser-1");
        // the HTML version shows in its sandboxed frame (a browser would refuse it on a wrong frame policy);
        // scrolled to, because such a frame is painted, screenshots included, only once it has been on screen
        WebElement html = browser.find(By.cssSelector("iframe.mail-frame"));
        browser.driver().executeScript("arguments[0].scrollIntoView()", html);
        browser.driver().switchTo().frame(html);
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "ยืนยันอีเมลของฉัน"));
        String button = browser.find(By.linkText("ยืนยันอีเมลของฉัน")).getDomAttribute("href");
        browser.driver().switchTo().defaultContent();
        browser.keyPage("04-inbox-verification-mail");

        // The text version's link, not the HTML one: it is in the inbox page itself, where the HTML
        // version's links open a new tab out of a sandboxed frame. Both carry the same address.
        assertThat(followMailLink(browser, "/join/verify?token=")).hasToString(button);
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("ยืนยันอีเมลเรียบร้อย");
        assertThat(browser.find(By.cssSelector("main p")).getText()).contains("องค์กร browser-1");
        browser.keyPage("05-email-verified");
    }

    private void approveAsTheCoordinator(Browser browser, String coordinator) {
        browser.signIn(coordinator, "coordinator password 1");
        browser.follow(browser.find(By.linkText("รายชื่ออาสาสมัคร")));
        assertThat(browser.location()).isEqualTo("/org/browser-1/volunteers");

        browser.type("q", "มาลี");
        browser.follow(browser.find(By.cssSelector("form.filters button[type=submit]")));
        WebElement row = browser.find(By.xpath("//tbody/tr[td[1]/a[normalize-space()='" + NAME + "']]"));
        List<String> cells = row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertThat(cells.get(1)).isEqualTo("086-•••-4321");
        assertThat(cells.get(5)).isEqualTo("รอพิจารณา"); // verified: no "email not confirmed" beside it
        assertThat(cells.get(3)).as("the district by its name, not its code (issue 25)").isEqualTo("พระนคร, กรุงเทพมหานคร");
        browser.keyPage("06-roster");

        browser.follow(row.findElement(By.linkText(NAME)));
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo(NAME);
        assertThat(browser.find(By.cssSelector("dl.details")).getText())
                .contains("ทีมตรวจสอบที่ศูนย์ปฏิบัติการ", "ช่วงนับคะแนน (ตั้งแต่ 16:30 น.)", EMAIL);
        // exactly "อนุมัติ": "ไม่อนุมัติ" (reject) contains it
        browser.follow(browser.find(By.xpath("//div[@class='decisions']//button[normalize-space()='อนุมัติ']")));

        assertThat(browser.find(By.cssSelector("[role=status]")).getText()).isEqualTo("อนุมัติแล้ว ระบบส่งอีเมลแจ้งอาสาสมัคร");
        assertThat(browser.find(By.cssSelector("main .badge")).getText()).isEqualTo("อนุมัติแล้ว");
        browser.keyPage("07-volunteer-approved");
        browser.follow(browser.find(By.xpath("//nav//button[normalize-space()='ออกจากระบบ']")));
        assertThat(browser.location()).isEqualTo("/?signed-out");
        assertThat(browser.find(By.linkText("เข้าสู่ระบบ")).isDisplayed()).isTrue();
    }

    private void signInFromTheApprovalMail(Browser browser) {
        openMail(browser, EMAIL, "อนุมัติการสมัคร");
        assertThat(browser.find(By.id("mail-subject")).getText()).isEqualTo("องค์กร browser-1 อนุมัติการสมัครของคุณแล้ว");
        browser.keyPage("08-inbox-approval-mail");

        // the mail's link to "my page" asks for signing in first, then goes on there
        followMailLink(browser, "/me");
        assertThat(browser.location()).isEqualTo("/login");
        browser.signIn(EMAIL, PASSWORD);

        assertThat(browser.location()).isIn("/me", "/me?continue"); // Spring Security's mark of a saved request
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("การเป็นอาสาสมัครของฉัน");
        WebElement membership = browser.find(By.xpath("//main//li[contains(., 'องค์กร browser-1')]"));
        assertThat(membership.findElement(By.cssSelector(".badge")).getText()).isEqualTo("อนุมัติแล้ว");
        assertThat(browser.find(By.id("fullName")).getDomProperty("value")).isEqualTo(NAME);
        browser.keyPage("09-me");
    }

    /**
     * Reloads the development inbox until the mail is listed (the app's scheduled sender delivers it
     * within seconds), then opens it.
     */
    private void openMail(Browser browser, String to, String subjectPart) {
        By mail = By.xpath("//tbody/tr[td[2][contains(., '" + to + "')]]/td[3]/a[contains(., '" + subjectPart + "')]");
        WebElement link = browser.until(Duration.ofSeconds(20), driver -> {
            browser.open("/dev/inbox");
            return driver.findElements(mail).stream().findFirst().orElse(null);
        });
        browser.follow(link);
        assertThat(browser.location()).startsWith("/dev/inbox?id=");
    }

    /**
     * Follows the link in the open mail's text whose address contains the given part. Mails link to the
     * configured khanaen.mail.base-url, which follows server.port: 0 in a test on a random port, where
     * no browser can go. So the link's path and query are opened on the server under test instead.
     */
    private URI followMailLink(Browser browser, String part) {
        WebElement link = browser.find(By.cssSelector(".mail-text a[href*='" + part + "']"));
        URI address = URI.create(link.getDomAttribute("href"));
        assertThat(link.getText()).isEqualTo(address.toString());
        browser.open(address.getRawPath() + (address.getRawQuery() == null ? "" : "?" + address.getRawQuery()));
        return address;
    }

    /** Text fields and lists less than 44 CSS pixels tall, the size the app gives its buttons and choices. */
    private static List<String> fieldsTooSmallForAThumb(Browser browser) {
        return browser.driver().findElements(By.cssSelector("main form input:not([type=hidden], [type=radio], [type=checkbox]), main form select"))
                .stream().filter(field -> field.getRect().getHeight() < 44)
                .map(field -> field.getDomAttribute("id") + " (" + field.getRect().getHeight() + " px)").toList();
    }
}
