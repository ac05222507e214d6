package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.khanaen.accounts.AccountDirectory;
import org.khanaen.accounts.NewAccount;
import org.khanaen.accounts.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Through the real server (Tomcat forwards errors to /error; MockMvc does not). */
@FullStackTest
class ErrorPagesTests {

    @LocalServerPort
    int port;
    @Autowired
    AccountDirectory accounts;

    private final HttpClient http = HttpClient.newHttpClient();

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aMissingPageIsAFriendlyThaiPage() throws Exception {
        var response = get("/css/no-such-file.css", "Accept", "text/html");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).contains("lang=\"th\"").contains("ไม่พบหน้านี้").contains("กลับหน้าแรก")
                .doesNotContain("Whitelabel").doesNotContain("Exception");
    }

    @Test
    void theSamePageInEnglishForThoseWhoChoseIt() throws Exception {
        var response = get("/css/no-such-file.css", "Accept", "text/html", "Cookie", "khanaen-lang=en");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("lang=\"en\"").contains("Page not found");
    }

    @Test
    void aStrangerIsSentToSignInRatherThanToldNo() throws Exception {
        var response = get("/admin/elections", "Accept", "text/html");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    @Test
    void aSignedInVolunteerIsToldInPlainWordsThatAdministrationIsNotForThem() throws Exception {
        accounts.create(new NewAccount("volunteer.403@example.org", "Volunteer", "a volunteer password", Set.of(Role.VOLUNTEER), false));
        var browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String loginPage = browser.send(HttpRequest.newBuilder(url("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
        assertThat(token.find()).as("the sign-in form carries a CSRF token").isTrue();
        String form = "username=volunteer.403%40example.org&password=a+volunteer+password&_csrf=" + token.group(1);
        var signIn = browser.send(HttpRequest.newBuilder(url("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).doesNotContain("error"));

        var response = browser.send(HttpRequest.newBuilder(url("/admin/elections")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("ไม่มีสิทธิ์เข้าถึง").contains("ออกจากระบบ");
    }

    @Test
    void anUnknownApiPathIsAProblemDetail() throws Exception {
        var response = get("/api/v1/elections/th-2566/nothing-here/at-all", "Accept", "application/json");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":404").contains("\"instance\":\"/api/v1/elections/th-2566/nothing-here/at-all\"");
    }

    @Test
    void anOversizedUploadIsRefusedWithAFriendlyPage() throws Exception {
        byte[] tooBig = new byte[56 * 1024 * 1024];
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/admin/elections/import/file"))
                .header("Content-Type", "multipart/form-data; boundary=x")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(tooBig)).build();

        var response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("refused before it is read, signed in or not").isEqualTo(413);
        assertThat(response.body()).contains("ไฟล์ใหญ่เกินไป").contains("File too large");
    }
}
