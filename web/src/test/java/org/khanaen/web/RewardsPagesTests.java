package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.khanaen.assignment.Tier;
import org.khanaen.rewards.Audience;
import org.khanaen.rewards.CouponView;
import org.khanaen.rewards.OfferDraft;
import org.khanaen.rewards.Rewards;
import org.khanaen.rewards.SponsorId;
import org.khanaen.rewards.SponsorProfile;
import org.khanaen.rewards.Sponsorships;
import org.khanaen.volunteers.OrganisationId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/** Wallets with QR codes, the sponsor's counter, offers and the administrators' sponsor list, through the real pages. */
@FullStackTest
@Import(AssignmentFixture.class)
class RewardsPagesTests {

    private static final AtomicInteger next = new AtomicInteger();

    @Autowired MockMvc mvc;
    @Autowired AssignmentFixture people;
    @Autowired Rewards rewards;
    @Autowired Sponsorships sponsorships;
    @Autowired JdbcClient jdbc;
    @Autowired org.khanaen.accounts.AccountDirectory accounts;

    private record Sponsor(SponsorId id, String username) {
        RequestPostProcessor user() {
            return org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user(username).roles("SPONSOR");
        }
    }

    private Sponsor sponsor() {
        String username = "pages-sponsor-" + next.incrementAndGet() + "-" + System.nanoTime() % 10_000;
        return new Sponsor(sponsorships.register(username, "Pages-sponsor-pass", new SponsorProfile("ร้านข้าวมันไก่", "Chicken rice", null, null, null)),
                username);
    }

