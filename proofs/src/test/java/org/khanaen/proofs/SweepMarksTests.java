package org.khanaen.proofs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SweepMarksTests {

    private static final Instant NIGHT = Instant.parse("2023-05-14T10:00:00Z");
    private final SweepMarks marks = new SweepMarks(Duration.ofMinutes(5), 30);

    private SweepMarks.Mark round(int minute, long reports, long decisions) {
        Instant at = NIGHT.plus(Duration.ofMinutes(minute));
        SweepMarks.Mark from = marks.start(at, false);
        marks.swept(from, new SweepMarks.Mark(at, reports, decisions));
        return from;
    }

    @Test
    void aNodesFirstRoundSweepsFromTheStart() {
        assertThat(marks.start(NIGHT, false)).isEqualTo(SweepMarks.Mark.START);
    }

    @Test
    void aRoundSweepsFromWhereTheNewestRoundAtLeastTheLookBackOldGot() {
        for (int minute = 0; minute <= 6; minute++) {
            round(minute, 1_000L * (minute + 1), 500L * (minute + 1));
        }
        // at minute 7 the newest round at least 5 minutes old is minute 2's, which got to 3,000 / 1,500
        SweepMarks.Mark from = marks.start(NIGHT.plus(Duration.ofMinutes(7)), false);
        assertThat(from.reports()).isEqualTo(3_000);
        assertThat(from.decisions()).isEqualTo(1_500);
    }

    @Test
    void withinTheFirstLookBackEveryRoundSweepsFromTheStart() {
        round(0, 1_000, 10);
        round(1, 2_000, 20);
        assertThat(marks.start(NIGHT.plus(Duration.ofMinutes(2)), false)).isEqualTo(SweepMarks.Mark.START);
    }

    @Test
    void everyThirtiethRoundAndTheCloseOfTheNightSweepFromTheStart() {
        java.util.List<Integer> fromStart = new java.util.ArrayList<>();
        for (int minute = 0; minute < 90; minute++) {
            if (round(minute, 1_000L * (minute + 1), 0) == SweepMarks.Mark.START) {
                fromStart.add(minute);
            }
        }
        // rounds 0-4 (no round 5 minutes old yet), then the 30th round after each sweep from the start
        assertThat(fromStart).containsExactly(0, 1, 2, 3, 4, 34, 64);
        assertThat(marks.start(NIGHT.plus(Duration.ofMinutes(91)), true)).isEqualTo(SweepMarks.Mark.START);
        assertThat(marks.start(NIGHT.plus(Duration.ofMinutes(91)), false)).isNotEqualTo(SweepMarks.Mark.START);
    }
}
