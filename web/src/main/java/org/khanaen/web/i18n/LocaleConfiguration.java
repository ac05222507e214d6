package org.khanaen.web.i18n;

import java.time.Duration;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.handler.MappedInterceptor;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Thai for everyone unless they choose English (?lang=en), remembered in a cookie for a year. The interceptors are
 * beans, so every handler mapping applies them (also the reports API's own, ahead of the others).
 */
@Configuration(proxyBeanMethods = false)
class LocaleConfiguration {

    static final Locale THAI = Locale.forLanguageTag("th-TH");

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("khanaen-lang");
        resolver.setDefaultLocale(THAI);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        return resolver;
    }

    @Bean
    MappedInterceptor languageChange() {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        return new MappedInterceptor(null, change);
    }

    @Bean
    MappedInterceptor languageLinks() {
        return new MappedInterceptor(null, new LanguageLinks());
    }
}
