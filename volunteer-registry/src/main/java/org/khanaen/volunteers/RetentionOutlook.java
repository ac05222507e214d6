package org.khanaen.volunteers;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import org.khanaen.elections.ElectionSummary;

/**
 * What the nightly purge will erase and when, announced to administrators ahead.
 *
 * @param enabled   whether the runs erase at all (off: the development default, announce only)
 * @param nextRun   the next run, Bangkok time
 * @param elections every election that still has volunteers' personal data, soonest erasure first
 */
public record RetentionOutlook(boolean enabled, Duration retention, ZonedDateTime nextRun, List<Due> elections) {

    /**
     * @param volunteers   how many of its volunteers still have personal data
     * @param keptUntil    the last day of the retention period (election day + retention)
     * @param erasedFrom   the run that erases them, Bangkok time (after the retention period and any postponement)
     * @param postponement the administrator's postponement, or null
     */
    public record Due(ElectionSummary election, long volunteers, LocalDate keptUntil, ZonedDateTime erasedFrom,
            RetentionPostponement postponement) {

        public boolean atNextRun(RetentionOutlook outlook) {
            return !erasedFrom.isAfter(outlook.nextRun());
        }
    }
}
