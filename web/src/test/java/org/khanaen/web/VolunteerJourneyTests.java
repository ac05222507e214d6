package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.khanaen.platform.mail.DevMail;
import org.khanaen.platform.mail.DevMailbox;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The volunteer's journey through the real server, the way a browser makes it: sign up on a partner's
 * page, open the mail in the development inbox, verify, get approved by the coordinator, sign in.
 */
@FullStackTest
@Import(RegistryFixture.class)
class VolunteerJourneyTests {

    @LocalServerPort
    int port;
    @Autowired
    RegistryFixture fixture;
    @Autowired
    DevMailbox inbox;

    private final class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String lastPage = "";

        HttpResponse<String> get(String path) throws Exception {
            var response = http.send(HttpRequest.newBuilder(url(path)).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            lastPage = response.body();
            return response;
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            Map<String, String> fields = new LinkedHashMap<>(form);
            fields.put("_csrf", csrf());
            String body = fields.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(url(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        String csrf() {
            Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(lastPage);
            assertThat(token.find()).as("the page carries a CSRF token").isTrue();
            return token.group(1);
        }
    }

    private URI url(String path) {
        return URI.create(path.startsWith("http") ? path : "http://localhost:" + port + path);
    }

    private DevMail mailTo(String address, String subjectPart) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> inbox.messages().stream().filter(m -> m.to().contains(address) && m.subject().contains(subjectPart)).findFirst(),
                java.util.Optional::isPresent).get();
    }

    @Test
    void signUpVerifyGetApprovedAndSignIn() throws Exception {
        var org = fixture.organisation("journey-1");
        var volunteer = new Browser();

        var page = volunteer.get("/join/journey-1");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("องค์กร journey-1").contains("ฉันยินยอม");

        var invalid = volunteer.post("/join/journey-1", Map.of("fullName", "สุดา ใจงาม", "phone", "12", "email", "suda.journey@example.org",
                "districtCode", "1001", "rolePreference", "STATION", "availability", "ALL_DAY", "password", "suda secret", "consent", "true"));
        assertThat(invalid.statusCode()).isEqualTo(200);
        assertThat(invalid.body()).contains("เบอร์โทรศัพท์ไม่ถูกต้อง").contains("value=\"สุดา ใจงาม\"").doesNotContain("suda secret");

        volunteer.lastPage = invalid.body();
        var sent = volunteer.post("/join/journey-1", Map.of("fullName", "สุดา ใจงาม", "phone", "0851234567", "email", "suda.journey@example.org",
                "districtCode", "1001", "rolePreference", "STATION", "availability", "ALL_DAY", "password", "suda secret", "consent", "true"));
        assertThat(sent.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/join/journey-1/sent"));

        DevMail verification = mailTo("suda.journey@example.org", "ยืนยันอีเมล");
        String link = verification.textBody().replaceAll("(?s).*(http://\\S+/join/verify\\?token=[A-Za-z0-9_-]+).*", "$1");
        var verified = volunteer.get(link.replaceFirst("http://localhost:\\d+", ""));
        assertThat(verified.body()).contains("ยืนยันอีเมลเรียบร้อย");

        var coordinator = new Browser();
        coordinator.get("/login");
        coordinator.post("/login", Map.of("username", org.coordinator(), "password", "coordinator password 1"));
        var roster = coordinator.get("/org/journey-1/volunteers?q=" + URLEncoder.encode("สุดา", StandardCharsets.UTF_8));
        assertThat(roster.body()).contains("สุดา ใจงาม").contains("085-•••-4567");
        String id = roster.body().replaceAll("(?s).*/org/journey-1/volunteers/(\\d+)\">สุดา.*", "$1");
        coordinator.get("/org/journey-1/volunteers/" + id);
        var approved = coordinator.post("/org/journey-1/volunteers/" + id + "/decision", Map.of("decision", "APPROVE"));
        assertThat(approved.statusCode()).isEqualTo(302);
        mailTo("suda.journey@example.org", "อนุมัติ");

        volunteer.get("/login");
        var signIn = volunteer.post("/login", Map.of("username", "suda.journey@example.org", "password", "suda secret"));
        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));
        var me = volunteer.get("/me");
        assertThat(me.body()).contains("สุดา ใจงาม").contains("อนุมัติแล้ว").contains("องค์กร journey-1");
    }
}
