package org.khanaen.platform.mail;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Writes a mail from a template pair on the classpath: {@code templates/mail/<name>.txt} (Thymeleaf
 * TEXT mode, required) and {@code templates/mail/<name>.html} (HTML mode, optional), with the subject
 * from the message key {@code mail.<name>.subject}. Texts come from the app's message bundles in the
 * mail's locale (Thai by default, English on request), like the pages.
 * <p>
 * Its own template engine, not the web's: mail is written outside any request (in a listener, a
 * scheduled job, a module test without the web), where the web engine's request-bound features do not
 * apply, and page settings (cache, dialects) should not change mails. Templates see their variables plus
 * {@code baseUrl}, the app's address for links ({@code khanaen.mail.base-url}).
 */
public class MailComposer {

    private static final String FOLDER = "templates/mail/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final MessageSource messages;
    private final String baseUrl;

    MailComposer(MessageSource messages, MailProperties properties) {
        this.messages = messages;
        String url = properties.baseUrl().toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver(MailComposer.class.getClassLoader());
        templates.setPrefix(FOLDER);
        templates.setCharacterEncoding(StandardCharsets.UTF_8.name());
        templates.setHtmlTemplateModePatterns(Set.of("*.html"));
        templates.setTextTemplateModePatterns(Set.of("*.txt"));
        templates.setCacheable(true);
        engine.setTemplateResolver(templates);
        engine.setTemplateEngineMessageSource(messages);
    }

    /**
     * @param template         the template pair's name, e.g. {@code verification}; also the mail's category
     * @param recipient        the address it goes to
     * @param locale           the language to write it in
     * @param variables        what the templates show (escaped in HTML)
     * @param subjectArguments the subject message's arguments ({0}, {1} ...)
     */
    public MailMessage compose(String template, String recipient, Locale locale, Map<String, ?> variables, Object... subjectArguments) {
        if (!NAME.matcher(template).matches()) {
            throw new IllegalArgumentException("a template name is lowercase words joined by '-': " + template);
        }
        if (!exists(template + ".txt")) {
            throw new IllegalArgumentException("no mail template " + FOLDER + template + ".txt");
        }
        Map<String, Object> model = new HashMap<>(variables);
        model.putIfAbsent("baseUrl", baseUrl);
        // the greeting's form of the name, in the mail's language (see PoliteName)
        model.putIfAbsent("addressed", model.get("name") instanceof String name ? PoliteName.of(name, locale) : model.get("name"));
        Context context = new Context(locale, model);
        String subject = messages.getMessage("mail." + template + ".subject", subjectArguments, locale);
        String text = engine.process(template + ".txt", context);
        String html = exists(template + ".html") ? engine.process(template + ".html", context) : null;
        return new MailMessage(recipient, locale, subject.strip(), text, html, template, null);
    }

    private static boolean exists(String file) {
        return new ClassPathResource(FOLDER + file, MailComposer.class.getClassLoader()).exists();
    }
}
