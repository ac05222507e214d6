package org.khanaen.elections.ect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The commission writes its numeric ids as JSON numbers, any other code as text. */
class EctJsonTests {

    @Test
    void aCodeOfOneToEighteenDigitsIsANumberAnyOtherStaysText() {
        assertThat(EctJson.id("10")).isEqualTo(10L);
        assertThat(EctJson.id("007")).isEqualTo(7L);
        assertThat(EctJson.id("123456789012345678")).isEqualTo(123456789012345678L);
        assertThat(EctJson.id("1234567890123456789")).isEqualTo("1234567890123456789"); // past a long's safe digits
        assertThat(EctJson.id("BKK")).isEqualTo("BKK");
        assertThat(EctJson.id("10a")).isEqualTo("10a");
        assertThat(EctJson.id("-1")).isEqualTo("-1");
        assertThat(EctJson.id("๑๐")).isEqualTo("๑๐"); // Thai digits are not the file's numbers
        assertThat(EctJson.id("")).isEqualTo("");
        assertThat(EctJson.id(null)).isNull();
    }
}
