package org.khanaen.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The example template pair of the tests, test-hello.txt/.html, and its texts in i18n/mail-test*.properties. */
@SpringBootTest
class MailComposerTests {

    @Autowired
    MailComposer composer;

    @Test
    void aMailIsThaiByDefaultAndEnglishOnRequest() {
        var thai = composer.compose("test-hello", "lek@example.org", Locale.forLanguageTag("th-TH"), Map.of("name", "เล็ก", "token", "t1"), "เล็ก");
        var english = composer.compose("test-hello", "lek@example.org", Locale.ENGLISH, Map.of("name", "Lek", "token", "t1"), "Lek");

        assertThat(thai.subject()).isEqualTo("ยินดีต้อนรับ เล็ก");
        assertThat(thai.textBody()).startsWith("สวัสดีคุณ เล็ก");
        assertThat(thai.htmlBody()).contains("lang=\"th\"").contains("ยืนยันอีเมลของคุณ");
        assertThat(english.subject()).isEqualTo("Welcome, Lek");
        assertThat(english.textBody()).startsWith("Hello Lek");
        assertThat(english.htmlBody()).contains("lang=\"en\"").contains("Confirm your e-mail address");
        assertThat(thai.category()).isEqualTo("test-hello");
        assertThat(thai.dedupKey()).isNull();
    }

    @Test
    void whatPeopleTypedIsEscapedInTheHtmlAndLeftAsItIsInTheText() {
        var mail = composer.compose("test-hello", "lek@example.org", Locale.ENGLISH,
                Map.of("name", "<b>Lek & Noi</b>", "token", "a&b"), "Lek");

        assertThat(mail.htmlBody()).contains("Hello &lt;b&gt;Lek &amp; Noi&lt;/b&gt;").doesNotContain("<b>");
        assertThat(mail.htmlBody()).as("a link parameter is URL-encoded").contains("href=\"https://khanaen.example/verify?token=a%26b\"");
        assertThat(mail.textBody()).contains("Hello <b>Lek & Noi</b>").contains("https://khanaen.example/verify?token=a&b");
    }

    @Test
    void linksStartFromTheConfiguredAddressOfTheApp() {
        var mail = composer.compose("test-hello", "lek@example.org", Locale.ENGLISH, Map.of("name", "Lek", "token", "t1"), "Lek");

        assertThat(mail.textBody()).contains("https://khanaen.example/verify?token=t1").doesNotContain("example//verify");
    }

    @Test
    void aTemplateThatDoesNotExistIsRefusedAtOnce() {
        assertThatThrownBy(() -> composer.compose("no-such-mail", "lek@example.org", Locale.ENGLISH, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("templates/mail/no-such-mail.txt");
        assertThatThrownBy(() -> composer.compose("../secrets", "lek@example.org", Locale.ENGLISH, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
