package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.khanaen.volunteers.OrganisationDraft;
import org.khanaen.volunteers.PartnerOrganisations;
import org.khanaen.volunteers.SignUps;
import org.khanaen.volunteers.VolunteerInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

@FullStackTest
@Import(RegistryFixture.class)
class RegistryPagesTests {

    @Autowired
    MockMvc mvc;
    @Autowired
    RegistryFixture fixture;
    @Autowired
    PartnerOrganisations organisations;
    @Autowired
    SignUps signUps;
    @Autowired
    JdbcClient jdbc;

    private String linkInMailTo(String address, String path) {
        String body = jdbc.sql("select text_body from mail_outbox where recipient = ? order by id desc limit 1").param(address)
                .query(String.class).single();
        return body.replaceAll("(?s).*http://[^/\\s]+(" + java.util.regex.Pattern.quote(path) + "[A-Za-z0-9_?=-]+).*", "$1");
    }

    @Test
    void anAdministratorCreatesAnOrganisationAndItsInvitedCoordinatorSetsAPasswordAndSeesTheRoster() throws Exception {
        mvc.perform(post("/admin/organisations").with(csrf()).with(user("boss").roles("ADMIN"))
                        .param("slug", "pages-ngo").param("nameTh", "มูลนิธิทดสอบ").param("nameEn", "Test Foundation")
                        .param("contactName", "").param("contactEmail", "").param("contactPhone", ""))
                .andExpect(redirectedUrl("/admin/organisations/pages-ngo"));
        mvc.perform(post("/admin/organisations/pages-ngo/invitations").with(csrf()).with(user("boss").roles("ADMIN"))
                        .param("email", "New.Coordinator@Example.org").param("language", "th"))
                .andExpect(redirectedUrl("/admin/organisations/pages-ngo"));

        String invitation = linkInMailTo("new.coordinator@example.org", "/invitation/");
        // the mail's HTML part (the invitations' shared part): the organisation, the link as a button, how long it holds
        String html = jdbc.sql("select html_body from mail_outbox where recipient = ? and category = 'coordinator-invitation'")
                .param("new.coordinator@example.org").query(String.class).single();
        assertThat(html).contains("<html lang=\"th\"", "มูลนิธิทดสอบ", invitation + "\"", ">รับคำเชิญ</a>", "ภายใน 7 วัน", "ผลการนับคะแนนอย่างไม่เป็นทางการ");
        mvc.perform(get(invitation)).andExpect(status().isOk()).andExpect(content().string(containsString("มูลนิธิทดสอบ")))
                .andExpect(content().string(containsString("minlength=\"12\""))).andExpect(content().string(containsString("อย่างน้อย 12 ตัวอักษร")))
                .andExpect(content().string(containsString("action=\"" + invitation + "\"")));
        mvc.perform(post(invitation).with(csrf()).param("displayName", "ผู้ประสานงาน ใหม่")
                        .param("password", "a coordinator passphrase").param("confirmPassword", "a coordinator passphrase"))
                .andExpect(redirectedUrl("/login"));
        mvc.perform(post(invitation).with(csrf()).param("displayName", "x").param("password", "another passphrase!")
                        .param("confirmPassword", "another passphrase!"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("คำเชิญนี้ใช้ไม่ได้")));

        mvc.perform(formLogin("/login").user("new.coordinator@example.org").password("a coordinator passphrase"))
                .andExpect(authenticated().withRoles("ORG_COORDINATOR"));
        mvc.perform(get("/org/pages-ngo/volunteers").with(user("new.coordinator@example.org").roles("ORG_COORDINATOR")))
                .andExpect(status().isOk()).andExpect(content().string(containsString("อาสาสมัครของ มูลนิธิทดสอบ")));

        // the first API token is issued at once; replacing it (partner apps lose the old one) asks first
        mvc.perform(get("/admin/organisations/pages-ngo").with(user("boss").roles("ADMIN")))
                .andExpect(content().string(not(containsString("data-confirm"))));
        mvc.perform(post("/admin/organisations/pages-ngo/api-token").with(csrf()).with(user("boss").roles("ADMIN")))
                .andExpect(redirectedUrl("/admin/organisations/pages-ngo"));
        mvc.perform(get("/admin/organisations/pages-ngo").with(user("boss").roles("ADMIN")))
                .andExpect(content().string(containsString("data-confirm=\"ออกโทเคนใหม่ใช่ไหม")));
    }

    @Test
    void aCoordinatorUploadsACsvSeesTheProblemsAndImportsTheValidRows() throws Exception {
        var org = fixture.organisation("pages-import");
        String csv = "\uFEFFfull_name,phone,email,district_code,role_preference,availability\n"
                + "ดี ครบถ้วน,0871230001,good.pages@example.org,1001,station,all_day\n"
                + "ไม่ดี,0871230002,bad.pages@example.org,9999,station,all_day\n";
        var coordinator = user(org.coordinator()).roles("ORG_COORDINATOR");

        String job = mvc.perform(multipart("/org/pages-import/import").file(new MockMultipartFile("file", "roster.csv", "text/csv",
                        csv.getBytes(StandardCharsets.UTF_8))).with(csrf()).with(coordinator))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        await().atMost(Duration.ofSeconds(10)).until(() -> mvc.perform(get(job + "/status").with(coordinator))
                .andReturn().getResponse().getContentAsString().contains("CHECKED"));

        mvc.perform(get(job).with(coordinator)).andExpect(status().isOk())
                .andExpect(content().string(containsString("ไม่พบอำเภอ/เขตนี้")))
                .andExpect(content().string(containsString("นำเข้าเฉพาะ 1 แถวที่ถูกต้อง")));
        mvc.perform(post(job + "/import").with(csrf()).with(coordinator)).andExpect(status().is3xxRedirection());
        assertThat(jdbc.sql("select count(*) from volunteer where full_name = 'ดี ครบถ้วน'").query(Long.class).single())
                .as("not without the consent confirmation").isZero();

        mvc.perform(post(job + "/import").param("consent", "true").with(csrf()).with(coordinator)).andExpect(status().is3xxRedirection());
        await().atMost(Duration.ofSeconds(10)).until(() -> mvc.perform(get(job + "/status").with(coordinator))
                .andReturn().getResponse().getContentAsString().contains("IMPORTED"));
        mvc.perform(get("/org/pages-import/volunteers").with(coordinator))
                .andExpect(content().string(containsString("ดี ครบถ้วน")));
        mvc.perform(get("/org/pages-import/volunteers.csv").with(coordinator))
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(content().string(containsString("ดี ครบถ้วน")));
    }

