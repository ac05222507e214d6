package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** The campaign through its pages and endpoints: giving on the local payment page, the webhook over HTTP, the ledger, administration. */
@FullStackTest
class DonationPagesTests {

    /** Development mode's public webhook secret (no Stripe keys in the tests). */
    static final String LOCAL_SECRET = "whsec_khanaen_local_development_NOT_SECRET";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    private static RequestPostProcessor admin() {
        return user("treasurer").roles("ADMIN");
    }

    /** Starts a donation through the form; returns the local payment page's path. */
    private String give(String amount, String email, String name, String message, boolean anonymous) throws Exception {
        return mvc.perform(post("/campaign/donate").with(csrf()).param("preset", "500").param("amount", amount).param("email", email)
                        .param("name", name).param("message", message).param("anonymous", String.valueOf(anonymous)))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("/campaign/local-pay/cs_local_*"))
                .andReturn().getResponse().getRedirectedUrl();
    }

    private String token(String email) {
        return jdbc.sql("select token from donation where email = ? order by id desc limit 1").param(email).query(String.class).single();
    }

    private long raised() {
        return jdbc.sql("select coalesce(sum(amount_satang), 0) from ledger_entry where kind in ('DONATION', 'REFUND', 'DISPUTE')").query(Long.class).single();
    }

    static String sign(String payload, long unixTime) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(LOCAL_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + unixTime + ",v1=" + HexFormat.of().formatHex(mac.doFinal((unixTime + "." + payload).getBytes(StandardCharsets.UTF_8)));
    }

    static String fixture(Map<String, Object> values) throws IOException {
        String text = new ClassPathResource("stripe/checkout.session.completed.json").getContentAsString(StandardCharsets.UTF_8);
        long now = System.currentTimeMillis() / 1000;
        for (var e : values.entrySet()) {
            text = text.replace("{{" + e.getKey() + "}}", String.valueOf(e.getValue()));
        }
        return text.replace("{{CREATED}}", String.valueOf(now)).replace("{{EXPIRES_AT}}", String.valueOf(now + 3600))
                .replace("{{CURRENCY}}", "thb");
    }

    @Test
    void theCampaignPageShowsTheGoalTheLimitsAndThatNoMoneyMovesInDevelopment() throws Exception {
        mvc.perform(get("/campaign"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("ร่วมสนับสนุนการนับคะแนน")))
                .andExpect(content().string(containsString("จากเป้าหมาย ฿12,000,000.00")))
                .andExpect(content().string(containsString("ตั้งแต่ ฿20.00 ถึง ฿100,000.00 ต่อครั้ง")))
                .andExpect(content().string(containsString("ไม่มีการโอนเงินจริง")))
                .andExpect(content().string(containsString("<progress id=\"campaign-progress\"")));
        mvc.perform(get("/campaign").param("lang", "en"))
                .andExpect(content().string(containsString("of the ฿12,000,000.00 goal")));
    }

    @Test
    void aFormWithMistakesIsShownAgainWithEachMistakeInWordsAndNothingIsStored() throws Exception {
        long before = jdbc.sql("select count(*) from donation").query(Long.class).single();

        mvc.perform(post("/campaign/donate").with(csrf()).param("amount", "5").param("email", "not-an-address").param("name", "สมชาย"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("บริจาคได้ขั้นต่ำ ฿20.00")))
                .andExpect(content().string(containsString("อีเมลไม่ถูกต้อง")))
                .andExpect(content().string(containsString("value=\"สมชาย\"")));
        mvc.perform(post("/campaign/donate").with(csrf()).param("amount", "<script>").param("email", "a@b.org").param("lang", "en"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("An amount is a number with at most two decimals")))
                .andExpect(content().string(not(containsString("value=\"<script>\""))));
        mvc.perform(post("/campaign/donate").param("amount", "500").param("email", "a@b.org")).andExpect(status().isForbidden()); // no CSRF token

        assertThat(jdbc.sql("select count(*) from donation").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void aDonationPaidOnTheLocalPageCountsShowsItsReceiptNumberAndQueuesTheReceipt() throws Exception {
        long raised = raised();
        String page = give("1,250", "pages-donor@example.org", "นิดา ใจบุญ", "ขอให้นับครบทุกหน่วย", false);
        String token = token("pages-donor@example.org");

        mvc.perform(get(page)).andExpect(status().isOk())
                .andExpect(content().string(containsString("โหมดพัฒนา — ไม่มีการโอนเงินจริง")))
                .andExpect(content().string(containsString("฿1,250.00")));
        mvc.perform(get("/campaign/thanks/" + token)).andExpect(content().string(containsString("กำลังยืนยันการชำระเงิน")))
                .andExpect(content().string(containsString("content=\"5\"")));
        mvc.perform(post(page).with(csrf()).param("outcome", "card")).andExpect(redirectedUrl("/campaign/thanks/" + token));
        // paid twice (a second click, another tab): the session is closed
        mvc.perform(post(page).with(csrf()).param("outcome", "card")).andExpect(redirectedUrl(page))
                .andExpect(flash().attribute("flashError", "local-pay.closed"));

        long id = jdbc.sql("select id from donation where token = ?").param(token).query(Long.class).single();
        mvc.perform(get("/campaign/thanks/" + token)).andExpect(status().isOk())
                .andExpect(content().string(containsString("KHN-%07d".formatted(id))))
                .andExpect(content().string(containsString("฿1,250.00")));
        assertThat(raised()).isEqualTo(raised + 125_000);
        assertThat(jdbc.sql("select count(*) from mail_outbox where dedup_key = ?").param("donation-receipt:" + id).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from ledger_entry where donation_id = ?").param(id).query(Long.class).single()).isEqualTo(1);

        // the message waits for a moderator, then shows
        mvc.perform(get("/campaign")).andExpect(content().string(not(containsString("ขอให้นับครบทุกหน่วย"))));
        mvc.perform(get("/admin/donations").with(admin())).andExpect(status().isOk()).andExpect(content().string(containsString("ขอให้นับครบทุกหน่วย")));
        mvc.perform(post("/admin/donations/" + id + "/message").param("approve", "true").with(csrf()).with(admin()))
                .andExpect(redirectedUrl("/admin/donations")).andExpect(flash().attribute("notice", "admin.donations.approved"));
        mvc.perform(get("/campaign")).andExpect(content().string(containsString("ขอให้นับครบทุกหน่วย")))
                .andExpect(content().string(containsString("นิดา ใจบุญ")));
        mvc.perform(get("/ledger")).andExpect(status().isOk()).andExpect(content().string(containsString("เงินบริจาคจาก นิดา ใจบุญ")));
    }

    @Test
    void anAnonymousDonorIsNamedNowhereInPublic() throws Exception {
        String page = give("300", "pages-anon@example.org", "ชื่อลับมาก", "สู้ ๆ", true);
        mvc.perform(post(page).with(csrf()).param("outcome", "promptpay")).andExpect(status().is3xxRedirection());
        long id = jdbc.sql("select id from donation where email = 'pages-anon@example.org'").query(Long.class).single();
        mvc.perform(post("/admin/donations/" + id + "/message").param("approve", "true").with(csrf()).with(admin()));

        mvc.perform(get("/campaign")).andExpect(content().string(containsString("สู้ ๆ"))).andExpect(content().string(not(containsString("ชื่อลับมาก"))));
        mvc.perform(get("/ledger")).andExpect(content().string(not(containsString("ชื่อลับมาก"))));
        mvc.perform(get("/ledger.csv")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", startsWith("text/csv")))
                .andExpect(content().string(not(containsString("ชื่อลับมาก"))))
                .andExpect(content().string(containsString("DONATION,anonymous donor,300.00")));
    }

    @Test
    void stripesWebhookTakesTheRawSignedBodyWithoutSignInOrCsrfAndAnswersAsStripeExpects() throws Exception {
        String page = give("700", "pages-webhook@example.org", "", "", false);
        String session = page.substring(page.lastIndexOf('/') + 1);
        long id = jdbc.sql("select id from donation where email = 'pages-webhook@example.org'").query(Long.class).single();
        String payload = fixture(Map.of("EVENT_ID", "evt_1PagesWebhook" + id, "SESSION_ID", session, "DONATION_ID", id, "AMOUNT", 70_000,
                "PAYMENT_INTENT", "pi_3Pages" + id, "PAYMENT_STATUS", "paid", "EMAIL", "pages-webhook@example.org", "TOKEN", "x"));
        long now = System.currentTimeMillis() / 1000;
        long raised = raised();

        mvc.perform(post("/api/stripe/webhook").contentType(MediaType.APPLICATION_JSON).content(payload).header("Stripe-Signature", sign(payload, now - 400)))
                .andExpect(status().isBadRequest()).andExpect(header().string("Content-Type", startsWith("application/problem+json")))
                .andExpect(jsonPath("$.detail", containsString("tolerance")));
        mvc.perform(post("/api/stripe/webhook").contentType(MediaType.APPLICATION_JSON).content(payload.replace("70000", "7000000"))
                        .header("Stripe-Signature", sign(payload, now)))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/api/stripe/webhook").contentType(MediaType.APPLICATION_JSON).content(payload)).andExpect(status().isBadRequest());
        assertThat(raised()).isEqualTo(raised);

        for (int i = 0; i < 3; i++) {
            mvc.perform(post("/api/stripe/webhook").contentType(MediaType.APPLICATION_JSON).content(payload).header("Stripe-Signature", sign(payload, now)))
                    .andExpect(status().isOk()).andExpect(jsonPath("$.outcome").value(i == 0 ? "APPLIED" : "DUPLICATE"));
        }
        assertThat(raised()).isEqualTo(raised + 70_000);
        mvc.perform(get("/campaign/thanks/" + token("pages-webhook@example.org"))).andExpect(content().string(containsString("KHN-%07d".formatted(id))));
    }

    @Test
    void anAdministratorRecordsAnExpenseWithItsReceiptAndThePublicSeesBoth() throws Exception {
        byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        mvc.perform(multipart("/admin/donations/expenses").file(new MockMultipartFile("receipt", "ค่าเช่าเซิร์ฟเวอร์.pdf", "application/pdf", pdf))
                        .param("spentOn", "2023-05-01").param("category", "SERVERS").param("amount", "2,500").param("note", "เซิร์ฟเวอร์คืนเลือกตั้ง")
                        .with(csrf()).with(admin()))
                .andExpect(redirectedUrl("/admin/donations/expenses")).andExpect(flash().attribute("notice", "admin.expenses.recorded"));
        mvc.perform(multipart("/admin/donations/expenses").file(new MockMultipartFile("receipt", "evil.pdf", "application/pdf",
                        "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8)))
                        .param("spentOn", "2023-05-01").param("category", "SERVERS").param("amount", "10").param("note", "x").with(csrf()).with(admin()))
                .andExpect(flash().attribute("flashError", "expense.receipt.type"));
        long expense = jdbc.sql("select id from expense where note = 'เซิร์ฟเวอร์คืนเลือกตั้ง'").query(Long.class).single();

        mvc.perform(get("/ledger")).andExpect(content().string(containsString("เซิร์ฟเวอร์และระบบ")))
                .andExpect(content().string(containsString("-฿2,500.00")))
                .andExpect(content().string(containsString("/ledger/expenses/" + expense + "/receipt")));
        mvc.perform(get("/ledger/expenses/" + expense + "/receipt")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andExpect(header().string("Content-Disposition", startsWith("attachment")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    @Test
    void administrationIsForAdministratorsAndPledgesAreRecordedThere() throws Exception {
        mvc.perform(get("/admin/donations")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/admin/donations/pledges").with(user("v@example.org").roles("VOLUNTEER"))).andExpect(status().isForbidden());
        mvc.perform(post("/admin/donations/pledges").with(csrf()).with(user("c@example.org").roles("ORG_COORDINATOR"))
                .param("sponsor", "x").param("description", "y").param("value", "1").param("quantity", "1")).andExpect(status().isForbidden());

        mvc.perform(post("/admin/donations/pledges").with(csrf()).with(admin()).param("sponsor", "ร้านกาแฟดี").param("description", "กาแฟเย็น")
                .param("value", "60").param("quantity", "500")).andExpect(flash().attribute("notice", "admin.pledges.recorded"));
        mvc.perform(post("/admin/donations/pledges").with(csrf()).with(admin()).param("sponsor", "ร้าน").param("description", "ของ")
                .param("value", "60").param("quantity", "lots")).andExpect(flash().attribute("flashError", "pledge.quantity.invalid"));
        mvc.perform(get("/admin/donations/pledges").with(admin())).andExpect(status().isOk())
                .andExpect(content().string(containsString("ร้านกาแฟดี"))).andExpect(content().string(containsString("฿30,000.00")));
    }

    @Test
    void anUnknownPaymentSessionOrReturnLinkIsNotFound() throws Exception {
        mvc.perform(get("/campaign/local-pay/cs_local_doesnotexist")).andExpect(status().isNotFound());
        mvc.perform(get("/campaign/local-pay/../../etc")).andExpect(status().is4xxClientError());
        mvc.perform(get("/campaign/thanks/0123456789abcdef0123456789abcdef")).andExpect(status().isNotFound());
    }
}
