package org.khanaen.web.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.khanaen.results.checks.Findings;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Findings in the reader's words: the rule as a formula with the reported numbers in it (bundle i18n/reports). */
@Component
public class FindingText {

    /** One finding as pages and the API show it; {@code numbers} are the message's arguments, for machines. */
    public record Line(String code, Findings.Finding.Severity severity, String message, List<Object> numbers) {
    }

    private final MessageSource messages;

    FindingText(MessageSource messages) {
        this.messages = messages;
    }

    /** Errors first, then warnings. */
    public List<Line> of(Findings findings, Locale locale) {
        return Stream.concat(findings.errors().stream(), findings.warnings().stream()).map(f -> of(f, locale)).toList();
    }

    public Line of(Findings.Finding finding, Locale locale) {
        return new Line(finding.code(), finding.severity(),
                messages.getMessage(finding.messageKey(), finding.arguments().toArray(), finding.messageKey(), locale), finding.arguments());
    }

    /** A refusal by message key (bundles i18n/reports, i18n/photos, i18n/report-page). */
    public String message(String key, Object[] arguments, Locale locale) {
        return messages.getMessage(key, arguments, key, locale);
    }
}
