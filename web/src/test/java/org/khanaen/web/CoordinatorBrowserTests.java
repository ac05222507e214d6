package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.khanaen.web.browser.Browser;
import org.khanaen.web.browser.Look;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * A partner's coordinator, in each of the four looks, imports volunteers from a CSV file: the file is
 * checked first (its two bad rows listed by number, nothing stored), then the valid rows are imported
 * (approved: the coordinator vouches for them), and the one person who signed up on the partner's page is
 * found among those waiting and approved. Screenshots go to web/target/screenshots.
 */
@FullStackTest
@Import(RegistryFixture.class)
class CoordinatorBrowserTests {

    private static final Path FILES = Path.of(System.getProperty("basedir", ""), "target", "roster-files");
    private static final String[] GIVEN = { "มาลี", "สมชาย", "อรุณี", "ประเสริฐ", "วันดี", "สุนทร", "กานดา", "ชัยวัฒน์", "นภา", "ธีระ" };
    private static final String[] FAMILY = { "สายทอง", "ใจดี", "ปัญญาดี", "ศรีสุข", "มั่นคง", "รุ่งเรือง", "แก้วใส", "บุญมา", "ทองคำ", "สุขใจ",
            "พรหมมา", "ดวงดี", "เพชรงาม", "ชื่นชม", "ศักดิ์ดี", "วงศ์ใหญ่", "นาคสุข", "ทรัพย์มาก", "อินทร์แก้ว", "คงทน" };
    private static final int ROWS = 200;

    @LocalServerPort
    int port;
    @Autowired
    RegistryFixture fixture;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.khanaen.web.browser.Look#all")
    void aCoordinatorImportsACsvFileAndApprovesSomeoneFromIt(Look look) throws IOException {
        String slug = "browser-import-" + look;
        var org = fixture.organisation(slug);
        Path csv = roster(look);
        try (Browser browser = Browser.start(port, "import", look)) {
            browser.signIn(org.coordinator(), "coordinator password 1");
            browser.open("/org/" + slug + "/volunteers");
            browser.follow(browser.find(By.linkText(look.text("นำเข้าจากไฟล์ CSV", "Import from CSV"))));
            browser.keyPage("01-upload");

            browser.find(By.id("file")).sendKeys(csv.toAbsolutePath().toString());
            browser.follow(browser.find(By.cssSelector("main form button[type=submit]")));
            // the check runs in the background; the page shows its progress and reloads itself when it is done
            browser.until(Duration.ofSeconds(30), d -> "CHECKED".equals(d.findElement(By.id("import-job")).getDomAttribute("data-status")));
            assertThat(browser.find(By.cssSelector(".figures")).getText()).contains(String.valueOf(ROWS + 2), String.valueOf(ROWS), "2");
            assertThat(browser.driver().findElements(By.cssSelector("#import-job table")).getFirst().findElements(By.cssSelector("tbody tr")))
                    .as("the rows with problems").hasSize(2);
            browser.keyPage("02-checked");

            browser.find(By.xpath("//label[input[@name='consent']]")).click();
            browser.follow(browser.find(By.cssSelector("form[action$='/import'] button[type=submit]")));
            browser.until(Duration.ofSeconds(60), d -> "IMPORTED".equals(d.findElement(By.id("import-job")).getDomAttribute("data-status")));
            assertThat(browser.find(By.cssSelector(".figures")).getText()).contains(String.valueOf(ROWS));
            browser.keyPage("03-imported");

            browser.follow(browser.find(By.linkText(look.text("ไปที่รายชื่ออาสาสมัคร", "To the volunteers"))));
            browser.type("q", name(0));
            browser.enter(browser.find(By.id("q")));
            // imported people come approved: the coordinator vouches for them; the one who signed up waits
            assertThat(browser.find(By.xpath("//tbody/tr[td[1]/a[normalize-space()='" + name(0) + "']]/td[6]/span[contains(@class, 'badge')]")).getText())
                    .isEqualTo(look.text("อนุมัติแล้ว", "Approved"));
            browser.keyPage("04-roster");
            browser.find(By.id("q")).clear();
            new Select(browser.find(By.id("status"))).selectByValue("PENDING");
            browser.enter(browser.find(By.id("q")));
            assertThat(browser.driver().findElements(By.cssSelector("main tbody tr"))).hasSize(1);
            browser.follow(browser.find(By.linkText(org.volunteerName())));
            browser.follow(browser.find(By.cssSelector("form:has(input[name=decision][value=APPROVE]) button")));
            assertThat(browser.find(By.cssSelector("main .badge")).getText()).isEqualTo(look.text("อนุมัติแล้ว", "Approved"));
            browser.keyPage("05-approved");
        }
    }

    private static String name(int row) {
        return GIVEN[row % GIVEN.length] + " " + FAMILY[row / GIVEN.length % FAMILY.length];
    }

    /** ROWS good people (phones and addresses of this look's own), then a bad phone and an unknown role. */
    private static Path roster(Look look) throws IOException {
        StringBuilder csv = new StringBuilder("full_name,phone,email,line_id,district_code,role_preference,availability\n");
        for (int row = 0; row < ROWS; row++) {
            csv.append("%s,09%d%07d,import-%s-%d@example.org,,1001,station,all_day\n".formatted(name(row), look.number(), row, look, row));
        }
        csv.append("ผิด เบอร์,12,bad-phone-%s@example.org,,1001,station,all_day\n".formatted(look));
        csv.append("ผิด บทบาท,0899999999,bad-role-%s@example.org,,1001,pilot,all_day\n".formatted(look));
        Files.createDirectories(FILES);
        return Files.writeString(FILES.resolve("roster-" + look + ".csv"), csv, StandardCharsets.UTF_8);
    }
}
