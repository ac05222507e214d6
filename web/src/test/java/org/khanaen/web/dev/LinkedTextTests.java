package org.khanaen.web.dev;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkedTextTests {

    @Test
    void aWebAddressInTheTextBecomesALinkAndTheFullStopAfterItDoesNot() {
        assertThat(LinkedText.of("คลิก https://khanaen.example/verify?token=a1. ขอบคุณ")).containsExactly(
                new LinkedText("คลิก ", false),
                new LinkedText("https://khanaen.example/verify?token=a1", true),
                new LinkedText(". ขอบคุณ", false));
    }

    @Test
    void onlyHttpAndHttpsAddressesBecomeLinks() {
        assertThat(LinkedText.of("javascript:alert(1) mailto:x@example.org ftp://example.org"))
                .containsExactly(new LinkedText("javascript:alert(1) mailto:x@example.org ftp://example.org", false));
    }

    @Test
    void textWithoutAddressesStaysOnePiece() {
        assertThat(LinkedText.of("สวัสดี\nครับ")).containsExactly(new LinkedText("สวัสดี\nครับ", false));
        assertThat(LinkedText.of("")).isEmpty();
    }
}
