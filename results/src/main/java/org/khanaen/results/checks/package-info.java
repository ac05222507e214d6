/**
 * The count checks as plain rules ({@link org.khanaen.results.checks.Checks}, one per line of the brief), the report's
 * numbers ({@link org.khanaen.results.checks.Tally}) and what breaks them
 * ({@link org.khanaen.results.checks.Findings}): part of the results module's API, because pages and the API build
 * tallies and show findings, and the replay checks its split as the intake would. The form's own checks and the
 * "as written" rule are package-private behind them.
 */
@org.springframework.modulith.NamedInterface("checks")
package org.khanaen.results.checks;
