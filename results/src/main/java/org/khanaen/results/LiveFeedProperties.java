package org.khanaen.results;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code khanaen.results.live}: how each application node learns of the station contests other nodes decided (see
 * {@link ContestChangeFeed}).
 *
 * @param poll           how often the table is asked for rows written lately (a change shows on every node within about this)
 * @param recent         how far back each look reaches: longer than a batch usually takes from stamping a row to its commit
 *                       (times come back in whole seconds through the driver, so at least 2 s)
 * @param lookback       how far back a look reaches every {@code lookbackEvery}: longer than any transaction takes from
 *                       stamping a row to its commit, plus the nodes' clock difference
 * @param lookbackEvery  how often that look is taken (a row committed later than {@code recent} shows within this)
 * @param sweep          how often a wider look is taken, a safety net for a commit later still
 * @param sweepLookback  how far back that wider look reaches
 * @param projectionFrom the percentage of stations counted (party-list contest) from which party-list seats are projected
 *                       from the count, marked as a projection; below it no seats are given (counts do not arrive at
 *                       random: small, urban stations first). The quick count speaks before that (docs/quick-count.md)
 */
@ConfigurationProperties("khanaen.results.live")
record LiveFeedProperties(@DefaultValue("250ms") Duration poll, @DefaultValue("3s") Duration recent,
        @DefaultValue("30s") Duration lookback, @DefaultValue("5s") Duration lookbackEvery, @DefaultValue("1m") Duration sweep,
        @DefaultValue("15m") Duration sweepLookback, @DefaultValue("50") double projectionFrom) {

    LiveFeedProperties {
        if (poll.isNegative() || poll.isZero() || poll.toSeconds() > 60) {
            throw new IllegalStateException("khanaen.results.live.poll must be between a millisecond and a minute");
        }
        if (recent.compareTo(poll) <= 0 || lookback.compareTo(recent) < 0 || sweepLookback.compareTo(lookback) < 0
                || lookbackEvery.isNegative() || lookbackEvery.isZero() || sweep.isNegative() || sweep.isZero()) {
            throw new IllegalStateException("khanaen.results.live: recent must be longer than poll, lookback at least recent,"
                    + " sweep-lookback at least lookback, lookback-every and sweep positive");
        }
        if (projectionFrom < 0 || projectionFrom > 100) {
            throw new IllegalStateException("khanaen.results.live.projection-from is a percentage, 0 to 100");
        }
    }
}
