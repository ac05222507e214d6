package org.khanaen.volunteers.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class PersonalDataTests {

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    @Test
    void encryptedValuesReadBackButShowNothingAndNeverRepeat() {
        var cipher = new PersonalDataCipher(key());

        byte[] once = cipher.encrypt("+66812345678");
        byte[] twice = cipher.encrypt("+66812345678");

        assertThat(cipher.decrypt(once)).isEqualTo("+66812345678");
        assertThat(once).isNotEqualTo(twice);
        assertThat(new String(once, StandardCharsets.ISO_8859_1)).doesNotContain("812345678");
    }

    @Test
    void anAlteredValueIsDetected() {
        var cipher = new PersonalDataCipher(key());
        byte[] stored = cipher.encrypt("somchai@example.org");
        stored[stored.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt(stored)).hasMessageContaining("altered");
    }

    @Test
    void anotherKeyCannotRead() {
        byte[] stored = new PersonalDataCipher(key()).encrypt("secret");
        assertThatThrownBy(() -> new PersonalDataCipher(key()).decrypt(stored)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theBlindIndexIsStableForTheSameValueAndDependsOnTheKey() {
        byte[] k = key();
        assertThat(new BlindIndex(k).of("+66812345678")).isEqualTo(new BlindIndex(k).of("+66812345678")).hasSize(16);
        assertThat(new BlindIndex(k).of("+66812345678")).isNotEqualTo(new BlindIndex(k).of("+66812345679"));
        assertThat(new BlindIndex(key()).of("+66812345678")).isNotEqualTo(new BlindIndex(k).of("+66812345678"));
    }

    @Test
    void contactsAreMaskedForLists() {
        assertThat(Contacts.maskPhone("+66812345678")).isEqualTo("081-•••-5678");
        assertThat(Contacts.maskEmail("somchai@example.org")).isEqualTo("so•••@example.org");
    }

    @Test
    void keysMustBeGivenLongEnoughAndDifferent() {
        String a = java.util.Base64.getEncoder().encodeToString(key());
        assertThatThrownBy(() -> new PersonalDataProperties(null, a, null)).hasMessageContaining("encryption-key is not set");
        assertThatThrownBy(() -> new PersonalDataProperties("c2hvcnQ=", a, null)).hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> new PersonalDataProperties(a, a, null)).hasMessageContaining("must differ");
    }
}
