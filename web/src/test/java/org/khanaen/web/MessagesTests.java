package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

/** Every text exists in Thai and in English. */
class MessagesTests {

    @Test
    void thaiAndEnglishHaveTheSameKeys() throws IOException {
        Properties thai = load("messages.properties");
        Properties english = load("messages_en.properties");

        assertThat(english.keySet()).as("English keys").containsExactlyInAnyOrderElementsOf(thai.keySet());
        assertThat(thai.values()).allSatisfy(text -> assertThat(text.toString()).isNotBlank());
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (var reader = new InputStreamReader(new ClassPathResource(name).getInputStream(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
