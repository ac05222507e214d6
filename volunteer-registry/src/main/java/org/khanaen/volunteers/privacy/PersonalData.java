package org.khanaen.volunteers.privacy;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/** The registry's one door to encryption and blind indexes, configured from {@link PersonalDataProperties}. */
@Component
@EnableConfigurationProperties(PersonalDataProperties.class)
public class PersonalData {

    private final PersonalDataCipher cipher;
    private final BlindIndex index;
    private final PersonalDataProperties properties;

    PersonalData(PersonalDataProperties properties) {
        this.properties = properties;
        this.cipher = new PersonalDataCipher(properties.encryptionKeyBytes());
        this.index = new BlindIndex(properties.blindIndexKeyBytes());
    }

    public byte[] encrypt(String value) {
        return cipher.encrypt(value);
    }

    public String decrypt(byte[] value) {
        return cipher.decrypt(value);
    }

    /** The blind index of an already normalised phone (E.164) or email. */
    public byte[] index(String normalised) {
        return index.of(normalised);
    }

    public java.time.Duration retention() {
        return properties.retention();
    }
}