    private long offer(Sponsor sponsor, Audience audience, Long min) {
        return sponsorships.addOffer(sponsor.id(), new OfferDraft("ข้าวมันไก่ฟรี", "Free chicken rice", "วันละหนึ่งจาน", "One a day", 50_00, 100,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)), audience, min));
    }

    private static String decode(byte[] png) throws Exception {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        // read as the pure code the server drew: ZXing's finder-pattern search (made for camera pictures) misses
        // about 1 in 100 perfectly clean generated codes (measured on 2,000 passes), which made this test flaky
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }

    @Test
    void aVolunteerSeesTheirCouponWithAQrCodeTheSponsorRedeemsOnce() throws Exception {
        OrganisationId org = people.organisation("rewards-pages");
        var volunteer = people.volunteer(org, "rewards-pages", "ใจดี มีคูปอง");
        var other = people.volunteer(org, "rewards-pages", "อีกคน ไม่มีสิทธิ์");
        Sponsor sponsor = sponsor();
        long offer = offer(sponsor, Audience.VERIFIED_VOLUNTEERS, null);
        rewards.issueForService("th-2566", volunteer.volunteer(), Tier.STATION);
        CouponView coupon = rewards.walletOf(volunteer.volunteer()).stream().filter(c -> c.offerId() == offer).findFirst().orElseThrow();
        RequestPostProcessor asVolunteer = user(volunteer.email()).roles("VOLUNTEER");

        mvc.perform(get("/me/coupons").with(asVolunteer)).andExpect(status().isOk())
                .andExpect(content().string(containsString("ข้าวมันไก่ฟรี")))
                .andExpect(content().string(containsString(coupon.groupedCode())))
                .andExpect(content().string(containsString("รอบันทึกบนบล็อกเชน")));
        byte[] png = mvc.perform(get("/me/coupons/" + coupon.code() + "/qr.png").with(asVolunteer)).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "image/png")).andExpect(header().string("Cache-Control", containsString("no-store")))
                .andReturn().getResponse().getContentAsByteArray();
        String pass = decode(png);
        assertThat(pass).isEqualTo(coupon.pass());
        // someone else's coupon is not found from another volunteer's account
        mvc.perform(get("/me/coupons/" + coupon.code() + "/qr.png").with(user(other.email()).roles("VOLUNTEER"))).andExpect(status().isNotFound());
        mvc.perform(get("/sponsor/redeem").with(asVolunteer)).andExpect(status().isForbidden());

        mvc.perform(get("/sponsor/redeem").with(sponsor.user())).andExpect(status().isOk())
                .andExpect(content().string(containsString("/js/vendor/jsqr-1.4.0/jsQR.js")));
        mvc.perform(get("/js/vendor/jsqr-1.4.0/jsQR.js")).andExpect(status().isOk());

        String[] parts = pass.split("\\.");
        String tampered = String.join(".", parts[0], parts[1], String.valueOf(Long.parseLong(parts[2]) + 86_400 * 365), parts[3]);
        mvc.perform(post("/sponsor/redeem").param("code", tampered).with(csrf()).with(sponsor.user())).andExpect(status().is(422))
                .andExpect(content().string(containsString("QR code นี้ถูกแก้ไขหรือไม่ได้ออกโดยเครือข่ายคะแนน")));
        mvc.perform(post("/sponsor/redeem").param("code", tampered).param("lang", "en").with(csrf()).with(sponsor.user()))
                .andExpect(status().is(422)).andExpect(content().string(containsString("This QR code was altered or was not issued by Khanaen")));

        // the scanned code shows the coupon, its terms and state, and asks to confirm: nothing is redeemed yet
        String shown = mvc.perform(post("/sponsor/redeem/check").param("code", pass).with(csrf()).with(sponsor.user()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("ข้าวมันไก่ฟรี"))).andExpect(content().string(containsString("วันละหนึ่งจาน")))
                .andExpect(content().string(containsString("ร้านข้าวมันไก่"))).andExpect(content().string(containsString("฿50.00")))
                .andExpect(content().string(containsString("ใช้ได้ กดยืนยันเพื่อให้สิทธิ์")))
                .andExpect(content().string(containsString("id=\"confirm-redeem\"")))
                .andReturn().getResponse().getContentAsString();
        // a post of the code alone (the old form, a replayed scan) only shows the coupon again
        mvc.perform(post("/sponsor/redeem").param("code", pass).with(csrf()).with(sponsor.user())).andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"confirm-redeem\""))).andExpect(content().string(not(containsString("ใช้คูปองสำเร็จ"))));
        assertThat(rewards.walletOf(volunteer.volunteer())).filteredOn(c -> c.code().equals(coupon.code())).singleElement()
                .satisfies(c -> assertThat(c.state()).isEqualTo(CouponView.State.ISSUED));
        String attempt = hidden(shown, "attempt");
        String code = hidden(shown, "code");
        mvc.perform(post("/sponsor/redeem").param("code", code).param("attempt", attempt)).andExpect(status().isForbidden()); // no CSRF token
        mvc.perform(post("/sponsor/redeem").param("code", code).param("attempt", attempt).with(csrf()).with(sponsor.user()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("ใช้คูปองสำเร็จ")));
        // the same confirmation again (a double tap): the same answer, still one redemption
        mvc.perform(post("/sponsor/redeem").param("code", code).param("attempt", attempt).with(csrf()).with(sponsor.user()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("ใช้คูปองสำเร็จ")));
        mvc.perform(post("/sponsor/redeem").param("code", code).param("attempt", "another-confirmation").with(csrf()).with(sponsor.user()))
                .andExpect(status().is(422)).andExpect(content().string(containsString("คูปองนี้ใช้ไปแล้วเมื่อ")));
        mvc.perform(post("/sponsor/redeem/check").param("code", coupon.groupedCode()).with(csrf()).with(sponsor.user())).andExpect(status().is(422))
                .andExpect(content().string(containsString("คูปองนี้ใช้ไปแล้วเมื่อ")))
                .andExpect(content().string(not(containsString("id=\"confirm-redeem\""))));
        assertThat(sponsorships.redemptionCount(sponsor.id())).isEqualTo(1);
        mvc.perform(get("/sponsor").with(sponsor.user())).andExpect(status().isOk())
                .andExpect(content().string(containsString("การใช้คูปอง (1 ครั้ง)")))
                .andExpect(content().string(containsString(coupon.groupedCode())));
        mvc.perform(get("/me/coupons").with(asVolunteer)).andExpect(content().string(containsString("ใช้แล้วเมื่อ")));
    }

    /** The value of a hidden field of the page's form. */
    private static String hidden(String page, String name) {
        var m = java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("hidden field " + name).isTrue();
        return m.group(1);
    }

    @Test
    void theCounterShowsTheDaysAsEnteredTheLastOneIncludedAndAnExpiredCouponAsExpired() throws Exception {
        Sponsor sponsor = sponsor();
        // an offer entered as valid to 31 March 2027: it ends at the start of 1 April, Bangkok time
        Instant endOfMarch = java.time.LocalDate.of(2027, 3, 31).plusDays(1).atStartOfDay(java.time.ZoneId.of("Asia/Bangkok")).toInstant();
        long offer = sponsorships.addOffer(sponsor.id(), new OfferDraft("ส่วนลดวันสิ้นเดือน", "Month-end discount", "ทุกสาขา", "Every branch", 30_00,
                10, Instant.now().minus(Duration.ofDays(1)), endOfMarch, Audience.VERIFIED_VOLUNTEERS, null));
        OrganisationId org = people.organisation("rewards-days");
        var volunteer = people.volunteer(org, "rewards-days", "ใจดี วันสุดท้าย");
        rewards.issueForService("th-2566", volunteer.volunteer(), Tier.STATION);
        CouponView coupon = rewards.walletOf(volunteer.volunteer()).stream().filter(c -> c.offerId() == offer).findFirst().orElseThrow();

        mvc.perform(post("/sponsor/redeem/check").param("code", coupon.groupedCode()).with(csrf()).with(sponsor.user()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("ถึง 31 มี.ค. พ.ศ. 2570")))
                .andExpect(content().string(not(containsString("เม.ย."))));
        mvc.perform(post("/sponsor/redeem/check").param("code", coupon.groupedCode()).param("lang", "en").with(csrf()).with(sponsor.user()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("to 31 Mar 2027")))
                .andExpect(content().string(containsString("Confirm: use this coupon")));

        jdbc.sql("update coupon set expires_at = ? where code = ?").params(java.sql.Timestamp.from(Instant.now().minusSeconds(60)), coupon.code())
                .update();
        mvc.perform(post("/sponsor/redeem/check").param("code", coupon.groupedCode()).with(csrf()).with(sponsor.user()))
                .andExpect(status().is(422)).andExpect(content().string(containsString("คูปองนี้หมดอายุแล้ว")))
                .andExpect(content().string(not(containsString("id=\"confirm-redeem\""))));
        mvc.perform(post("/sponsor/redeem").param("code", coupon.code()).param("attempt", "late-confirmation").with(csrf()).with(sponsor.user()))
                .andExpect(status().is(422)).andExpect(content().string(containsString("คูปองนี้หมดอายุแล้ว")));
    }

    @Test
    void aDonorOpensTheirWalletFromTheMailedLinkAndAnAlteredLinkShowsNothing() throws Exception {
        Sponsor sponsor = sponsor();
        long min = 2_000_000_00L + next.incrementAndGet();
        long offer = offer(sponsor, Audience.DONORS, min);
        String donation = "pages-donation-" + System.nanoTime();
        rewards.issueForDonation(donation, min, "donor-pages@example.org", "ผู้ใจบุญ", Locale.forLanguageTag("th"));
        String mail = jdbc.sql("select text_body from mail_outbox where dedup_key = ?").param("rewards-wallet:" + donation).query(String.class).single();
        String link = rewards.walletLink(donation);
        assertThat(mail).contains(link);
        String path = link.substring(link.indexOf("/wallet/"));
        CouponView coupon = rewards.walletOfLink(path.substring("/wallet/".length())).stream().filter(c -> c.offerId() == offer).findFirst()
                .orElseThrow();

        mvc.perform(get(path)).andExpect(status().isOk()).andExpect(content().string(containsString(coupon.groupedCode())));
        assertThat(decode(mvc.perform(get(path + "/" + coupon.code() + "/qr.png")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsByteArray())).isEqualTo(coupon.pass());
        mvc.perform(get(path + "x")).andExpect(status().isNotFound()).andExpect(content().string(containsString("ลิงก์นี้ใช้ไม่ได้")))
                .andExpect(content().string(not(containsString(coupon.groupedCode()))));

        mvc.perform(post(path + "/" + coupon.code() + "/send").param("address", "0xnot-an-address").with(csrf()))
                .andExpect(redirectedUrl(path));
        mvc.perform(post(path + "/" + coupon.code() + "/send").param("address", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8").with(csrf()))
                .andExpect(redirectedUrl(path));
        assertThat(rewards.walletOfLink(path.substring("/wallet/".length()))).filteredOn(c -> c.code().equals(coupon.code()))
                .singleElement().satisfies(c -> assertThat(c.walletAddress()).isEqualTo("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"));
    }

    @Test
    void aSponsorAddsAnOfferAndABadOneIsRefusedWithItsReason() throws Exception {
        Sponsor sponsor = sponsor();
        mvc.perform(post("/sponsor/offers").with(csrf()).with(sponsor.user()).param("titleTh", "ส่วนลด").param("titleEn", "Discount")
                        .param("termsTh", "เงื่อนไข").param("termsEn", "Terms").param("value", "-5").param("quantity", "10")
                        .param("validFrom", "2027-01-01").param("validTo", "2027-01-31").param("audience", "DONORS"))
                .andExpect(status().is(422)).andExpect(content().string(containsString("มูลค่าต้องเป็นจำนวนเงินมากกว่า 0 บาท")));
        mvc.perform(post("/sponsor/offers").with(csrf()).with(sponsor.user()).param("titleTh", "ส่วนลด").param("titleEn", "Discount")
                        .param("termsTh", "เงื่อนไข").param("termsEn", "Terms").param("value", "120.50").param("quantity", "10")
                        .param("validFrom", "2027-01-01").param("validTo", "2027-01-31").param("audience", "WAR_ROOM"))
                .andExpect(redirectedUrl("/sponsor"));
        assertThat(sponsorships.offers(sponsor.id())).singleElement().satisfies(o -> {
            assertThat(o.valueSatang()).isEqualTo(120_50);
            assertThat(o.audience()).isEqualTo(Audience.WAR_ROOM);
        });
        mvc.perform(get("/sponsor").with(sponsor.user())).andExpect(status().isOk()).andExpect(content().string(containsString("ส่วนลด")));
    }

    @Test
    void administratorsInviteSponsorsByMailWhoChooseTheirOwnPassword() throws Exception {
        String email = "invited-sponsor-" + next.incrementAndGet() + "-" + System.nanoTime() % 100_000 + "@example.org";
        mvc.perform(post("/admin/sponsors").with(csrf()).with(user("admin").roles("ADMIN")).param("email", email)
                .param("nameTh", "ร้านหนังสือริมน้ำ").param("nameEn", "Riverside Books").param("website", "").param("language", "th"))
                .andExpect(redirectedUrl("/admin/sponsors"));
        mvc.perform(get("/admin/sponsors").with(user("admin").roles("ADMIN"))).andExpect(status().isOk())
                .andExpect(content().string(containsString(email))).andExpect(content().string(not(containsString("type=\"password\""))));
        String mail = jdbc.sql("select text_body from mail_outbox where recipient = ? and category = 'sponsor-invitation'").param(email)
                .query(String.class).single();
        assertThat(mail).contains("ร้านหนังสือริมน้ำ");
        var link = java.util.regex.Pattern.compile("https?://\\S+?(/invitation/sponsor/\\S+)").matcher(mail);
        assertThat(link.find()).as("the mail carries the link").isTrue();
        String path = link.group(1);
        // the mail's HTML part (the invitations' shared part): the sponsor, the link as a button, how long it holds
        String html = jdbc.sql("select html_body from mail_outbox where recipient = ? and category = 'sponsor-invitation'").param(email)
                .query(String.class).single();
        assertThat(html).contains("<html lang=\"th\"", "ร้านหนังสือริมน้ำ", path + "\"", ">รับคำเชิญ</a>", "ภายใน 7 วัน", "เครือข่ายคะแนน");

        mvc.perform(get(path)).andExpect(status().isOk()).andExpect(content().string(containsString("ร้านหนังสือริมน้ำ")))
                .andExpect(content().string(containsString(email))).andExpect(content().string(containsString("minlength=\"8\"")))
                .andExpect(content().string(containsString("คุณจะเข้าสู่ระบบด้วยอีเมล " + email)))
                .andExpect(content().string(containsString("action=\"" + path + "\"")));
        mvc.perform(post(path).with(csrf()).param("displayName", "คุณสมศรี").param("password", "password1234").param("confirmPassword", "password1234"))
                .andExpect(status().is(422)).andExpect(content().string(containsString("รหัสผ่านที่ใช้กันมาก")));
        mvc.perform(post(path).with(csrf()).param("displayName", "คุณสมศรี").param("password", "books by the river")
                .param("confirmPassword", "books by the river")).andExpect(redirectedUrl("/login"));
        var account = accounts.findForLogin(email).orElseThrow();
        assertThat(account.roles()).containsExactly(org.khanaen.accounts.Role.SPONSOR);
        assertThat(account.mustChangePassword()).as("the password is the sponsor's own").isFalse();
        assertThat(sponsorships.ofAccount(account.id())).hasValueSatisfying(s -> assertThat(s.nameEn()).isEqualTo("Riverside Books"));
        // the link works once
        mvc.perform(get(path)).andExpect(content().string(containsString("คำเชิญนี้ใช้ไม่ได้")));
        mvc.perform(post(path).with(csrf()).param("displayName", "Someone").param("password", "another river phrase")
                .param("confirmPassword", "another river phrase")).andExpect(content().string(containsString("คำเชิญนี้ใช้ไม่ได้")));

        mvc.perform(post("/admin/sponsors").with(csrf()).with(user("admin").roles("ADMIN")).param("email", "not an address")
                .param("nameTh", "ร้าน").param("nameEn", "Shop")).andExpect(status().is(422))
                .andExpect(content().string(containsString("กรุณาใส่อีเมลที่ถูกต้อง")));
        mvc.perform(post("/admin/sponsors").with(csrf()).with(user("admin").roles("ADMIN")).param("email", email)
                .param("nameTh", "ร้าน").param("nameEn", "Shop")).andExpect(status().is(422))
                .andExpect(content().string(containsString("อีเมลนี้มีบัญชีอยู่แล้ว")));
        mvc.perform(post("/admin/sponsors").with(csrf()).with(user("admin").roles("ADMIN")).param("email", "x-" + email)
                .param("nameTh", "").param("nameEn", "Bookshop")).andExpect(status().is(422))
                .andExpect(content().string(containsString("กรุณาใส่ชื่อทั้งภาษาไทยและภาษาอังกฤษ")));
        mvc.perform(get("/admin/sponsors").with(user("someone").roles("SPONSOR"))).andExpect(status().isForbidden());
        mvc.perform(post("/admin/sponsors").with(csrf()).with(user("someone").roles("SPONSOR")).param("email", "y-" + email)
                .param("nameTh", "ร้าน").param("nameEn", "Shop")).andExpect(status().isForbidden());
    }
}
