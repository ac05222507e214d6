package org.khanaen.web.i18n;

import java.time.LocalDate;
import java.time.chrono.ThaiBuddhistChronology;
import java.time.chrono.ThaiBuddhistDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Dates as people read them: Thai in the Buddhist era (14 พฤษภาคม 2566), English in the common era. Templates: {@code @dates}. */
@Component("dates")
public class Dates {

    private static final DateTimeFormatter THAI = DateTimeFormatter.ofPattern("d MMMM G yyyy", LocaleConfiguration.THAI)
            .withChronology(ThaiBuddhistChronology.INSTANCE);
    private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    public String longDate(LocalDate date) {
        if (date == null) {
            return "";
        }
        Locale locale = LocaleContextHolder.getLocale();
        return "en".equals(locale.getLanguage()) ? ENGLISH.format(date) : THAI.format(ThaiBuddhistDate.from(date));
    }
}
