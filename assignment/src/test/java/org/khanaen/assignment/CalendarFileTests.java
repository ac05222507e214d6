package org.khanaen.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The .ics file: what calendar programs need to read Thai text and times right (RFC 5545). */
class CalendarFileTests {

    private static String ics(String summary, String location) {
        return new String(CalendarFile.event("assignment-7@khanaen", 2, Instant.parse("2023-05-14T00:30:00Z"),
                Instant.parse("2023-05-14T13:00:00Z"), summary, location, "", null), StandardCharsets.UTF_8);
    }

    @Test
    void timesAreUtcAndTextIsEscaped() {
        String ics = ics("Primary; BKK_1-001, Phra Nakhon", "a\\b\nline two");
        assertThat(ics).contains("DTSTART:20230514T003000Z\r\n", "DTEND:20230514T130000Z\r\n", "SEQUENCE:2\r\n",
                "SUMMARY:Primary\\; BKK_1-001\\, Phra Nakhon\r\n", "LOCATION:a\\\\b\\nline two\r\n");
    }

    @Test
    void longThaiLinesAreFoldedAt75OctetsWithoutSplittingACharacter() {
        String thai = "หน่วยเลือกตั้งที่ ๑ · เมืองภูเก็ต จังหวัดภูเก็ต ".repeat(4);
        String ics = ics(thai, "x");
        String[] lines = ics.split("\r\n");
        assertThat(Arrays.stream(lines).mapToInt(l -> l.getBytes(StandardCharsets.UTF_8).length).max().orElse(0)).isLessThanOrEqualTo(75);
        // unfolding (drop CRLF + one space) gives the text back whole
        assertThat(ics.replace("\r\n ", "")).contains("SUMMARY:" + thai.replace(",", "\\,") + "\r\n");
    }
}
