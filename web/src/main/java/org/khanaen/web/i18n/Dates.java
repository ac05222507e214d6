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

    /** Election night happens in Thailand: clock times in Bangkok time, whatever the server's zone. */
    private static final java.time.ZoneId BANGKOK = java.time.ZoneId.of("Asia/Bangkok");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(BANGKOK);
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("HH:mm").withZone(BANGKOK);

    /** 20:15:07, Bangkok time. */
    public String time(java.time.Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** 20:15, Bangkok time. */
    public String shortTime(java.time.Instant instant) {
        return instant == null ? "" : SHORT.format(instant);
    }

    private static final DateTimeFormatter THAI_MOMENT = DateTimeFormatter.ofPattern("d MMM G yyyy HH:mm:ss", LocaleConfiguration.THAI)
            .withChronology(ThaiBuddhistChronology.INSTANCE).withZone(BANGKOK);
    private static final DateTimeFormatter ENGLISH_MOMENT = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss", Locale.ENGLISH).withZone(BANGKOK);

    /** 14 พ.ค. พ.ศ. 2566 20:15:07 in Thai, 14 May 2023 20:15:07 in English, Bangkok time: for logs that span days. */
    public String moment(java.time.Instant instant) {
        return inReadersLanguage(instant, THAI_MOMENT, ENGLISH_MOMENT);
    }

    private static final DateTimeFormatter THAI_DATE_TIME = DateTimeFormatter.ofPattern("d MMM G yyyy HH:mm", LocaleConfiguration.THAI)
            .withChronology(ThaiBuddhistChronology.INSTANCE).withZone(BANGKOK);
    private static final DateTimeFormatter ENGLISH_DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH).withZone(BANGKOK);

    /** 14 พ.ค. พ.ศ. 2566 20:15 in Thai, 14 May 2023 20:15 in English, Bangkok time: for what people plan by (a coupon's days). */
    public String dateTime(java.time.Instant instant) {
        return inReadersLanguage(instant, THAI_DATE_TIME, ENGLISH_DATE_TIME);
    }

    private static final DateTimeFormatter THAI_DAY = DateTimeFormatter.ofPattern("d MMM G yyyy", LocaleConfiguration.THAI)
            .withChronology(ThaiBuddhistChronology.INSTANCE).withZone(BANGKOK);
    private static final DateTimeFormatter ENGLISH_DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(BANGKOK);

    /** The first day a period starting at this instant covers, Bangkok time: 1 มี.ค. พ.ศ. 2570. */
    public String firstDay(java.time.Instant start) {
        return inReadersLanguage(start, THAI_DAY, ENGLISH_DAY);
    }

    /**
     * The last day a period ending at this instant (exclusive) covers, as it was entered: an offer valid to 31 March
     * ends at 1 April 00:00 Bangkok time, and is read "to 31 มี.ค.", not "to 1 เม.ย. 00:00".
     */
    public String lastDay(java.time.Instant endExclusive) {
        return inReadersLanguage(endExclusive == null ? null : endExclusive.minusNanos(1), THAI_DAY, ENGLISH_DAY);
    }

    private static String inReadersLanguage(java.time.Instant instant, DateTimeFormatter thai, DateTimeFormatter english) {
        if (instant == null) {
            return "";
        }
        return ("en".equals(LocaleContextHolder.getLocale().getLanguage()) ? english : thai).format(instant);
    }

    public String longDate(LocalDate date) {
        if (date == null) {
            return "";
        }
        Locale locale = LocaleContextHolder.getLocale();
        return "en".equals(locale.getLanguage()) ? ENGLISH.format(date) : THAI.format(ThaiBuddhistDate.from(date));
    }
}
