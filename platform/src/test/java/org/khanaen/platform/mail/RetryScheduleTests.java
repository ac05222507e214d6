package org.khanaen.platform.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryScheduleTests {

    @Test
    void theWaitStartsAtThirtySecondsAndDoublesUpToAnHour() {
        assertThat(RetrySchedule.waitAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetrySchedule.waitAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(RetrySchedule.waitAfter(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(RetrySchedule.waitAfter(7)).isEqualTo(Duration.ofMinutes(32));
        assertThat(RetrySchedule.waitAfter(8)).isEqualTo(Duration.ofHours(1));
        assertThat(RetrySchedule.waitAfter(1_000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void tenAttemptsGiveAServerAboutThreeHoursToComeBack() {
        Duration total = Duration.ZERO;
        for (int failures = 1; failures < 10; failures++) {
            total = total.plus(RetrySchedule.waitAfter(failures));
        }
        assertThat(total).isBetween(Duration.ofHours(3), Duration.ofHours(3).plusMinutes(10));
    }
}
