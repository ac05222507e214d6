package org.khanaen.results;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code khanaen.results.live}: how each application node learns of the station contests other nodes decided (see
 * {@link ContestChangeFeed}).
 *
 * @param poll           how often the table is asked for rows written lately (a change shows on every node within about this)
 * @param lookback       how far back each look reaches: longer than any transaction takes from stamping a row to its commit,
 *                       plus the nodes' clock difference
 * @param sweep          how often a wider look is taken, a safety net for a commit later still
 * @param sweepLookback  how far back that wider look reaches
 * @param projectionFrom the percentage of stations counted (party-list contest) from which party-list seats are projected
 *                       from the count, marked as a projection; below it no seats are given (counts do not arrive at
 *                       random: small, urban stations first). The quick count speaks before that (docs/quick-count.md)
 */
@ConfigurationProperties("khanaen.results.live")
record LiveFeedProperties(@DefaultValue("250ms") Duration poll, @DefaultValue("30s") Duration lookback,
        @DefaultValue("1m") Duration sweep, @DefaultValue("15m") Duration sweepLookback, @DefaultValue("50") double projectionFrom) {

    LiveFeedProperties {
        if (poll.isNegative() || poll.isZero() || poll.toSeconds() > 60) {
            throw new IllegalStateException("khanaen.results.live.poll must be between a millisecond and a minute");
        }
        if (lookback.compareTo(poll) <= 0 || sweepLookback.compareTo(lookback) < 0 || sweep.isNegative() || sweep.isZero()) {
            throw new IllegalStateException(
                    "khanaen.results.live: lookback must be longer than poll, sweep-lookback at least lookback, sweep positive");
        }
        if (projectionFrom < 0 || projectionFrom > 100) {
            throw new IllegalStateException("khanaen.results.live.projection-from is a percentage, 0 to 100");
        }
    }
}
