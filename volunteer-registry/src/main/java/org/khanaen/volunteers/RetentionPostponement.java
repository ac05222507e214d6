package org.khanaen.volunteers;

import java.time.Instant;
import java.time.LocalDate;

/** An administrator keeps an election's volunteers past the retention period, through {@code until}, for a reason. */
public record RetentionPostponement(String electionId, LocalDate until, String reason, String by, Instant at) {
}