    @Test
    void aVolunteerDownloadsTheirDataStepsBackAndErasesTheirAccount() throws Exception {
        organisations.create(new OrganisationDraft("pages-me", "องค์กรของฉัน", "My org", null, null, null));
        signUps.signUp("pages-me", new SignUps.Form(new VolunteerInput("นภา ดาวเด่น", "0871239999", "napa.pages@example.org", "napa",
                "1001", "STATION", "ALL_DAY"), "napa secret", true, Locale.forLanguageTag("th-TH")));
        mvc.perform(get(linkInMailTo("napa.pages@example.org", "/join/verify?token="))).andExpect(status().isOk());
        var napa = user("napa.pages@example.org").roles("VOLUNTEER");

        mvc.perform(get("/me").with(napa)).andExpect(status().isOk()).andExpect(content().string(containsString("นภา ดาวเด่น")))
                .andExpect(content().string(containsString("รอพิจารณา")));
        mvc.perform(get("/me/data.json").with(napa)).andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("attachment")))
                .andExpect(jsonPath("$.email").value("napa.pages@example.org"))
                .andExpect(jsonPath("$.lineId").value("napa"))
                .andExpect(jsonPath("$.consents[0].version").exists())
                .andExpect(jsonPath("$.organisations[0].organisationSlug").value("pages-me"));

        mvc.perform(post("/me/withdraw").param("sure", "true").with(csrf()).with(napa)).andExpect(redirectedUrl("/me"));
        mvc.perform(get("/me").with(napa)).andExpect(content().string(containsString("ถอนตัว")));

        mvc.perform(post("/me/erase").param("confirmation", "ไม่").with(csrf()).with(napa)).andExpect(status().isOk())
                .andExpect(content().string(containsString("กรุณาพิมพ์คำว่า ลบ")));
        mvc.perform(post("/me/erase").param("confirmation", "ลบ").with(csrf()).with(napa)).andExpect(redirectedUrl("/?erased"));
        assertThat(jdbc.sql("select count(*) from volunteer where full_name = 'นภา ดาวเด่น'").query(Long.class).single()).isZero();
    }

    @Test
    void aJoinPageOfAnUnknownOrganisationIsNotFoundAndBadInputIsExplainedInEnglishToo() throws Exception {
        mvc.perform(get("/join/no-such-organisation")).andExpect(status().isNotFound());
        fixture.organisation("pages-en");
        mvc.perform(post("/join/pages-en").param("lang", "en").with(csrf()).param("fullName", "").param("phone", "x").param("email", "y")
                        .param("districtCode", "").param("rolePreference", "STATION").param("availability", "ALL_DAY").param("password", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Please enter your full name.")))
                .andExpect(content().string(containsString("This is not a valid phone number")))
                .andExpect(content().string(containsString("Please agree to the use of your personal data")));
    }

    @Test
    void badOrganisationInputIsRefusedWithAMessageAndStoresNothing() throws Exception {
        var admin = user("boss").roles("ADMIN");
        mvc.perform(post("/admin/organisations").with(csrf()).with(admin).param("slug", "Bad Slug!").param("nameTh", "ชื่อ")
                        .param("nameEn", "").param("contactName", "").param("contactEmail", "").param("contactPhone", ""))
                .andExpect(redirectedUrl("/admin/organisations"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("error", "organisation.slug.invalid"));
        mvc.perform(post("/admin/organisations").with(csrf()).with(admin).param("slug", "pages-logo").param("nameTh", "โลโก้")
                .param("nameEn", "").param("contactName", "").param("contactEmail", "").param("contactPhone", ""));
        mvc.perform(post("/admin/organisations").with(csrf()).with(admin).param("slug", "pages-logo").param("nameTh", "ซ้ำ")
                        .param("nameEn", "").param("contactName", "").param("contactEmail", "").param("contactPhone", ""))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("error", "organisation.slug.taken"));
        assertThat(jdbc.sql("select count(*) from organisation where slug in ('pages-logo', 'Bad Slug!')").query(Long.class).single()).isEqualTo(1);

        byte[] script = "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8);
        mvc.perform(multipart("/admin/organisations/pages-logo/logo").file(new MockMultipartFile("logo", "logo.png", "image/png", script))
                        .with(csrf()).with(admin))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("error", "organisation.logo.type"));
        mvc.perform(multipart("/admin/organisations/pages-logo/logo").file(new MockMultipartFile("logo", "big.png", "image/png", new byte[600_000]))
                        .with(csrf()).with(admin))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("error", "organisation.logo.size"));
        mvc.perform(get("/organisations/pages-logo/logo")).andExpect(status().isNotFound());

        byte[] png = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 };
        mvc.perform(multipart("/admin/organisations/pages-logo/logo").file(new MockMultipartFile("logo", "logo.bin", "application/octet-stream", png))
                .with(csrf()).with(admin));
        mvc.perform(get("/organisations/pages-logo/logo")).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "image/png"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }
}
