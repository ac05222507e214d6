package org.khanaen.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Every text exists in Thai and in English, in every bundle: messages and i18n/* (any module's). */
class MessagesTests {

    @Test
    void thaiAndEnglishHaveTheSameKeysInEveryBundle() throws IOException {
        List<String> bundles = bundles();
        assertThat(bundles).contains("messages", "i18n/dev");

        for (String bundle : bundles) {
            Properties thai = load(bundle + ".properties");
            Properties english = load(bundle + "_en.properties");

            assertThat(english.keySet()).as("English keys of " + bundle).containsExactlyInAnyOrderElementsOf(thai.keySet());
            assertThat(thai.values()).as("Thai texts of " + bundle).allSatisfy(text -> assertThat(text.toString()).isNotBlank());
            assertThat(english.values()).as("English texts of " + bundle).allSatisfy(text -> assertThat(text.toString()).isNotBlank());
        }
    }

    @Test
    void everyBundleIsListedInTheAppsMessageSource() throws IOException {
        List<String> configured = List.of(configuredBasenames());

        assertThat(configured).containsAll(bundles());
    }

    @Test
    void aListedBundleThatIsNotWrittenYetDoesNotHideTheOthers() {
        var messages = new ResourceBundleMessageSource();
        messages.setBasenames(configuredBasenames());
        messages.addBasenames("i18n/not-written-yet");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);

        assertThat(messages.getMessage("nav.signin", null, Locale.forLanguageTag("th-TH"))).isEqualTo("เข้าสู่ระบบ");
        assertThat(messages.getMessage("dev.inbox.title", null, Locale.ENGLISH)).isEqualTo("Development inbox");
        assertThat(messages.getMessage("no.such.key", null, "fallback", Locale.ENGLISH)).isEqualTo("fallback");
    }

    /** Thai bundles (no language suffix) at the root ({@code messages}) and under i18n/, from every jar. */
    private static List<String> bundles() throws IOException {
        List<String> bundles = new ArrayList<>(List.of("messages"));
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:i18n/*.properties")) {
            String name = resource.getFilename().replace(".properties", "");
            if (!name.matches(".*_[a-z]{2}(_[A-Z]{2})?")) {
                bundles.add("i18n/" + name);
            }
        }
        return bundles.stream().distinct().toList();
    }

    private static String[] configuredBasenames() {
        var yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        return yaml.getObject().getProperty("spring.messages.basename").split("\\s*,\\s*");
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (var reader = new InputStreamReader(new ClassPathResource(name).getInputStream(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
