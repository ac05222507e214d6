package org.khanaen.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/** A Thai letter puts คุณ before a name once, and never before a title the person wrote themselves. */
class PoliteNameTests {

    private static final Locale THAI = Locale.forLanguageTag("th");

    @Test
    void aThaiNameIsAddressedWithKhun() {
        assertThat(PoliteName.of("แก้ว ใจดี", THAI)).isEqualTo("คุณแก้ว ใจดี");
    }

    @Test
    void aTitleWrittenByThePersonIsKeptAndNothingIsAdded() {
        assertThat(PoliteName.of("คุณแก้ว", THAI)).isEqualTo("คุณแก้ว");
        assertThat(PoliteName.of(" นางสาวแก้ว ใจดี", THAI)).isEqualTo("นางสาวแก้ว ใจดี");
        assertThat(PoliteName.of("ดร.สมชาย", THAI)).isEqualTo("ดร.สมชาย");
        assertThat(PoliteName.of("Dr Somchai", THAI)).isEqualTo("Dr Somchai");
    }

    @Test
    void otherLanguagesTakeTheNameAsWritten() {
        assertThat(PoliteName.of("Kaew", Locale.ENGLISH)).isEqualTo("Kaew");
        assertThat(PoliteName.of(null, THAI)).isNull();
    }
}
