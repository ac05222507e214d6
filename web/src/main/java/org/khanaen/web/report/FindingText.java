package org.khanaen.web.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    /** The findings whose first number is a ballot number: said with whom it stands for. */
    private static final Set<String> BY_BALLOT_NUMBER = Set.of("major-party-zero", "negative-votes");

    /** Errors first, then warnings. */
    public List<Line> of(Findings findings, Locale locale) {
        return of(findings, locale, Map.of());
    }

    /**
     * The same, a ballot number said with its party's or candidate's name ("number 3 ... Party" rather than a bare
     * number the volunteer has to look up); {@link Line#numbers()} stays the bare numbers, for machines.
     *
     * @param names by ballot number
     */
    public List<Line> of(Findings findings, Locale locale, Map<Integer, String> names) {
        return Stream.concat(findings.errors().stream(), findings.warnings().stream()).map(f -> of(f, locale, names)).toList();
    }

    public Line of(Findings.Finding finding, Locale locale) {
        return of(finding, locale, Map.of());
    }

    private Line of(Findings.Finding finding, Locale locale, Map<Integer, String> names) {
        Object[] arguments = finding.arguments().toArray();
        if (BY_BALLOT_NUMBER.contains(finding.code()) && arguments.length > 0 && arguments[0] instanceof Integer number
                && names.get(number) != null) {
            arguments[0] = messages.getMessage("report-page.number-named", new Object[] { String.valueOf(number), names.get(number) },
                    number + " " + names.get(number), locale);
        }
        return new Line(finding.code(), finding.severity(),
                messages.getMessage(finding.messageKey(), arguments, finding.messageKey(), locale), finding.arguments());
    }

    /** A refusal by message key (bundles i18n/reports, i18n/photos, i18n/report-page). */
    public String message(String key, Object[] arguments, Locale locale) {
        return messages.getMessage(key, arguments, key, locale);
    }
}
