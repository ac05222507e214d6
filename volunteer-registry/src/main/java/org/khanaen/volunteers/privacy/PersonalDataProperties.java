package org.khanaen.volunteers.privacy;

import java.time.Duration;
import java.util.Base64;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys and periods for personal data. Keys are 32 random bytes, base64 (e.g.
 * {@code openssl rand -base64 32}); the two must differ. Production sets them from the environment
 * ({@code KHANAEN_PERSONAL_DATA_ENCRYPTION_KEY}, {@code KHANAEN_PERSONAL_DATA_BLIND_INDEX_KEY}) and
 * refuses to start without them.
 *
 * @param retention how long after its election a volunteer's personal data is kept
 */
@ConfigurationProperties("khanaen.personal-data")
public record PersonalDataProperties(String encryptionKey, String blindIndexKey, @DefaultValue("P180D") Duration retention) {

    public PersonalDataProperties {
        byte[] encryption = decode("khanaen.personal-data.encryption-key", encryptionKey);
        byte[] index = decode("khanaen.personal-data.blind-index-key", blindIndexKey);
        if (java.util.Arrays.equals(encryption, index)) {
            throw new IllegalStateException("khanaen.personal-data: the encryption key and the blind-index key must differ");
        }
    }

    byte[] encryptionKeyBytes() {
        return decode("khanaen.personal-data.encryption-key", encryptionKey);
    }

    byte[] blindIndexKeyBytes() {
        return decode("khanaen.personal-data.blind-index-key", blindIndexKey);
    }

    private static byte[] decode(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: give it 32 random bytes in base64 (openssl rand -base64 32)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not valid base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(name + " must be 32 bytes (256 bits), not " + key.length);
        }
        return key;
    }
}
