package org.khanaen.web.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

/** Thai readers count years in the Buddhist era (2023 is 2566) and read clock times in Bangkok time. */
class DatesTests {

    private final Dates dates = new Dates();
    private final Instant pollsClosed = Instant.parse("2023-05-14T10:00:00Z");

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void thaiDatesAreInTheBuddhistEraAndTimesInBangkok() {
        LocaleContextHolder.setLocale(LocaleConfiguration.THAI);
        assertThat(dates.longDate(LocalDate.of(2023, 5, 14))).isEqualTo("14 พฤษภาคม พ.ศ. 2566");
        assertThat(dates.moment(pollsClosed)).isEqualTo("14 พ.ค. พ.ศ. 2566 17:00:00");
        assertThat(dates.dateTime(pollsClosed)).isEqualTo("14 พ.ค. พ.ศ. 2566 17:00");
    }

    @Test
    void aPeriodEnteredAsFirstAndLastDayReadsAsItWasEntered() {
        // valid 1 to 31 March 2027, stored as 1 March 00:00 up to (not including) 1 April 00:00, Bangkok time
        Instant from = Instant.parse("2027-02-28T17:00:00Z");
        Instant toExclusive = Instant.parse("2027-03-31T17:00:00Z");
        LocaleContextHolder.setLocale(LocaleConfiguration.THAI);
        assertThat(dates.firstDay(from)).isEqualTo("1 มี.ค. พ.ศ. 2570");
        assertThat(dates.lastDay(toExclusive)).isEqualTo("31 มี.ค. พ.ศ. 2570");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(dates.lastDay(toExclusive)).isEqualTo("31 Mar 2027");
        assertThat(dates.lastDay(null)).isEmpty();
    }

    @Test
    void englishDatesAreInTheCommonEra() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(dates.longDate(LocalDate.of(2023, 5, 14))).isEqualTo("14 May 2023");
        assertThat(dates.moment(pollsClosed)).isEqualTo("14 May 2023 17:00:00");
        assertThat(dates.moment(null)).isEmpty();
        assertThat(dates.dateTime(pollsClosed)).isEqualTo("14 May 2023 17:00");
        assertThat(dates.dateTime(null)).isEmpty();
    }
}
