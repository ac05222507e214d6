/**
 * The quick count as plain, Spring-free rules: drawing a stratified random sample of stations from a seed, its
 * commitment (SHA-256 of the canonical list), and estimates from the sample stations that have reported: shares with
 * 95 % intervals (stratified ratio estimator with the finite-population correction) and party-list seat intervals by
 * resampling stations within strata and applying the exact seat rule to each replicate. Method: docs/quick-count.md.
 * Internal to the results module: other modules see the sample and the estimates through
 * {@link org.khanaen.results.QuickCounts}. Public for {@code QuickCounts} and the benchmarks, which measure the rules
 * alone.
 */
package org.khanaen.results.quickcount;
